"""AppTest: what The Gear & safety page shows for given inputs."""

from __future__ import annotations

from tests.apptest import open_app, texts


def test_gear_page_for_backpack_without_straps():
    at = open_app("gear", carrier="backpack")
    assert any("bounces" in e.value for e in at.error)
    assert "erector spinae" in texts(at)
    assert at.table[0].value.shape[0] == 5  # the pack checklist
