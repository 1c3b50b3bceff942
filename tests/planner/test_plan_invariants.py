"""Properties every plan keeps, whatever the runner enters (DOMAIN.md §1-6).

The strategy (``tests.strategies.plan_inputs``) generates every valid ``PlanInputs`` (the cross-field day rules hold by
construction), biased towards runners who may carry load, so the loaded-running invariants are
exercised rather than vacuously true. ``test_generator_exercises_loaded_running`` checks that bias.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from itertools import combinations
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core import Plan, PlanInputs, build_plan
from core.planner.event import event_load_kg
from core.planner.models import UNDATED_START, WEEKDAY_NAMES
from tests.strategies import INJURIES, WEEKDAYS, plan_inputs  # noqa: F401

# Float slack: core counts whole plate steps and 0.1 km units, but bodyweight * 5% or
# easy_run_km * 0.5 can land a hair under a grid point in binary floating point.
TOL = 1e-6
EPS = 1e-9

SETTINGS = settings(max_examples=300, deadline=None)


# --- Helpers computed independently of core ----------------------------------------------------

def _previous(day: str) -> str:
    return WEEKDAYS[(WEEKDAYS.index(day) - 1) % 7]


def _cyclic_adjacent(a: str, b: str) -> bool:
    return (WEEKDAYS.index(a) - WEEKDAYS.index(b)) % 7 in (1, 6)


def lift_days(inputs: PlanInputs) -> list[str]:
    """Days a lift may go: not a rest day, not the long-run day, not the day before it."""
    banned = {inputs.long_run_day, _previous(inputs.long_run_day), *inputs.rest_days}
    return [d for d in WEEKDAYS if d not in banned]


def room_for_two_lifts(inputs: PlanInputs, loaded_days: tuple[str, ...] = ()) -> bool:
    """Two non-adjacent days a lift may go on; never the loaded day after the long run."""
    after_long = WEEKDAYS[(WEEKDAYS.index(inputs.long_run_day) + 1) % 7]
    days = [d for d in lift_days(inputs) if not (d == after_long and d in loaded_days)]
    return any(not _cyclic_adjacent(a, b) for a, b in combinations(days, 2))


def steps_below(kg: float, step_kg: float) -> int:
    return math.floor(kg / step_kg + EPS)


def ceiling_fraction(inputs: PlanInputs, plan: Plan | None = None) -> float:
    """15% for a pack event (the goal, or an event with a pack the plan builds toward), else 10%;
    10% under 18 and from 65 (docs/rules.md §17)."""
    if inputs.age < 18 or inputs.age >= 65:
        return 0.10
    pack_event = plan is not None and plan.event_date is not None and inputs.event_kind != "race"
    return 0.15 if inputs.goal == "pack_event" or pack_event else 0.10


def step_gap(inputs: PlanInputs) -> int:
    """Weeks between load steps: 3 at least under 18 and from 65 (docs/rules.md §17)."""
    young_or_old = inputs.age < 18 or inputs.age >= 65
    return max(inputs.progression_weeks, 3) if young_or_old else inputs.progression_weeks


def rows_of(plan: Plan) -> list[dict[str, Any]]:
    columns = plan.to_frame().to_dict("list")  # faster than "records" for 364-day plans
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def loaded_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted((r for r in rows if r["loaded"]), key=lambda r: r["date"])


def by_week(rows: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    weeks: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        weeks[row["week"]].append(row)
    return weeks


def weekly_loaded(rows: list[dict[str, Any]]) -> list[tuple[int, float, float]]:
    """(week, load_kg, km) of each week with a loaded run, in week order (the heaviest, longest)."""
    weeks = by_week([r for r in loaded_rows(rows) if r["run"] != "long"])  # an event's heavy carry aside (§16)
    return [(w, max(r["load_kg"] for r in weeks[w]), max(r["loaded_km"] for r in weeks[w])) for w in sorted(weeks)]


def plan_for(inputs: PlanInputs) -> tuple[Plan, list[dict[str, Any]]]:
    plan = build_plan(inputs)
    rows = rows_of(plan)
    event("loaded runs" if any(r["loaded"] for r in rows) else "no loaded runs")
    return plan, rows


# --- The suite exercises loaded running ----------------------------------------------------------

def test_generator_exercises_loaded_running() -> None:
    """Without loaded plans the load invariants below would hold vacuously."""
    seen: list[bool] = []

    @settings(max_examples=300, deadline=None, database=None)
    @given(plan_inputs())
    def collect(inputs: PlanInputs) -> None:
        seen.append(build_plan(inputs).loaded_running)

    collect()
    share = sum(seen) / len(seen)
    print(f"\nloaded-running share: {sum(seen)}/{len(seen)} = {share:.0%}")
    assert share >= 0.3, f"only {share:.0%} of generated plans have loaded runs"


# --- 1. Ceiling ------------------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_load_never_exceeds_ceiling_or_equipment(inputs: PlanInputs) -> None:
    plan, rows = plan_for(inputs)
    ceiling = ceiling_fraction(inputs, plan) * inputs.bodyweight_kg
    for row in loaded_rows(rows):
        assert row["load_kg"] <= ceiling + TOL, row
        assert row["load_kg"] <= inputs.equipment_max_kg + TOL, row
    for row in rows:
        if not row["loaded"]:
            assert row["load_kg"] == 0, row


# --- 2. Start load ---------------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_first_loaded_run_carries_the_start_load(inputs: PlanInputs) -> None:
    plan, rows = plan_for(inputs)
    loaded = loaded_rows(rows)
    if not loaded:
        return
    target = 0.05 * inputs.bodyweight_kg
    if inputs.carrier == "vest":
        target = min(target, 10 * 0.45359237)  # 000: no more than 10 lb
    if plan.event_date is not None and event_load_kg(inputs) > 0:
        target = min(target, event_load_kg(inputs))  # an event asking less starts at its load (§16)
    step = inputs.load_step_kg
    first = loaded[0]["load_kg"]
    assert first <= target + TOL
    assert first == pytest.approx(steps_below(target, step) * step, abs=TOL)
    assert first > 0


# --- 3. Load steps ---------------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_load_steps_are_small_on_the_grid_and_spaced(inputs: PlanInputs) -> None:
    _, rows = plan_for(inputs)
    step = inputs.load_step_kg
    for row in loaded_rows(rows):
        assert abs(row["load_kg"] - round(row["load_kg"] / step) * step) <= TOL, row

    weekly = weekly_loaded(rows)
    increases: list[int] = []
    for (_, before, _), (week, load, _) in zip(weekly, weekly[1:], strict=False):
        rise = load - before
        if rise <= TOL:
            continue
        increases.append(week)
        if step > 1:
            assert rise == pytest.approx(step, abs=TOL), (week, before, load)
        else:
            assert rise <= 1 + TOL, (week, before, load)

    event(f"{min(len(increases), 3)}{'+' if len(increases) >= 3 else ''} load increases"
          f"{', plate over 1 kg' if step > 1 else ''}")
    if not increases:
        return
    first_loaded_week = weekly[0][0]
    assert increases[0] - first_loaded_week >= step_gap(inputs), increases
    gap = step_gap(inputs)
    if step > 1:
        gap *= math.ceil(step - EPS)
    for earlier, later in zip(increases, increases[1:], strict=False):
        assert later - earlier >= gap, (increases, gap)


# --- 4. One variable at a time -------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_load_and_distance_never_rise_in_the_same_week(inputs: PlanInputs) -> None:
    _, rows = plan_for(inputs)
    weekly = weekly_loaded(rows)
    for (_, load_before, km_before), (week, load, km) in zip(weekly, weekly[1:], strict=False):
        assert not (load > load_before + TOL and km > km_before + EPS), (
            week, load_before, load, km_before, km)


# --- 5. Loaded distance --------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_loaded_distance_grows_at_most_ten_percent(inputs: PlanInputs) -> None:
    _, rows = plan_for(inputs)
    loaded = loaded_rows(rows)
    if not loaded:
        return
    assert loaded[0]["loaded_km"] == pytest.approx(math.floor(inputs.easy_run_km * 5 + EPS) / 10, abs=EPS)
    longest = 0.0
    for index, row in enumerate(loaded):
        km = row["loaded_km"]
        assert km <= row["run_km"] + EPS, row
        assert abs(km * 10 - round(km * 10)) <= TOL, row
        if row["run"] != "long":  # the specific phase's heavy carry may go beyond the easy run (§16)
            assert km <= inputs.easy_run_km + EPS, row
        assert km > 0, row
        if index:
            assert km <= longest * 1.1 + EPS, (row, longest)
            if km > longest + EPS:
                event("loaded distance rises")
        longest = max(longest, km)


# --- 6. Loaded-run placement ---------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_loaded_runs_on_easy_days_never_back_to_back(inputs: PlanInputs) -> None:
    _, rows = plan_for(inputs)
    loaded = loaded_rows(rows)
    for row in loaded:
        # Easy days only; the long run carries load only as an event's heavy carry (docs/rules.md §16).
        assert row["run"] == "easy" or (row["run"] == "long" and row["phase"] == "specific"), row
    for week, week_rows in by_week(loaded).items():
        assert len(week_rows) <= inputs.loaded_runs_per_week, week
    for earlier, later in zip(loaded, loaded[1:], strict=False):
        assert (later["date"] - earlier["date"]).days > 1, (earlier, later)


# --- 7. Strength placement -----------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_strength_placement(inputs: PlanInputs) -> None:
    plan, rows = plan_for(inputs)
    long_day, before_long = inputs.long_run_day, _previous(inputs.long_run_day)
    lifts = sorted((r for r in rows if r["strength"] in ("A", "B")), key=lambda r: r["date"])
    for row in lifts:
        assert row["weekday"] not in (long_day, before_long), row
        assert row["run"] != "rest", row
        assert row["weekday"] not in inputs.rest_days, row
    for earlier, later in zip(lifts, lifts[1:], strict=False):
        assert (later["date"] - earlier["date"]).days > 1, (earlier, later)

    for row in rows:
        if row["strength"] == "plyo":
            event("plyo")
            assert inputs.strength_level == "advanced" and inputs.experience == "experienced"
            assert row["run"] == "hard", row
            assert row["weekday"] in inputs.hard_days, row
            assert row["weekday"] not in (long_day, before_long), row

    room = room_for_two_lifts(inputs, plan.loaded_days)
    event("room for two lifts" if room else "no room for two lifts")
    # The event's week has no lifts (docs/rules.md §16).
    per_week = {w: sum(r["strength"] in ("A", "B") for r in week_rows)
                for w, week_rows in by_week(rows).items() if week_rows[0]["phase"] != "event"}
    no_room = [f for f in plan.findings if f.code == "no_room_strength" and f.severity == "warn"]
    if room:
        assert all(n == 2 for n in per_week.values()), per_week
    if not room or any(n < 2 for n in per_week.values()):
        assert no_room, plan.findings


# --- 8. Deload weeks -----------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_deload_weeks_reduce_everything(inputs: PlanInputs) -> None:
    plan, rows = plan_for(inputs)
    weeks = by_week(rows)
    assert sorted(weeks) == list(range(1, plan.inputs.weeks + 1))
    for week, week_rows in weeks.items():
        expected = week % inputs.deload_every == 0
        assert all(r["deload"] == expected for r in week_rows), week
        if not expected:
            continue
        before = weeks[week - 1]
        loaded, loaded_before = [r for r in week_rows if r["loaded"]], [r for r in before if r["loaded"]]
        assert len(loaded) <= 1, loaded
        assert max((r["load_kg"] for r in loaded), default=0) <= max(
            (r["load_kg"] for r in loaded_before), default=0) + TOL
        assert sum(r["loaded_km"] for r in loaded) <= sum(r["loaded_km"] for r in loaded_before) + EPS
        if loaded and loaded_before:
            event("deload week with a loaded run")
            assert loaded[0]["loaded_km"] < min(r["loaded_km"] for r in loaded_before), (loaded, loaded_before)
        # Nothing increases in a deload week: the week's whole running too (docs/rules.md §8).
        assert sum(r["run_km"] for r in week_rows) <= sum(r["run_km"] for r in before) + EPS, week
        assert max((r["load_kg"] for r in week_rows), default=0) <= max(
            (r["load_kg"] for r in before), default=0) + TOL
        minutes = sum(r["strength_minutes"] for r in week_rows)
        minutes_before = sum(r["strength_minutes"] for r in before)
        if minutes_before:
            assert minutes < minutes_before, (week, minutes, minutes_before)
        else:
            assert minutes == 0, week


# --- 9. Blocks ---------------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_a_block_means_no_loaded_runs_but_strength_stays(inputs: PlanInputs) -> None:
    plan, rows = plan_for(inputs)
    blocked = any(f.severity == "block" for f in plan.findings)
    event("blocked" if blocked else "not blocked")
    if not blocked:
        return
    assert not any(r["loaded"] for r in rows)
    assert not plan.loaded_running
    assert all(r["load_kg"] == 0 for r in rows)
    weeks = [w for w in by_week(rows).values() if w[0]["phase"] != "event"]  # the event's week: no lifts
    if lift_days(inputs):
        assert plan.strength_sessions
        for week_rows in weeks:
            assert any(r["strength"] in ("A", "B") for r in week_rows)
    if room_for_two_lifts(inputs):
        assert sum(s.label in ("A", "B") for s in plan.strength_sessions) == 2 * len(weeks)


# --- 10. Calendar -------------------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_calendar_covers_whole_weeks_from_monday(inputs: PlanInputs) -> None:
    plan, rows = plan_for(inputs)
    monday = inputs.start_date - dt.timedelta(days=inputs.start_date.weekday())
    assert len(rows) == plan.inputs.weeks * 7
    for index, row in enumerate(rows):
        assert row["date"] == monday + dt.timedelta(days=index), (index, row)
        assert row["weekday"] == WEEKDAYS[index % 7]
        assert row["week"] == index // 7 + 1
    assert rows[0]["date"].weekday() == 0


@SETTINGS
@given(plan_inputs(), st.dates(dt.date(2000, 1, 1), dt.date(2099, 6, 30)))
def test_an_undated_plan_starts_the_monday_after_today(inputs: PlanInputs, today: dt.date) -> None:
    undated = inputs.model_copy(update={"start_date": None})
    plan = build_plan(undated, today=today)
    first = plan.days[0].date
    assert first.weekday() == 0 and 1 <= (first - today).days <= 7
    assert plan.inputs.start_date == first  # the plan says which date it used
    assert plan == build_plan(inputs.model_copy(update={"start_date": first}))  # nothing else depends on today


def test_an_undated_plan_without_today_is_the_same_on_every_day() -> None:
    assert build_plan(PlanInputs()).days[0].date == UNDATED_START


# --- Findings and validation ------------------------------------------------------------------

@SETTINGS
@given(plan_inputs())
def test_every_finding_names_its_source_and_says_why(inputs: PlanInputs) -> None:
    plan = build_plan(inputs)
    for finding in plan.findings:
        assert finding.source.strip(), finding
        assert finding.message.strip(), finding
        assert finding.severity in ("block", "warn", "info"), finding


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(WEEKDAYS), st.lists(st.sampled_from(WEEKDAYS), max_size=6))
def test_long_run_day_cannot_be_a_rest_day(long_run_day: str, other_rest: list[str]) -> None:
    rest_days = (*other_rest, long_run_day)
    hard_days = tuple(d for d in WEEKDAYS if d != long_run_day and d not in rest_days)[:1]
    with pytest.raises(ValidationError, match="long-run day"):
        PlanInputs.model_validate({"long_run_day": long_run_day, "rest_days": rest_days,
                                   "hard_days": hard_days})


@settings(max_examples=200, deadline=None)
@given(plan_inputs())
def test_a_loaded_run_next_to_a_key_run_is_always_named_in_a_warning(inputs):
    plan = build_plan(inputs)
    found = next((f for f in plan.findings if f.code == "loaded_next_to_key_run"), None)
    types = {d.weekday: d.run for d in plan.days[:7]}
    order = list(WEEKDAYS)
    for day in plan.loaded_days:
        after, before = types[order[(order.index(day) + 1) % 7]], types[order[order.index(day) - 1]]
        if after in ("hard", "long") or before == "long":
            assert found is not None and f"{WEEKDAY_NAMES[day]}'s loaded run" in found.message, (day, types)
            assert found.severity == "warn"
    if found is not None:
        assert plan.loaded_days  # never a warning about a loaded run the plan does not have
    for day in plan.strength_days:  # no lift and loaded run on the day after the long run
        assert not (day in plan.loaded_days and types[order[order.index(day) - 1]] == "long")
