"""Planned against done, the two-week review and the suggested usual runs, from a known log."""

from __future__ import annotations

import datetime as dt

import pytest

from core import PlanInputs, build_plan
from core.planner.log import CheckIn, Session
from core.present.review import (
    changes_timeline,
    planned_vs_done,
    planned_vs_done_figure,
    suggested_inputs,
    two_week_review,
)

MONDAY = dt.date(2026, 11, 23)
TODAY = MONDAY + dt.timedelta(weeks=2)  # Monday of week 3
INPUTS = PlanInputs(start_date=MONDAY)


def wed(week: int) -> dt.date:
    return MONDAY + dt.timedelta(weeks=week - 1, days=2)


LOG = [
    Session(date=MONDAY, distance_km=8, minutes=48, rpe=3),
    Session(date=wed(1), distance_km=4, minutes=25, load_kg=3.5, rpe=4, form_ok=True),
    Session(date=wed(1) - dt.timedelta(days=1), kind="strength", minutes=20, rpe=6),
    Session(date=MONDAY + dt.timedelta(days=6), distance_km=15, minutes=95, rpe=5),
    Session(date=wed(2), distance_km=4.4, minutes=28, load_kg=3.5, rpe=6, form_ok=False),
    Session(date=wed(2) + dt.timedelta(days=3), distance_km=9, minutes=54, rpe=7, pain=True),
    Session(date=wed(2) + dt.timedelta(days=4), distance_km=10, minutes=60, rpe=6),
    CheckIn(date=TODAY - dt.timedelta(days=1), slept_well=False, soreness_mild=False, resting_hr_normal=False,
            hrv_stable=True),
]


def test_planned_vs_done_counts_each_week_up_to_today():
    plan = build_plan(INPUTS, LOG, TODAY)
    weeks = planned_vs_done(plan)
    assert [w.week for w in weeks] == [1, 2, 3]
    first = weeks[0]
    assert first.done_km == 27 and first.done_loaded_runs == 1 and first.done_load_kg == 3.5
    assert first.done_lifts == 1 and first.planned_lifts == 2
    assert first.planned_km == pytest.approx(sum(d.run_km for d in plan.days if d.week == 1))
    assert first.done_au == round(3 * 48 + 4 * 25 * (70 + 3.5) / 70 + 6 * 20 + 5 * 95)
    figure = planned_vs_done_figure(plan)
    assert {t.name for t in figure.data} == {"Planned", "Done"}


def test_the_two_week_review_names_what_happened_and_what_the_planner_changed():
    plan = build_plan(INPUTS, LOG, TODAY)
    review = " ".join(two_week_review(plan))
    assert "loaded runs 2 of 2" in review
    assert "Form test: passed 1 of 2; failed on Wed 02 Dec with 3.5 kg." in review
    assert "Pain logged on Sat 05 Dec." in review
    assert "Readiness: 1 check-ins, 1 with most answers \"no\"." in review
    assert f"What the planner changed: {len(plan.changes)} changes, listed under \"What the log changed\"." in review
    rows = changes_timeline(plan)
    assert [r.start for r in rows] == sorted((r.start for r in rows), key=lambda s: dt.datetime.strptime(s, "%a %d %b"))
    assert {"pain_pause", "pain_hold"} <= {c.code for c in plan.changes}  # the pain on Sat 05 Dec, after the failure
    assert any(r.why == "Pain was logged on Sat 05 Dec, with loaded runs at 2.5 kg" for r in rows)


def test_no_log_no_review():
    assert two_week_review(build_plan(INPUTS)) == [] and planned_vs_done(build_plan(INPUTS)) == []


def test_suggestions_come_from_recent_unloaded_runs():
    plan = build_plan(INPUTS, LOG, TODAY)
    suggestion = suggested_inputs(plan)
    assert suggestion["long_run_km"] == 15 and suggestion["easy_run_km"] == 9
    assert suggestion["easy_pace_min_per_km"] == pytest.approx(6.0, abs=0.1)
    assert suggested_inputs(build_plan(INPUTS, LOG[:2], TODAY)) == {}  # too few runs to say
