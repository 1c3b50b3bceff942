"""The inputs as a person sees them: labels, help, option grids, and reading untrusted values.

Numbers live on a metric grid (kg, km); only their labels change with units. A URL, an
uploaded profile or a saved row goes through ``check_query`` / ``resolve_inputs``, which keep
every value they can and say, in one sentence each, what they could not use.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import ValidationError

from core.planner.models import (
    DAY_CLASHES,
    FIRST_START_DATE,
    LAST_START_DATE,
    WEEKDAY_NAMES,
    WEEKDAYS,
    PlanInputs,
)
from core.planner.rules import (
    AGE_BONE_DENSITY_INFO,
    CEILING_FRACTION_BW_GENERAL,
    CEILING_FRACTION_BW_MAX,
    DELOAD_EVERY_WEEKS,
    EXERCISES_PER_LEVEL,
    FIRST_LOADED_FRACTION_OF_EASY,
    LOAD_STEP_WEEKS,
    LOADED_RUNS_MAX_PER_WEEK,
    LOADED_RUNS_MIN_PER_WEEK,
    MAX_LOAD_STEP_KG,
    PLAN_WEEKS,
    SESSION_RPE_DELAY_MINUTES,
    STRENGTH_MINUTES,
    STRENGTH_RPE,
)
from core.planner.units import (
    KM_PER_MI,
    Units,
    distance,
    distance_unit,
    fmt_pace,
    mass,
    mass_unit,
    ordinal,
    pace_unit,
    percent,
    share,
    span,
    to_kg,
    to_km,
)

Kind = Literal["mass", "distance", "pace", "int", "choice", "multi", "bool", "date"]


def _grid(low: float, high: float, step: float) -> tuple[float, ...]:
    return tuple(round(low + i * step, 6) for i in range(round((high - low) / step) + 1))


PLATE_STEPS_KG: tuple[float, ...] = tuple(sorted({
    0.25, 0.5, 1.0, 1.25, 2.0, 2.5, 5.0,
    round(1.25 * 0.45359237, 6), round(2.5 * 0.45359237, 6), round(5 * 0.45359237, 6),
    round(10 * 0.45359237, 6),
}))
"""Common plate steps: metric plates, and 1.25 / 2.5 / 5 / 10 lb plates in kg."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    section: str
    kind: Kind
    label: str
    help: str
    options: tuple[Any, ...] = ()
    names: Mapping[Any, str] = field(default_factory=dict)


DAY_NAMES = {d: WEEKDAY_NAMES[d][:3] for d in WEEKDAYS}

SECTIONS = ("Runner", "Goal & equipment", "Running week", "Plan")

SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("bodyweight_kg", "Runner", "mass", "Bodyweight",
              "Your weight without the load. Start load and ceiling are shares of it.",
              _grid(35, 200, 0.5)),
    FieldSpec("age", "Runner", "int", "Age (years)", f"From {AGE_BONE_DENSITY_INFO} the app notes the bone-density benefit.",
              (14, 90)),
    FieldSpec("experience", "Runner", "choice", "Running experience",
              "Beginners build consistent unloaded form before carrying weight (002).",
              ("beginner", "intermediate", "experienced"),
              {"beginner": "Beginner", "intermediate": "Intermediate", "experienced": "Experienced"}),
    FieldSpec("building_mileage", "Runner", "bool", "Currently building mileage",
              "Raising weekly distance and adding load stress the same tissue: one at a time (002)."),
    FieldSpec("injuries", "Runner", "multi", "Injuries and pain",
              "Current joint pain blocks loaded running; a past injury means starting low (002, 004).",
              ("lower_back", "joint_pain", "knee", "achilles", "hip"),
              {"lower_back": "Lower back pain or lumbar injury", "joint_pain": "Arthritis or chronic joint pain",
               "knee": "Past knee injury", "achilles": "Past Achilles injury", "hip": "Past hip injury"}),
    FieldSpec("goal", "Goal & equipment", "choice", "Goal",
              f"The ceiling is {percent(CEILING_FRACTION_BW_GENERAL)} of bodyweight, "
              f"{percent(CEILING_FRACTION_BW_MAX)} only for pack events (002).",
              ("general_fitness", "calorie_burn", "strength", "pack_event"),
              {"general_fitness": "General fitness", "calorie_burn": "Calorie burn",
               "strength": "Strength", "pack_event": "Pack event (ultra, tactical, fastpacking)"}),
    FieldSpec("carrier", "Goal & equipment", "choice", "What you would carry",
              "A vest is the recommended carrier; ankle and wrist weights and dumbbells are not for running.",
              ("vest", "backpack", "ankle_weights", "wrist_weights", "dumbbells", "none"),
              {"vest": "Weighted vest", "backpack": "Backpack", "ankle_weights": "Ankle weights",
               "wrist_weights": "Wrist weights", "dumbbells": "Dumbbells in hand", "none": "Nothing"}),
    FieldSpec("pack_chest_strap", "Goal & equipment", "bool", "Pack has a chest (sternum) strap",
              "Without one the pack bounces (002)."),
    FieldSpec("pack_hip_belt", "Goal & equipment", "bool", "Pack has a hip belt",
              "It moves weight to the hips; without one the pack bounces (002)."),
    FieldSpec("equipment_max_kg", "Goal & equipment", "mass", "Most your equipment holds",
              "The plan never asks for more than this.", _grid(0, 60, 0.5)),
    FieldSpec("load_step_kg", "Goal & equipment", "mass", "Smallest weight step",
              "Your lightest plate or pocket weight: loads are rounded down to it.", PLATE_STEPS_KG),
    FieldSpec("strength_setting", "Goal & equipment", "choice", "Strength training at",
              "Picks the gym or home option of each exercise (004).", ("gym", "home"),
              {"gym": "Gym", "home": "Home"}),
    FieldSpec("long_run_day", "Running week", "choice", "Long-run day",
              "No lifting on this day or the day before (004).", WEEKDAYS, DAY_NAMES),
    FieldSpec("hard_days", "Running week", "multi", "Hard days (intervals, tempo)",
              "Lifting fits later on these days; loaded runs never go here.", WEEKDAYS, DAY_NAMES),
    FieldSpec("rest_days", "Running week", "multi", "Rest days", "No running and no lifting.",
              WEEKDAYS, DAY_NAMES),
    FieldSpec("easy_run_km", "Running week", "distance", "Usual easy run",
              f"Loaded runs start at {share(FIRST_LOADED_FRACTION_OF_EASY)} of this and never exceed it.",
              _grid(1, 60, 0.5)),
    FieldSpec("hard_run_km", "Running week", "distance", "Usual hard run", "Your interval or tempo day.",
              _grid(1, 60, 0.5)),
    FieldSpec("long_run_km", "Running week", "distance", "Usual long run", "Your weekly long run.",
              _grid(1, 60, 0.5)),
    FieldSpec("start_date", "Running week", "date", "Plan starts",
              "The plan starts on the Monday of this week."),
    FieldSpec("weeks", "Plan", "int", "Plan length (weeks)", f"{PLAN_WEEKS[0]} to {PLAN_WEEKS[1]} weeks.", (4, 52)),
    FieldSpec("strength_level", "Plan", "choice", "Strength plan",
              f"Minimal: {EXERCISES_PER_LEVEL['minimal']} exercises, {STRENGTH_MINUTES['minimal']} min. "
              f"Standard: {EXERCISES_PER_LEVEL['standard']} exercises, {STRENGTH_MINUTES['standard']} min. "
              "Advanced adds a plyometric micro-dose for experienced runners (004).",
              ("minimal", "standard", "advanced"),
              {"minimal": "Minimal", "standard": "Standard", "advanced": "Advanced"}),
    FieldSpec("loaded_runs_per_week", "Plan", "choice", "Loaded runs per week",
              f"{LOADED_RUNS_MIN_PER_WEEK}-{LOADED_RUNS_MAX_PER_WEEK}, on easy days, never on consecutive "
              "days (002).", (1, 2), {1: "1", 2: "2"}),
    FieldSpec("progression_weeks", "Plan", "choice", "Weeks between load steps",
              f"Add at most {MAX_LOAD_STEP_KG:g} kg every {span(LOAD_STEP_WEEKS)} weeks (002).", (2, 3),
              {2: "2", 3: "3"}),
    FieldSpec("deload_every", "Plan", "choice", "Deload every (weeks)",
              "Every n-th week is lighter for running load and lifting "
              f"(004: every {ordinal(DELOAD_EVERY_WEEKS)}).",
              (3, 4, 5, 6), {3: "3", 4: "4", 5: "5", 6: "6"}),
    FieldSpec("easy_pace_min_per_km", "Plan", "pace", "Easy pace",
              "Your usual easy-run pace. It turns distances into minutes for the training load "
              "and energy on the Load page (hard sessions are counted at it too, with their "
              "warm-up and recoveries).", _grid(3, 12, 1 / 12)),
    FieldSpec("loaded_slowdown_pct", "Plan", "int", "Loaded runs slower by (%)",
              "Run loaded at the same easy effort, so a little slower. A starting guess: the form "
              "test decides, not the watch.", (0, 25)),
    FieldSpec("rpe_easy", "Plan", "int", "Effort of easy runs (RPE 1-10)",
              f"Session RPE on the CR-10 scale, asked {SESSION_RPE_DELAY_MINUTES} minutes after the "
              "session (Foster 2001): "
              "1 very easy, 10 maximal.", (1, 10)),
    FieldSpec("rpe_long", "Plan", "int", "Effort of the long run (RPE 1-10)", "Session RPE, CR-10 scale.", (1, 10)),
    FieldSpec("rpe_hard", "Plan", "int", "Effort of hard runs (RPE 1-10)", "Session RPE, CR-10 scale.", (1, 10)),
    FieldSpec("rpe_loaded", "Plan", "int", "Effort of loaded runs (RPE 1-10)",
              "Session RPE of a loaded easy run. The load is also counted by mass: (body + load) / body.",
              (1, 10)),
    FieldSpec("rpe_strength", "Plan", "int", "Effort of lifting (RPE 1-10)",
              f"The whole session's RPE (sets themselves at RPE {STRENGTH_RPE}, 004).", (1, 10)),
)
SPEC_BY_NAME = {s.name: s for s in SPECS}
SPEC_INDEX = {s.name: i for i, s in enumerate(SPECS)}
UNITS_NAMES: dict[Units, str] = {"metric": "Metric", "imperial": "Imperial"}


