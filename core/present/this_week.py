"""This week at a glance: which week of the plan holds a day, and each day's sessions in a line
a runner reads in seconds (distance, the load to carry, the lift)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.planner.models import WEEKDAY_NAMES, Day, Plan
from core.planner.screening import CARRIER_LABELS
from core.planner.units import fmt_distance, fmt_mass

RUN_NAMES = {"easy": "Easy run", "hard": "Hard run (intervals or tempo)", "long": "Long run", "rest": "Rest"}
LIFT_NAMES = {"A": "Strength A", "B": "Strength B", "plyo": "Plyometrics"}


def week_holding(plan: Plan, day: dt.date) -> int:
    """The plan's week that holds ``day``: week 1 before the plan starts, the last week after it.

    >>> from core import PlanInputs, build_plan
    >>> plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23), weeks=12))
    >>> week_holding(plan, dt.date(2026, 11, 1)), week_holding(plan, dt.date(2026, 12, 2)), week_holding(plan, dt.date(2027, 6, 1))
    (1, 2, 12)
    """
    first = plan.days[0].date
    if day < first:
        return 1
    return min((day - first).days // 7 + 1, plan.inputs.weeks)


@dataclass(frozen=True)
class DayLine:
    day: str
    """"Wed 25 Nov"."""
    text: str
    loaded: bool
    today: bool


def day_text(plan: Plan, d: Day) -> str:
    """One day's sessions: "Loaded run 4 km easy, carrying 3.5 kg in your weighted vest, then Strength A (20 min)"."""
    units = plan.inputs.units
    if d.run == "rest":
        parts = ["Rest"]
    elif d.loaded:
        parts = [f"Loaded run {fmt_distance(d.run_km, units)} easy, carrying {fmt_mass(d.load_kg, units)} "
                 f"in your {CARRIER_LABELS[plan.inputs.carrier]}"]
    else:
        parts = [f"{RUN_NAMES[d.run]} {fmt_distance(d.run_km, units)}"]
    if d.strength:
        parts.append(f"then {LIFT_NAMES[d.strength]} ({d.strength_minutes} min)")
    return ", ".join(parts)


def week_lines(plan: Plan, week: int, today: dt.date | None = None) -> list[DayLine]:
    """The seven days of ``week``, Monday first."""
    return [DayLine(f"{WEEKDAY_NAMES[d.weekday][:3]} {d.date:%d %b}", day_text(plan, d), d.loaded, d.date == today)
            for d in plan.days if d.week == week]
