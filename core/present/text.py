"""One voice: how every input and every headline number of a plan reads, wherever it appears
(sidebar, tables, charts, CSV, report, calendar, history). Each concept has one function here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from core.planner.models import Finding, Plan, PlanInputs, Severity
from core.planner.screening import FORM_TEST, NEVER_FOR_RUNNING_CODES
from core.planner.units import Units, fmt_mass, ordinal
from core.present.problems import UNSET_START_TEXT
from core.present.specs import (
    SECTIONS,
    SPEC_BY_NAME,
    SPECS,
    UNITS_NAMES,
    field_label,
    input_place,
    option_label,
)

__all__ = [
    "SEVERITY_TITLES", "field_label", "finding_groups", "finding_title", "form_test_note", "headline",
    "input_changes", "inputs_rows", "unsaved_changes", "value_text",
]

SEVERITY_TITLES: dict[Severity, str] = {"block": "Not for you yet", "warn": "Warnings", "info": "Good to know"}
"""The heading over each kind of finding, on the pages and in the report; a carrier that is never
for running has its own (``NEVER_FOR_RUNNING_TITLE``): see ``finding_title``."""

NEVER_FOR_RUNNING_TITLE = "Not for running"
"""The heading over the verdict on a carrier that is never for running (ankle weights, wrist
weights, dumbbells): not "not yet", since no runner will be ready to run with them."""

SEVERITY_ORDER: tuple[Severity, ...] = ("block", "warn", "info")


def finding_title(finding: Finding) -> str:
    """The heading a finding sits under, on the pages, in the report and in Compare.

    >>> from core.planner.screening import carrier_findings
    >>> [finding_title(f) for f in carrier_findings(PlanInputs(carrier="ankle_weights"))]
    ['Not for running']
    >>> [finding_title(f) for f in carrier_findings(PlanInputs(carrier="backpack"))]
    ['Not for you yet', 'Warnings']
    """
    if finding.severity == "block" and finding.code in NEVER_FOR_RUNNING_CODES:
        return NEVER_FOR_RUNNING_TITLE
    return SEVERITY_TITLES[finding.severity]


def finding_groups(plan: Plan) -> list[tuple[Severity, str, list[Finding]]]:
    """The plan's findings as the pages and the report list them: (severity, heading, findings),
    blocks first, then warnings, then notes; one group per heading, in the plan's order."""
    groups: list[tuple[Severity, str, list[Finding]]] = []
    for severity in SEVERITY_ORDER:
        by_title: dict[str, list[Finding]] = {}
        for finding in plan.findings_by_severity(severity):
            by_title.setdefault(finding_title(finding), []).append(finding)
        groups += [(severity, title, found) for title, found in by_title.items()]
    return groups


FINDING_INPUTS: dict[str, tuple[str, ...]] = {
    "carrier_ankle_weights": ("carrier",), "carrier_wrist_weights": ("carrier",), "carrier_dumbbells": ("carrier",),
    "carrier_none": ("carrier",), "carrier_backpack_not_event": ("carrier", "goal"),
    "lower_back_backpack": ("carrier", "injuries"), "beginner": ("experience",),
    "building_mileage": ("building_mileage",), "joint_pain": ("injuries",), "calorie_burn_goal": ("goal",),
    "equipment_too_small": ("equipment_max_kg",), "plate_step_too_large": ("load_step_kg",),
    "no_room_loaded": ("hard_days", "rest_days", "long_run_day", "loaded_runs_per_week"),
    "no_room_strength": ("hard_days", "rest_days", "long_run_day"),
    "no_room_plyo": ("hard_days", "rest_days", "long_run_day"),
    "hard_before_long": ("hard_days", "long_run_day"), "plyo_not_for_you": ("strength_level", "experience"),
    "deload_alignment": ("deload_every",), "loaded_run_capped": ("easy_run_km",),
}
"""The inputs a finding's advice is about (the pack's straps have their own sentence, ``PACK_STRAPS_WHERE``)."""

PACK_STRAPS_WHERE = ("Tick “Pack has a chest (sternum) strap” and “Pack has a hip belt” under Edit profile > "
                     "Goal & equipment, or choose Weighted vest under What you would carry {place}.")
"""Where to lift the refusal of a pack without both straps: the two boxes are in the dialog."""