def widget_label(spec: FieldSpec, units: Units) -> str:
    if spec.kind == "mass":
        return f"{spec.label} ({mass_unit(units)})"
    if spec.kind == "distance":
        return f"{spec.label} ({distance_unit(units)})"
    if spec.kind == "pace":
        return f"{spec.label} ({pace_unit(units)})"
    return spec.label


def option_label(spec: FieldSpec, value: Any, units: Units) -> str:
    """What a widget shows for ``value``; select widgets also put it in the URL.

    >>> option_label(SPEC_BY_NAME["bodyweight_kg"], 80.0, "metric")
    '80'
    >>> option_label(SPEC_BY_NAME["bodyweight_kg"], 80.0, "imperial")
    '176 lb'
    """
    if spec.kind == "mass":
        if spec.name == "load_step_kg":
            return f"{mass(value, units):.3g}" + (" lb" if units == "imperial" else "")
        return f"{value:g}" if units == "metric" else f"{mass(value, units):.0f} lb"
    if spec.kind == "distance":
        return f"{value:g}" if units == "metric" else f"{distance(value, units):.1f} mi"
    if spec.kind == "pace":
        return fmt_pace(value, units, suffix=units == "imperial")
    if spec.kind in ("choice", "multi"):
        return spec.names.get(value, str(value))
    return str(value)


