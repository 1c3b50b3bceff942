"""AppTest of what every page shares: the sidebar and the link, bad links, the plan's date, presentation mode."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from core.planner.models import next_monday
from core.planner.units import KG_PER_LB, KM_PER_MI
from core.present.typed import TYPED_BETWEEN, TYPED_COMMA, TYPED_NOT_A_NUMBER, TYPED_OTHER_UNIT, TYPED_OUTSIDE
from tests.apptest import chart, headline_values, html_parts, open_app, page_path, trace


def test_shared_link_values_reach_the_widgets():
    at = open_app(bodyweight_kg="80", carrier="backpack", pack_chest_strap="true", pack_hip_belt="true",
                  goal="pack_event", weeks="20", hard_days=["mon", "wed"])
    assert at.text_input(key="bodyweight_kg").value == "80"
    assert at.selectbox(key="carrier").value == "backpack"
    assert at.slider(key="weeks").value == 20
    assert headline_values(at)["Start load"] == "4 kg"


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"bodyweight_kg": "abc"}, "Link: Bodyweight 'abc' is not a number from 35 to 200 kg. Using the default, 70 kg."),
        ({"carrier": "sandbag"}, "Link: What you would carry 'sandbag' is not one of Weighted vest, Backpack"),
        ({"weeks": "999"}, "Link: Plan length (weeks) '999' is not a whole number from 4 to 52. Using the default, 12."),
        ({"weeks": "nan"}, "Link: Plan length (weeks) 'nan'"),
        ({"bodyweight_kg": "inf"}, "Link: Bodyweight 'inf'"),
        ({"start_date": "yesterday"}, "Link: Plan starts 'yesterday' is not a date"),
        ({"colour": "red"}, "'colour' is not a planner setting"),
        ({"weeks": ["10", "12"]}, "Link: Plan length (weeks) is given 2 times"),
    ],
)
def test_bad_link_values_are_named_and_fall_back(params, words):
    at = open_app(**params)
    assert words in " ".join(w.value for w in at.warning)
    assert trace(chart(at, "load_chart"), "Load (")["y"][0] == 3.5  # the default plan


def test_long_run_day_that_is_also_a_rest_day_is_explained_next_to_the_days():
    at = open_app(long_run_day="fri")  # the default rest day is Friday
    message = " ".join(e.value for e in at.main.error)  # on the page, not in a closed sidebar section
    assert "long-run day (Friday) can't also be a rest day" in message
    assert at.get("plotly_chart")  # a valid plan is still shown


def test_presentation_mode_enlarges_the_charts():
    # The toggle lives in app.py's main area; AppTest drops the entrypoint's elements after a
    # page switch (a browser keeps them), so this runs on the default page; the hidden sidebar and
    # larger text are checked in the browser.
    at = open_app()
    assert chart(at, "load_chart")["layout"]["font"]["size"] == 14
    at.toggle(key="presentation_mode").set_value(True).run()
    assert not at.exception
    spec = chart(at, "load_chart")
    assert spec["layout"]["font"]["size"] == 19 and spec["layout"]["xaxis"]["tickfont"]["size"] == 16


@pytest.mark.parametrize("today", [dt.date(2026, 12, 1), dt.date(2027, 12, 31), dt.date(2099, 6, 30)])
def test_a_fresh_visit_dates_the_plan_and_the_link_carries_the_date(today):
    with time_machine.travel(dt.datetime.combine(today, dt.time(12), dt.UTC), tick=False):
        at = open_app()
    start = next_monday(today)
    assert at.session_state["inputs"].start_date == start
    assert at.query_params["start_date"] == start.isoformat()  # the address bar carries it


def test_a_link_with_a_start_date_keeps_it_whatever_the_day():
    with time_machine.travel(dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        at = open_app(start_date="2026-12-07")
    assert at.session_state["inputs"].start_date == dt.date(2026, 12, 7)
    assert trace(chart(at, "load_chart"), "Load (")["x"][0] == 1  # week 1 is the link's week, not this week


def test_an_imperial_link_is_exact_in_pounds_and_miles():
    at = open_app(units="Imperial", bodyweight_lb="199", easy_run_mi="6", long_run_mi="20", equipment_max_lb="5",
                  load_step_lb="2.5")
    inputs = at.session_state["inputs"]
    assert (inputs.bodyweight_kg, inputs.easy_run_km, inputs.long_run_km) == (199 * KG_PER_LB, 6 * KM_PER_MI,
                                                                              20 * KM_PER_MI)
    assert (inputs.equipment_max_kg, inputs.load_step_kg) == (5 * KG_PER_LB, 2.5 * KG_PER_LB)
    assert at.text_input(key="bodyweight_lb").value == "199" and at.text_input(key="easy_run_mi").value == "6"
    assert at.query_params["bodyweight_lb"] == "199" and at.query_params["long_run_mi"] == "20"
    assert not at.session_state["url_messages"]  # nothing was moved


def test_an_older_link_opens_the_same_plan_and_is_rewritten_in_todays_form():
    # Before each unit system had its own grid, an imperial link labelled the 0.5 kg grid in pounds.
    at = open_app(units="imperial", bodyweight_kg="176 lb", easy_run_km="6.2 mi", load_step_kg="2.5 lb")
    inputs = at.session_state["inputs"]
    assert (inputs.bodyweight_kg, inputs.easy_run_km, inputs.load_step_kg) == (80.0, 10.0, 2.5 * KG_PER_LB)
    assert at.query_params["bodyweight_kg"] == "80" and at.query_params["easy_run_km"] == "10"
    assert at.query_params["load_step_lb"] == "2.5" and "load_step_kg" not in at.query_params
    assert not at.session_state["url_messages"]


def test_switching_units_changes_no_value_and_a_change_in_pounds_is_exact():
    at = open_app(bodyweight_kg="80")
    before = at.session_state["inputs"]
    at.radio(key="units").set_value("imperial").run()
    assert at.session_state["inputs"] == before.model_copy(update={"units": "imperial"})
    assert at.text_input(key="bodyweight_lb").value == "176"  # 80 kg reads 176 lb, and stays 80 kg
    assert at.query_params["bodyweight_kg"] == "80"
    at.text_input(key="bodyweight_lb").set_value("199").run()
    assert at.session_state["inputs"].bodyweight_kg == 199 * KG_PER_LB
    assert at.query_params["bodyweight_lb"] == "199" and "bodyweight_kg" not in at.query_params


def typed_note(at, key: str) -> str:
    """The sentence next to the typed-number input ``key`` (its container is keyed ``<key>_note``)."""
    try:
        return at.session_state["typed_notes"][key][0]
    except KeyError:
        return ""


def test_a_typed_number_between_steps_moves_down_and_the_widget_says_so():
    at = open_app()
    at.text_input(key="bodyweight_kg").set_value("72.37").run()
    assert at.session_state["inputs"].bodyweight_kg == 72.3
    assert at.text_input(key="bodyweight_kg").value == "72.3" and at.query_params["bodyweight_kg"] == "72.3"
    said = TYPED_BETWEEN.format(read="72.37 kg", step="0.1 kg", used="72.3 kg", how="rounded down, the safe side")
    assert typed_note(at, "bodyweight_kg") == said and said in [e.value for e in at.sidebar.info]


def test_a_typed_number_out_of_range_is_replaced_by_the_value_the_plan_keeps_with_a_sentence():
    at = open_app()
    at.text_input(key="bodyweight_kg").set_value("500").run()
    said = TYPED_OUTSIDE.format(read="500 kg", low="35", high="200 kg", kept="70 kg")
    assert at.session_state["inputs"].bodyweight_kg == 70 and at.text_input(key="bodyweight_kg").value == "70"
    assert typed_note(at, "bodyweight_kg") == said and said in [e.value for e in at.sidebar.warning]
    at.switch_page(page_path("week")).run()  # the value on screen is the plan's, on every page
    assert at.text_input(key="bodyweight_kg").value == "70" and at.session_state["inputs"].bodyweight_kg == 70
    at.text_input(key="bodyweight_kg").set_value("71").run()  # a usable number: the sentence goes
    assert at.session_state["inputs"].bodyweight_kg == 71 and not typed_note(at, "bodyweight_kg")
    assert not at.sidebar.warning


@pytest.mark.parametrize(
    ("units", "key", "typed", "value", "shown", "said"),
    [
        ("metric", "bodyweight_kg", "80,5", 80.5, "80.5",
         TYPED_COMMA.format(typed="80,5", read="80.5 kg")),
        ("metric", "easy_run_km", "5,5", 5.5, "5.5", TYPED_COMMA.format(typed="5,5", read="5.5 km")),
        ("imperial", "bodyweight_lb", "80 kg", 176 * KG_PER_LB, "176",
         TYPED_OTHER_UNIT.format(typed="80 kg", read="176.37 lb") + " " + TYPED_BETWEEN.format(
             read="176.37 lb", step="1 lb", used="176 lb", how="rounded down, the safe side")),
        ("metric", "long_run_km", "twelve", 16.0, "16", TYPED_NOT_A_NUMBER.format(typed="twelve", kept="16 km")),
    ],
)
def test_a_typed_value_in_another_convention_is_read_and_said(units, key, typed, value, shown, said):
    at = open_app(units=units)
    name = {"bodyweight_lb": "bodyweight_kg"}.get(key, key)
    at.text_input(key=key).set_value(typed).run()
    assert getattr(at.session_state["inputs"], name) == pytest.approx(value)
    assert at.text_input(key=key).value == shown and typed_note(at, key) == said


def test_a_typed_number_the_profile_dialog_cannot_use_keeps_it_open_and_says_so():
    at = open_app()
    at.button(key="edit_profile").click().run()
    at.text_input(key="profile_equipment_max_kg").set_value("70")
    at.button(key="profile_apply").click().run()
    said = TYPED_OUTSIDE.format(read="70 kg", low="0", high="60 kg", kept="10 kg")
    assert at.session_state["editing_profile"] and typed_note(at, "profile_equipment_max_kg") == said
    assert at.text_input(key="profile_equipment_max_kg").value == "10" and said in [e.value for e in at.warning]
    at.text_input(key="profile_equipment_max_kg").set_value("12,5")
    at.button(key="profile_apply").click().run()  # read, shown and said; applied with the next Apply
    assert at.text_input(key="profile_equipment_max_kg").value == "12.5"
    assert typed_note(at, "profile_equipment_max_kg") == TYPED_COMMA.format(typed="12,5", read="12.5 kg")
    at.button(key="profile_apply").click().run()
    assert not at.session_state["editing_profile"] and at.session_state["inputs"].equipment_max_kg == 12.5


def test_edit_profile_changes_only_what_was_changed_and_cancel_changes_nothing():
    at = open_app(units="imperial")
    assert not at.get("form")  # closed: its widgets are not rerun with every page
    at.button(key="edit_profile").click().run()
    at.radio(key="profile_loaded_runs_per_week").set_value(2)
    at.text_input(key="profile_equipment_max_lb").set_value("30")
    at.button(key="profile_apply").click().run()
    inputs = at.session_state["inputs"]
    assert (inputs.loaded_runs_per_week, inputs.equipment_max_kg) == (2, 30 * KG_PER_LB)
    assert inputs.load_step_kg == 0.5 and inputs.easy_pace_min_per_km == 6.0  # untouched: not moved to a lb grid
    assert at.query_params["loaded_runs_per_week"] == "2" and at.query_params["equipment_max_lb"] == "30"
    assert "Equipment holds 30 lb" in at.sidebar.caption[0].value
    at.button(key="edit_profile").click().run()
    at.slider(key="profile_rpe_easy").set_value(5)
    at.button(key="profile_cancel").click().run()
    assert at.session_state["inputs"] == inputs and not at.get("form")


def test_presentation_mode_puts_the_key_inputs_in_a_bar_on_the_page():
    at = open_app(weeks="20")
    at.toggle(key="presentation_mode").set_value(True).run()
    assert not at.sidebar.text_input and at.slider(key="weeks").value == 20
    bar = at.main.get("text_input")
    assert {w.key for w in bar} >= {"bodyweight_kg", "easy_run_km", "long_run_km", "hard_run_km"}
    at.slider(key="weeks").set_value(16).run()
    assert at.session_state["inputs"].weeks == 16 and at.query_params["weeks"] == "16"
    assert at.button(key="edit_profile")


def weeks_shown(at) -> list[list[str]]:
    """The week-by-week table's rows, as its cells read, header first."""
    parts = html_parts(at, "plan-weeks")
    header = [text for tag, _, text in parts if tag == "th"]
    cells = [text for tag, _, text in parts if tag == "td"]
    return [header] + [cells[i:i + len(header)] for i in range(0, len(cells), len(header))]


