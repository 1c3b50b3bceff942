"""AppTest: what The Week page shows for given inputs."""

from __future__ import annotations

import datetime as dt

import time_machine

from tests.apptest import chart, open_app, texts, trace


def test_week_page_shows_the_chosen_week():
    at = open_app("week")
    week_chart, calendar = chart(at, "week_chart"), chart(at, "calendar_chart")
    loaded = trace(week_chart, "Easy, loaded")
    assert loaded["x"] == ["Wed"] and loaded["y"] == [4.0]
    assert len(calendar["data"][0]["z"]) == 12
    at.slider(key="week_shown").set_value(4).run()
    assert "deload" in chart(at, "week_chart")["layout"]["title"]["text"]
    assert "Why things sit where they sit" in texts(at)


def test_the_week_and_strength_pages_open_on_this_week():
    with time_machine.travel(dt.datetime(2026, 12, 9, 9, tzinfo=dt.UTC), tick=False):
        week = open_app("week", start_date="2026-11-23")
        strength = open_app("strength", start_date="2026-11-23")
    assert week.slider(key="week_shown").value == 3
    assert strength.slider(key="strength_week").value == 3


def test_the_week_page_offers_each_workout_of_the_shown_week_for_the_watch():
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        at = open_app("week", start_date="2026-11-23")
        choice = at.selectbox(key="workout_session")
        assert choice.options == ["Mon 23 Nov · Easy run · 8 km", "Tue 24 Nov · Intervals · 10 km",
                                  "Tue 24 Nov · Strength A · 20 min",
                                  "Wed 25 Nov · Loaded run · 3.5 kg vest · 4 km easy",
                                  "Thu 26 Nov · Intervals · 10 km", "Thu 26 Nov · Strength B · 20 min",
                                  "Sat 28 Nov · Easy run · 8 km", "Sun 29 Nov · Long run · 16 km"]  # Fri: rest
        assert choice.value == "w1-easy-1"
        button = at.get("download_button")
        assert [b.key for b in button] == ["download_workout"]
        assert button[0].label == "Download the workout (.fit)"
        assert "GARMIN/NewFiles" in texts(at)
        choice.set_value("w1-loaded-1").run()
        assert at.selectbox(key="workout_session").value == "w1-loaded-1"
        at.slider(key="week_shown").set_value(4).run()  # a deload week: the same sessions, week 4's
        assert at.selectbox(key="workout_session").options[3] == "Wed 16 Dec · Loaded run · 3.5 kg vest · 2.8 km easy"
        assert not at.exception


def test_a_week_of_rest_days_still_has_its_long_run_for_the_watch():
    with time_machine.travel(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC), tick=False):
        at = open_app("week", start_date="2026-11-23", hard_days="",
                      rest_days=["mon", "tue", "wed", "thu", "fri", "sat"])
    assert at.selectbox(key="workout_session").options == ["Sun 29 Nov · Long run · 16 km"]
    assert [b.key for b in at.get("download_button")] == ["download_workout"]
    assert not at.exception
