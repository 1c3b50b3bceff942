"""Every page, for a table of varied plans: it renders without an exception, and what it says
is the plan's own: the headline numbers, this week's sessions and every finding's sentence."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from core import PlanInputs, build_plan
from core.present.text import headline
from core.present.this_week import week_holding, week_lines
from pages._ui.routing import PAGES
from tests.apptest import headline_values, open_app, texts

TODAY = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)
PLANS = {
    "plates over 1 kg": {"load_step_kg": "2.5", "bodyweight_kg": "90", "equipment_max_kg": "20"},
    "two loaded runs": {"loaded_runs_per_week": "2", "hard_days": "tue", "goal": "pack_event"},
    "imperial": {"units": "Imperial", "bodyweight_kg": "80", "easy_run_km": "10", "load_step_kg": "2.5 lb"},
    "blocked carrier": {"carrier": "ankle_weights"},
    "beginner": {"experience": "beginner", "injuries": "knee"},
}
PAGE_NAMES = [path.removeprefix("pages/").removesuffix(".py") for path, _, _ in PAGES]


def inputs_for(params: dict) -> PlanInputs:
    values = {"start_date": dt.date(2026, 11, 23), **params}
    values["units"] = values.get("units", "metric").lower()
    values["load_step_kg"] = 2.5 * 0.45359237 if values.get("load_step_kg") == "2.5 lb" else \
        float(values.get("load_step_kg", 0.5))
    for key in ("hard_days", "injuries"):
        if key in values:
            values[key] = (values[key],)
    return PlanInputs.model_validate(values)


@pytest.mark.parametrize("name", list(PLANS))
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_every_page_renders_each_plan_and_says_what_the_plan_says(page, name):
    params = {**PLANS[name], "start_date": "2026-11-23"}
    with time_machine.travel(TODAY, tick=False):
        at = open_app(page, **params)
    assert not at.exception, at.exception
    assert at.title
    plan = build_plan(inputs_for(PLANS[name]))
    assert at.session_state["inputs"] == plan.inputs  # the page shows this plan
    if page != "plan":
        return
    shown = headline_values(at)
    assert shown == {label: value for label, value, _ in headline(plan)}
    week = week_holding(plan, TODAY.date())
    page_text = texts(at)
    for line in week_lines(plan, week):
        assert line.text in page_text, line
    for finding in plan.findings:
        assert finding.message in page_text, finding.code
