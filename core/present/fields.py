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
    LAST_EVENT_DATE,
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
    KG_PER_LB,
    KM_PER_MI,
    Units,
    distance,
    distance_unit,
    fmt_mass,
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


LEGACY_OPTIONS: dict[str, tuple[float, ...]] = {
    "bodyweight_kg": _grid(35, 200, 0.5), "equipment_max_kg": _grid(0, 60, 0.5),
    "load_step_kg": tuple(sorted({0.25, 0.5, 1.0, 1.25, 2.0, 2.5, 5.0, *(round(lb * 0.45359237, 6) for lb in (1.25, 2.5, 5, 10))})),
    "easy_run_km": _grid(1, 60, 0.5), "hard_run_km": _grid(1, 60, 0.5), "long_run_km": _grid(1, 60, 0.5),
    "easy_pace_min_per_km": _grid(3, 12, 1 / 12),
}
"""The metric grids of links written before each unit system had its own (up to 2026-12): an old
imperial link says "176 lb" for the 80 kg it was made with, and opens the same plan."""


Safe = Literal["down", "up", "nearest"]


@dataclass(frozen=True)
class Grid:
    """The numbers one unit system offers for a field, in its own unit: ``low`` to ``high`` by
    ``step``, or exactly ``values``. ``per`` is the metric amount of one shown unit (1 for kg and
    km). A metric value is always ``shown * per`` of a grid value, so it round-trips exactly.
    ``safe`` is the direction a number between two grid values moves: a lighter bodyweight, load
    or distance; a coarser plate step (loads round down to it); the nearest pace."""

    unit: str
    per: float
    low: float = 0.0
    high: float = 0.0
    step: float = 0.0
    values: tuple[float, ...] = ()
    safe: Safe = "down"

    def shown_values(self) -> tuple[float, ...]:
        if self.values:
            return self.values
        return tuple(round(self.low + i * self.step, 6) for i in range(round((self.high - self.low) / self.step) + 1))

    def show(self, metric: float) -> float:
        return metric / self.per

    def metric(self, shown: float) -> float:
        return shown * self.per

    def nearest_shown(self, metric: float) -> float | None:
        """The grid value this metric value is (within rounding), or None when it is off the grid."""
        shown = self.show(metric)
        if self.values:
            best = min(self.values, key=lambda v: abs(v - shown))
        else:
            best = round(self.low + round((shown - self.low) / self.step) * self.step, 6)
            if not self.low - 1e-6 <= best <= self.high + 1e-6:
                return None
        return best if abs(best - shown) <= 1e-6 * max(1.0, abs(shown)) else None

    def holds(self, metric: float) -> bool:
        return self.nearest_shown(metric) is not None

    def snap(self, metric: float) -> float:
        """The metric value of the grid value ``metric`` moves to, in the safe direction (exact
        when it is on the grid). Raises ``ValueError`` outside the grid."""
        on = self.nearest_shown(metric)
        if on is not None:
            return self.metric(on)
        shown = self.show(metric)
        values = self.shown_values()
        if self.safe == "up":
            above = [v for v in values if v >= shown]
            if not above:
                raise ValueError("outside the grid")
            return self.metric(min(above))
        if not values[0] - 1e-6 <= shown <= values[-1] + 1e-6:
            raise ValueError("outside the grid")
        if self.safe == "nearest":
            return self.metric(min(values, key=lambda v: abs(v - shown)))
        if self.values:
            return self.metric(max(v for v in values if v <= shown + 1e-9))
        steps = math.floor((shown - self.low) / self.step + 1e-6)
        return self.metric(round(self.low + steps * self.step, 6))

    def label(self, shown: float) -> str:
        """A grid value as the widget and the link write it: '199', '6.2', '9:35'."""
        if self.unit.startswith("/"):
            seconds = round(shown * 60)
            return f"{seconds // 60}:{seconds % 60:02d}"
        return f"{shown:g}" if self.values or self.step >= 1 else f"{shown:.{_decimals(self.step)}f}".rstrip("0").rstrip(".")


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


