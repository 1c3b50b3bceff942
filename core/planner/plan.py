"""``build_plan``: from validated inputs to a day-by-day plan with its reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.planner.adapt import (
    logged_loads,
    logged_routine,
    replan,
    sessions_of,
    spikes_against_log,
    weekly_load_ratios,
)
from core.planner.day import make_day, run_minutes, run_rpe, usual_km
from core.planner.event import (
    EVENT_KIND_LABELS,
    PHASE_LABELS,
    PHASE_MEANING,
    RunningWeek,
    event_load_kg,
    fit_to_event,
    is_pack_event,
    running_weeks,
    week_phases,
)
from core.planner.load import BASELINE_WEEKS, Projection, project, session_load, spike_runs
from core.planner.log import CheckIn, Session
from core.planner.models import (
    PHASES,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Change,
    Day,
    Finding,
    Phase,
    Plan,
    PlanInputs,
    RunType,
    StrengthSession,
    StrengthSlot,
    Weekday,
)
from core.planner.progression import (
    LoadedWeek,
    age_band,
    ceiling_fraction,
    ceiling_kg,
    is_deload,
    loaded_progression,
    start_load_kg,
    start_target_kg,
    weeks_between_increases,
)
from core.planner.rules import (
    ACWR_BAND,
    AGE_CEILING_FRACTION,
    AGE_STEP_WEEKS,
    CEILING_FRACTION_BW_MAX,
    LOAD_CAVEAT,
    MAX_LOAD_STEP_KG,
    OLDER_AGE_FROM,
    PLYO_MINUTES,
    PREPARATION_WEEKS,
    SPIKE_FRACTION,
    SPIKE_HAZARD_RATIO,
    SPIKE_HR_UPPER_FRACTION,
    SPIKE_STUDY_RUNNERS,
    SPIKE_WINDOW_DAYS,
    START_FRACTION_BW,
    STRENGTH_SESSIONS_PER_WEEK,
    VEST_START_MAX_KG,
    YOUTH_AGE_BELOW,
)
from core.planner.screening import (
    CARRIER_LABELS,
    CARRIES_FOR_RUNNING,
    carrier_findings,
    disclaimer,
    form_test,
    once_open,
    runner_findings,
)
from core.planner.strength import (
    cycle_step,
    session_exercises,
    session_minutes,
    strength_level_for,
    wants_plyo,
)
from core.planner.units import cardinal, fmt_distance, fmt_mass, ordinal, percent, percent_range
from core.planner.week import (
    loaded_day_findings,
    next_to_long_run,
    place_loaded_runs,
    place_strength,
    run_types,
    week_findings,
)


def plan_monday(start_date: dt.date) -> dt.date:
    """The plan starts on the Monday of the week holding ``start_date``."""
    return start_date - dt.timedelta(days=start_date.weekday())


def _equipment_findings(inputs: PlanInputs) -> list[Finding]:
    """Loaded runs need a start load that the equipment holds and the plates can make
    (docs/rules.md §3)."""
    units = inputs.units
    target = start_target_kg(inputs)
    start = start_load_kg(inputs)
    carrier = CARRIER_LABELS[inputs.carrier]
    if start <= 0:
        # A vest's start is capped: say so, or "5% of 100 kg is 4.5 kg" would read as a slip.
        capped = target < START_FRACTION_BW * inputs.bodyweight_kg - 1e-9
        cap = f" but at most {fmt_mass(VEST_START_MAX_KG, units)} for a vest" if capped else ""
        return [Finding(
            code="plate_step_too_large", severity="warn", source="002, 000" if capped else "002",
            message=f"Your smallest step is {fmt_mass(inputs.load_step_kg, units)}; the start "
                    f"load, {percent(START_FRACTION_BW)} of {fmt_mass(inputs.bodyweight_kg, units)}{cap}, is "
                    f"{fmt_mass(target, units)}, which rounds down to nothing. Get smaller "
                    "weights to start loaded running.",
        )]
    if inputs.equipment_max_kg + 1e-9 < start:
        return [Finding(
            code="equipment_too_small", severity="warn", source="002",
            message=f"Your {carrier} holds {fmt_mass(inputs.equipment_max_kg, units)}, less than "
                    f"the start load of {fmt_mass(start, units)}: no loaded runs until it can "
                    "hold the start load.",
        )]
    return []


def _load_findings(inputs: PlanInputs, start: float, ceiling: float) -> list[Finding]:
    units = inputs.units
    pct = round(ceiling_fraction(inputs) * 100)
    why = ("a pack event" if inputs.goal == "pack_event"
           else f"your goal ({percent(CEILING_FRACTION_BW_MAX)} is for pack events)")
    vest_cap = f" and at most {fmt_mass(VEST_START_MAX_KG, units)} for a vest"
    step, gap = inputs.load_step_kg, weeks_between_increases(inputs)
    if gap > inputs.progression_weeks:
        # One plate is more than the 1 kg limit: it comes less often, so the average keeps to it.
        steps = (f"Add one {fmt_mass(step, units)} step at most every {gap} weeks (on average no more "
                 f"than {fmt_mass(MAX_LOAD_STEP_KG, units)} every {inputs.progression_weeks} weeks)")
    else:
        steps = f"Add at most {fmt_mass(MAX_LOAD_STEP_KG, units)} every {inputs.progression_weeks} weeks"
    return [
        Finding(
            code="start_load", severity="info", source="002, 000",
            message=f"Start at {fmt_mass(start, units)}: {percent(START_FRACTION_BW)} of bodyweight"
                    f"{vest_cap if inputs.carrier == 'vest' else ''}, "
                    "rounded down to your smallest step. It feels heavier on a run than it sounds.",
        ),
        Finding(
            code="ceiling", severity="info", source="002, 001",
            message=f"Ceiling {fmt_mass(ceiling, units)}: {pct}% of bodyweight for {why}, "
                    f"never more than your equipment holds. {steps}, and never raise load and "
                    "distance in the same week.",
        ),
        form_test(),
    ]


def _routine_km(inputs: PlanInputs, types: dict[Weekday, RunType]) -> list[float]:
    """The runner's week before the plan, Monday to Sunday, in km."""
    km = usual_km(inputs)
    return [km[types[d]] for d in WEEKDAYS]


