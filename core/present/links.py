"""Inputs in a link: reading untrusted URL parameters field by field, and writing them back.

A URL, an uploaded profile or a saved row goes through ``check_query`` (then
``core.present.problems.resolve_inputs``), which keeps every value it can and says, in one
sentence each, what it could not use.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.planner.models import FIRST_START_DATE, LAST_EVENT_DATE, LAST_START_DATE, PlanInputs
from core.planner.units import KM_PER_MI, Units, distance, fmt_pace, mass, to_kg, to_km
from core.present.grids import GRIDS, LEGACY_OPTIONS, PARAM_NOTATION, number_label, number_text
from core.present.problems import UNSET_START_TEXT, limit_text
from core.present.specs import SPEC_BY_NAME, SPECS, UNITS_NAMES, FieldSpec, option_label


def legacy_label(spec: FieldSpec, value: float, units: Units) -> str:
    """How links written before each unit system had its own grid labelled a metric grid value."""
    if spec.kind == "mass":
        if spec.name == "load_step_kg":
            return f"{mass(value, units):.3g}" + (" lb" if units == "imperial" else "")
        return f"{value:g}" if units == "metric" else f"{mass(value, units):.0f} lb"
    if spec.kind == "distance":
        return f"{value:g}" if units == "metric" else f"{distance(value, units):.1f} mi"
    return fmt_pace(value, units, suffix=units == "imperial")


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
    if spec.name in GRIDS:
        shown = GRIDS[spec.name][units].shown_values()
        low, high = GRIDS[spec.name][units].metric(shown[0]), GRIDS[spec.name][units].metric(shown[-1])
        if spec.kind == "pace":
            return f"a pace from {number_label(spec.name, low, units)} to {number_label(spec.name, high, units)}"
        if spec.name == "load_step_kg":
            return "one of " + ", ".join(number_label(spec.name, GRIDS[spec.name][units].metric(v), units)
                                         for v in shown)
        return f"a number from {number_label(spec.name, low, units).split()[0]} to {number_label(spec.name, high, units)}"
    if spec.kind == "int" or (spec.kind == "choice" and all(isinstance(o, int) for o in spec.options)):
        return f"a whole number from {spec.options[0]} to {spec.options[-1]}"
    if spec.kind in ("choice", "multi"):
        return "one of " + ", ".join(spec.names.get(o, str(o)) for o in spec.options)
    if spec.kind == "bool":
        return "true or false"
    if spec.name == "event_date":
        return f"a date from {FIRST_START_DATE} to {LAST_EVENT_DATE}, like 2027-06-05, or nothing"
    return f"a date from {FIRST_START_DATE} to {LAST_START_DATE}, like 2026-01-05"


def parse_value(spec: FieldSpec, raw: list[str], units: Units, notation: Units | None = None) -> Any:
    """One field's value from URL text (``raw`` holds repeated parameters). Accepts the widget's
    own labels and the plain field values; ``notation`` is a number parameter's unit system
    (``bodyweight_lb`` is imperial). Raises ``ValueError`` with what was expected."""
    expected = _describe(spec, notation or units)
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
            return grid_value(spec, text, units, notation or "metric")
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
        if spec.name == "event_date" and not text.strip():
            return None  # "event_date=": no event
        date = dt.date.fromisoformat(text.strip())
        last = LAST_EVENT_DATE if spec.name == "event_date" else LAST_START_DATE
        if not FIRST_START_DATE <= date <= last:
            raise ValueError
        return date
    except (ValueError, OverflowError):
        raise ValueError(f"'{shown}' is not {expected}") from None  # the sentence's subject is the label


def grid_value(spec: FieldSpec, text: str, units: Units, notation: Units = "metric") -> float:
    """A number from link text, on its grid. ``notation`` is the parameter's: ``bodyweight_lb=199``
    is imperial, on imperial's grid of whole pounds; ``bodyweight_kg=80`` is metric. A value on
    the grid comes back exactly; a number between two grid values moves the safe way (see
    ``Grid``). A metric parameter also reads what older links wrote: "176 lb" was the label of
    80 kg. Raises ``ValueError`` outside the grid.

    >>> spec = SPEC_BY_NAME["bodyweight_kg"]
    >>> grid_value(spec, "198 lb", "imperial"), grid_value(spec, "55.37", "metric")
    (90.0, 55.3)
    >>> from core.planner.units import KG_PER_LB
    >>> grid_value(spec, "199", "imperial", notation="imperial") == 199 * KG_PER_LB
    True
    """
    grid = GRIDS[spec.name][notation]
    if notation == "metric":
        cleaned = text.strip().lower()
        legacy = next((o for o in LEGACY_OPTIONS.get(spec.name, ()) if legacy_label(spec, o, units).lower() == cleaned), None)
        if legacy is not None and (units == "imperial" or spec.name == "load_step_kg"):
            on_imperial = GRIDS[spec.name]["imperial"].nearest_shown(legacy)  # an old lb plate
            return GRIDS[spec.name]["imperial"].metric(on_imperial) if on_imperial is not None else grid.snap(legacy)
        imperial = GRIDS[spec.name]["imperial"]
        if spec.kind != "pace" and cleaned.endswith(imperial.unit):  # "199 lb": imperial's grid
            return imperial.snap(imperial.metric(_parse_plain(cleaned, imperial.unit)))
        value = _parse_pace(text) if spec.kind == "pace" else _parse_number(text, spec)
    elif spec.kind == "pace":
        plain = text.strip().lower().replace(" ", "")
        value = grid.metric(_parse_pace(plain.removesuffix("min/mi").removesuffix("/mi")))
    else:
        value = grid.metric(_parse_plain(text, grid.unit))
    return grid.snap(value)


def _parse_plain(text: str, unit: str) -> float:
    raw = text.strip().lower().removesuffix(unit).strip()
    number = float(raw)
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


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
        return limit_text(spec.name, default, units)
    if spec.kind == "bool":
        return "yes" if default else "no"
    return option_label(spec, default, units)


def check_query(params: Mapping[str, list[str]]) -> QueryCheck:
    """Read untrusted URL parameters field by field; never raises. Each message names the
    input as the sidebar labels it and says what the plan uses instead. A number can come in
    either notation (``bodyweight_kg=80``, ``bodyweight_lb=199``); ``values`` is keyed by field.

    >>> check = check_query({"bodyweight_kg": ["abc"], "weeks": ["20"]})
    >>> check.values, check.messages
    ({'weeks': 20}, ["Link: Bodyweight 'abc' is not a number from 35 to 200 kg. Using the default, 70 kg."])
    >>> print(*check_query({"bodyweight_kg": ["55.37"], "hard_days": [""]}).messages)
    Link: Bodyweight 55.37 kg is between two of the sidebar's steps. Using 55.3 kg (rounded down, the safe side).
    >>> check_query({"bodyweight_lb": ["199"], "units": ["imperial"]}).normalized["bodyweight_lb"]
    ['199']
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
    given_as: dict[str, str] = {}
    for key, raw in params.items():
        if key == "units":
            continue
        name, notation = PARAM_NOTATION.get(key, (key, None))
        spec = SPEC_BY_NAME.get(name)
        if spec is None:
            messages.append(f"Link: '{key[:40]}' is not a planner setting and was ignored.")
            continue
        if name in given_as:
            messages.append(f"Link: {spec.label} is given twice ({given_as[name]} and {key}). Using {given_as[name]}.")
            continue
        try:
            value = parse_value(spec, list(raw), units, notation)
        except ValueError as error:
            messages.append(f"Link: {spec.label} {error}. Using the default, {_default_text(spec, units)}.")
            continue
        given_as[name] = key
        values[name] = value
        if name in GRIDS and len(raw) == 1:
            given = _given_number(spec, raw[0], units, notation or "metric")
            if given is not None and abs(given - value) > 1e-6 * max(1.0, abs(value)):
                grid = GRIDS[name][notation or "metric"]
                how = {"down": "rounded down, the safe side", "nearest": "the nearest step",
                       "up": "the next plate up: loads round down to it, the safe side"}[grid.safe]
                messages.append(f"Link: {spec.label} {limit_text(name, given, notation or units)} is between two "
                                f"of the sidebar's steps. Using {limit_text(name, value, notation or units)} ({how}).")
        param, written = field_param(spec, value, units)
        normalized[param] = written
    return QueryCheck(values, normalized, messages)