def where_to_change(code: str, *, presenting: bool = False) -> str | None:
    """One sentence naming the inputs the finding ``code`` is about and where each really is (the sidebar,
    the bar at the top of the page in presentation mode, or a tab of Edit profile); None for a
    finding no input changes.

    >>> print(where_to_change("beginner"))
    Change Running experience under Edit profile > Runner.
    >>> print(where_to_change("no_room_strength", presenting=True))
    Change Hard days (intervals, tempo), Rest days and Long-run day under Edit profile > Running week.
    >>> print(where_to_change("carrier_backpack_not_event", presenting=True))
    Change What you would carry and Goal in the bar at the top of the page.
    """
    if code == "pack_missing_straps":
        return PACK_STRAPS_WHERE.format(place=input_place("carrier", presenting=presenting))
    names = FINDING_INPUTS.get(code)
    if not names:
        return None
    places: dict[str, list[str]] = {}
    for name in names:
        places.setdefault(input_place(name, presenting=presenting), []).append(SPEC_BY_NAME[name].label)
    parts = [f"{_and(labels)} {place}" for place, labels in places.items()]
    return f"Change {'; '.join(parts)}."


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


FORM_TEST_NOTE = f"{FORM_TEST} (002)"
"""The form test as it sits next to a load (a chart or table of carried load), with its source."""


def form_test_note(*plans: Plan) -> str | None:
    """The form test to show next to a load, when any of ``plans`` has loaded runs; else None.

    DOMAIN.md §3: the app says so wherever load is shown."""
    return FORM_TEST_NOTE if any(plan.loaded_running for plan in plans) else None


def value_text(name: str, value: Any, units: Units = "metric") -> str:
    """One input's value as the sidebar shows it, with its unit. ``value`` may be the model's
    value or its JSON form (a saved row): lists for tuples, ISO text for dates.

    >>> value_text("bodyweight_kg", 80.0, "imperial"), value_text("bodyweight_kg", 72.0)
    ('176 lb', '72 kg')
    >>> value_text("hard_days", ("tue", "thu"), "metric"), value_text("hard_days", [])
    ('Tue, Thu', 'none')
    >>> value_text("easy_pace_min_per_km", 6.0, "imperial"), value_text("long_run_km", 16.0, "imperial")
    ('9:39 /mi', '9.9 mi')
    >>> value_text("units", "imperial"), value_text("building_mileage", True), value_text("start_date", None)
    ('Imperial', 'yes', 'the Monday after today')
    """
    spec = SPEC_BY_NAME.get(name)
    if name == "units":
        return UNITS_NAMES.get(value, str(value))
    if name == "start_date" and value is None:
        return UNSET_START_TEXT
    if name == "event_date" and value is None:
        return "no event"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(value_text(name, v, units) for v in value) if value else "none"
    if isinstance(value, dt.date):
        return value.isoformat()
    if spec is None or not isinstance(value, int | float | str):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return option_label(spec, value, units)


def inputs_rows(inputs: PlanInputs) -> list[tuple[str, str, str]]:
    """(section, label, value) for every input, in sidebar order; fields the sidebar does not
    show (yet) follow under "Other"."""
    rows = []
    for section in SECTIONS:
        for spec in SPECS:
            if spec.section != section:
                continue
            if spec.name.startswith("pack_") and inputs.carrier != "backpack":
                continue
            rows.append((section, spec.label, value_text(spec.name, getattr(inputs, spec.name), inputs.units)))
        if section == SECTIONS[-1]:
            rows.append((section, "Units", value_text("units", inputs.units)))
    shown = {s.name for s in SPECS} | {"units"}
    for name in PlanInputs.model_fields:
        if name not in shown:
            rows.append(("Other", field_label(name), value_text(name, getattr(inputs, name), inputs.units)))
    return rows


def share_of_bodyweight(load_kg: float, bodyweight_kg: float) -> str:
    """
    >>> share_of_bodyweight(3.5, 70)
    '5.0% of bodyweight'
    """
    return f"{load_kg / bodyweight_kg:.1%} of bodyweight"


def ceiling_reached_text(plan: Plan) -> str:
    """When the plan reaches its ceiling, as the headline says it."""
    if not plan.loaded_running:
        return "—"
    return f"week {plan.ceiling_week}" if plan.ceiling_week else f"not within {plan.inputs.weeks} weeks"


def headline(plan: Plan) -> list[tuple[str, str, str]]:
    """The plan's headline facts, (label, value, detail), as the Plan page and the report show them."""
    inputs, units = plan.inputs, plan.inputs.units
    lifts = f"{len(plan.strength_days)} a week"
    deloads = f"deload every {ordinal(inputs.deload_every)} week"
    if not plan.loaded_running:
        return [("Loaded runs", "none", "see the findings"), ("Plan length", f"{inputs.weeks} weeks", ""),
                ("Lifts", lifts, deloads)]
    bw = inputs.bodyweight_kg
    return [
        ("Start load", fmt_mass(plan.start_load_kg, units), share_of_bodyweight(plan.start_load_kg, bw)),
        ("Ceiling", fmt_mass(plan.ceiling_kg, units), share_of_bodyweight(plan.ceiling_kg, bw)),
        ("Ceiling reached", f"week {plan.ceiling_week}" if plan.ceiling_week else "later",
         f"of {inputs.weeks}" if plan.ceiling_week else ceiling_reached_text(plan)),
        ("Loaded runs", f"{len(plan.loaded_days)} a week", "easy days only"),
        ("Lifts", lifts, deloads),
    ]


