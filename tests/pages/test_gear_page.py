"""AppTest: what The Gear & safety page shows for given inputs."""

from __future__ import annotations

import pytest

from tests.apptest import open_app, texts


def test_gear_page_for_backpack_without_straps():
    at = open_app("gear", carrier="backpack")
    assert any("bounces" in e.value for e in at.error)
    assert "erector spinae" in texts(at)
    assert at.table[0].value.shape[0] == 5  # the pack checklist


def test_a_backpack_gets_the_pack_checklist_and_the_hip_belt_cue():
    page = texts(open_app("gear", carrier="backpack"))
    assert "Pack checklist (002)" in page
    assert "Hip belt snug on the iliac crest." in page
    assert "Lean from the ankles, not the waist." in page


@pytest.mark.parametrize("carrier", ["vest", "none", "ankle_weights"])
def test_other_carriers_get_no_pack_checklist_and_no_hip_belt_cue(carrier):
    at = open_app("gear", carrier=carrier)
    page = texts(at)
    assert "Pack checklist" not in page and "trail vest" not in page
    assert "Hip belt" not in page
    assert "Lean from the ankles, not the waist." in page  # the other cues stay
    assert "Form test: if the load changes how you run" in page
    assert all("Needs" not in t.value.columns for t in at.table)  # the only table is who should wait
    assert at.table[0].value.shape[0] == 6


def test_gear_page_says_a_never_for_running_carrier_is_not_for_running():
    page = texts(open_app("gear", carrier="ankle_weights"))
    assert "Ankle weights are not for running" in page
    assert "Not for you yet" not in page
