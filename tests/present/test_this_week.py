"""This week at a glance, the week's reasons and the weekly table: true of the plan they describe."""

from __future__ import annotations

import datetime as dt

import pytest

from core import PlanInputs, build_plan
from core.present.tables import weekly_table
from core.present.this_week import day_text, week_holding, week_lines, week_reasons

MONDAY = dt.date(2026, 11, 23)


def plan_of(**fields):
    return build_plan(PlanInputs(start_date=MONDAY, **fields))


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({}, "a loaded run sits on Wednesday, the day before Thursday's hard run"),  # the default week
        ({"hard_days": ("tue",)}, "Loaded runs avoid the day before a hard run or the long run, so key runs"),
        ({"loaded_runs_per_week": 2, "hard_days": ("tue",)}, "Loaded runs avoid the day before"),
    ],
)
def test_the_week_says_where_loaded_runs_really_sit(fields, says):
    plan = plan_of(**fields)
    reasons = " ".join(week_reasons(plan))
    assert says in reasons
    week = {d.weekday: d.run for d in plan.days[:7]}
    order = [d.weekday for d in plan.days[:7]]
    before_key = [d for d in plan.loaded_days if week[order[(order.index(d) + 1) % 7]] in ("hard", "long")]
    assert ("a loaded run sits on" in reasons) == bool(before_key)


def test_no_loaded_runs_no_sentence_about_them():
    assert not any("Loaded runs avoid" in r for r in week_reasons(plan_of(carrier="none")))


def test_weekly_table_shows_runs_per_week_and_each_runs_distance():
    plan = plan_of(loaded_runs_per_week=2, hard_days=("tue",), units="imperial")
    table = weekly_table(plan)
    assert {"Loaded runs", "Each (mi)", "Lifting minutes"} <= set(table.columns)
    week1 = [d for d in plan.days if d.week == 1 and d.loaded]
    assert table["Loaded runs"][0] == len(week1) == 2
    assert table["Each (mi)"][0] == pytest.approx(week1[0].run_km / 1.609344, abs=0.06)


def test_this_week_lines_name_each_session_with_load_and_lift():
    plan = plan_of(bodyweight_kg=80)
    lines = week_lines(plan, 1, today=MONDAY + dt.timedelta(days=2))
    assert [line.day for line in lines][:2] == ["Mon 23 Nov", "Tue 24 Nov"]
    assert lines[2].today and lines[2].loaded and lines[2].text == day_text(plan, plan.days[2])
    assert lines[2].text == "Loaded run 4 km easy, carrying 4 kg in your weighted vest"
    assert lines[4].text == "Rest"
    assert week_holding(plan, MONDAY + dt.timedelta(days=7)) == 2