def _parse_number(text: str, spec: FieldSpec) -> float:
    raw = text.strip().lower()
    unit_units: Units = "metric"  # the parameter's name says kg or km; "lb" / "mi" say otherwise
    suffixes: tuple[tuple[str, Units], ...] = ((" lb", "imperial"), ("lb", "imperial"), (" mi", "imperial"), ("mi", "imperial"),
                                               (" kg", "metric"), ("kg", "metric"), (" km", "metric"), ("km", "metric"))
    for suffix, implied in suffixes:
        if raw.endswith(suffix):
            raw, unit_units = raw[: -len(suffix)].strip(), implied
            break
    number = float(raw)  # ValueError for text
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    if spec.kind == "mass":
        return to_kg(number, unit_units)
    return to_km(number, unit_units)


def _parse_pace(text: str) -> float:
    """'6:00', '6:00 /km', '9:39/mi', 'min/km' suffixes or plain minutes ('6.5'), to min/km."""
    raw = text.strip().lower().replace(" ", "")
    per_mile = False
    for suffix, mile in (("min/mi", True), ("/mi", True), ("min/km", False), ("/km", False)):
        if raw.endswith(suffix):
            raw, per_mile = raw[: -len(suffix)], mile
            break
    if ":" in raw:
        minutes, _, seconds = raw.partition(":")
        if not (minutes.isdigit() and seconds.isdigit() and len(seconds) == 2 and int(seconds) < 60):
            raise ValueError("not a pace")
        value = int(minutes) + int(seconds) / 60
    else:
        value = float(raw)
        if not math.isfinite(value):
            raise ValueError("not a finite number")
    return value / KM_PER_MI if per_mile else value


def _describe(spec: FieldSpec, units: Units) -> str:
    if spec.kind in ("mass", "distance"):
        low, high = spec.options[0], spec.options[-1]
        return f"a number from {_limit_text(spec.name, low, units).split()[0]} to {_limit_text(spec.name, high, units)}"
    if spec.kind == "pace":
        low, high = spec.options[0], spec.options[-1]
        return f"a pace from {fmt_pace(low, units)} to {fmt_pace(high, units)}"
    if spec.kind == "int" or (spec.kind == "choice" and all(isinstance(o, int) for o in spec.options)):
        return f"a whole number from {spec.options[0]} to {spec.options[-1]}"
    if spec.kind in ("choice", "multi"):
        return "one of " + ", ".join(spec.names.get(o, str(o)) for o in spec.options)
    if spec.kind == "bool":
        return "true or false"
    return f"a date from {FIRST_START_DATE} to {LAST_START_DATE}, like 2026-01-05"


def parse_value(spec: FieldSpec, raw: list[str], units: Units) -> Any:
    """One field's value from URL text (``raw`` holds repeated parameters). Accepts the widget's
    own labels and the plain field values. Raises ``ValueError`` with what was expected."""
    expected = _describe(spec, units)
    if spec.kind == "multi":
        by_text = {str(o).lower(): o for o in spec.options}
        by_text.update({label.lower(): o for o, label in spec.names.items()})
        values = []
        for item in (i for i in raw if i.strip()):  # "hard_days=" is an empty choice, not an error
            key = item.strip().lower()
            if key not in by_text:
                raise ValueError(f"'{item[:40]}' is not {expected}")
            values.append(by_text[key])
        return tuple(dict.fromkeys(values))
    if len(raw) != 1:
        raise ValueError(f"is given {len(raw)} times; expected {expected}")
    text = raw[0]
    shown = text[:40] + ("…" if len(text) > 40 else "")
    try:
        if spec.kind in ("mass", "distance", "pace"):
            return grid_value(spec, text, units)
        if spec.kind == "int":
            number = float(text)
            if not number.is_integer() or not spec.options[0] <= number <= spec.options[1]:
                raise ValueError
            return int(number)
        if spec.kind == "choice":
            for option in spec.options:
                if text.strip().lower() in (str(option).lower(), spec.names.get(option, "").lower()):
                    return option
            raise ValueError
        if spec.kind == "bool":
            lowered = text.strip().lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
            return lowered in ("true", "1", "yes")
        date = dt.date.fromisoformat(text.strip())
        if not FIRST_START_DATE <= date <= LAST_START_DATE:
            raise ValueError
        return date
    except (ValueError, OverflowError):
        raise ValueError(f"'{shown}' is not {expected}") from None  # the sentence's subject is the label