_PACE_STEP = 1 / 12  # 5 seconds
GRIDS: dict[str, dict[Units, Grid]] = {
    "bodyweight_kg": {"metric": Grid("kg", 1.0, 35, 200, 0.1), "imperial": Grid("lb", KG_PER_LB, 78, 440, 1)},
    "equipment_max_kg": {"metric": Grid("kg", 1.0, 0, 60, 0.5), "imperial": Grid("lb", KG_PER_LB, 0, 132, 1)},
    "load_step_kg": {"metric": Grid("kg", 1.0, values=(0.25, 0.5, 1.0, 1.25, 2.0, 2.5, 5.0), safe="up"),
                     "imperial": Grid("lb", KG_PER_LB, values=(1.0, 1.25, 2.5, 5.0, 10.0), safe="up")},
    **{name: {"metric": Grid("km", 1.0, 1, 60, 0.1), "imperial": Grid("mi", KM_PER_MI, 0.7, 37.2, 0.1)}
       for name in ("easy_run_km", "hard_run_km", "long_run_km")},
    "event_distance_km": {"metric": Grid("km", 1.0, 1, 250, 0.1), "imperial": Grid("mi", KM_PER_MI, 0.7, 155.3, 0.1)},
    "event_load_kg": {"metric": Grid("kg", 1.0, 0, 60, 0.5), "imperial": Grid("lb", KG_PER_LB, 0, 132, 1)},
    "easy_pace_min_per_km": {"metric": Grid("/km", 1.0, 3, 12, _PACE_STEP, safe="nearest"),
                             "imperial": Grid("/mi", 1 / KM_PER_MI, 4 + 50 / 60, 19.25, _PACE_STEP, safe="nearest")},
}
"""Each number's grid in each unit system: whole pounds, 0.1 mi and 5-second paces are imperial's own,
not a relabelled metric grid. The plates are the ones people own (0.25 to 5 kg; 1 to 10 lb)."""

IMPERIAL_SUFFIXES = (("_min_per_km", "_min_per_mi"), ("_kg", "_lb"), ("_km", "_mi"))


def _metric_grid(name: str) -> tuple[float, ...]:
    return GRIDS[name]["metric"].shown_values()


def param_name(name: str, units: Units) -> str:
    """The link parameter of a number in one unit system's notation: the name says the unit.

    >>> param_name("bodyweight_kg", "imperial"), param_name("easy_pace_min_per_km", "imperial")
    ('bodyweight_lb', 'easy_pace_min_per_mi')
    """
    if units == "metric" or name not in GRIDS:
        return name
    for metric, imperial in IMPERIAL_SUFFIXES:
        if name.endswith(metric):
            return name[: -len(metric)] + imperial
    return name  # pragma: no cover - every grid field ends in a unit


PARAM_NOTATION: dict[str, tuple[str, Units]] = {param_name(name, u): (name, u) for name in GRIDS
                                                for u in ("metric", "imperial")}
"""Every number's link parameter, in both notations: ``bodyweight_lb`` -> (``bodyweight_kg``, imperial)."""


def notation(name: str, value: float, units: Units) -> Units:
    """Which unit system's grid a metric value sits on (the runner's own units first): the link
    writes it in that notation, so 199 lb stays 199 lb and 90 kg stays 90 kg, whatever is shown."""
    grids = GRIDS[name]
    other: Units = "metric" if units == "imperial" else "imperial"
    if grids[units].holds(value):
        return units
    return other if grids[other].holds(value) else "metric"


def number_text(name: str, value: float, units: Units) -> tuple[str, str]:
    """(link parameter, text) for a number: exact, in the notation of the grid it sits on.

    >>> number_text("bodyweight_kg", 199 * KG_PER_LB, "metric"), number_text("bodyweight_kg", 80.0, "imperial")
    (('bodyweight_lb', '199'), ('bodyweight_kg', '80'))
    """
    system = notation(name, value, units)
    grid = GRIDS[name][system]
    shown = grid.nearest_shown(value)
    text = grid.label(shown) if shown is not None else repr(float(value))
    return param_name(name, system), text


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

SECTIONS = ("Runner", "Goal & equipment", "Running week", "Event", "Plan")

SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("bodyweight_kg", "Runner", "mass", "Bodyweight",
              "Your weight without the load. Start load and ceiling are shares of it.",
              _metric_grid("bodyweight_kg")),
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
              "The plan never asks for more than this.", _metric_grid("equipment_max_kg")),
    FieldSpec("load_step_kg", "Goal & equipment", "mass", "Smallest weight step",
              "Your lightest plate or pocket weight: loads are rounded down to it.", _metric_grid("load_step_kg")),
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
              _metric_grid("easy_run_km")),
    FieldSpec("hard_run_km", "Running week", "distance", "Usual hard run", "Your interval or tempo day.",
              _metric_grid("hard_run_km")),
    FieldSpec("long_run_km", "Running week", "distance", "Usual long run", "Your weekly long run.",
              _metric_grid("long_run_km")),
    FieldSpec("start_date", "Running week", "date", "Plan starts",
              "The plan starts on the Monday of this week."),
    FieldSpec("event_date", "Event", "date", "Event date",
              "Optional. The plan runs from its start to this week: preparation, build, specific (pack events), "
              "taper and the event. Empty: no event."),
    FieldSpec("event_kind", "Event", "choice", "Kind of event",
              "Trail ultras with mandatory kit, ruck or tactical events, fastpacking and obstacle races are pack "
              "events (002).", ("trail_ultra", "ruck", "fastpacking", "obstacle", "race"),
              {"trail_ultra": "Trail ultra with kit", "ruck": "Ruck or tactical", "fastpacking": "Fastpacking",
               "obstacle": "Obstacle race", "race": "Race without a pack"}),
    FieldSpec("event_distance_km", "Event", "distance", "Event distance",
              "The long run of built running grows toward it, up to 150 minutes (Daniels 2014).",
              _metric_grid("event_distance_km")),
    FieldSpec("event_standard", "Event", "choice", "Load the event requires",
              "A published standard, or your own figure below.",
              ("custom", "goruck_light", "goruck_tough", "foot_march"),
              {"custom": "My own figure", "goruck_light": "GORUCK Light (10/20 lb)",
               "goruck_tough": "GORUCK Tough (20/30 lb)", "foot_march": "Foot march (35 lb)"}),
    FieldSpec("event_load_kg", "Event", "mass", "Required load (own figure)",
              "The pack weight the event asks for; 0 if none. Loaded running never goes above the ceiling.",
              _metric_grid("event_load_kg")),
    FieldSpec("running", "Event", "choice", "Who plans the running",
              "Own: your runs as entered. Build: the plan builds the running toward the event, 10% a week at most, "
              "with a taper.", ("own", "build"),
              {"own": "I follow my own running plan", "build": "Build my running toward the event"}),
    FieldSpec("weeks", "Plan", "int", "Plan length (weeks)",
              f"{PLAN_WEEKS[0]} to {PLAN_WEEKS[1]} weeks. With an event, the plan runs to its week.", (4, 52)),
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
              f"Add at most {{max_step}} every {span(LOAD_STEP_WEEKS)} weeks (002).", (2, 3),
              {2: "2", 3: "3"}),
    FieldSpec("deload_every", "Plan", "choice", "Deload every (weeks)",
              "Every n-th week is lighter for running load and lifting "
              f"(004: every {ordinal(DELOAD_EVERY_WEEKS)}).",
              (3, 4, 5, 6), {3: "3", 4: "4", 5: "5", 6: "6"}),
    FieldSpec("easy_pace_min_per_km", "Plan", "pace", "Easy pace",
              "Your usual easy-run pace. It turns distances into minutes for the training load "
              "and energy on the Load page (hard sessions are counted at it too, with their "
              "warm-up and recoveries).", _metric_grid("easy_pace_min_per_km")),
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
KEY_INPUTS = ("bodyweight_kg", "goal", "carrier", "weeks", "easy_run_km", "long_run_km", "hard_run_km", "event_date")
"""The inputs a runner explores with: one move away on every page (the sidebar, or the bar at the
top in presentation mode). The others are behind "Edit profile", one tab per ``SECTIONS``."""


def input_place(name: str, *, presenting: bool = False) -> str:
    """Where a runner changes the input ``name``, as the end of a sentence.

    >>> input_place("carrier"), input_place("carrier", presenting=True), input_place("pack_hip_belt")
    ('in the sidebar', 'in the bar at the top of the page', 'under Edit profile > Goal & equipment')
    """
    if name in KEY_INPUTS:
        return "in the bar at the top of the page" if presenting else "in the sidebar"
    return f"under Edit profile > {SPEC_BY_NAME[name].section}"
SPEC_INDEX = {s.name: i for i, s in enumerate(SPECS)}
UNITS_NAMES: dict[Units, str] = {"metric": "Metric", "imperial": "Imperial"}


