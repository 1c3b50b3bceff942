"""AppTest: the Compare page draws A and B, and B's widgets change B's line and the table."""

from __future__ import annotations

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from core.io import store
from core.planner.models import PlanInputs
from core.present.text import FORM_TEST_NOTE
from tests.apptest import open_app, page_path, texts
from tests.clock import NOW


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
    at.selectbox(key="compare_b_goal").set_value("pack_event").run()
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
    assert at.text_input(key="compare_b_bodyweight_lb").label == "Bodyweight (lb)"
    at.text_input(key="compare_b_bodyweight_lb").set_value("133").run()  # 60.3 kg
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


def b_params(at: AppTest) -> dict[str, str]:
    return {k: v for k, v in at.query_params.items() if k.startswith("b_")}


def test_b_is_part_of_the_link_with_only_what_differs():
    at = open_compare()
    assert b_params(at) == {}
    at.radio(key="compare_b_progression_weeks").set_value(2).run()
    at.slider(key="compare_b_weeks").set_value(16).run()
    assert b_params(at) == {"b_progression_weeks": "2", "b_weeks": "16"}
    at.slider(key="compare_b_weeks").set_value(12).run()  # back to A's value: out of the link
    assert b_params(at) == {"b_progression_weeks": "2"}
    at.button(key="compare_reset").click().run()
    assert b_params(at) == {}


def test_a_link_with_b_opens_b_and_names_what_it_could_not_use():
    at = open_compare(b_progression_weeks="2", b_weeks="16", b_bodyweight_kg="abc", b_age="40")
    assert at.radio(key="compare_b_progression_weeks").value == 2
    assert at.slider(key="compare_b_weeks").value == 16
    assert at.text_input(key="compare_b_bodyweight_kg").value == "70"  # A's value
    found = lines(at)
    assert found["A: load (kg)"] != found["B: load (kg)"] and len(found["B: load (kg)"]) == 16
    assert b_params(at) == {"b_progression_weeks": "2", "b_weeks": "16"}  # the bad ones left the link
    box = [w.value for w in at.warning]
    assert "Link: Scenario B's Bodyweight 'abc' is not a number from 35 to 200 kg. B uses A's value, 70 kg." in box
    assert "Link: 'b_age' is not one of scenario B's settings and was ignored." in box
    assert not at.session_state["url_messages"]  # A's link check leaves B's part alone
    at.button(key="dismiss_compare_b_link_messages").click().run()
    assert not any("Scenario B's" in w.value for w in at.warning)


def test_use_b_as_the_plan_moves_the_sidebar_and_the_link():
    at = open_compare()
    assert at.button(key="compare_use_b").disabled
    at.radio(key="compare_b_progression_weeks").set_value(2).run()
    at.radio(key="compare_b_loaded_runs_per_week").set_value(2).run()
    b_line = lines(at)["B: load (kg)"]
    at.button(key="compare_use_b").click().run()
    assert not at.exception, at.exception
    inputs = at.session_state["inputs"]
    assert inputs.progression_weeks == 2 and inputs.loaded_runs_per_week == 2
    assert at.query_params["progression_weeks"] == "2" and at.query_params["loaded_runs_per_week"] == "2"
    assert b_params(at) == {}
    found = lines(at)
    assert found["A: load (kg)"] == found["B: load (kg)"] == b_line
    assert ("B is now the plan: Loaded runs per week 2 · Weeks between load steps 2. A and B are the same again."
            in [s.value for s in at.success])
    assert at.button(key="compare_use_b").disabled


def test_use_b_gives_the_open_athlete_unsaved_changes(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'athletes.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    engine = store.create_engine(url)
    store.ensure_schema(engine)
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(start_date=dt.date(2026, 11, 23)), now=NOW)
    at = open_app("athletes")
    at.button(key="open_athlete_btn").click().run()
    at.switch_page(page_path("compare")).run()
    assert any("Plan of **Ana** (saved on the Athletes page)" in c.value for c in at.caption)
    at.radio(key="compare_b_progression_weeks").set_value(2).run()
    at.button(key="compare_use_b").click().run()
    assert any("Plan of **Ana** (1 unsaved change: save them on the Athletes page)" in c.value for c in at.caption)
    at.switch_page(page_path("athletes")).run()
    at.button(key="new_athlete_btn").click().run()  # B's change is not lost silently either
    assert "Weeks between load steps\\: 3 → 2" in " ".join(m.value for m in at.markdown)  # escaped Markdown
    engine.dispose()