def grid_value(spec: FieldSpec, text: str, units: Units) -> float:
    """A number from link text, on the widget's grid. The widget's own label of a grid value
    ("198 lb") gives that value back exactly; any other number between two grid values is
    rounded down (a lighter bodyweight, load or distance is the safe side; a pace, to the
    nearest). Raises ``ValueError`` outside the grid.

    >>> spec = SPEC_BY_NAME["bodyweight_kg"]
    >>> grid_value(spec, "198 lb", "imperial"), grid_value(spec, "55.3", "metric"), grid_value(spec, "55.5", "metric")
    (90.0, 55.0, 55.5)
    """
    labelled = next((o for o in spec.options if option_label(spec, o, units).lower() == text.strip().lower()), None)
    if labelled is not None:
        return float(labelled)
    value = _parse_pace(text) if spec.kind == "pace" else _parse_number(text, spec)
    low, high = spec.options[0], spec.options[-1]
    if not low - 1e-6 <= value <= high + 1e-6:
        raise ValueError("outside the grid")
    if spec.kind == "pace":
        return float(min(spec.options, key=lambda o: abs(o - value)))
    return float(max(o for o in spec.options if o <= value + 1e-6))


@dataclass
class QueryCheck:
    """The result of reading a URL: clean values, the URL rewritten in the widgets' own format,
    and one sentence per parameter that was ignored."""

    values: dict[str, Any]
    normalized: dict[str, list[str]]
    messages: list[str]


def _default_text(spec: FieldSpec, units: Units) -> str:
    default = PlanInputs.model_fields[spec.name].get_default()
    if default is None:
        return UNSET_START_TEXT
    if isinstance(default, tuple):
        return ", ".join(option_label(spec, d, units) for d in default) or "none"
    if spec.kind in ("mass", "distance", "pace"):
        return _limit_text(spec.name, default, units)
    if spec.kind == "bool":
        return "yes" if default else "no"
    return option_label(spec, default, units)


def check_query(params: Mapping[str, list[str]]) -> QueryCheck:
    """Read untrusted URL parameters field by field; never raises. Each message names the
    input as the sidebar labels it and says what the plan uses instead.

    >>> check = check_query({"bodyweight_kg": ["abc"], "weeks": ["20"]})
    >>> check.values, check.messages
    ({'weeks': 20}, ["Link: Bodyweight 'abc' is not a number from 35 to 200 kg. Using the default, 70 kg."])
    >>> print(*check_query({"bodyweight_kg": ["55.3"], "hard_days": [""]}).messages)
    Link: Bodyweight 55.3 kg is between two of the sidebar's steps. Using 55 kg (rounded down, the safe side).
    """
    values: dict[str, Any] = {}
    normalized: dict[str, list[str]] = {}
    messages: list[str] = []
    units: Units = "metric"
    raw_units = params.get("units")
    if raw_units is not None:
        text = raw_units[0].strip().lower() if len(raw_units) == 1 else ""
        match: Units | None = next((u for u, label in UNITS_NAMES.items() if text in (u, label.lower())), None)
        if match:
            units = match
            values["units"] = units
            normalized["units"] = [UNITS_NAMES[units]]
        else:
            messages.append(f"Link: Units '{text[:40]}' is not metric or imperial. Using metric.")
    for key, raw in params.items():
        if key == "units":
            continue
        spec = SPEC_BY_NAME.get(key)
        if spec is None:
            messages.append(f"Link: '{key[:40]}' is not a planner setting and was ignored.")
            continue
        try:
            value = parse_value(spec, list(raw), units)
        except ValueError as error:
            messages.append(f"Link: {spec.label} {error}. Using the default, {_default_text(spec, units)}.")
            continue
        values[key] = value
        if spec.kind in ("mass", "distance") and len(raw) == 1 and raw[0].strip().lower() != \
                option_label(spec, value, units).lower():
            given = _parse_number(raw[0], spec)
            if abs(given - value) > 1e-6:
                messages.append(f"Link: {spec.label} {_limit_text(key, given, units)} is between two of the "
                                f"sidebar's steps. Using {_limit_text(key, value, units)} (rounded down, the safe side).")
        if spec.kind == "multi":  # "hard_days=" (one empty value) is how a link says "none"
            normalized[key] = [option_label(spec, v, units) for v in value] or [""]
        elif spec.kind == "bool":
            normalized[key] = ["true" if value else "false"]
        elif spec.kind == "date":
            normalized[key] = [value.isoformat()]
        else:
            normalized[key] = [option_label(spec, value, units)]
    return QueryCheck(values, normalized, messages)


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


