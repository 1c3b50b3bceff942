"""The plan adapts to what was done: the log's rules, each a named function with its source
(docs/rules.md §14). ``adapt_progression`` re-plans the loaded runs from ``today`` on; every change
it makes is explained by a ``Finding``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.planner.load import session_load
from core.planner.log import READINESS_KEYS, CheckIn, Session, without_duplicates
from core.planner.models import Finding, PlanInputs
from core.planner.progression import LoadedWeek, ceiling_kg, on_grid, steps_below, steps_per_increase
from core.planner.progression import weeks_between_increases as gap_weeks
from core.planner.rules import (
    ACWR_CHRONIC_DAYS,
    FATIGUE_GATE_DAYS,
    FATIGUE_LIGHTER_DISTANCE_FRACTION,
    SPIKE_FRACTION,
    SPIKE_WINDOW_DAYS,
)
from core.planner.units import fmt_distance, fmt_mass


@dataclass(frozen=True)
class LogState:
    """Where the loaded progression really is on ``today``, read from the log."""

    load_kg: float | None
    """The load of the last loaded run done without a failed form test (``None``: none logged)."""
    credit_weeks: int
    """Weeks in which a loaded run at that load was done with the form test passed."""
    failed_on: dt.date | None
    """The last failed form test, if it is the latest loaded run."""
    failed_load_kg: float
    pain_on: dt.date | None
    """Pain logged with no pain-free session after it."""
    last_pain_free_load_kg: float | None
    tired_days: int
    """Consecutive check-ins up to yesterday with most answers "no"."""


def sessions_of(log: Sequence[Session | CheckIn]) -> list[Session]:
    return without_duplicates([item for item in log if isinstance(item, Session)])


def checkins_of(log: Sequence[Session | CheckIn]) -> list[CheckIn]:
    latest: dict[dt.date, CheckIn] = {}
    for item in log:
        if isinstance(item, CheckIn):
            latest[item.date] = item
    return [latest[d] for d in sorted(latest)]


def _week_key(day: dt.date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def log_state(log: Sequence[Session | CheckIn], today: dt.date) -> LogState:
    """The log read up to (not including) ``today``."""
    done = [s for s in sessions_of(log) if s.date < today]
    loaded = [s for s in done if s.loaded]
    failed_on, failed_load = None, 0.0
    if loaded and loaded[-1].form_ok is False:
        failed_on, failed_load = loaded[-1].date, loaded[-1].load_kg
    good = [s for s in loaded if s.form_ok is not False]
    current = good[-1].load_kg if good else None
    credit = len({_week_key(s.date) for s in good
                  if s.form_ok is True and current is not None and abs(s.load_kg - current) < 1e-6})
    pained = [s for s in done if s.pain]
    pain_on = None
    if pained:
        after = [s for s in done if s.date > pained[-1].date and not s.pain]
        pain_on = None if after else pained[-1].date
    before_pain = [s for s in good if not pained or s.date < pained[-1].date]
    last_pain_free = before_pain[-1].load_kg if before_pain else None
    tired = 0
    by_day = {c.date: c for c in checkins_of(log)}
    day = today - dt.timedelta(days=1)
    while day in by_day and by_day[day].noes * 2 > len(READINESS_KEYS):  # most answers "no"
        tired += 1
        day -= dt.timedelta(days=1)
    return LogState(current, credit, failed_on, failed_load, pain_on, last_pain_free, tired)


def adapt_progression(
    inputs: PlanInputs,
    planned: list[LoadedWeek],
    monday: dt.date,
    log: Sequence[Session | CheckIn],
    today: dt.date,
) -> tuple[list[LoadedWeek], list[Finding]]:
    """The loaded weeks from ``today`` on, re-planned from the log (weeks before are kept as
    planned, for history). The rules, in order of precedence:

    - **Pain** (000, 004): no loaded runs until a later session is logged pain-free; then at most
      the last load before the pain.
    - **Form test failed** (002): the next loaded run is at least one plate step lighter, and the
      load does not rise again for at least one full interval.
    - **Time at a weight counts only what was done** (002): a step needs ``weeks_between_increases``
      weeks with a loaded run at the current weight done with the form test passed. Missed weeks
      give no credit: after a gap the progression resumes from the real load, never catches up.
    - **Fatigue gate** (004): ``FATIGUE_GATE_DAYS`` check-ins in a row with most answers "no":
      the next loaded run is shorter and its load held.

    The log only ever holds or lowers the plan: no re-planned load is above the planned one.
    """
    if not planned or not log:
        return planned, []
    state = log_state(log, today)
    step = inputs.load_step_kg
    ceiling_n = steps_below(ceiling_kg(inputs), step)
    add_n = steps_per_increase(step)
    gap = gap_weeks(inputs)
    first_week = max(1, (today - monday).days // 7 + 1)
    if first_week > len(planned):
        return planned, []
    findings: list[Finding] = []
    units = inputs.units
    planned_start_n = steps_below(planned[0].load_kg, step)
    if state.load_kg is None:
        load_n, credit = planned_start_n, 0
    else:
        load_n, credit = min(steps_below(state.load_kg, step), ceiling_n), state.credit_weeks
    hold_until_week = 0
    if state.failed_on is not None:
        load_n = max(0, min(load_n, steps_below(state.failed_load_kg, step) - 1))
        credit, hold_until_week = 0, first_week + gap
        findings.append(Finding(
            code="form_test_failed", severity="warn", source="002",
            message=f"Load lowered to {fmt_mass(on_grid(load_n, step), units)}: the form test failed on "
                    f"{state.failed_on:%d %b} with {fmt_mass(state.failed_load_kg, units)}. It does not rise "
                    f"again for at least {gap} weeks.",
        ))
    paused = state.pain_on is not None
    if paused:
        findings.append(Finding(
            code="pain_pause", severity="block", source="000, 004",
            message=f"No loaded runs: pain logged on {state.pain_on:%d %b}. They resume, at most at your "
                    "last load, once you log a session without pain. See a clinician if the pain persists.",
        ))
    elif state.pain_on is None and state.last_pain_free_load_kg is not None:
        load_n = min(load_n, steps_below(state.last_pain_free_load_kg, step))
    tired = state.tired_days >= FATIGUE_GATE_DAYS
    if tired:
        findings.append(Finding(
            code="fatigue_gate", severity="warn", source="004",
            message=f"Most check-in answers were \"no\" on {state.tired_days} days in a row: the next loaded "
                    "run is shorter and its load held, and the next lift has fewer sets.",
        ))
    elif state.tired_days:
        findings.append(Finding(
            code="fatigue_one_day", severity="info", source="004",
            message="A bad check-in yesterday: keep today easy if you need to, but don't react to a "
                    "single day. The plan changes only when the signals trend down for several days.",
        ))
    adapted = list(planned[: first_week - 1])
    real_n = load_n
    held = False
    logged_runs = [s for s in sessions_of(log) if s.kind == "run" and s.done and s.date < today and s.distance_km > 0]
    capped: list[float] = []
    for index, week in enumerate(planned[first_week - 1:]):
        number = first_week + index
        if paused:
            adapted.append(replace(week, load_kg=on_grid(real_n, step), sessions=0))
            continue
        can_step = not week.deload and number >= hold_until_week and real_n < ceiling_n and credit >= gap
        if can_step and on_grid(min(real_n + add_n, ceiling_n), step) <= week.load_kg + 1e-9:
            real_n, credit = min(real_n + add_n, ceiling_n), 0
        # The log only ever holds or lowers the plan: never above the week's planned load.
        load = min(on_grid(real_n, step), week.load_kg)
        km = week.km
        if tired and index == 0:
            km = round(int(week.km * FATIGUE_LIGHTER_DISTANCE_FRACTION * 10) / 10, 1)
        week_days = [monday + dt.timedelta(weeks=number - 1, days=d) for d in range(7)]
        limits = [x for x in (_spike_limit_km(logged_runs, day) for day in week_days if day >= today)
                  if x is not None]  # whichever day of the week the loaded run falls on
        limit = min(limits) if limits else None
        if limit is not None and km > limit + 1e-9:
            km = limit
            capped.append(limit)
        if week.deload and adapted:  # nothing increases in a deload week, after a capped week too
            km = min(km, adapted[-1].km)
        # A logged month too short to allow a tenth of a kilometre: no loaded run that week.
        sessions = week.sessions if km >= 0.1 else 0
        if sessions:  # a week ahead counts as the plan has it, done at its load; a week without one does not
            credit += 1
        adapted.append(replace(week, load_kg=load, km=km, sessions=sessions))
        held = held or load < week.load_kg - 1e-9
    if capped:
        findings.append(Finding(
            code="loaded_run_capped", severity="info", source="Frandsen 2025",
            message=f"Loaded runs held to {fmt_distance(min(capped), units)} for now: never more than "
                    f"{SPIKE_FRACTION:.0%} beyond your longest logged run of the previous {SPIKE_WINDOW_DAYS} days.",
        ))
    if held and state.failed_on is None and not paused:
        really = ("the load you have really carried" if state.load_kg is not None
                  else "the start load: no loaded run is logged yet")
        findings.append(Finding(
            code="load_from_log", severity="info", source="002",
            message=f"Loaded runs continue from {fmt_mass(on_grid(load_n, step), units)}, {really}. A step "
                    f"needs {gap} weeks with a loaded run at that weight done and the form test passed "
                    f"(you have {state.credit_weeks}). Missed weeks give no credit.",
        ))
    return adapted, findings


def _spike_limit_km(logged_runs: Sequence[Session], day: dt.date) -> float | None:
    """The longest run ``day`` may hold without a spike against the logged runs of the previous
    ``SPIKE_WINDOW_DAYS`` days (on the 0.1 km grid, rounded down); ``None`` with none logged."""
    window = [s.distance_km for s in logged_runs if day - dt.timedelta(days=SPIKE_WINDOW_DAYS) <= s.date < day]
    if not window:
        return None
    return int(max(window) * (1 + SPIKE_FRACTION) * 10 + 1e-9) / 10


def logged_loads(inputs: PlanInputs, log: Sequence[Session | CheckIn], today: dt.date) -> dict[dt.date, float] | None:
    """Each logged day's session load (RPE x minutes, a loaded run scaled by mass; a session without
    an RPE at the plan's RPE for its kind), when the log reaches back ``ACWR_CHRONIC_DAYS`` before
    ``today``: enough history for the averages to start from it. ``None`` otherwise."""
    done = [s for s in sessions_of(log) if s.done and s.date < today]
    if not done or done[0].date > today - dt.timedelta(days=ACWR_CHRONIC_DAYS):
        return None
    loads: dict[dt.date, float] = {}
    for s in done:
        rpe = s.rpe if s.rpe is not None else (
            inputs.rpe_strength if s.kind == "strength" else inputs.rpe_loaded if s.loaded else inputs.rpe_easy)
        loads[s.date] = loads.get(s.date, 0.0) + session_load(rpe, s.minutes, inputs.bodyweight_kg, s.load_kg)
    return loads


def logged_routine(loads: dict[dt.date, float], start: dt.date) -> tuple[float, ...] | None:
    """The runner's week before ``start`` as logged: each weekday's mean over the
    ``ACWR_CHRONIC_DAYS`` before it, Monday first; ``None`` if the log does not reach back that far."""
    if min(loads) > start - dt.timedelta(days=ACWR_CHRONIC_DAYS):
        return None
    days = [start - dt.timedelta(days=n) for n in range(1, ACWR_CHRONIC_DAYS + 1)]
    week = [0.0] * 7
    for day in days:
        week[day.weekday()] += loads.get(day, 0.0)
    return tuple(round(v / (ACWR_CHRONIC_DAYS // 7), 1) for v in week)


def spikes_against_log(
    inputs: PlanInputs, days: Sequence[tuple[dt.date, float]], log: Sequence[Session | CheckIn], today: dt.date,
) -> list[Finding]:
    """Planned runs from ``today`` more than ``SPIKE_FRACTION`` longer than the longest *logged* run
    of the previous ``SPIKE_WINDOW_DAYS`` days (Frandsen 2025), each with both distances and dates."""
    logged = [s for s in sessions_of(log) if s.kind == "run" and s.done and s.date < today and s.distance_km > 0]
    if not logged:
        return []
    flagged = []
    for date, km in days:
        if date < today or km <= 0:
            continue
        window = [s for s in logged if date - dt.timedelta(days=SPIKE_WINDOW_DAYS) <= s.date < date]
        if not window:
            continue
        longest = max(window, key=lambda s: s.distance_km)
        if km > (1 + SPIKE_FRACTION) * longest.distance_km + 1e-9:
            flagged.append((date, km, longest))
    if not flagged:
        return []
    units = inputs.units
    shown = "; ".join(f"{d:%a %d %b} {fmt_distance(km, units)} (longest before: {fmt_distance(s.distance_km, units)} "
                      f"on {s.date:%d %b})" for d, km, s in flagged[:3])
    more = f" and {len(flagged) - 3} more" if len(flagged) > 3 else ""
    return [Finding(
        code="run_spike_log", severity="warn", source="Frandsen 2025",
        message=f"{len(flagged)} planned run{'s' if len(flagged) > 1 else ''} more than {SPIKE_FRACTION:.0%} longer "
                f"than anything you logged in the previous {SPIKE_WINDOW_DAYS} days: {shown}{more}. "
                "Build up to it, or lower the usual distance in the sidebar.",
    )]