def input_changes(before: Mapping[str, Any], after: Mapping[str, Any], units: Units = "metric") -> list[str]:
    """What changed between two saved inputs (JSON dicts), one line per field, in the sidebar's
    order and words.

    >>> input_changes({"bodyweight_kg": 70.0, "weeks": 12}, {"bodyweight_kg": 72.0, "weeks": 12})
    ['Bodyweight: 70 → 72 kg']
    """
    order = [n for n in PlanInputs.model_fields if n in before or n in after]
    order += sorted((set(before) | set(after)) - set(order))  # fields the model no longer has
    lines = []
    for name in order:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        label = field_label(name)
        if old is None:
            lines.append(f"{label}: set to {value_text(name, new, units)}")
        elif new is None:
            lines.append(f"{label}: removed (was {value_text(name, old, units)})")
        else:
            old_text, new_text = value_text(name, old, units), value_text(name, new, units)
            unit = new_text.rpartition(" ")[2] if " " in new_text else ""
            if unit and old_text.endswith(" " + unit) and unit in ("kg", "lb", "km", "mi"):
                old_text = old_text.removesuffix(" " + unit)
            lines.append(f"{label}: {old_text} → {new_text}")
    return lines


def unsaved_changes(saved: PlanInputs | None, current: PlanInputs) -> list[str]:
    """What the sidebar's ``current`` inputs change from the ``saved`` ones (``None``: no athlete
    open, so the defaults), one line each as the history words them. Not counted: the units
    (they change how numbers read, never the plan), a start date where the saved plan had none
    (the sidebar dates every plan) and a pack's straps when neither plan carries a backpack.

    >>> unsaved_changes(PlanInputs(bodyweight_kg=70), PlanInputs(bodyweight_kg=72, units="imperial"))
    ['Bodyweight: 154 → 159 lb']
    >>> unsaved_changes(None, PlanInputs(start_date=dt.date(2026, 11, 23)))
    []
    """
    before = (saved or PlanInputs()).model_dump(mode="json")
    after = current.model_dump(mode="json")
    ignored = {"units"}
    if before.get("start_date") is None:
        ignored.add("start_date")
    if "backpack" not in (before.get("carrier"), after.get("carrier")):
        ignored |= {name for name in after if name.startswith("pack_")}
    # A value that reads the same in the coach's units (70 kg and the 154 lb the imperial sidebar
    # holds for it) is no change they could see or save differently.
    ignored |= {name for name in after if name in before and before[name] != after[name]
                and value_text(name, before[name], current.units) == value_text(name, after[name], current.units)}
    return input_changes({k: v for k, v in before.items() if k not in ignored},
                         {k: v for k, v in after.items() if k not in ignored}, current.units)


def profile_summary(inputs: PlanInputs) -> list[str]:
    """The settings behind "Edit profile", one short line per part, so they are seen without opening it.

    >>> profile_summary(PlanInputs())[0]
    'Intermediate runner, 35 years'
    """
    units = inputs.units

    def text(name: str) -> str:
        return value_text(name, getattr(inputs, name), units)

    runner = f"{text('experience')} runner, {inputs.age} years"
    if inputs.building_mileage:
        runner += ", building mileage"
    if inputs.injuries:
        runner += f"; {text('injuries')}"
    gear = f"Equipment holds {text('equipment_max_kg')}, in {text('load_step_kg')} steps; lifting at {text('strength_setting').lower()}"
    if inputs.carrier == "backpack":
        straps = [part for part, has in (("chest strap", inputs.pack_chest_strap), ("hip belt", inputs.pack_hip_belt)) if has]
        gear += f"; pack {'with ' + ' and '.join(straps) if straps else 'without chest strap or hip belt'}"
    week = f"Long run {text('long_run_day')}; hard days {text('hard_days')}; rest days {text('rest_days')}"
    if inputs.start_date is not None:
        week += f"; starts {inputs.start_date.isoformat()}"
    runs = "1 loaded run" if inputs.loaded_runs_per_week == 1 else f"{inputs.loaded_runs_per_week} loaded runs"
    plan = (f"{text('strength_level')} strength, {runs} a week, a step every {inputs.progression_weeks} weeks, "
            f"deload every {ordinal(inputs.deload_every)} week; easy pace {text('easy_pace_min_per_km')}")
    if inputs.event_date is None:
        return [runner, gear, week, plan]
    load = (text("event_standard") if inputs.event_standard != "custom" else
            f"{text('event_load_kg')} required" if inputs.event_load_kg > 0 else "no required load")
    event = (f"Event: {text('event_kind')}, {text('event_distance_km')}, {load}; "
             f"{text('running').lower()}")
    return [runner, gear, week, event, plan]
