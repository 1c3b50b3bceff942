"""AppTest: what The Strength page shows for given inputs."""

from __future__ import annotations

from tests.apptest import open_app, texts


def test_strength_page_lists_exercises_with_regressions():
    at = open_app("strength", strength_setting="home", injuries=["knee"])
    table = at.dataframe[0].value
    assert "Split squat" in set(table["Exercise"]) and "Regression" in table.columns
    assert "Knee history" in texts(at)