def field_label(name: str, *, with_key: bool = False) -> str:
    """A person's name for an input, wherever it is named: the sidebar's label; for a name the
    sidebar doesn't know (a hand-edited row, an older app's field), the name without its unit
    suffix. ``with_key`` adds the field's own name, so a hand-edited saved row can be mended.

    >>> field_label("bodyweight_kg"), field_label("rpe_long_run"), field_label("units")
    ('Bodyweight', 'RPE long run', 'Units')
    >>> field_label("bodyweight_kg", with_key=True)
    'Bodyweight (bodyweight_kg)'
    """
    spec = SPEC_BY_NAME.get(name)
    if spec:
        label = spec.label
    elif name == "units":
        label = "Units"
    else:
        stem = re.sub(r"_(kg|km|min_per_km|pct)$", "", name).replace("_", " ")
        label = re.sub(r"\brpe\b", "RPE", stem.capitalize(), flags=re.IGNORECASE)
    return f"{label} ({name})" if with_key else label


# --- Why a value can't be used, in our words ----------------------------------------------------
# Built from pydantic's error ``type`` and ``ctx`` (stable across its releases), never from its
# ``msg`` text: what a runner reads does not change when pydantic rewords a message.

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
    'must be at most 441 lb'
    >>> problem_reason({"type": "literal_error", "loc": ("goal",), "ctx": {}})
    'must be one of general_fitness, calorie_burn, strength, pack_event'
    """
    kind = str(problem.get("type", ""))
    ctx = problem.get("ctx") or {}
    location = problem.get("loc") or ()
    name = str(location[0]) if location else ""
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"{words} {_limit_text(name, ctx.get(key), units)}"
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


def _limit_text(name: str, limit: Any, units: Units) -> str:
    spec = SPEC_BY_NAME.get(name)
    if spec is None or not isinstance(limit, int | float):
        return str(limit)
    if spec.kind == "mass":
        return f"{option_label(spec, limit, units).removesuffix(' lb')} {mass_unit(units)}"
    if spec.kind == "distance":
        return f"{option_label(spec, limit, units).removesuffix(' mi')} {distance_unit(units)}"
    if spec.kind == "pace":
        return fmt_pace(limit, units)
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


def link_params(inputs: PlanInputs) -> dict[str, list[str]]:
    """Inputs as URL parameters (every field that has a sidebar widget, and units) in the plain
    form ``check_query`` reads; it gives back the widgets' own values and format. Used to open a
    saved athlete or an uploaded profile in the sidebar.

    >>> link_params(PlanInputs(bodyweight_kg=72))["bodyweight_kg"]
    ['72.0']
    """
    data = inputs.model_dump(mode="json")
    params: dict[str, list[str]] = {"units": [inputs.units]}
    for spec in SPECS:
        value = data[spec.name]
        if value is None:  # an undated plan: the sidebar dates it
            continue
        if isinstance(value, list):
            params[spec.name] = [str(v) for v in value]
        elif isinstance(value, bool):
            params[spec.name] = ["true" if value else "false"]
        else:
            params[spec.name] = [str(value)]
    return params
