"""Every planned session of a plan with an identity that survives a changed plan: the week, the
kind of session and its place among that kind in the week (never the date, never a typed name).
The calendar's event ids and the watch workouts' names are built from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from core.planner.models import WEEKDAY_NAMES, Day, Plan, StrengthSession
from core.planner.screening import CARRIER_LABELS
from core.planner.units import fmt_distance, fmt_mass
from core.present.this_week import LIFT_NAMES, RUN_TITLES

SessionKind = Literal["easy", "hard", "long", "loaded", "rest", "A", "B", "plyo"]
RUN_KINDS: tuple[SessionKind, ...] = ("easy", "hard", "long", "loaded", "rest")
LIFT_KINDS: tuple[SessionKind, ...] = ("A", "B", "plyo")


@dataclass(frozen=True)
class PlannedSession:
    """One planned session: a day's run (or rest), or a lift. ``ordinal`` counts from 1 among the
    sessions of the same kind in the same week, Monday first; ``lift`` is set for a lift only."""

    week: int
    kind: SessionKind
    ordinal: int
    day: Day
    lift: StrengthSession | None = None

    @property
    def date(self) -> dt.date:
        return self.day.date

    @property
    def key(self) -> str:
        """The session's identity in its plan, e.g. ``w3-loaded-1``: the same session keeps it when
        it moves to another day or its load is adapted."""
        return f"w{self.week}-{self.kind}-{self.ordinal}"

    @property
    def is_lift(self) -> bool:
        return self.lift is not None


def planned_sessions(plan: Plan) -> list[PlannedSession]:
    """Every planned session in date order, a day's run before its lift.

    >>> from core import PlanInputs, build_plan
    >>> plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23)))
    >>> [s.key for s in planned_sessions(plan)[:5]]
    ['w1-easy-1', 'w1-hard-1', 'w1-A-1', 'w1-loaded-1', 'w1-hard-2']
    """
    lifts = {session.date: session for session in plan.strength_sessions}
    counts: dict[tuple[int, str], int] = {}
    sessions: list[PlannedSession] = []

    def add(kind: SessionKind, day: Day, lift: StrengthSession | None = None) -> None:
        counts[(day.week, kind)] = counts.get((day.week, kind), 0) + 1
        sessions.append(PlannedSession(day.week, kind, counts[(day.week, kind)], day, lift))

    for day in plan.days:
        add("loaded" if day.loaded else day.run, day)
        lift = lifts.get(day.date)
        if lift is not None and lift.label:
            add(lift.label, day, lift)
    return sessions


def run_title(plan: Plan, day: Day) -> str:
    """A day's run as a calendar title: "Intervals · 10 km", "Loaded run · 3.5 kg vest · 4 km easy".

    >>> from core import PlanInputs, build_plan
    >>> plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23)))
    >>> run_title(plan, plan.days[1]), run_title(plan, plan.days[2]), run_title(plan, plan.days[4])
    ('Intervals · 10 km', 'Loaded run · 3.5 kg vest · 4 km easy', 'Rest')
    """
    units = plan.inputs.units
    if day.recovery:
        return "Recovery"
    if day.run == "rest":
        return RUN_TITLES["rest"]
    if day.loaded:
        carrier = CARRIER_LABELS[plan.inputs.carrier].removeprefix("weighted ")
        if day.loaded_km < day.run_km - 1e-9:  # toward an event: the load for the first part of the run
            return (f"{RUN_TITLES[day.run]} · {fmt_distance(day.run_km, units)}, first "
                    f"{fmt_distance(day.loaded_km, units)} with {fmt_mass(day.load_kg, units)} {carrier}")
        return f"Loaded run · {fmt_mass(day.load_kg, units)} {carrier} · {fmt_distance(day.run_km, units)} easy"
    return f"{RUN_TITLES[day.run]} · {fmt_distance(day.run_km, units)}"


def day_title(plan: Plan, day: Day) -> str:
    """A day's sessions in order, as a calendar reads them: "Intervals · 10 km, then Strength A".

    >>> from core import PlanInputs, build_plan
    >>> plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23)))
    >>> day_title(plan, plan.days[1])
    'Intervals · 10 km, then Strength A'
    """
    title = run_title(plan, day)
    if day.strength:
        title += f", then {LIFT_NAMES[day.strength]}"
    return title


def session_label(plan: Plan, session: PlannedSession) -> str:
    """A session as a chooser lists it: "Wed 25 Nov · Loaded run · 3.5 kg vest · 4 km easy"."""
    when = f"{WEEKDAY_NAMES[session.day.weekday][:3]} {session.date:%d %b}"
    if session.lift is not None:
        return f"{when} · {LIFT_NAMES[session.kind]} · {session.lift.minutes} min"
    return f"{when} · {run_title(plan, session.day)}"
