"""The plan as an iCalendar file: one all-day event per loaded run, strength session and long run."""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from core.io.files import APP_NAME
from core.planner.models import Day, Plan, StrengthSession
from core.planner.screening import CARRIER_LABELS, FORM_TEST, form_cues
from core.planner.units import Units, fmt_distance, fmt_mass

UID_DOMAIN = "loaded-running-planner"


def _km_text(km: float, units: Units) -> str:
    return fmt_distance(km, units)


def _loaded_event(plan: Plan, day: Day, total_weeks: int) -> tuple[str, str]:
    units = plan.inputs.units
    carrier = CARRIER_LABELS[plan.inputs.carrier].removeprefix("weighted ")
    deload = " (deload)" if day.deload else ""
    title = f"Loaded run · {fmt_mass(day.load_kg, units)} {carrier} · {_km_text(day.run_km, units)} easy{deload}"
    lines = [
        f"Week {day.week} of {total_weeks}{', deload week' if day.deload else ''}.",
        f"Carry {fmt_mass(day.load_kg, units)} ({day.load_pct_bw:.1f}% of bodyweight) in your "
        f"{CARRIER_LABELS[plan.inputs.carrier]} for {_km_text(day.run_km, units)} at an easy pace.",
        "",
        FORM_TEST,
        "",
        "Cues under load:",
        *[f"- {cue}" for cue in form_cues(plan.inputs.carrier)],
    ]
    return title, "\n".join(lines)


def _strength_event(session: StrengthSession, deload: bool, total_weeks: int) -> tuple[str, str]:
    name = "Plyometrics" if session.label == "plyo" else f"Strength {session.label}"
    title = f"{name} · {session.minutes} min{' (deload)' if deload else ''}"
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


def _long_event(plan: Plan, day: Day, total_weeks: int) -> tuple[str, str]:
    units = plan.inputs.units
    title = f"Long run · {_km_text(day.run_km, units)}"
    text = (f"Week {day.week} of {total_weeks}. Your usual long run, unloaded. "
            "No lifting today or the day before (004).")
    return title, text


def calendar_events(plan: Plan) -> list[tuple[str, dt.date, str, str]]:
    """(kind, date, title, description) for each loaded run, strength session and long run."""
    weeks = plan.inputs.weeks
    deload_by_date = {d.date: d.deload for d in plan.days}
    events: list[tuple[str, dt.date, str, str]] = []
    for day in plan.days:
        if day.loaded:
            events.append(("loaded", day.date, *_loaded_event(plan, day, weeks)))
        if day.run == "long":
            events.append(("long", day.date, *_long_event(plan, day, weeks)))
    for session in plan.strength_sessions:
        events.append((f"strength-{session.label}", session.date,
                       *_strength_event(session, deload_by_date.get(session.date, False), weeks)))
    events.sort(key=lambda e: (e[1], e[0]))
    return events


def plan_ics(plan: Plan, athlete: str | None = None, *, now: dt.datetime) -> bytes:
    """The plan as an iCalendar file: one all-day event per loaded run, strength session and
    long run. UIDs are stable for an athlete and date, so importing an updated plan again
    updates events instead of doubling them (in calendars that honour UIDs)."""
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    who = (athlete or "").strip()
    owner = hashlib.sha256(who.encode("utf-8")).hexdigest()[:10]
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Loaded running plan{' · ' + who if who else ''}")
    for kind, date, title, description in calendar_events(plan):
        event = Event()
        event.add("uid", f"{date:%Y%m%d}-{kind}-{owner}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
        event.add("summary", title)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Training"])
        calendar.add_component(event)
    return calendar.to_ical()
