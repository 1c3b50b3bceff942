"""Who may carry what: the carriers never for running, the form cues and the pack checklist per carrier."""

from __future__ import annotations

import typing

import pytest

from core import PlanInputs, build_plan
from core.planner.models import Carrier
from core.planner.screening import (
    CARRIES_FOR_RUNNING,
    FORM_CUES,
    NEVER_FOR_RUNNING,
    NEVER_FOR_RUNNING_CODES,
    ONCE_OPEN,
    PACK_CHECKLIST,
    carrier_findings,
    form_cues,
    pack_checklist,
)

CARRIERS: tuple[Carrier, ...] = typing.get_args(Carrier)


def test_every_carrier_is_either_for_running_or_never_for_it_or_nothing():
    assert set(CARRIERS) == CARRIES_FOR_RUNNING | NEVER_FOR_RUNNING | {"none"}
    assert not CARRIES_FOR_RUNNING & NEVER_FOR_RUNNING


@pytest.mark.parametrize("carrier", CARRIERS)
def test_the_never_for_running_codes_are_those_carriers_block_verdicts(carrier):
    codes = {f.code for f in carrier_findings(PlanInputs(carrier=carrier)) if f.severity == "block"}
    if carrier in NEVER_FOR_RUNNING:
        assert codes == {f"carrier_{carrier}"} <= NEVER_FOR_RUNNING_CODES
    else:
        assert not codes & NEVER_FOR_RUNNING_CODES


@pytest.mark.parametrize("carrier", CARRIERS)
def test_the_hip_belt_cue_and_the_pack_checklist_are_for_a_backpack_only(carrier):
    cues = form_cues(carrier)
    if carrier == "backpack":
        assert cues == FORM_CUES and any("Hip belt" in c for c in cues)
        assert pack_checklist(carrier) == PACK_CHECKLIST
    else:
        assert cues == tuple(c for c in FORM_CUES if "Hip belt" not in c) and len(cues) == len(FORM_CUES) - 1
        assert pack_checklist(carrier) == ()


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        ({"experience": "beginner"}, "beginner", "Check again after 8 weeks of consistent unloaded running"),
        ({"building_mileage": True}, "building_mileage", "check again after 8 weeks at a steady weekly distance"),
        ({"injuries": ("joint_pain",)}, "joint_pain", "See a clinician first"),
        ({"injuries": ("lower_back",), "carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True},
         "lower_back_backpack", "A vest keeps the load central"),
        ({"carrier": "backpack"}, "pack_missing_straps", "A pack with both straps (or a vest) lifts this"),
    ],
)
def test_a_block_says_what_would_lift_it(fields, code, words):
    plan = build_plan(PlanInputs(**fields))
    found = next(f for f in plan.findings if f.code == code)
    assert found.severity == "block" and words in found.message


def test_a_calorie_burn_goal_gets_the_sources_advice():
    plan = build_plan(PlanInputs(goal="calorie_burn"))
    found = next(f for f in plan.findings if f.code == "calorie_burn_goal")
    assert "more unloaded running" in found.message and found.source == "002"
    assert not any(f.code == "calorie_burn_goal" for f in build_plan(PlanInputs()).findings)


@pytest.mark.parametrize(("changes", "code"), [
    ({"experience": "beginner", "injuries": ("knee",)}, "injury_history"),
    ({"carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True, "goal": "pack_event",
      "injuries": ("lower_back",)}, "carrier_backpack_event"),
    ({"building_mileage": True, "injuries": ("lower_back",)}, "lower_back_vest"),
])
def test_advice_for_loaded_running_never_contradicts_a_block_beside_it(changes, code):
    """Issue 23: a blocked beginner was told to 'start at the low end... with your weighted vest'."""
    plan = build_plan(PlanInputs(**changes))
    assert plan.blocked and not plan.loaded_running
    advice = next(f for f in plan.findings if f.code == code)
    assert advice.message.startswith(ONCE_OPEN)
    unblocked = build_plan(PlanInputs(**{**changes, "experience": "intermediate", "building_mileage": False,
                                         "injuries": tuple(i for i in changes.get("injuries", ()) if i != "lower_back")
                                         if code == "carrier_backpack_event" else changes.get("injuries", ())}))
    if not unblocked.blocked:
        assert not any(f.message.startswith(ONCE_OPEN) for f in unblocked.findings)
