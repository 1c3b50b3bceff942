"""This week at a glance: which week of the plan holds a day, and each day's sessions in a line
a runner reads in seconds (distance, the load to carry, the lift)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.planner.event import EVENT_KIND_LABELS, PHASE_LABELS
from core.planner.models import WEEKDAY_NAMES, WEEKDAYS, Day, Plan, Weekday
from core.planner.screening import CARRIER_LABELS
from core.planner.units import fmt_distance, fmt_mass

RUN_NAMES = {"easy": "Easy run", "hard": "Hard run (intervals or tempo)", "long": "Long run", "rest": "Rest"}
LIFT_NAMES = {"A": "Strength A", "B": "Strength B", "plyo": "Plyometrics"}
RUN_TITLES = {"easy": "Easy run", "hard": "Intervals", "long": "Long run", "rest": "Rest"}
"""The runs as a title names them, where a line has no room for "(intervals or tempo)": the calendar."""
RECOVERY_TEXT = "Recovery: walk and mobility (leg swings, hip and calf stretches), no run and no lift, after pain"
"""A recovery day the log asked for (docs/rules.md §14; 004: "mobility or recovery instead", 003's
warm-up drills)."""


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
    if d.event:
        parts = [event_day_text(plan)]
    elif d.recovery:
        parts = [RECOVERY_TEXT]
    elif d.run == "rest":
        parts = ["Rest"]
    elif d.loaded and d.loaded_km < d.run_km - 1e-9:  # toward an event: the load for the run's first part
        parts = [f"{RUN_NAMES[d.run]} {fmt_distance(d.run_km, units)}, the first {fmt_distance(d.loaded_km, units)} "
                 f"carrying {fmt_mass(d.load_kg, units)} in your {CARRIER_LABELS[plan.inputs.carrier]}"]
    elif d.loaded:
        parts = [f"Loaded run {fmt_distance(d.run_km, units)} easy, carrying {fmt_mass(d.load_kg, units)} "
                 f"in your {CARRIER_LABELS[plan.inputs.carrier]}"]
    else:
        parts = [f"{RUN_NAMES[d.run]} {fmt_distance(d.run_km, units)}"]
    if d.strength:
        parts.append(f"then {LIFT_NAMES[d.strength]} ({d.strength_minutes} min)")
    return ", ".join(parts)


def event_day_text(plan: Plan) -> str:
    """The event's day: "Event: trail ultra with mandatory kit, 50 km"."""
    inputs = plan.inputs
    return f"Event: {EVENT_KIND_LABELS[inputs.event_kind]}, {fmt_distance(inputs.event_distance_km, inputs.units)}"


def week_heading(plan: Plan, week: int) -> str:
    """"week 5 of 24 · Build phase · deload week": the week, its phase toward the event and a deload."""
    first = plan.days[(week - 1) * 7]
    phase = f" · {PHASE_LABELS[first.phase]}{'' if first.phase == 'event' else ' phase'}" if first.phase else ""
    return f"week {week} of {plan.inputs.weeks}{phase}{' · deload week' if first.deload else ''}"


def week_lines(plan: Plan, week: int, today: dt.date | None = None) -> list[DayLine]:
    """The seven days of ``week``, Monday first."""
    return [DayLine(f"{WEEKDAY_NAMES[d.weekday][:3]} {d.date:%d %b}", day_text(plan, d), d.loaded, d.date == today)
            for d in plan.days if d.week == week]


def _next_day(day: Weekday) -> Weekday:
    return WEEKDAYS[(WEEKDAYS.index(day) + 1) % 7]


def week_reasons(plan: Plan) -> list[str]:
    """Why things sit where they sit in this plan's week, each sentence true of this plan."""
    inputs = plan.inputs
    types: dict[Weekday, str] = {d.weekday: d.run for d in plan.days[:7]}
    long_day = WEEKDAY_NAMES[inputs.long_run_day]
    reasons = [
        "Hard days hard, easy days easy: loaded runs go on easy days only, never two days in a row (002, 004).",
        f"No lifting on the long-run day ({long_day}) or the day before it (004).",
        "Lifts go after easy runs or later on the same day as intervals, never on rest days, never two days "
        "in a row (004).",
    ]
    before_key = [(d, _next_day(d)) for d in plan.loaded_days if types[_next_day(d)] in ("hard", "long")]
    if plan.loaded_days and not before_key:
        reasons.append("Loaded runs avoid the day before a hard run or the long run, so key runs start fresh "
                       "(product choice).")
    elif plan.loaded_days:
        shown = "; ".join(f"{WEEKDAY_NAMES[d]}, the day before {WEEKDAY_NAMES[n]}'s "
                          f"{'long run' if types[n] == 'long' else 'hard run'}" for d, n in before_key)
        reasons.append(f"Loaded runs avoid the day before a hard run or the long run where your week allows; "
                       f"yours has no such easy day to spare, so a loaded run sits on {shown}. Keep it easy, "
                       "or move a hard day (product choice).")
    if plan.plyo_day:
        reasons.append(f"The plyometric micro-dose follows the speed session on {WEEKDAY_NAMES[plan.plyo_day]} (004).")
    return reasons
