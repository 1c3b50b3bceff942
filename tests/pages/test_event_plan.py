"""AppTest: a plan toward an event (issue 23): the link's event inputs, the phases on the Plan and Week
pages and in the load chart, and the messages beside them."""

from __future__ import annotations

import time_machine

from core.planner.event import PHASE_MEANING
from tests.apptest import chart, container_text, headline_values, html_parts, open_app, texts
from tests.clock import NOW

EVENT = {
    "bodyweight_kg": "80", "goal": "pack_event", "carrier": "backpack", "pack_chest_strap": "true",
    "pack_hip_belt": "true", "equipment_max_kg": "20", "start_date": "2027-01-04", "event_date": "2027-06-19",
    "event_kind": "trail_ultra", "event_distance_km": "50", "event_load_kg": "5", "running": "build",
}


def test_a_link_with_an_event_plans_to_it_in_phases():
    with time_machine.travel(NOW, tick=False):  # before the plan starts: this week is week 1
        at = open_app(**EVENT)
    assert ("h2", "", "This week: week 1 of 24 · Preparation phase") in html_parts(at, "plan-this-week")
    # The length slider gives way to a line that says the plan runs to the event.
    assert any("To your event's week (Sat 19 Jun 2027)" in m.value for m in at.sidebar.markdown)
    assert not [s for s in at.sidebar.slider if s.label.startswith("Plan length")]
    page = texts(at)
    assert "Toward your trail ultra with mandatory kit on Sat 19 Jun 2027 (50 km)" in page
    assert PHASE_MEANING["specific"] in page
    figure = chart(at, "load_chart")
    strip = [a["text"] for a in figure["layout"]["annotations"] if a.get("y") == 0.965]
    assert strip == ["Prep", "Build", "Specific", "T", "E"]
    metrics = headline_values(at)
    assert metrics["Ceiling"] == "5 kg"  # the event's load is the target


def test_the_week_page_names_each_weeks_phase():
    at = open_app("week", **EVENT)
    at.slider(key="week_shown").set_value(23).run()
    assert "Week 23 of 24 · Taper phase" in container_text(at, "week_heading")
    at.slider(key="week_shown").set_value(24).run()
    assert "Week 24 of 24 · Event week" in container_text(at, "week_heading")
    tables = [t.value for t in at.dataframe if "Run" in t.value.columns]  # the week's days
    runs = list(tables[0]["Run"])
    assert "Event: trail ultra with mandatory kit, 50 km" in runs


def test_an_event_out_of_reach_is_said_and_the_plan_keeps_its_length():
    with time_machine.travel(NOW, tick=False):
        at = open_app(**{**EVENT, "event_date": "2026-12-01"})
    page = texts(at)
    assert "is before the plan starts: too close to build toward, so the plan is 12 weeks without it" in page
    assert ("h2", "", "This week: week 1 of 12") in html_parts(at, "plan-this-week")


def test_a_bad_event_value_in_a_link_gets_our_sentence():
    at = open_app(**{**EVENT, "event_date": "19/06/2027", "event_kind": "marathon"})
    page = texts(at)
    assert "Event date '19/06/2027' is not a date from 2000-01-01" in page
    assert "Kind of event 'marathon' is not one of" in page