def _big_step_findings(inputs: PlanInputs, progression: list[LoadedWeek]) -> list[Finding]:
    """A plate step heavier than 002's 1 kg comes less often, but it still lands at once: say so,
    with the first step that doubles the load if one does, and the gentler way."""
    if inputs.load_step_kg <= MAX_LOAD_STEP_KG + 1e-9:
        return []
    units = inputs.units
    steps = [(a, b) for a, b in zip(progression, progression[1:], strict=False) if b.load_kg > a.load_kg + 1e-9]
    if not steps:
        return []
    doubling = next(((a, b) for a, b in steps if b.load_kg >= 2 * a.load_kg - 1e-9), None)
    a, b = doubling or steps[0]
    what = "doubles the load" if doubling else f"adds {fmt_mass(b.load_kg - a.load_kg, units)} at once"
    return [Finding(
        code="big_load_step", severity="warn", source="002",
        message=f"Your smallest step is {fmt_mass(inputs.load_step_kg, units)}, more than the "
                f"{fmt_mass(MAX_LOAD_STEP_KG, units)} a step 002 allows: the plan waits longer between steps, but "
                f"week {b.week}'s step from {fmt_mass(a.load_kg, units)} to {fmt_mass(b.load_kg, units)} {what}. "
                "To step more gently, add smaller weights (1 lb or 0.5 kg plates, or a filled water bottle: "
                "0.5 L is 0.5 kg) and set the smaller step under Edit profile (Goal & equipment tab).",
    )]


def baseline_loads(inputs: PlanInputs, types: dict[Weekday, RunType]) -> tuple[float, ...]:
    """The runner's week before the plan: the same runs, no load, no lifts (Monday to Sunday)."""
    return tuple(
        session_load(run_rpe(inputs, types[d], False), run_minutes(inputs, km, False))
        for d, km in zip(WEEKDAYS, _routine_km(inputs, types), strict=True)
    )