def _given_number(spec: FieldSpec, text: str, units: Units, notation: Units) -> float | None:
    """The number a link's text says, in metric, before it moved to the grid (None if it names a grid label)."""
    try:
        if notation == "imperial":
            grid = GRIDS[spec.name]["imperial"]
            plain = text.strip().lower().replace(" ", "")
            return grid.metric(_parse_pace(plain.removesuffix("min/mi").removesuffix("/mi")) if spec.kind == "pace"
                               else _parse_plain(text, grid.unit))
        if text.strip().lower() in {legacy_label(spec, o, units).lower() for o in LEGACY_OPTIONS.get(spec.name, ())}:
            return None
        return _parse_pace(text) if spec.kind == "pace" else _parse_number(text, spec)
    except ValueError:
        return None


def field_param(spec: FieldSpec, value: Any, units: Units) -> tuple[str, list[str]]:
    """(link parameter, values) for one input, as the app writes the address bar: numbers exact,
    in the notation of the grid they sit on (``number_text``); "none" as one empty value.

    >>> field_param(SPEC_BY_NAME["hard_days"], (), "metric"), field_param(SPEC_BY_NAME["weeks"], 20, "metric")
    (('hard_days', ['']), ('weeks', ['20']))
    """
    if spec.name in GRIDS:
        param, text = number_text(spec.name, value, units)
        return param, [text]
    if spec.kind == "multi":  # "hard_days=" (one empty value) is how a link says "none"
        return spec.name, [option_label(spec, v, units) for v in value] or [""]
    if spec.kind == "bool":
        return spec.name, ["true" if value else "false"]
    if spec.kind == "date":
        return spec.name, [value.isoformat() if value is not None else ""]  # "event_date=": no event
    return spec.name, [option_label(spec, value, units)]


def link_params(inputs: PlanInputs, *, changed_only: bool = False) -> dict[str, list[str]]:
    """Inputs as URL parameters in the form the app writes the address bar (``field_param``), which
    ``check_query`` reads back exactly. Every field that has an input, and units; with
    ``changed_only``, only the fields that differ from their default (a link's form), the start
    date always (a plan without one starts the Monday after the day it is opened).

    >>> link_params(PlanInputs(bodyweight_kg=72))["bodyweight_kg"]
    ['72']
    >>> link_params(PlanInputs(units="imperial", easy_run_km=6 * KM_PER_MI), changed_only=True)
    {'units': ['Imperial'], 'easy_run_mi': ['6']}
    """
    params: dict[str, list[str]] = {}
    if inputs.units != "metric" or not changed_only:
        params["units"] = [UNITS_NAMES[inputs.units]]
    for spec in SPECS:
        value = getattr(inputs, spec.name)
        if value is None:  # an undated plan: the sidebar dates it
            continue
        if changed_only and spec.kind != "date" and value == PlanInputs.model_fields[spec.name].get_default():
            continue
        param, text = field_param(spec, value, inputs.units)
        params[param] = text
    return params
