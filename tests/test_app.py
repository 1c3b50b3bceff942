"""AppTest of what every page shares: the sidebar and the link, bad links, the plan's date, presentation mode."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from core.planner.models import next_monday
from tests.apptest import chart, open_app, trace


def test_shared_link_values_reach_the_widgets():
    at = open_app(bodyweight_kg="80", carrier="backpack", pack_chest_strap="true", pack_hip_belt="true",
                  goal="pack_event", weeks="20", hard_days=["mon", "wed"])
    assert at.select_slider(key="bodyweight_kg").value == 80.0
    assert at.selectbox(key="carrier").value == "backpack"
    assert at.slider(key="weeks").value == 20
    assert {m.label: m.value for m in at.metric}["Start load"] == "4 kg"


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
    assert at.session_state["start_date"] == start  # on the widget, so the address bar carries it


def test_a_link_with_a_start_date_keeps_it_whatever_the_day():
    with time_machine.travel(dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC), tick=False):
        at = open_app(start_date="2026-12-07")
    assert at.session_state["inputs"].start_date == dt.date(2026, 12, 7)
    assert trace(chart(at, "load_chart"), "Load (")["x"][0] == 1  # week 1 is the link's week, not this week
