"""The iCalendar file, read back by an independent parser (vobject)."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject

from core import PlanInputs, build_plan
from core.io.ics import calendar_events, plan_ics
from tests.clock import NOW

MONDAY = dt.date(2026, 11, 23)
STAMP = NOW


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def expected_event_count(plan) -> int:
    frame = plan.to_frame()
    return int(frame["loaded"].sum() + (frame["run"] == "long").sum()) + len(plan.strength_sessions)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"loaded_runs_per_week": 2, "weeks": 20, "units": "imperial"},
        {"experience": "experienced", "strength_level": "advanced", "weeks": 8},  # plyometrics too
        {"carrier": "ankle_weights"},  # blocked: no loaded runs, strength and long runs remain
    ],
)
def test_ics_parses_with_an_independent_parser_and_has_one_event_per_session(changes):
    plan = plan_of(**changes)
    calendar = vobject.readOne(plan_ics(plan, "Jane Doe", now=STAMP).decode("utf-8"))
    events = calendar.vevent_list
    assert len(events) == expected_event_count(plan) > 0
    assert len({e.uid.value for e in events}) == len(events)
    for event in events:
        start, end = event.dtstart.value, event.dtend.value
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)  # all-day
        assert event.dtstamp.value == STAMP
    loaded = [e for e in events if e.summary.value.startswith("Loaded run")]
    assert len(loaded) == int(plan.to_frame()["loaded"].sum())
    strength = [e for e in events if e.summary.value.startswith(("Strength", "Plyometrics"))]
    assert len(strength) == len(plan.strength_sessions)
    assert "Jane Doe" in calendar.contents["x-wr-calname"][0].value


def test_ics_titles_and_descriptions_read_well():
    plan = plan_of()
    events = {e.dtstart.value: e for e in vobject.readOne(plan_ics(plan, None, now=STAMP).decode()).vevent_list
              if e.summary.value.startswith("Loaded")}
    first = events[dt.date(2026, 11, 25)]
    assert first.summary.value == "Loaded run · 3.5 kg vest · 4 km easy"
    assert "Form test: if the load changes how you run" in first.description.value
    assert "Lean from the ankles" in first.description.value
    strength = next(e for e in vobject.readOne(plan_ics(plan, None, now=STAMP).decode()).vevent_list
                    if e.summary.value.startswith("Strength"))
    assert strength.summary.value == "Strength A · 20 min"
    assert "- Front squat: 2 x 8 (easier: Box squat)" in strength.description.value
    imperial = plan_of(units="imperial")
    titles = [t for _, _, t, _ in calendar_events(imperial)]
    assert "Loaded run · 7.7 lb vest · 2.5 mi easy" in titles and "Long run · 9.9 mi" in titles


def test_ics_uids_are_stable_and_differ_between_athletes():
    plan = plan_of()
    uids = lambda ics: [e.uid.value for e in vobject.readOne(ics.decode()).vevent_list]  # noqa: E731
    assert uids(plan_ics(plan, "Jane", now=STAMP)) == uids(plan_ics(plan, "Jane", now=NOW))
    assert set(uids(plan_ics(plan, "Jane", now=NOW))).isdisjoint(uids(plan_ics(plan, "Ann", now=NOW)))