def weekly_ratios(plan_days: Sequence[Day] | Sequence[float], baseline: tuple[float, ...]) -> list[float]:
    """Each week's mean daily acute:chronic ratio (``adapt.weekly_load_ratios``) of the days, or of
    their daily loads (``Plan.daily_loads()``, logged history included)."""
    return weekly_load_ratios(baseline, [d.session_load if isinstance(d, Day) else d for d in plan_days])


def _runs(weeks: list[int]) -> list[list[int]]:
    """[1, 2, 5] -> [[1, 2], [5]]: consecutive weeks together."""
    groups: list[list[int]] = []
    for week in weeks:
        if groups and groups[-1][-1] == week - 1:
            groups[-1].append(week)
        else:
            groups.append([week])
    return groups


def _week_span(group: list[int]) -> str:
    return f"Week {group[0]}" if len(group) == 1 else f"Weeks {group[0]}-{group[-1]}"


def training_load_findings(inputs: PlanInputs, types: dict[Weekday, RunType], days: tuple[Day, ...],
                           baseline: tuple[float, ...], loads: Sequence[float] | None = None) -> list[Finding]:
    """Weeks whose projected ratio leaves the ``ACWR_BAND`` guide band, and single-run spikes
    (docs/rules.md §9). ``loads``: the daily loads to judge (logged history included), else the plan's."""
    low, high = ACWR_BAND
    ratios = weekly_ratios(list(loads) if loads is not None else days, baseline)
    deloads = {d.week for d in days if d.deload}
    findings: list[Finding] = []
    source = "Williams 2017; Gabbett 2016; Lolli 2019; Impellizzeri 2020"
    for group in _runs([w for w, r in enumerate(ratios, 1) if r > high]):
        peak = max(ratios[w - 1] for w in group)
        findings.append(Finding(
            code="acwr_high", severity="warn", source=source,
            message=f"{_week_span(group)}: the projected acute:chronic load ratio reaches {peak:.2f}, above "
                    f"the {low}-{high} guide band: the week asks a lot more than the weeks before it. "
                    f"Consider bringing in the lifts and the load one at a time, or starting lighter. {LOAD_CAVEAT}",
        ))
    for group in _runs([w for w, r in enumerate(ratios, 1) if r < low]):
        lowest = min(ratios[w - 1] for w in group)
        planned = all(w in deloads for w in group)
        findings.append(Finding(
            code="acwr_low", severity="info", source=source,
            message=f"{_week_span(group)}: the projected ratio drops to {lowest:.2f}, below {low}"
                    + (": expected in a planned deload week." if planned else
                       ": much less than your recent weeks; fine for recovery, but fitness fades "
                       "if it lasts.") + f" {LOAD_CAVEAT}",
        ))
    history = _routine_km(inputs, types) * BASELINE_WEEKS
    km = history + [d.run_km for d in days]
    spikes = [days[i - len(history)] for i in spike_runs(km) if i >= len(history)]
    if spikes:
        shown = ", ".join(f"week {d.week} {d.weekday.title()} ({fmt_distance(d.run_km, inputs.units)})"
                          for d in spikes[:4])
        more = f" and {len(spikes) - 4} more" if len(spikes) > 4 else ""
        findings.append(Finding(
            code="run_spike", severity="warn", source="Frandsen 2025",
            message=f"{len(spikes)} run{'s' if len(spikes) > 1 else ''} more than {SPIKE_FRACTION:.0%} longer than the longest "
                    f"run of the previous {SPIKE_WINDOW_DAYS} days: {shown}{more}. "
                    f"In {SPIKE_STUDY_RUNNERS:,} runners such single-run spikes raised injury risk "
                    f"({percent_range(SPIKE_FRACTION, SPIKE_HR_UPPER_FRACTION)} longer: hazard ratio "
                    f"{SPIKE_HAZARD_RATIO:g}). Build the distance up more gradually.",
        ))
    return findings


def _deloads(inputs: PlanInputs) -> list[bool]:
    return [is_deload(w, inputs.deload_every) for w in range(1, inputs.weeks + 1)]


