"""The iCalendar file, read back by an independent parser (vobject), and put on a real CalDAV
server (Radicale on loopback) twice, as a plan changes, through the caldav client."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import vobject

from core import PlanInputs, build_plan
from core.io.ics import calendar_events, event_uid, plan_ics, sequence_at, sync_calendar
from core.present.sessions import planned_sessions
from tests.clock import NOW

MONDAY = dt.date(2026, 11, 23)
STAMP = NOW


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def events_of(ics: bytes) -> list:
    return vobject.readOne(ics.decode("utf-8")).vevent_list


def by_date(ics: bytes) -> dict[dt.date, list[str]]:
    days: dict[dt.date, list[str]] = {}
    for event in events_of(ics):
        days.setdefault(event.dtstart.value, []).append(event.summary.value)
    return days


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"loaded_runs_per_week": 2, "weeks": 20, "units": "imperial"},
        {"experience": "experienced", "strength_level": "advanced", "weeks": 8},  # plyometrics too
        {"carrier": "ankle_weights"},  # blocked: no loaded runs; every run, rest day and lift remain
        {"carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True, "goal": "pack_event"},
    ],
)
def test_ics_parses_with_an_independent_parser_and_has_one_event_per_planned_session(changes):
    plan = plan_of(**changes)
    events = events_of(plan_ics(plan, "Jane Doe", now=STAMP))
    # Every day has its run or rest day, and every lift is an event of its own.
    assert len(events) == len(plan.days) + len(plan.strength_sessions) == len(planned_sessions(plan))
    assert len({e.uid.value for e in events}) == len(events)
    for event in events:
        start, end = event.dtstart.value, event.dtend.value
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)  # all-day
        assert event.dtstamp.value == STAMP and event.last_modified.value == STAMP
        assert int(event.sequence.value) == sequence_at(STAMP) > 0
    loaded = [e for e in events if e.summary.value.startswith("Loaded run")]
    assert len(loaded) == int(plan.to_frame()["loaded"].sum())
    lifts = [e for e in events if e.summary.value.startswith(("Strength", "Plyometrics"))]
    assert len(lifts) == len(plan.strength_sessions)
    rests = [e for e in events if e.summary.value == "Rest"]
    assert len(rests) == int((plan.to_frame()["run"] == "rest").sum())
    assert "Jane Doe" in vobject.readOne(plan_ics(plan, "Jane Doe", now=STAMP).decode()).contents[
        "x-wr-calname"][0].value


def test_ics_titles_read_as_the_day_goes():
    plan = plan_of()
    days = by_date(plan_ics(plan, None, now=STAMP))
    # Tuesday: the hard run, then the lift, in one reading; the lift has its own event too.
    assert days[dt.date(2026, 11, 24)] == ["Intervals · 10 km, then Strength A", "Strength A · 20 min"]
    assert days[dt.date(2026, 11, 25)] == ["Loaded run · 3.5 kg vest · 4 km easy"]
    assert days[dt.date(2026, 11, 23)] == ["Easy run · 8 km"]
    assert days[dt.date(2026, 11, 27)] == ["Rest"]
    assert days[dt.date(2026, 11, 29)] == ["Long run · 16 km"]
    deload = by_date(plan_ics(plan, None, now=STAMP))[dt.date(2026, 12, 16)]  # week 4 is a deload week
    assert deload == ["Loaded run · 3.5 kg vest · 2.8 km easy (deload)"]
    imperial = [e.title for e in calendar_events(plan_of(units="imperial"))]
    assert "Loaded run · 7.7 lb vest · 2.5 mi easy" in imperial and "Long run · 9.9 mi" in imperial


def test_ics_descriptions_carry_the_load_the_form_test_and_the_exercises():
    plan = plan_of()
    events = {(e.dtstart.value, e.summary.value): e for e in events_of(plan_ics(plan, None, now=STAMP))}
    loaded = events[(dt.date(2026, 11, 25), "Loaded run · 3.5 kg vest · 4 km easy")].description.value
    assert "Carry 3.5 kg (5.0% of bodyweight) in your weighted vest for 4 km at an easy pace." in loaded
    assert "Form test: if the load changes how you run" in loaded and "Lean from the ankles" in loaded
    lift = events[(dt.date(2026, 11, 24), "Strength A · 20 min")].description.value
    assert "- Front squat: 2 x 8 (easier: Box squat)" in lift
    hard = events[(dt.date(2026, 11, 24), "Intervals · 10 km, then Strength A")].description.value
    assert hard == ("Week 1 of 12. Your intervals or tempo session, unloaded.\n\nThen Strength A (20 min), "
                    "later the same day: its exercises are in its own event.")
    rest = events[(dt.date(2026, 11, 27), "Rest")].description.value
    assert rest == "Week 1 of 12. Rest day: no run and no lifting (004)."


def test_uids_belong_to_sessions_not_to_days_or_to_how_a_name_was_typed():
    plan = plan_of()
    uids = lambda ics: [e.uid.value for e in events_of(ics)]  # noqa: E731
    jane = uids(plan_ics(plan, "Jane Doe", now=STAMP, calendar_id="athlete-7"))
    assert jane == uids(plan_ics(plan, "  jane doe ", now=STAMP + dt.timedelta(days=3), calendar_id="athlete-7"))
    assert jane == uids(plan_ics(plan, None, now=STAMP, calendar_id="athlete-7"))
    assert set(jane).isdisjoint(uids(plan_ics(plan, "Jane Doe", now=STAMP, calendar_id="athlete-8")))
    assert not any("2026" in uid or "athlete-7" in uid for uid in jane)  # no date, no raw id
    assert event_uid("w1-loaded-1", "athlete-7") in jane


def test_a_moved_session_keeps_its_uid_and_a_changed_one_gets_a_higher_sequence():
    before = plan_of()
    after = plan_of(hard_days=("tue", "wed"), bodyweight_kg=90)  # the loaded run moves to Thursday, heavier
    first = {e.uid.value: e for e in events_of(plan_ics(before, None, now=STAMP))}
    later = STAMP + dt.timedelta(minutes=5)
    second = {e.uid.value: e for e in events_of(plan_ics(after, None, now=later))}
    uid = event_uid("w1-loaded-1", "plan")
    assert first[uid].dtstart.value == dt.date(2026, 11, 25)
    assert second[uid].dtstart.value == dt.date(2026, 11, 26)
    assert first[uid].summary.value == "Loaded run · 3.5 kg vest · 4 km easy"
    assert second[uid].summary.value == "Loaded run · 4.5 kg vest · 4 km easy"
    assert int(second[uid].sequence.value) - int(first[uid].sequence.value) == 300


# ------------------------------------------------------------------ a real CalDAV server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def caldav_url(tmp_path_factory):
    """Radicale on a free loopback port, storing in a temporary folder, without authentication."""
    folder: Path = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(folder / "collections"), "--auth-type", "none",
         "--logging-level", "warning", "--config", ""],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Radicale did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def calendar(caldav_url, request):
    caldav = pytest.importorskip("caldav")
    client = caldav.DAVClient(url=caldav_url, username="coach", password="unused")
    principal = client.principal()
    return principal.make_calendar(name=f"plan-{request.node.name}"[:60])


def server_events(calendar) -> dict[str, tuple[dt.date, str]]:
    found = {}
    for remote in calendar.get_events():
        for event in vobject.readOne(remote.data).vevent_list:
            found[event.uid.value] = (event.dtstart.value, event.summary.value)
    return found


def test_a_caldav_calendar_holds_exactly_the_current_plan_after_a_change(calendar):
    someone_else = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist@example.org\r\n"
                    "DTSTAMP:20261120T090000Z\r\nDTSTART;VALUE=DATE:20261201\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
                    "END:VCALENDAR\r\n")
    calendar.add_event(someone_else)
    other_athlete = plan_ics(plan_of(weeks=4), "Ann", now=STAMP, calendar_id="athlete-8")
    assert sync_calendar(calendar, other_athlete, "athlete-8").added == 28 + 8

    version_1 = plan_of(weeks=12)
    first = sync_calendar(calendar, plan_ics(version_1, "Jane", now=STAMP, calendar_id="athlete-7"), "athlete-7")
    assert (first.added, first.updated, first.removed) == (len(planned_sessions(version_1)), 0, 0)

    # A month on: a shorter plan, a heavier runner (adapted loads), the hard days moved.
    version_2 = plan_of(weeks=8, bodyweight_kg=90, hard_days=("tue", "wed"))
    ics_2 = plan_ics(version_2, "Jane", now=STAMP + dt.timedelta(days=30), calendar_id="athlete-7")
    second = sync_calendar(calendar, ics_2, "athlete-7")
    assert second.removed == len(planned_sessions(version_1)) - len(planned_sessions(version_2)) > 0
    assert second.updated > 0 and second.added + second.updated + second.unchanged == len(planned_sessions(version_2))

    on_server = server_events(calendar)
    jane = {uid: value for uid, value in on_server.items() if uid.endswith(event_uid("", "athlete-7"))}
    expected = {event_uid(e.key, "athlete-7"): (e.date, e.title) for e in calendar_events(version_2)}
    assert jane == expected  # exactly the current plan: nothing stale, nothing missing
    assert on_server[event_uid("w1-loaded-1", "athlete-7")] == (dt.date(2026, 11, 26),
                                                                 "Loaded run · 4.5 kg vest · 4 km easy")
    assert on_server["dentist@example.org"] == (dt.date(2026, 12, 1), "Dentist")  # not ours: untouched
    assert sum(uid.endswith(event_uid("", "athlete-8")) for uid in on_server) == 28 + 8

    again = sync_calendar(calendar, plan_ics(version_2, "Jane", now=STAMP + dt.timedelta(days=31),
                                             calendar_id="athlete-7"), "athlete-7")
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    assert again.unchanged == len(expected)
