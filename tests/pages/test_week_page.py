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