def _event_periods(inputs: PlanInputs) -> tuple[PlanInputs, Periods, list[Finding]]:
    """The inputs running to the event's week, the event plan's phases (running built later, once the
    week's types are known), and why an event is left out: then the plan is planned without it (no
    pack-event ceiling, no event load), and ``Plan.inputs`` still holds it, so the link keeps it."""
    inputs, active, findings = fit_to_event(inputs)
    if not active:
        return inputs.model_copy(update={"event_date": None}), Periods(), findings
    phases = week_phases(inputs, inputs.weeks)
    built: list[RunningWeek] | None = [] if inputs.running == "build" else None  # filled by build_plan
    return inputs, Periods(phases, built, inputs.event_date), findings


def _first_loaded_week(periods: Periods, deload_every: int, new_to_lifting: bool = False) -> int:
    """Loaded runs start after the preparation and, with built running, once the running has stopped
    rising (002: the mileage build and carried load stress the same tissue, one at a time); never in a
    deload week, the taper or the event's week. Past the plan's end: no week for them."""
    if periods.phases is None:
        if not new_to_lifting:
            return 1
        # New to lifting (and, as every runner here, to carried load): a strength base first.
        return next(w for w in range(PREPARATION_WEEKS + 1, PREPARATION_WEEKS + deload_every + 2)
                    if not is_deload(w, deload_every))
    first = 1
    if periods.running:
        volumes = [w.volume for w, p in zip(periods.running, periods.phases, strict=True) if p not in ("taper", "event")]
        top = max(volumes, default=0.0)
        peak_week = next((i for i, v in enumerate(volumes, 1) if v >= top - 1e-6), 1)
        first = peak_week + 1 if peak_week > 1 else 1
    return next((w for w, p in enumerate(periods.phases, 1)
                 if w >= first and p in ("build", "specific") and not is_deload(w, deload_every)),
                len(periods.phases) + 1)


def _no_heavy_carry(inputs: PlanInputs) -> Finding:
    return Finding(
        code="no_heavy_carry", severity="warn", source="002",
        message=f"Your loaded runs sit next to your long run ({WEEKDAY_NAMES[inputs.long_run_day]}), so the "
                "specific phase can't put the pack on the long run: loaded runs never go on consecutive days. "
                "Move a loaded day away from the long run (make another day easy under Edit profile, Running "
                "week tab) to carry the pack on the long run every second week.",
    )


def _no_room_for_load(inputs: PlanInputs, first: int) -> Finding:
    return Finding(
        code="no_weeks_for_load", severity="warn", source="002",
        message=f"Loaded runs would start in week {first}, after the strength base"
                + (" and the running build (carried load waits until your weekly distance has stopped rising)"
                   if inputs.running == "build" and inputs.event_date is not None else "")
                + ", but that leaves no week for them: the plan has no loaded runs. A longer plan (or a later "
                "event) gives the load its weeks.",
    )


LATE_LOAD_SEARCH_WEEKS = 200
"""How far past an event plan's end ``event_load_findings`` looks for the week the load would reach
the event's: a search bound (about four years), not a training number."""


