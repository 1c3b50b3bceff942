"""AppTest: the Compare page draws A and B, and B's widgets change B's line and the table."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from core.present.text import FORM_TEST_NOTE
from tests.apptest import open_app, texts


def open_compare(**params) -> AppTest:
    return open_app("compare", timeout=60, **params)


def lines(at: AppTest) -> dict[str, list[float]]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {t["name"]: t["y"] for t in spec["data"]}


def differing(at: AppTest) -> dict[str, tuple[str, str]]:
    """The rows the table highlights (their cells carry the highlight style)."""
    table = at.table[0]
    frame = table.value
    styled = {row for row in range(len(frame)) if "font-weight: 600" in _row_styles(table, row)}
    return {frame.iloc[r]["What"]: (frame.iloc[r]["A"], frame.iloc[r]["B"]) for r in styled}


def _row_styles(table, row: int) -> str:
    styler = table.proto.arrow_data.styler
    return " ".join(s for s in styler.styles.split("}") if f"row{row}_" in s or f"row{row} " in s)


def test_b_starts_as_a_copy_of_a():
    at = open_compare()
    found = lines(at)
    assert found["A: load (kg)"] == found["B: load (kg)"]
    assert differing(at) == {}
    assert "B is a copy of A" in at.info[0].value
    assert at.button(key="compare_reset").disabled


def test_step_every_two_weeks_changes_b_line_and_the_table():
    at = open_compare()
    before = lines(at)["B: load (kg)"]
    at.radio(key="compare_b_progression_weeks").set_value(2).run()
    found = lines(at)
    assert found["A: load (kg)"] == before  # A is the sidebar's plan, unchanged
    assert found["B: load (kg)"] != before and max(found["B: load (kg)"]) > max(before)
    rows = differing(at)
    assert rows["Peak load"][0].startswith("5.5 kg") and rows["Peak load"][1].startswith("6.5 kg")
    assert "Start load" not in rows
    assert "Weeks between load steps 3 → **2**" in " ".join(m.value for m in at.markdown)
    at.toggle(key="compare_only_differences").set_value(True).run()
    assert set(at.table[0].value["What"]) == set(rows)


def test_carrier_change_shows_the_refusal_and_reset_brings_b_back():
    at = open_compare()
    at.selectbox(key="compare_b_carrier").set_value("backpack").run()
    assert "B: no loaded runs" in lines(at)
    rows = differing(at)
    assert rows["Loaded running"] == ("yes", "no (pack missing straps)")
    assert rows["Finding: pack missing straps"][1].startswith("Not for you yet")
    # with both straps and a pack event the backpack is allowed again
    at.checkbox(key="compare_b_pack_chest_strap").check().run()
    at.checkbox(key="compare_b_pack_hip_belt").check().run()
    at.radio(key="compare_b_goal").set_value("pack_event").run()
    found = lines(at)
    assert "B: load (kg)" in found and max(found["B: load (kg)"]) >= max(found["A: load (kg)"])
    at.button(key="compare_reset").click().run()
    found = lines(at)
    assert found["A: load (kg)"] == found["B: load (kg)"]
    assert at.selectbox(key="compare_b_carrier").value == "vest"


def test_compare_follows_the_link_and_its_units():
    at = open_compare(units="imperial", bodyweight_kg="90")
    found = lines(at)
    assert found["A: load (lb)"][0] == found["B: load (lb)"][0] == 9.92  # 4.5 kg
    assert at.select_slider(key="compare_b_bodyweight_kg").label == "Bodyweight (lb)"
    at.select_slider(key="compare_b_bodyweight_kg").set_value(60.0).run()
    rows = differing(at)
    assert rows["Start load"][1].startswith("6.6 lb")  # 3 kg


def test_the_form_test_sits_next_to_the_load_chart_when_a_scenario_carries_load():
    at = open_compare()
    assert FORM_TEST_NOTE in [c.value for c in at.caption]
    none = open_compare(carrier="none")
    assert "A: no loaded runs" in lines(none) and "B: no loaded runs" in lines(none)
    assert FORM_TEST_NOTE not in texts(none)
    none.selectbox(key="compare_b_carrier").set_value("vest").run()  # B carries load: the test applies
    assert "B: load (kg)" in lines(none)
    assert FORM_TEST_NOTE in [c.value for c in none.caption]
