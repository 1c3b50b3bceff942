"""AppTest: what The Plan page shows for given inputs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.apptest import chart, open_app, texts, trace


def test_plan_page_defaults_show_a_real_plan():
    at = open_app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Start load"] == "3.5 kg" and metrics["Ceiling"] == "7 kg"
    load = trace(chart(at, "load_chart"), "Load (kg)")
    assert load["y"][0] == 3.5 and max(load["y"]) <= 7.0
    assert "Source: 002" in texts(at)


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
    assert {m.label: m.value for m in at.metric}["Start load"] == "7.7 lb"
    assert at.select_slider(key="bodyweight_kg").label == "Bodyweight (lb)"
    assert "Load (lb)" in at.dataframe[0].value.columns


def test_the_plan_page_opens_on_this_week_with_each_days_sessions():
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC), tick=False):  # a Wednesday
        at = open_app(start_date="2026-11-23", bodyweight_kg="80")
    assert "This week: week 2 of 12" in [s.value for s in at.subheader]
    lines = next(m.value for m in at.markdown if "Mon 30 Nov" in m.value)
    assert "**Wed 02 Dec (today)** · Loaded run 4.4 km easy, carrying 4 kg in your weighted vest" in lines
    assert "Tue 01 Dec · Hard run (intervals or tempo) 10 km, then Strength A (20 min)" in lines


def test_before_the_plan_starts_this_week_is_week_one():
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC), tick=False):
        at = open_app(start_date="2026-11-23")
    assert "This week: week 1 of 12" in [s.value for s in at.subheader]


@pytest.mark.parametrize("carrier", ["ankle_weights", "wrist_weights", "dumbbells"])
def test_a_carrier_never_for_running_is_not_for_running_not_not_yet(carrier):
    at = open_app(carrier=carrier)
    headings = [s.value for s in at.subheader]
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
    headings = [s.value for s in at.subheader]
    assert "Not for you yet" in headings
    assert "Not for running" not in headings
    assert [e.value for e in at.error if block in e.value]