def event_load_findings(inputs: PlanInputs, periods: Periods, progression: list[LoadedWeek]) -> list[Finding]:
    """The event's load is the target, never above the ceiling (docs/rules.md §16): say where the event
    asks more than the ceiling, or more than the weeks allow at 1 kg per 2-3 weeks, with the date it could
    be reached and the options. The progression is never squeezed to fit the date."""
    target = event_load_kg(inputs)
    if periods.event_date is None or target <= 0:
        return []
    units = inputs.units
    findings: list[Finding] = []
    allowed = min(ceiling_fraction(inputs) * inputs.bodyweight_kg, inputs.equipment_max_kg)
    ceiling = ceiling_kg(inputs)
    if target > allowed + 1e-9:
        why = (f"what your {CARRIER_LABELS[inputs.carrier]} holds" if inputs.equipment_max_kg < ceiling_fraction(inputs) * inputs.bodyweight_kg
               else f"{percent(ceiling_fraction(inputs))} of your bodyweight, the most to run with")
        findings.append(Finding(
            code="event_load_above_ceiling", severity="warn", source="002",
            message=f"Your event asks for {fmt_mass(target, units)}; loaded running never goes above "
                    f"{fmt_mass(allowed, units)} ({why}), so the plan's target is {fmt_mass(ceiling, units)}. "
                    "Options: a lighter division or standard (GORUCK Light asks less than Tough), or train the "
                    "rest of the weight by walking with it: the sources we follow give no rucking progression, so "
                    "the plan doesn't plan those walks.",
        ))
    reached = next((w for w in progression if w.load_kg >= ceiling - 1e-9 and not w.off), None)
    taper = next((i for i, p in enumerate(periods.phases or [], 1) if p == "taper"), inputs.weeks)
    if reached is None or reached.week >= taper:
        first = next(w.week for w in progression if not w.off)
        longer = loaded_progression(inputs.model_copy(update={"weeks": inputs.weeks + LATE_LOAD_SEARCH_WEEKS}),
                                    1, None, None, first)
        week = next((w.week for w in longer if w.load_kg >= ceiling - 1e-9), None)
        assert inputs.start_date is not None
        at_event = max((w.load_kg for w in progression if not w.off), default=0.0)
        when = ""
        if week is not None:
            date = plan_monday(inputs.start_date) + dt.timedelta(days=7 * (week - 1))
            when = f" at 1 kg every {weeks_between_increases(inputs)} weeks it would reach it in the week of {date:%d %b %Y}"
        findings.append(Finding(
            code="event_load_late", severity="warn", source="002",
            message=f"The plan carries {fmt_mass(at_event, units)} by the taper, not the event's "
                    f"{fmt_mass(ceiling, units)}:{when or ' not within the weeks before your event'}. The load is never "
                    "stepped faster to fit a date. Options: a later event (two weeks or more after that week, for the "
                    "taper), a lighter "
                    f"division, or racing with {fmt_mass(at_event, units)} in training behind you.",
        ))
    return findings


def phase_finding(inputs: PlanInputs, phases: list[Phase]) -> Finding:
    """The phases toward the event, with their weeks (docs/rules.md §16)."""
    parts = []
    for phase in PHASES:
        weeks = [w for w, p in enumerate(phases, 1) if p == phase]
        if weeks:
            span = f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"
            parts.append(f"{PHASE_LABELS[phase]} ({span}): {PHASE_MEANING[phase]}")
    assert inputs.event_date is not None
    running = ("The plan builds your running" if inputs.running == "build" else "Your running is your own plan's")
    return Finding(
        code="event_phases", severity="info", source="002, 001, 004, Bosquet 2007",
        message=f"Toward your {EVENT_KIND_LABELS[inputs.event_kind]} on {inputs.event_date:%a %d %b %Y} "
                f"({fmt_distance(inputs.event_distance_km, inputs.units)}): " + "; ".join(parts) + f". {running}.",
    )


def age_findings(inputs: PlanInputs) -> list[Finding]:
    """What the plan doses differently under 18 and from 65 (docs/rules.md §17)."""
    band = age_band(inputs)
    if not band:
        return []
    same = (f"the ceiling is {percent(AGE_CEILING_FRACTION)} of bodyweight whatever the goal, a load step comes "
            f"every {AGE_STEP_WEEKS} weeks at most, and the strength plan is standard at most, without "
            "plyometrics")
    if band == "youth":
        return [Finding(
            code="age_youth", severity="info", source="AOTA; Faigenbaum 2009",
            message=f"Under {YOUTH_AGE_BELOW}: {same}. Growing bodies carry at most {percent(AGE_CEILING_FRACTION)} "
                    "(school-backpack guidance), and youth lifting and jumping belong with a qualified coach watching.",
        )]
    return [Finding(
        code="age_older", severity="info", source="ACSM 2009; 001",
        message=f"From {OLDER_AGE_FROM}: {same}. Progress gradually and let joints tell you the pace.",
    )]


