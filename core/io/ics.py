"""The plan as an iCalendar file: one all-day event per planned session (every run, rest day and
lift), each with an identity that survives a changed plan, and the sync that puts it on a CalDAV
server so the calendar holds exactly the current plan."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from icalendar import Calendar, Event

from core.io.files import APP_NAME
from core.planner.event import PHASE_LABELS
from core.planner.models import Day, Plan, StrengthSession
from core.planner.screening import CARRIER_LABELS, FORM_TEST, form_cues
from core.planner.units import fmt_distance, fmt_mass
from core.present.sessions import PlannedSession, planned_sessions, run_title
from core.present.this_week import LIFT_NAMES, RECOVERY_TEXT, event_day_text

UID_DOMAIN = "loaded-running-planner"
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
"""SEQUENCE counts seconds since this moment, so a file made later always has a higher one
(RFC 5545: it must increase when an event changes) and stays a 32-bit integer until 2088."""


@dataclass(frozen=True)
class CalendarEvent:
    """One planned session as the calendar shows it; ``key`` is its identity in the plan."""

    key: str
    date: dt.date
    title: str
    description: str


def _week_line(day: Day, total_weeks: int) -> str:
    phase = f", {PHASE_LABELS[day.phase].lower()}{'' if day.phase == 'event' else ' phase'}" if day.phase else ""
    return f"Week {day.week} of {total_weeks}{phase}{', deload week' if day.deload else ''}."


def _loaded_text(plan: Plan, day: Day, total_weeks: int) -> str:
    units = plan.inputs.units
    lines = [
        _week_line(day, total_weeks),
        f"Carry {fmt_mass(day.load_kg, units)} ({day.load_pct_bw:.1f}% of bodyweight) in your "
        f"{CARRIER_LABELS[plan.inputs.carrier]} for {fmt_distance(day.loaded_km or day.run_km, units)} at an easy "
        + ("pace." if day.loaded_km >= day.run_km - 1e-9 else
           f"pace, then run the rest of the {fmt_distance(day.run_km, units)} without it."),
        "",
        FORM_TEST,
        "",
        "Cues under load:",
        *[f"- {cue}" for cue in form_cues(plan.inputs.carrier)],
    ]
    return "\n".join(lines)


_RUN_TEXT = {
    "easy": "Your usual easy run, unloaded.",
    "hard": "Your intervals or tempo session, unloaded.",
    "long": "Your usual long run, unloaded. No lifting today or the day before (004).",
    "rest": "Rest day: no run and no lifting (004).",
}


def _run_event(plan: Plan, session: PlannedSession) -> tuple[str, str]:
    day, weeks = session.day, plan.inputs.weeks
    title = run_title(plan, day) + (" (deload)" if day.loaded and day.deload else "")
    text = _loaded_text(plan, day, weeks) if day.loaded else f"{_week_line(day, weeks)} {_RUN_TEXT[day.run]}"
    if day.recovery:
        text = f"{_week_line(day, weeks)} {RECOVERY_TEXT}."
    if day.strength:
        lift = LIFT_NAMES[day.strength]
        title += f", then {lift}"
        text += f"\n\nThen {lift} ({day.strength_minutes} min), later the same day: its exercises are in its own event."
    return title, text


def _lift_event(session: StrengthSession, deload: bool, total_weeks: int) -> tuple[str, str]:
    title = f"{LIFT_NAMES[session.label]} · {session.minutes} min{' (deload)' if deload else ''}"
    lines = [f"Week {session.week} of {total_weeks} · {session.cycle_step}."]
    first = session.exercises[0] if session.exercises else None
    if first and first.rpe[:1].isdigit():
        lines.append(f"Effort RPE {first.rpe}, stop with {first.reps_in_reserve} reps in reserve. Never to failure.")
    elif first:
        lines.append(f"Effort: {first.rpe}; {first.reps_in_reserve}.")
    lines.append("")
    for exercise in session.exercises:
        lines.append(f"- {exercise.name}: {exercise.sets} x {exercise.reps} (easier: {exercise.regression})")
    return title, "\n".join(lines)


def calendar_events(plan: Plan) -> list[CalendarEvent]:
    """Every planned session as an event, in date order (a day's run before its lift)."""
    events = []
    for session in planned_sessions(plan):
        if session.lift is not None:
            title, text = _lift_event(session.lift, session.day.deload, plan.inputs.weeks)
        else:
            title, text = _run_event(plan, session)
        events.append(CalendarEvent(session.key, session.date, title, text))
    event_day = next((d for d in plan.days if d.event), None)
    if event_day is not None:  # the event itself, so the calendar shows what the plan builds toward
        events.append(CalendarEvent(f"event-{event_day.date.isoformat()}", event_day.date, event_day_text(plan),
                                    f"{_week_line(event_day, plan.inputs.weeks)} The day the plan builds toward."))
    return sorted(events, key=lambda e: e.date)


def owner_tag(calendar_id: str) -> str:
    """The part of every UID that says whose plan it is: from an identity the caller passes (an
    athlete's id), never from a typed name, and never the identity itself.

    >>> owner_tag("athlete-7") == owner_tag("athlete-7") != owner_tag("athlete-8")
    True
    """
    return hashlib.sha256(calendar_id.encode("utf-8")).hexdigest()[:12]


def event_uid(key: str, calendar_id: str) -> str:
    """
    >>> event_uid("w3-loaded-1", "athlete-7")
    'w3-loaded-1-afc33a4749ad@loaded-running-planner'
    """
    return f"{key}-{owner_tag(calendar_id)}@{UID_DOMAIN}"


def sequence_at(now: dt.datetime) -> int:
    """
    >>> sequence_at(dt.datetime(2020, 1, 1, 0, 1, tzinfo=dt.UTC))
    60
    """
    return max(0, int((now.astimezone(dt.UTC) - SEQUENCE_EPOCH).total_seconds()))


def plan_ics(plan: Plan, athlete: str | None = None, *, now: dt.datetime, calendar_id: str = "plan") -> bytes:
    """The plan as an iCalendar file: one all-day event per planned session. Each event's UID is
    the session's identity in the plan (week, kind, its place in the week) and ``calendar_id``'s
    tag, so importing a changed plan moves and updates events instead of doubling them. The
    athlete's name only titles the calendar. ``now`` stamps DTSTAMP, LAST-MODIFIED and SEQUENCE."""
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    who = (athlete or "").strip()
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Loaded running plan{' · ' + who if who else ''}")
    for item in calendar_events(plan):
        event = Event()
        event.add("uid", event_uid(item.key, calendar_id))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", sequence_at(stamp))
        event.add("dtstart", item.date)
        event.add("dtend", item.date + dt.timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Training"])
        calendar.add_component(event)
    return calendar.to_ical()


# ------------------------------------------------------------------ CalDAV


class RemoteEvent(Protocol):
    """What the sync needs of an event on the server (a ``caldav`` event object has it)."""

    data: str

    def save(self) -> object: ...
    def delete(self) -> None: ...


class RemoteCalendar(Protocol):
    """What the sync needs of a calendar on the server (a ``caldav.Calendar`` has it)."""

    def get_events(self) -> Sequence[RemoteEvent]: ...
    def add_event(self, ical: str) -> object: ...


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    removed: int
    unchanged: int


def _events_of(text: str | bytes) -> list[Event]:
    return [c for c in Calendar.from_ical(text).walk("VEVENT") if isinstance(c, Event)]


def _content(event: Event) -> tuple[str, ...]:
    """What a runner sees of an event: a re-sync that changes none of it leaves the event alone."""
    return tuple(str(event.get(name, "")) for name in ("SUMMARY", "DESCRIPTION")) + tuple(
        event.decoded(name).isoformat() if name in event else "" for name in ("DTSTART", "DTEND"))


def _single(event: Event) -> str:
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def sync_calendar(calendar: RemoteCalendar, ics: bytes, calendar_id: str = "plan") -> SyncResult:
    """Make ``calendar`` (a CalDAV calendar, passed in) hold exactly this plan's events from
    ``ics`` (``plan_ics`` with the same ``calendar_id``): new sessions added, changed ones updated
    in place (same UID, higher SEQUENCE), and this plan's events that the plan no longer has
    removed. Events of anyone else in the calendar (another athlete, a dentist) are never touched."""
    wanted = {str(e["UID"]): e for e in _events_of(ics)}
    ours = f"-{owner_tag(calendar_id)}@{UID_DOMAIN}"
    present: dict[str, tuple[RemoteEvent, Event]] = {}
    for remote in calendar.get_events():
        for event in _events_of(remote.data):
            uid = str(event.get("UID", ""))
            if uid.endswith(ours):
                present[uid] = (remote, event)
    added = updated = removed = unchanged = 0
    for uid, (remote, _event) in present.items():
        if uid not in wanted:
            remote.delete()
            removed += 1
    for uid, event in wanted.items():
        if uid not in present:
            calendar.add_event(_single(event))
            added += 1
        elif _content(present[uid][1]) != _content(event):
            remote = present[uid][0]
            remote.data = _single(event)
            remote.save()
            updated += 1
        else:
            unchanged += 1
    return SyncResult(added, updated, removed, unchanged)