@pytest.mark.parametrize("presenting", [False, True])
def test_the_week_by_week_table_shows_every_week_with_one_decimal_place(presenting):
    at = open_app(weeks="12")
    if presenting:
        at.toggle(key="presentation_mode").set_value(True).run()
    header, *rows = weeks_shown(at)
    assert len(rows) == 12 and header[:4] == ["Week", "From", "Deload", "Load (kg)"]
    shown = [dict(zip(header, row, strict=True)) for row in rows]
    assert [r["Load (kg)"] for r in shown[:2]] == ["3.5", "3.5"] and shown[0]["Unloaded (km)"] == "52.0"
    assert shown[0]["Week"] == "1" and not any("0000" in cell for row in rows for cell in row)


def test_every_chart_on_the_page_says_what_it_shows_and_has_its_numbers():
    import plotly.graph_objects as go

    from core.present.chart_text import figure_summary
    from pages._ui.plan import md

    at = open_app()
    said = md(figure_summary(go.Figure(chart(at, "load_chart"))))
    assert said in [c.value for c in at.caption]
    assert "The chart's numbers" in [e.label for e in at.expander]
    columns = ["Week", "Loaded distance (km)", "Load (kg)"]
    assert not [d for d in at.dataframe if list(d.value.columns) == columns]  # closed: nothing sent
    at.session_state["load_chart_numbers_open"] = True  # as opening the expander does
    at.run()
    numbers = next(d.value for d in at.dataframe if list(d.value.columns) == columns)
    assert numbers["Load (kg)"].tolist() == trace(chart(at, "load_chart"), "Load (")["y"]


def test_presentation_modes_bar_says_what_a_typed_number_became_under_the_bar():
    at = open_app()
    at.toggle(key="presentation_mode").set_value(True).run()
    at.text_input(key="bodyweight_kg").set_value("500").run()
    said = TYPED_OUTSIDE.format(read="500 kg", low="35", high="200 kg", kept="70 kg")
    assert at.text_input(key="bodyweight_kg").value == "70" and typed_note(at, "bodyweight_kg") == said
    assert f"Bodyweight (kg): {said}" in [w.value for w in at.main.warning]