def build_plan(inputs: PlanInputs, log: Sequence[Session | CheckIn] = (), today: dt.date | None = None) -> Plan:
    """The whole plan for ``inputs``: loaded runs, lifts, deloads, and every reason.

    ``today`` dates a plan that has no start date (it starts the Monday after); the planner
    never reads a clock. ``plan.inputs`` always carries the start date the plan used. With a
    ``log`` (sessions and check-ins) and ``today``, days before ``today`` are history and the
    loaded runs from ``today`` on are re-planned from what was done (``core.planner.adapt``);
    with no log the plan is exactly the plan without one.

    >>> plan = build_plan(PlanInputs(bodyweight_kg=70), today=dt.date(2026, 11, 20))
    >>> plan.start_load_kg, plan.ceiling_kg, plan.loaded_days, plan.strength_days
    (3.5, 7.0, ('wed',), ('tue', 'thu'))
    >>> plan.days[0].date, plan.inputs.start_date
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 23))
    """
    entered = inputs.dated(today)
    inputs, periods, event_findings = _event_periods(entered)
    findings: list[Finding] = once_open([*carrier_findings(inputs), *runner_findings(inputs)])
    types = run_types(inputs)
    if periods.running is not None:
        # Built running is the mileage build 002 asks to finish before load: it is planned, not a block.
        findings = [f for f in findings if f.code != "building_mileage"]
    findings.extend(event_findings)
    findings.extend(age_findings(inputs))
    findings.extend(week_findings(inputs, types))
    if periods.running is not None:
        periods = replace(periods, running=running_weeks(inputs, types, periods.phases or [], _deloads(inputs)))

    loaded_days: tuple[Weekday, ...] = ()
    progression: list[LoadedWeek] = []
    start = start_load_kg(inputs)
    ceiling = ceiling_kg(inputs)
    wants_loaded = inputs.carrier in CARRIES_FOR_RUNNING
    blocked = any(f.severity == "block" for f in findings)
    if wants_loaded and not blocked:
        equipment = _equipment_findings(inputs)
        findings.extend(equipment)
        if not equipment:
            loaded_days, room = place_loaded_runs(types, inputs.loaded_runs_per_week)
            findings.extend(room)
            findings.extend(loaded_day_findings(types, loaded_days))
            if loaded_days:
                first = _first_loaded_week(periods, inputs.deload_every, inputs.new_to_lifting)
                long_km: list[float] | None = [w.km["long"] for w in periods.running] if periods.running else \
                    [inputs.long_run_km] * inputs.weeks
                if periods.phases is not None and next_to_long_run(inputs.long_run_day, loaded_days):
                    long_km = None  # a heavy carry would sit next to a loaded run: none (docs/rules.md §16)
                    if "specific" in periods.phases:
                        findings.append(_no_heavy_carry(inputs))
                progression = loaded_progression(inputs, len(loaded_days), periods.phases, long_km, first)
                if all(w.off for w in progression):
                    progression = []
                    findings.append(_no_room_for_load(inputs, first))
                else:
                    findings.extend(_load_findings(inputs, start, ceiling))
                    if first > 1:
                        findings.append(Finding(
                            code="loaded_start_week", severity="info", source="002, 004",
                            message=f"Your first loaded run is in week {first}: after "
                                    + ("the strength base and once the running the plan builds has stopped rising "
                                       "(one stress at a time)." if periods.running is not None else
                                       "the strength base of the preparation phase." if periods.phases is not None else
                                       f"a {PREPARATION_WEEKS}-week strength base: you are new to lifting, so the "
                                       "lifts start alone (one new stress at a time)."),
                        ))
                    findings.extend(_big_step_findings(inputs, progression))
                    findings.extend(event_load_findings(inputs, periods, progression))

    plyo = wants_plyo(inputs)
    strength_days, plyo_day, strength_room = place_strength(inputs, types, loaded_days, plyo)
    findings.extend(strength_room)
    if inputs.strength_level == "advanced" and not plyo and not age_band(inputs):
        findings.append(Finding(
            code="plyo_not_for_you", severity="info", source="004",
            message="The advanced plan's plyometric micro-dose is for experienced runners with "
                    "a strength base and no Achilles or joint pain: your plan keeps the "
                    f"{cardinal(STRENGTH_SESSIONS_PER_WEEK)} strength sessions.",
        ))
    findings.append(Finding(
        code="deload_alignment", severity="info", source="004",
        message=f"Every {ordinal(inputs.deload_every)} week is a deload for carried load and lifting"
                + (" and for the running the plan builds." if periods.running is not None else
                   ". Line it up with your running plan's own recovery weeks."),
    ))
    if periods.phases is not None:
        findings.append(phase_finding(inputs, periods.phases))
    findings.append(disclaimer())

    days, sessions = _calendar(inputs, types, loaded_days, progression, strength_days, plyo_day, periods)
    typed = baseline = baseline_loads(inputs, types)
    loads_done: tuple[float | None, ...] = ()
    changes: tuple[Change, ...] = ()
    logged = sessions_of(log) if log and today is not None else []  # without duplicates, read once
    if log and today is not None:
        history = logged_loads(inputs, logged, today, types)
        if history is not None:
            # Real history in the load science: the averages start from the logged loads (docs/rules.md §14).
            baseline = logged_routine(history, days[0].date) or baseline
            loads_done = tuple(history.get(d.date, 0.0) if d.date < today else None for d in days)
        replanned = replan(inputs, days, progression, loaded_days, log, today, (baseline, typed), history, logged)
        days, changes = replanned.days, replanned.changes
        findings[-1:-1] = [c.finding() for c in changes]
        sessions = _sessions_for(days, sessions)
        if any(c.code == "fatigue_gate" for c in changes):
            sessions = lighter_next_lift(sessions, today)
    daily = [d.session_load if done is None else done
             for d, done in zip(days, loads_done or (None,) * len(days), strict=True)]
    findings[-1:-1] = training_load_findings(inputs, types, days, baseline, daily)
    if log and today is not None:
        findings[-1:-1] = spikes_against_log(inputs, days, logged, today)
    if progression and log and today is not None and inputs.start_date is not None and today <= inputs.start_date:
        # Before the plan starts, the headline's start load is the adapted one (docs/rules.md §14).
        start = next((d.load_kg for d in days if d.loaded and d.date >= today), 0.0)
    ceiling_week = next((d.week for d in days if d.loaded and d.load_kg >= ceiling - 1e-9), None)
    return Plan.model_construct(
        inputs=inputs if periods.event_date is not None else entered,
        days=days,
        strength_sessions=sessions,
        findings=tuple(findings),
        loaded_running=bool(progression),
        start_load_kg=start if progression else 0.0,
        ceiling_kg=ceiling if progression else 0.0,
        ceiling_week=ceiling_week,
        loaded_days=loaded_days,
        strength_days=strength_days,
        plyo_day=plyo_day,
        baseline_loads=baseline,
        log=tuple(log) if today is not None else (),
        today=today if log else None,
        changes=changes,
        event_date=periods.event_date,
        loads_done=loads_done,
    )