def field_help(spec: FieldSpec, units: Units) -> str:
    """An input's help text, its masses in ``units``.

    >>> field_help(SPEC_BY_NAME["progression_weeks"], "imperial")
    'Add at most 2.2 lb every 2-3 weeks (002).'
    """
    return spec.help.replace("{max_step}", fmt_mass(MAX_LOAD_STEP_KG, units))


def widget_label(spec: FieldSpec, units: Units) -> str:
    if spec.kind == "mass":
        return f"{spec.label} ({mass_unit(units)})"
    if spec.kind == "distance":
        return f"{spec.label} ({distance_unit(units)})"
    if spec.kind == "pace":
        return f"{spec.label} ({pace_unit(units)})"
    return spec.label


def number_label(name: str, value: float, units: Units) -> str:
    """A number as a person reads it, with its unit: its grid's label when it is on the grid,
    else rounded for reading (the stored value stays exact). A plate step off this unit system's
    grid reads in these units, then as the plate it is ("1.1 lb (0.5 kg)" in imperial): the exact
    plate matters.

    >>> number_label("bodyweight_kg", 80.0, "imperial"), number_label("easy_run_km", 8.0, "metric")
    ('176 lb', '8 km')
    >>> number_label("load_step_kg", 0.5, "imperial"), number_label("easy_pace_min_per_km", 6.0, "imperial")
    ('1.1 lb (0.5 kg)', '9:39 /mi')
    """
    if name == "load_step_kg" and notation(name, value, units) != units:
        plate = notation(name, value, units)
        return f"{fmt_mass(value, units)} ({number_label(name, value, plate)})"
    grid = GRIDS[name][units]
    shown = grid.nearest_shown(value)
    if grid.unit.startswith("/"):
        return f"{grid.label(shown if shown is not None else grid.show(value))} {grid.unit}"
    if shown is not None:
        return f"{grid.label(shown)} {grid.unit}"
    decimals = 0 if grid.values or grid.step >= 1 else _decimals(grid.step)
    return f"{grid.show(value):.{decimals}f} {grid.unit}"


def option_label(spec: FieldSpec, value: Any, units: Units) -> str:
    """What a widget shows for ``value``.

    >>> option_label(SPEC_BY_NAME["bodyweight_kg"], 80.0, "metric")
    '80 kg'
    >>> option_label(SPEC_BY_NAME["bodyweight_kg"], 80.0, "imperial")
    '176 lb'
    """
    if spec.name in GRIDS:
        return number_label(spec.name, value, units)
    if spec.kind in ("choice", "multi"):
        return spec.names.get(value, str(value))
    return str(value)


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
        return _limit_text(spec.name, default, units)
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
                messages.append(f"Link: {spec.label} {_limit_text(name, given, notation or units)} is between two "
                                f"of the sidebar's steps. Using {_limit_text(name, value, notation or units)} ({how}).")
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


# --- A number typed into an input --------------------------------------------------------------
# The sidebar's numbers are typed as text and read here (a browser's number input reads "80,5" as
# 805 and keeps an out-of-range value on screen that the plan never uses). Whatever is typed, the
# input then shows the value the plan uses, and a sentence next to it says why when that is not
# what was typed. AppTests assert these constants, never a library's wording.

TYPED_COMMA = "Read {typed} as {read}: a comma is taken as the decimal point."
TYPED_OTHER_UNIT = "Read {typed} as {read}."
TYPED_BETWEEN = "{read} is between two steps of {step}: the plan uses {used} ({how})."
TYPED_OUTSIDE = "{read} is outside {low} to {high}: the plan keeps {kept}."
TYPED_NOT_A_NUMBER = "'{typed}' is not a number: the plan keeps {kept}."
TYPED_EMPTY = "Nothing typed: the plan keeps {kept}."
_SAFE_HOW = {"down": "rounded down, the safe side", "nearest": "the nearest step",
             "up": "the next plate up: loads round down to it, the safe side"}
_TYPED_NUMBER = re.compile(r"^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*([a-z]*)$")
_UNIT_WORDS: dict[str, tuple[str, Units]] = {
    "kg": ("kg", "metric"), "kgs": ("kg", "metric"), "lb": ("lb", "imperial"), "lbs": ("lb", "imperial"),
    "km": ("km", "metric"), "mi": ("mi", "imperial"), "mile": ("mi", "imperial"), "miles": ("mi", "imperial"),
}


