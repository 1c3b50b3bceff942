"""Why a value can't be used, in our words, and the repairs that keep a plan valid.

Sentences are built from pydantic's error ``type`` and ``ctx`` (stable across its releases), never
from its ``msg`` text: what a runner reads does not change when pydantic rewords a message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from core.planner.models import DAY_CLASHES, WEEKDAY_NAMES, PlanInputs
from core.planner.units import Units
from core.present.grids import GRIDS, number_label
from core.present.specs import SPEC_BY_NAME, SPEC_INDEX, UNITS_NAMES, field_label

UNSET_START_TEXT = "the Monday after today"
"""How a plan without a start date is described: it starts the Monday after the day it is opened."""

DAYS_CLASH = "days_clash"
"""The error type ``PlanInputs`` raises when the long-run, hard and rest days clash."""

_BOUNDS = {
    "greater_than_equal": ("ge", "must be at least"),
    "less_than_equal": ("le", "must be at most"),
    "greater_than": ("gt", "must be more than"),
    "less_than": ("lt", "must be less than"),
}
_REASONS = {
    "missing": "is missing",
    "extra_forbidden": "is not a planner setting",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "date_parsing": "must be a date like 2026-01-05",
    "date_type": "must be a date like 2026-01-05",
    "date_from_datetime_parsing": "must be a date like 2026-01-05",
    "date_from_datetime_inexact": "must be a date like 2026-01-05, without a time",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "iterable_type": "must be a list",
    "string_type": "must be text",
    "json_invalid": "is not valid JSON",
    "model_type": "must be an object of settings",
    "model_attributes_type": "must be an object of settings",
    "dict_type": "must be an object of settings",
}


def problem_reason(problem: Mapping[str, Any], units: Units = "metric") -> str:
    """Why one value can't be used, as the end of a sentence whose subject is the field.

    >>> problem_reason({"type": "less_than_equal", "loc": ("bodyweight_kg",), "ctx": {"le": 200}}, "imperial")
    'must be at most 440.9 lb'
    >>> problem_reason({"type": "literal_error", "loc": ("goal",), "ctx": {}})
    'must be one of general_fitness, calorie_burn, strength, pack_event'
    """
    kind = str(problem.get("type", ""))
    ctx = problem.get("ctx") or {}
    location = problem.get("loc") or ()
    name = str(location[0]) if location else ""
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"{words} {limit_text(name, ctx.get(key), units)}"
    if kind == "literal_error":
        spec = SPEC_BY_NAME.get(name)
        options = spec.options if spec else tuple(UNITS_NAMES) if name == "units" else ()
        return "must be one of " + ", ".join(str(o) for o in options) if options else "is not one of the choices"
    if kind == DAYS_CLASH:
        return days_clash_text(ctx)
    return _REASONS.get(kind, "can't be used")


def days_clash_text(ctx: Mapping[str, Any]) -> str:
    """The clash ``PlanInputs`` reports, in the runner's words.

    >>> days_clash_text({"clash": "hard_rest", "days": "Tuesday, Friday"})
    "Tuesday, Friday can't be both a hard day and a rest day"
    """
    template = DAY_CLASHES.get(str(ctx.get("clash")), "the long-run, hard and rest days clash")
    return template.format(days=ctx.get("days", ""))


def limit_text(name: str, limit: Any, units: Units) -> str:
    """A bound or a number a person gave, with its unit: as given, not moved to a grid."""
    spec = SPEC_BY_NAME.get(name)
    if spec is None or not isinstance(limit, int | float):
        return str(limit)
    if name in GRIDS:
        grid = GRIDS[name][units]
        if spec.kind == "pace" or grid.holds(limit):
            return number_label(name, limit, units) if name != "load_step_kg" else \
                f"{grid.label(grid.nearest_shown(limit) or grid.show(limit))} {grid.unit}"
        return f"{grid.show(limit):.4g} {grid.unit}"
    return f"{limit:g}"


def in_app_order(problems: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Validation problems in the order a person meets the fields: the sidebar's (``SPECS``),
    then other fields of the model, then keys the planner doesn't know, then clashes between
    fields. Never pydantic's own order, which changes between its releases."""
    fields = list(PlanInputs.model_fields)

    def key(problem: Mapping[str, Any]) -> tuple[int, int, str, str]:
        location = problem.get("loc") or ()
        if not location:
            return (3, 0, "", "")
        name, rest = str(location[0]), str(location[1:])
        if name in SPEC_INDEX:
            return (0, SPEC_INDEX[name], "", rest)
        if name in fields:
            return (1, fields.index(name), "", rest)
        return (2, 0, name, rest)

    return sorted(problems, key=key)


def _repair_days(data: dict[str, Any], ctx: Mapping[str, Any]) -> str:
    """Resolve a clash between the long-run day, hard days and rest days."""
    defaults = PlanInputs.model_fields
    long_day = data.get("long_run_day", defaults["long_run_day"].default)
    hard = tuple(data.get("hard_days", defaults["hard_days"].default))
    rest = tuple(data.get("rest_days", defaults["rest_days"].default))
    hard = tuple(d for d in hard if d != long_day)
    rest = tuple(d for d in rest if d != long_day)
    hard = tuple(d for d in hard if d not in rest)
    data["hard_days"], data["rest_days"] = hard, rest
    text = days_clash_text(ctx)
    return f"{text[0].upper()}{text[1:]}: the plan treats it as {_day_roles(long_day, hard, rest)}."


def _day_roles(long_day: str, hard: tuple[str, ...], rest: tuple[str, ...]) -> str:
    parts = [f"{WEEKDAY_NAMES[long_day]} long run"]
    if hard:
        parts.append("hard " + ", ".join(WEEKDAY_NAMES[d] for d in hard))
    if rest:
        parts.append("rest " + ", ".join(WEEKDAY_NAMES[d] for d in rest))
    return "; ".join(parts)


def resolve_inputs(values: Mapping[str, Any]) -> tuple[PlanInputs, list[str]]:
    """Valid ``PlanInputs`` from ``values``, repairing what clashes; never raises.

    A value that fails its own check falls back to the default. Days that clash are resolved
    in the runner's favour of safety: the long-run day stays, a day both hard and rest stays a
    rest day. Each repair is one sentence in the returned list, in the sidebar's order.

    >>> resolve_inputs({"weeks": 60, "bodyweight_kg": 20})[1]
    ['Bodyweight must be at least 35 kg. Using the default.', 'Plan length (weeks) must be at most 52. Using the default.']
    """
    data = dict(values)
    messages: list[str] = []
    units: Units = "imperial" if data.get("units") == "imperial" else "metric"
    for _ in range(len(data) + 1):
        try:
            inputs = PlanInputs.model_validate(data)
            return inputs, messages
        except ValidationError as error:
            fixed = False
            for problem in in_app_order(error.errors()):
                location = problem["loc"][0] if problem["loc"] else None
                if location and location in data:
                    messages.append(f"{field_label(str(location))} {problem_reason(problem, units)}. "
                                    "Using the default.")
                    data.pop(str(location))
                    fixed = True
                elif not location and problem["type"] == DAYS_CLASH:
                    messages.append(_repair_days(data, problem.get("ctx") or {}))
                    fixed = True
            if not fixed:  # pragma: no cover - an error we cannot attribute
                messages.append("Some settings could not be used; showing the default plan.")
                return PlanInputs(), messages
    return PlanInputs(), messages