@dataclass(frozen=True)
class Periods:
    """An event plan's weeks (docs/rules.md §16): each week's phase, the running of each week (built, or
    the runner's own), and the event's day. ``Periods()`` is a plan without an event."""

    phases: list[Phase] | None = None
    running: list[RunningWeek] | None = None
    event_date: dt.date | None = None

    def phase(self, week: int) -> Phase:
        return self.phases[week - 1] if self.phases else ""


def _calendar(
    inputs: PlanInputs,
    types: dict[Weekday, RunType],
    loaded_days: tuple[Weekday, ...],
    progression: list[LoadedWeek],
    strength_days: tuple[Weekday, ...],
    plyo_day: Weekday | None,
    periods: Periods = Periods(),
) -> tuple[tuple[Day, ...], tuple[StrengthSession, ...]]:
    """Lay the weekly pattern out day by day, with the planned loaded progression and, toward an event,
    its phases: the taper's lighter lifts, and nothing but short easy runs in the event's week."""
    usual = usual_km(inputs)
    lifts: tuple[StrengthSlot, ...] = ("A", "B")
    slots: dict[Weekday, StrengthSlot] = dict(zip(strength_days, lifts, strict=False))
    if plyo_day:
        slots[plyo_day] = "plyo"
    level = strength_level_for(inputs)
    key = (inputs.strength_setting, level, inputs.injuries, inputs.carrier)
    pack = is_pack_event(inputs) and periods.phases is not None
    assert inputs.start_date is not None  # dated by build_plan
    monday = plan_monday(inputs.start_date)
    days: list[Day] = []
    sessions: list[StrengthSession] = []
    for week in range(1, inputs.weeks + 1):
        phase = periods.phase(week)
        deload = is_deload(week, inputs.deload_every)
        step = "deload" if phase == "taper" else cycle_step(week, inputs.deload_every)
        run_km = periods.running[week - 1].km if periods.running else usual
        loaded_week = progression[week - 1] if progression else None
        # A deload week keeps one loaded run: the first of the week's loaded days.
        loaded_today = loaded_days[: loaded_week.sessions] if loaded_week else ()
        for index, day in enumerate(WEEKDAYS):
            date = monday + dt.timedelta(days=7 * (week - 1) + index)
            if periods.event_date is not None and date >= periods.event_date:
                days.append(make_day(inputs, week, date, day, "rest", 0.0, 0.0, "", 0, deload, phase=phase,
                                     event=date == periods.event_date))
                continue
            slot: StrengthSlot = slots.get(day, "")
            if slot == "plyo" and (deload or week <= PREPARATION_WEEKS or phase in ("preparation", "taper")):
                slot = ""  # the micro-dose needs a strength base and pauses when the week is lighter (004)
            if phase == "event":
                slot = ""  # the event's week: no lifting
            minutes = 0
            if slot:
                minutes = PLYO_MINUTES if slot == "plyo" else session_minutes(level, step)
                sessions.append(StrengthSession.model_construct(
                    week=week, date=date, weekday=day, label=slot, cycle_step=step,
                    minutes=minutes, exercises=session_exercises(*key, slot, step, pack),
                ))
            # A loaded day the deload week frees runs the same distance, unloaded: never longer than
            # the run it replaces, so the deload week runs no more (docs/rules.md §8).
            km = run_km[types[day]]
            load = loaded_week.load_kg if loaded_week is not None and day in loaded_today else 0.0
            carried = None
            if periods.phases is not None:
                # Toward an event the loaded run is the first part of the easy run: the week keeps its running.
                carried = min(km, loaded_week.km) if loaded_week is not None and load else None
            elif loaded_week is not None and not loaded_week.off and day in loaded_days:
                km = min(km, loaded_week.km)
            if loaded_week is not None and loaded_week.long_km and types[day] == "long":
                load, carried = loaded_week.load_kg, loaded_week.long_km
            days.append(make_day(inputs, week, date, day, types[day], km, load, slot, minutes, deload,
                                 phase=phase, loaded_km=carried))
    return tuple(days), tuple(sessions)


def _sessions_for(days: tuple[Day, ...], sessions: tuple[StrengthSession, ...]) -> tuple[StrengthSession, ...]:
    """The lifts the re-planned days still hold (a recovery day has mobility instead, and a
    deload week never lifts more than the week before it)."""
    lifting = {d.date for d in days if d.strength}
    return tuple(s for s in sessions if s.date in lifting)


def lighter_next_lift(sessions: tuple[StrengthSession, ...], today: dt.date) -> tuple[StrengthSession, ...]:
    """The fatigue gate (004): the first lift from ``today`` on has one set fewer per exercise."""
    first = next((i for i, s in enumerate(sessions) if s.date >= today), None)
    if first is None:
        return sessions
    session = sessions[first]
    lighter = tuple(e.model_copy(update={"sets": max(1, e.sets - 1)}) for e in session.exercises)
    return (*sessions[:first], session.model_copy(update={"exercises": lighter}), *sessions[first + 1:])


def plan_projection(plan: Plan) -> Projection:
    """Projected acute/chronic load, ratio, fitness, fatigue and form for every day of ``plan``."""
    return project(plan.baseline_loads, plan.daily_loads())
