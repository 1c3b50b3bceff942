"""The inputs as the sidebar shows them: one ``FieldSpec`` each (section, kind, label, help,
options), in the sidebar's order, and the names and labels a person reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from core.planner.models import WEEKDAY_NAMES, WEEKDAYS
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
    Units,
    distance_unit,
    fmt_mass,
    mass_unit,
    ordinal,
    pace_unit,
    percent,
    share,
    span,
)
from core.present.grids import GRIDS, metric_grid, number_label

Kind = Literal["mass", "distance", "pace", "int", "choice", "multi", "bool", "date"]


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
              metric_grid("bodyweight_kg")),
    FieldSpec("age", "Runner", "int", "Age (years)", f"From {AGE_BONE_DENSITY_INFO} the app notes the bone-density benefit.",
              (14, 90)),
    FieldSpec("experience", "Runner", "choice", "Running experience",
              "Beginners build consistent unloaded form before carrying weight (002).",
              ("beginner", "intermediate", "experienced"),
              {"beginner": "Beginner", "intermediate": "Intermediate", "experienced": "Experienced"}),
    FieldSpec("building_mileage", "Runner", "bool", "Currently building mileage",
              "Raising weekly distance and adding load stress the same tissue: one at a time (002)."),
    FieldSpec("new_to_lifting", "Runner", "bool", "New to strength training",
              "Lifting starts alone: loaded runs wait for a 4-week strength base, one new stress at a time (004)."),
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
              "The plan never asks for more than this.", metric_grid("equipment_max_kg")),
    FieldSpec("load_step_kg", "Goal & equipment", "mass", "Smallest weight step",
              "Your lightest plate or pocket weight: loads are rounded down to it.", metric_grid("load_step_kg")),
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
              metric_grid("easy_run_km")),
    FieldSpec("hard_run_km", "Running week", "distance", "Usual hard run", "Your interval or tempo day.",
              metric_grid("hard_run_km")),
    FieldSpec("long_run_km", "Running week", "distance", "Usual long run", "Your weekly long run.",
              metric_grid("long_run_km")),
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
              metric_grid("event_distance_km")),
    FieldSpec("event_standard", "Event", "choice", "Load the event requires",
              "A published standard, or your own figure below.",
              ("custom", "goruck_light", "goruck_tough", "foot_march"),
              {"custom": "My own figure", "goruck_light": "GORUCK Light (10/20 lb)",
               "goruck_tough": "GORUCK Tough (20/30 lb)", "foot_march": "Foot march (35 lb)"}),
    FieldSpec("event_load_kg", "Event", "mass", "Required load (own figure)",
              "The pack weight the event asks for; 0 if none. Loaded running never goes above the ceiling.",
              metric_grid("event_load_kg")),
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
              "warm-up and recoveries).", metric_grid("easy_pace_min_per_km")),
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


PHONE_SIDEBAR_BUTTON = "Pages and inputs"
"""What the closed sidebar's button reads on a phone, where the sidebar starts closed behind it
(``pages._ui.routing.NAVIGATION_CSS``)."""
SIDEBAR_PLACE = f"in the sidebar (on a phone: {PHONE_SIDEBAR_BUTTON})"
"""Where the key inputs are, true on a wide screen and on a phone."""


def input_place(name: str, *, presenting: bool = False) -> str:
    """Where a runner changes the input ``name``, as the end of a sentence.

    >>> input_place("carrier"), input_place("carrier", presenting=True), input_place("pack_hip_belt")
    ('in the sidebar (on a phone: Pages and inputs)', 'in the bar at the top of the page', 'under Edit profile > Goal & equipment')
    """
    if name in KEY_INPUTS:
        return "in the bar at the top of the page" if presenting else SIDEBAR_PLACE
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