@dataclass(frozen=True)
class TypedReading:
    """What a typed number means: ``value`` the metric value the plan uses (None: it keeps the
    value it had), ``text`` what the input shows from now on, ``note`` the sentence saying why it
    is not exactly what was typed (None when it is), ``refused`` whether the plan kept its value."""

    value: float | None
    text: str
    note: str | None = None
    refused: bool = False


def typed_text(name: str, value: float, units: Units) -> str:
    """What a typed-number input shows for the metric ``value``: its grid's label ('72.3', '176'),
    a value between two steps of this grid rounded for reading.

    >>> typed_text("bodyweight_kg", 72.3, "metric"), typed_text("bodyweight_kg", 80.0, "imperial")
    ('72.3', '176')
    """
    grid = GRIDS[name][units]
    on = grid.nearest_shown(value)
    if on is not None:
        return grid.label(on)
    number = min(max(grid.show(value), grid.low), grid.high)
    return grid.label(round(number) if grid.step >= 1 else round(number, _decimals(grid.step)))


def _reading_text(grid: Grid, shown: float) -> str:
    return f"{round(shown, 2):g} {grid.unit}"


def read_typed(name: str, text: str, units: Units, kept: float) -> TypedReading:
    """Read what was typed into the input of the number field ``name`` (shown in ``units``; the plan
    holds ``kept``, metric). A decimal comma is read as a decimal point, the other unit system's
    unit is converted, a number between two steps moves the safe way, and a number outside the
    input's range or text that is not a number leaves the plan at ``kept``; each says so.

    >>> read_typed("bodyweight_kg", "80,5", "metric", 70.0)
    TypedReading(value=80.5, text='80.5', note='Read 80,5 as 80.5 kg: a comma is taken as the decimal point.', refused=False)
    >>> print(read_typed("bodyweight_kg", "500", "metric", 70.0).note)
    500 kg is outside 35 to 200 kg: the plan keeps 70 kg.
    """
    grid = GRIDS[name][units]
    kept_text = number_label(name, kept, units)
    cleaned = " ".join(text.split()).lower()
    match = _TYPED_NUMBER.match(cleaned.replace(" ", "")) if cleaned else None
    unit_word = match.group(2) if match else ""
    if not cleaned:
        return TypedReading(None, typed_text(name, kept, units), TYPED_EMPTY.format(kept=kept_text), refused=True)
    if match is None or (unit_word and _UNIT_WORDS.get(unit_word, ("", ""))[0] not in
                         {grid.unit, GRIDS[name]["metric" if units == "imperial" else "imperial"].unit}):
        return TypedReading(None, typed_text(name, kept, units),
                            TYPED_NOT_A_NUMBER.format(typed=text.strip()[:20], kept=kept_text), refused=True)
    number_text, notes = match.group(1), []
    number = float(number_text.replace(",", "."))
    unit, system = _UNIT_WORDS.get(unit_word, (grid.unit, units))
    if system == units:
        metric = grid.metric(number)
    else:
        metric = to_kg(number, system) if SPEC_BY_NAME[name].kind == "mass" else to_km(number, system)
    if "," in number_text:
        notes.append(TYPED_COMMA.format(typed=text.strip(), read=f"{number:g} {unit}"))
    elif system != units:
        notes.append(TYPED_OTHER_UNIT.format(typed=text.strip(), read=_reading_text(grid, grid.show(metric))))
    shown = grid.show(metric)
    if not grid.low - 1e-9 <= shown <= grid.high + 1e-9:
        notes.append(TYPED_OUTSIDE.format(read=_reading_text(grid, shown), low=grid.label(grid.low),
                                          high=f"{grid.label(grid.high)} {grid.unit}", kept=kept_text))
        return TypedReading(None, typed_text(name, kept, units), " ".join(notes), refused=True)
    used = grid.snap(metric)
    if abs(grid.show(used) - shown) > 1e-9 * max(1.0, abs(shown)):
        notes.append(TYPED_BETWEEN.format(read=_reading_text(grid, shown), step=f"{grid.label(grid.step)} {grid.unit}",
                                          used=number_label(name, used, units), how=_SAFE_HOW[grid.safe]))
    return TypedReading(used, typed_text(name, used, units), " ".join(notes) or None)
