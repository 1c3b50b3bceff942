"""Every heading over a finding is true of it: a carrier never for running is "Not for running",
a runner-specific block "Not for you yet"; the same on the pages and in the report. And the form
test goes wherever a load is shown, only when there is one."""

from __future__ import annotations

import datetime as dt

import pytest

from core import PlanInputs, build_plan
from core.io.report import report_html
from core.planner.screening import FORM_TEST, NEVER_FOR_RUNNING
from core.present.text import (
    FORM_TEST_NOTE,
    NEVER_FOR_RUNNING_TITLE,
    SEVERITY_TITLES,
    finding_groups,
    finding_title,
    form_test_note,
)
from tests.clock import TODAY

MONDAY = dt.date(2026, 11, 23)


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


@pytest.mark.parametrize("carrier", sorted(NEVER_FOR_RUNNING))
def test_a_carrier_never_for_running_is_not_for_running(carrier):
    plan = plan_of(carrier=carrier)
    blocks = plan.findings_by_severity("block")
    assert [finding_title(f) for f in blocks] == ["Not for running"] == [NEVER_FOR_RUNNING_TITLE]
    assert [(s, t) for s, t, _ in finding_groups(plan)] == [("block", "Not for running"), ("info", "Good to know")]
    page = report_html(plan, None, today=TODAY)
    assert "<h3>Not for running</h3>" in page and "Not for you yet" not in page


@pytest.mark.parametrize("changes", [
    {"experience": "beginner"},
    {"building_mileage": True},
    {"injuries": ("joint_pain",)},
    {"carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True, "goal": "pack_event",
     "injuries": ("lower_back",)},
    {"carrier": "backpack"},  # a pack without straps: not yet, until it has them
])
def test_a_runner_specific_block_is_not_for_you_yet(changes):
    plan = plan_of(**changes)
    blocks = plan.findings_by_severity("block")
    assert blocks and {finding_title(f) for f in blocks} == {"Not for you yet"}
    page = report_html(plan, None, today=TODAY)
    assert "<h3>Not for you yet</h3>" in page and "Not for running" not in page


@pytest.mark.parametrize("changes", [{}, {"carrier": "ankle_weights"}, {"carrier": "backpack"}, {"age": 60}])
def test_the_groups_hold_every_finding_once_in_severity_order(changes):
    plan = plan_of(**changes)
    groups = finding_groups(plan)
    assert [f for _, _, found in groups for f in found] == [
        f for s in ("block", "warn", "info") for f in plan.findings_by_severity(s)]
    assert all(found for _, _, found in groups)
    assert all(title == SEVERITY_TITLES[s] or title == NEVER_FOR_RUNNING_TITLE for s, title, _ in groups)
    assert len({title for _, title, _ in groups}) == len(groups)


def test_the_form_test_note_only_with_loaded_runs():
    assert FORM_TEST_NOTE.removesuffix(" (002)") == FORM_TEST
    vest, none, ankle = plan_of(), plan_of(carrier="none"), plan_of(carrier="ankle_weights")
    assert vest.loaded_running and not none.loaded_running and not ankle.loaded_running
    assert form_test_note(vest) == FORM_TEST_NOTE
    assert form_test_note(none) is None and form_test_note(ankle) is None
    assert form_test_note(none, vest) == FORM_TEST_NOTE  # Compare: either scenario carrying load
    assert form_test_note(none, ankle) is None
