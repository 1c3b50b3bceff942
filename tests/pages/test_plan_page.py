"""AppTest: what The Plan page shows for given inputs."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from streamlit.testing.v1 import AppTest

from core.io import store
from core.io.profile import profile_json
from core.planner.models import PlanInputs
from tests.apptest import (
    chart,
    headline_values,
    html_parts,
    open_app,
    open_hand_over,
    page_path,
    texts,
    trace,
)
from tests.clock import NOW


def test_plan_page_defaults_show_a_real_plan():
    at = open_app()
    metrics = headline_values(at)
    assert metrics["Start load"] == "3.5 kg" and metrics["Ceiling"] == "7 kg"
    load = trace(chart(at, "load_chart"), "Load (kg)")
    assert load["y"][0] == 3.5 and max(load["y"]) <= 7.0
    assert "Source: 002" in texts(at)



def test_the_intro_says_where_the_key_inputs_are_on_a_phone_too():
    # On a phone the sidebar starts closed behind the button that reads "Pages and inputs".
    intro = next(c.value for c in open_app().caption if c.value.startswith("Set the key inputs"))
    assert intro.startswith("Set the key inputs in the sidebar (on a phone: Pages and inputs) and the rest")

def test_load_chart_follows_bodyweight():
    # Sidebar widgets are compared across fresh sessions: AppTest drops the sidebar tree of an
    # st.navigation app on reruns (a real browser keeps it; see tests/e2e).
    before = trace(chart(open_app(), "load_chart"), "Load (")["y"]
    after = trace(chart(open_app(bodyweight_kg="90"), "load_chart"), "Load (")["y"]
    assert after[0] == 4.5 and after != before


def test_blocked_carrier_shows_block_and_empty_state():
    at = open_app(carrier="ankle_weights")
    assert not at.get("plotly_chart")
    assert any("Ankle weights are not for running" in e.value for e in at.error)
    assert "No loaded runs in this plan" in texts(at)


def test_imperial_shows_pounds_everywhere():
    at = open_app(units="imperial")
    spec = chart(at, "load_chart")
    assert trace(spec, "Load (lb)")["y"][0] == pytest.approx(7.72, abs=0.01)
    assert "lb" in spec["layout"]["yaxis"]["title"]["text"]
    assert headline_values(at)["Start load"] == "7.7 lb"
    assert at.text_input(key="bodyweight_lb").label == "Bodyweight (lb)"
    assert "Load (lb)" in [text for tag, _, text in html_parts(at, "plan-weeks") if tag == "th"]


def test_the_plan_page_opens_on_this_week_with_each_days_sessions():
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False):  # a Wednesday
        at = open_app(start_date="2026-11-23", bodyweight_kg="80")
    week = html_parts(at, "plan-this-week")
    assert ("h2", "", "This week: week 2 of 12") in week
    lines = [text for tag, _, text in week if tag == "li"]
    assert len(lines) == 7 and ("strong", "", "Wed 02 Dec (today)") in week
    assert "Wed 02 Dec (today) · Loaded run 4.4 km easy, carrying 4 kg in your weighted vest" in lines
    assert "Tue 01 Dec · Hard run (intervals or tempo) 10 km, then Strength A (20 min)" in lines


def test_before_the_plan_starts_this_week_is_week_one():
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False):
        at = open_app(start_date="2026-11-23")
    assert ("h2", "", "This week: week 1 of 12") in html_parts(at, "plan-this-week")


@pytest.mark.parametrize("carrier", ["ankle_weights", "wrist_weights", "dumbbells"])
def test_a_carrier_never_for_running_is_not_for_running_not_not_yet(carrier):
    at = open_app(carrier=carrier)
    headings = [s.value for s in at.header]
    assert "Not for running" in headings
    assert "Not for you yet" not in headings
    assert "not for running" in at.error[0].value or "Don't run holding dumbbells" in at.error[0].value


@pytest.mark.parametrize(("params", "block"), [
    ({"experience": "beginner"}, "build consistent unloaded running form first"),
    ({"injuries": "joint_pain"}, "Not with arthritis"),
    ({"carrier": "backpack", "pack_chest_strap": "true", "pack_hip_belt": "true", "goal": "pack_event",
      "injuries": "lower_back"}, "Not with a backpack when you have lower back pain"),
])
def test_a_runner_specific_block_is_not_for_you_yet(params, block):
    at = open_app(**params)
    headings = [s.value for s in at.header]
    assert "Not for you yet" in headings
    assert "Not for running" not in headings
    assert [e.value for e in at.error if block in e.value]


def test_the_hand_over_is_drawn_only_while_it_is_open():
    at = open_app()
    assert "Hand over" in [s.value for s in at.header]
    assert not at.get("download_button") and not at.get("file_uploader")  # closed: nothing sent
    open_hand_over(at)
    keys = {b.key for b in at.get("download_button")}
    assert keys == {"download_csv", "download_json", "download_ics", "download_html", "download_workouts"}
    assert [u.key for u in at.get("file_uploader")] == ["handover_profile"]


def test_the_hand_over_offers_the_next_weeks_watch_workouts_beside_the_calendar():
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        at = open_hand_over(open_app(start_date="2026-11-23"))
        keys = [b.key for b in at.get("download_button")]
        assert {"download_ics", "download_workouts"} <= set(keys)
        weeks = at.selectbox(key="handover_workout_weeks")
        assert weeks.value == 2 and weeks.options == ["next 1 week", "next 2 weeks", "next 4 weeks", "next 8 weeks"]
        zip_button = next(b for b in at.get("download_button") if b.key == "download_workouts")
        assert zip_button.label == "Watch workouts (.zip, 16 files)"  # six runs and two lifts a week
        weeks.set_value(8).run()
        zip_button = next(b for b in at.get("download_button") if b.key == "download_workouts")
        assert zip_button.label == "Watch workouts (.zip, 64 files)"
    with time_machine.travel(dt.datetime(2027, 6, 1, 9, tzinfo=dt.UTC), tick=False):  # after the plan
        late = open_hand_over(open_app(start_date="2026-11-23"))
    assert "No planned sessions from Tue 01 Jun 2027 in the next 2 weeks of this plan." in texts(late)


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'athletes.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    return url


def ana_open_with_a_change(engine) -> AppTest:
    """Ana opened on the Athletes page, then her plan length changed (not saved), on the Plan page."""
    store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(weeks=16, start_date=dt.date(2026, 11, 23)), now=NOW)
    at = open_app("athletes")
    at.button(key="open_athlete_btn").click().run()
    at.slider(key="weeks").set_value(20).run()
    at.switch_page(page_path("plan")).run()
    open_hand_over(at)
    at.file_uploader(key="handover_profile").upload("runner.json", profile_json(PlanInputs(bodyweight_kg=90)).encode())
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_profile_over_unsaved_changes_asks_first_and_cancel_keeps_them(engine):
    at = ana_open_with_a_change(engine)
    said = re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown))  # as read: escapes removed
    assert "**Unsaved changes.** Opening runner.json replaces the sidebar's inputs." in said
    assert "Plan length (weeks): 16 → 20" in said
    assert at.slider(key="weeks").value == 20 and at.text_input(key="bodyweight_kg").value == "70"
    at.button(key="unsaved_cancel").click().run()
    assert "runner.json was not opened: the sidebar keeps its unsaved changes." in [c.value for c in at.caption]
    assert at.slider(key="weeks").value == 20 and at.text_input(key="bodyweight_kg").value == "70"


def test_a_profile_over_unsaved_changes_opens_after_save(engine):
    at = ana_open_with_a_change(engine)
    at.button(key="unsaved_save").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="bodyweight_kg").value == "90" and at.slider(key="weeks").value == 12
    assert any("Opened **runner.json**" in s.value for s in at.success)
    ana = store.find_athlete(engine, store.LOCAL_OWNER, "Ana")
    assert store.load(engine, store.LOCAL_OWNER, ana.id).inputs.weeks == 20  # saved before the profile opened


@pytest.mark.parametrize("in_week", [True, False])
def test_the_form_test_is_said_once_in_this_weeks_box_or_under_the_chart(in_week):
    # New to lifting, loaded runs wait for a 4-week strength base: week 1 has none.
    from core.planner.screening import FORM_TEST

    with time_machine.travel(dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC), tick=False):
        at = open_app(start_date="2026-11-23", **({} if in_week else {"new_to_lifting": "true"}))
    assert at.get("plotly_chart")  # the plan has loaded runs
    box = [text for tag, _, text in html_parts(at, "plan-this-week") if tag == "p"]
    under_chart = [c.value for c in at.caption if c.value.startswith(FORM_TEST)]
    assert len(box) + len(under_chart) == 1
    assert bool(box) == in_week
