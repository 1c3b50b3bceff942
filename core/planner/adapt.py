"""The plan adapts to what was done (docs/rules.md §14). ``replan`` walks the plan day by day: the
days before ``today`` are read from the log, the days from ``today`` on are laid out again under the
rules below, and each change is a ``Change`` that says what, why and until when.

The loaded progression is the planner's own (``progression.loaded_progression``, one variable at a
time), replayed with what the log says really happened:

- **Time at a weight counts only what was done** (002): a step needs ``weeks_between_increases``
  weeks, each with a loaded run at the weight done with the form test passed and no pain. A week with
  a loaded run planned and none done takes ``MISSED_WEEK_CREDIT`` week of credit away. The load in
  use is the last one carried; the plan never catches up.
- **Form test failed at L** (002): the load drops a step below L and may come back to L only after an
  interval there, then holds at L for another interval; the distance does not rise meanwhile.
- **Pain** (004): recovery days until a pain-free session is logged, every run easy until
  ``PAIN_FREE_SESSIONS_TO_RESUME`` pain-free sessions, then loaded running a step below the load in use
  when it hurt (held like a failed form test). Pain that comes back stops loaded running.
- **Distance from what was run**: a loaded run is at most 10% beyond the longest loaded run done, and
  after ``LOADED_RESTART_DAYS`` without one it starts again at the first run's distance; it never
  spikes against the logged or planned runs of the previous 30 days (Frandsen 2025).
- **A break** of ``RETURN_AFTER_MISSED_WEEKS`` or more weeks with nothing logged: as long again at
  reduced, easy running (``RETURN_FRACTIONS``), no load step.
- **Fatigue** (004): ``FATIGUE_GATE_DAYS`` check-ins in a row with most answers "no" (today's counts):
  the next hard run is easy, the next loaded run shorter with its load held, the next lift lighter.
- **Load ratio**: a week the log pushes above the acute:chronic guide band is held (no step, no
  longer loaded run, hard runs easy) instead of only flagged.

The log only ever holds or lowers the plan: no loaded run from ``today`` on is heavier or longer than
the plan without the log has on that date, and a log of every session done as planned gives exactly
that plan.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from core.planner.day import make_day, run_rpe, usual_km
from core.planner.load import BASELINE_WEEKS, ewma_lambda, project, session_load
from core.planner.log import READINESS_KEYS, CheckIn, Session, without_duplicates
from core.planner.models import WEEKDAYS, Change, Day, Finding, PlanInputs, RunType, Severity, Weekday
from core.planner.progression import (
    LoadedWeek,
    ceiling_kg,
    on_grid,
    start_target_kg,
    steps_below,
    steps_per_increase,
    to_tenths,
)
from core.planner.progression import weeks_between_increases as gap_weeks
from core.planner.rules import (
    ACWR_ACUTE_DAYS,
    ACWR_BAND,
    ACWR_CHRONIC_DAYS,
    ACWR_HOLD_MARGIN,
    DELOAD_LOADED_DISTANCE_FRACTION,
    DISTANCE_STEP_FRACTION,
    FATIGUE_GATE_DAYS,
    FATIGUE_LIGHTER_DISTANCE_FRACTION,
    FIRST_LOADED_FRACTION_OF_EASY,
    LOADED_RESTART_DAYS,
    LOG_COVERS_WEEKS,
    MISSED_WEEK_CREDIT,
    PAIN_FREE_SESSIONS_TO_RESUME,
    PAIN_RECOVERY_DAYS,
    PAIN_REPEAT_WINDOW_DAYS,
    RETURN_AFTER_MISSED_WEEKS,
    RETURN_FRACTIONS,
    SPIKE_FRACTION,
    SPIKE_WINDOW_DAYS,
)
from core.planner.units import fmt_distance, fmt_mass

_EPS = 1e-9
_DAY = dt.timedelta(days=1)


def sessions_of(log: Sequence[Session | CheckIn]) -> list[Session]:
    return without_duplicates([item for item in log if isinstance(item, Session)])


def checkins_of(log: Sequence[Session | CheckIn]) -> list[CheckIn]:
    latest: dict[dt.date, CheckIn] = {}
    for item in log:
        if isinstance(item, CheckIn):
            latest[item.date] = item
    return [latest[d] for d in sorted(latest)]


def tired(checkin: CheckIn) -> bool:
    """Most of the four answers "no" (004)."""
    return checkin.noes * 2 > len(READINESS_KEYS)


def tired_days(log: Sequence[Session | CheckIn], today: dt.date) -> tuple[int, dt.date | None]:
    """Check-ins in a row with most answers "no", ending today (today's check-in counts) or, with no
    check-in today yet, yesterday; and the last of them."""
    by_day = {c.date: c for c in checkins_of(log)}
    day = today if today in by_day else today - _DAY
    last = day if day in by_day and tired(by_day[day]) else None
    count = 0
    while day in by_day and tired(by_day[day]):
        count += 1
        day -= _DAY
    return count, last


def log_covers(log: Sequence[Session | CheckIn], today: dt.date) -> bool:  # a log or its sessions
    """Each of the ``LOG_COVERS_WEEKS`` weeks before ``today`` holds a logged session done."""
    done = {s.date for s in log if isinstance(s, Session) and s.done and s.date < today}
    return all(any(today - dt.timedelta(days=7 * w + d) in done for d in range(1, 8))
               for w in range(LOG_COVERS_WEEKS))


def logged_rpe(inputs: PlanInputs, session: Session, types: dict[Weekday, RunType] | None = None) -> float:
    """The session's RPE, or without one the plan's for its kind: a lift's, a loaded run's, or the
    run type of its weekday in the runner's week (easy when unknown or a rest day)."""
    if session.rpe is not None:
        return session.rpe
    if session.kind == "strength":
        return inputs.rpe_strength
    run = (types or {}).get(WEEKDAYS[session.date.weekday()], "easy")
    return run_rpe(inputs, "easy" if run == "rest" else run, session.loaded)


def logged_session_load(inputs: PlanInputs, session: Session, types: dict[Weekday, RunType] | None = None) -> float:
    """A logged session's load: ``logged_rpe`` x its minutes, a loaded run scaled by mass (Foster 2001)."""
    return session_load(logged_rpe(inputs, session, types), session.minutes, inputs.bodyweight_kg, session.load_kg)


def logged_loads(inputs: PlanInputs, sessions: Sequence[Session], today: dt.date,
                 types: dict[Weekday, RunType] | None = None) -> dict[dt.date, float] | None:
    """Each logged day's session load (RPE x minutes, a loaded run scaled by mass; ``logged_rpe``)
    before ``today``, when the log covers the weeks before it (``log_covers``): enough history for
    the averages to start from it. ``None`` otherwise. ``sessions``: the log's, without duplicates
    (``sessions_of``)."""
    if not log_covers(sessions, today):
        return None
    loads: dict[dt.date, float] = {}
    for s in sessions:
        if s.done and s.date < today:
            loads[s.date] = loads.get(s.date, 0.0) + logged_session_load(inputs, s, types)
    return loads


def logged_routine(loads: dict[dt.date, float], start: dt.date) -> tuple[float, ...] | None:
    """The runner's week before ``start`` as logged: each weekday's mean over the
    ``ACWR_CHRONIC_DAYS`` before it, Monday first; ``None`` if the log does not reach back that far."""
    if min(loads) > start - dt.timedelta(days=ACWR_CHRONIC_DAYS):
        return None
    week = [0.0] * 7
    for n in range(1, ACWR_CHRONIC_DAYS + 1):
        day = start - dt.timedelta(days=n)
        week[day.weekday()] += loads.get(day, 0.0)
    return tuple(round(v / (ACWR_CHRONIC_DAYS // 7), 1) for v in week)


# --- The replay --------------------------------------------------------------------------------

@dataclass
class _State:
    """Where the runner is, day by day. Immutable values only, so a week can be replayed from a copy."""

    load_n: int                 # the load in use, in plate steps
    dist: int                   # this week's loaded distance, in 0.1 km
    longest: int                # the longest loaded run done (or planned, from today), in 0.1 km
    credit: int = 0             # weeks at ``load_n`` done with the form test passed and no pain
    last_loaded: dt.date | None = None
    capped_n: int | None = None  # after a failure or pain at L: at most L until an interval there
    previous_deload: bool = False
    counted: bool = False       # this week holds a loaded run that earns credit
    carried: bool = False       # this week holds a loaded run, credited or not
    spoiled: bool = False       # this week holds a failed form test or pain: no credit
    pain_day: dt.date | None = None       # the last painful session
    pain_load_kg: float = 0.0             # the load in use when it hurt
    pain_free: int = 0                    # pain-free session days since it
    last_free_day: dt.date | None = None
    episodes: tuple[dt.date, ...] = ()    # the first day of each pain episode
    stopped_until: dt.date | None = None
    held: tuple[dt.date, float, str] | None = None  # the last failure or pain: day, load, "form" or "pain"
    long_tenths: int = 0        # the longest distance carried under load (any run), for the heavy carry
    week_n: int = 0             # the load and credit when the week began, before its step
    week_credit: int = 0


@dataclass
class _Notes:
    """What the replay did from today on, for the timeline."""

    recovery: tuple[dt.date, dt.date] | None = None
    gate_week: int | None = None
    gate_hard: dt.date | None = None
    gate_loaded: dt.date | None = None
    restart: tuple[dt.date, dt.date] | None = None
    capped_km: float | None = None
    acwr: tuple[dt.date, int, float, float] | None = None
    credit_today: int | None = None
    pain_free_today: int | None = None


@dataclass(frozen=True)
class Replanned:
    days: tuple[Day, ...]
    """Every day of the plan: before ``today`` as planned (history), from ``today`` re-planned."""
    changes: tuple[Change, ...]


def replan(
    inputs: PlanInputs,
    planned: tuple[Day, ...],
    progression: list[LoadedWeek],
    loaded_days: tuple[Weekday, ...],
    log: Sequence[Session | CheckIn],
    today: dt.date,
    baselines: tuple[tuple[float, ...], tuple[float, ...]],
    history: dict[dt.date, float] | None,
    sessions: Sequence[Session] | None = None,
) -> Replanned:
    """The plan ``planned`` (built without a log) re-planned from ``today`` with ``log`` under the
    rules of this module. ``progression`` is the planned loaded progression (empty: no loaded runs);
    ``baselines`` the routine that seeds the load averages now and the typed one the plan without
    the log used; ``history`` the logged daily loads when the log covers the weeks before today
    (``logged_loads``); ``sessions`` the log's without duplicates, when the caller has them."""
    sessions = sessions_of(log) if sessions is None else sessions
    return _Replay(inputs, planned, progression, loaded_days, log, sessions, today, baselines, history).run()


class _Replay:
    def __init__(self, inputs: PlanInputs, planned: tuple[Day, ...], progression: list[LoadedWeek],
                 loaded_days: tuple[Weekday, ...], log: Sequence[Session | CheckIn], sessions: Sequence[Session],
                 today: dt.date, baselines: tuple[tuple[float, ...], tuple[float, ...]], history: dict[dt.date, float] | None) -> None:
        self.inputs, self.planned, self.progression, self.loaded_days = inputs, planned, progression, loaded_days
        self.today, self.history = today, history
        step = inputs.load_step_kg
        self.step, self.add_n, self.gap = step, steps_per_increase(step), gap_weeks(inputs)
        self.cap_n = steps_below(ceiling_kg(inputs), step)
        self.first_week = next((w.week for w in progression if not w.off), 1)
        self.easy_km = inputs.easy_run_km
        self.first_dist = to_tenths(inputs.easy_run_km * FIRST_LOADED_FRACTION_OF_EASY)
        self.sessions = list(sessions)
        self.by_day: dict[dt.date, list[Session]] = {}
        for s in self.sessions:
            self.by_day.setdefault(s.date, []).append(s)
        self.monday = planned[0].date
        self.types = {d.weekday: d.run for d in planned[:7]}
        self.tired, self.tired_last = tired_days(log, today)
        self.gate = self.tired >= FATIGUE_GATE_DAYS
        self.runs: list[tuple[dt.date, float]] = []  # logged before today, planned from today
        self.previous_week: list[Day] = []
        self.deload_kg = math.inf  # the most a deload week's loaded run may carry
        self.notes = _Notes()
        baseline, typed = baselines
        mean = sum(baseline) / 7  # the load averages as in load.project: the routine, then BASELINE_WEEKS of it
        self.acute = self.chronic = mean
        for load in list(baseline) * BASELINE_WEEKS:
            self._ewma(load)
        self.typed = typed
        self._planned_ratios: list[float] | None = None
        self.breaks = self._breaks()

    # -- small helpers -------------------------------------------------------------------------------

    def _ewma(self, load: float) -> float | None:
        la, lc = ewma_lambda(ACWR_ACUTE_DAYS), ewma_lambda(ACWR_CHRONIC_DAYS)
        self.acute = la * load + (1 - la) * self.acute
        self.chronic = lc * load + (1 - lc) * self.chronic
        return self.acute / self.chronic if self.chronic > 0 else None

    def _kg(self, steps: int) -> float:
        return on_grid(steps, self.step)

    def _steps(self, kg: float) -> int:
        """Whole plate steps in ``kg``: loads are stored to 6 decimals, so 3 x 1.949 kg reads as 3 steps."""
        return steps_below(kg + 1e-6, self.step)

    def _longest_run(self, day: dt.date) -> float | None:
        since = day - dt.timedelta(days=SPIKE_WINDOW_DAYS)
        return max((km for d, km in self.runs if since <= d < day), default=None)

    def _breaks(self) -> list[tuple[dt.date, int]]:
        """(first day back, weeks missed) for each run of ``RETURN_AFTER_MISSED_WEEKS`` or more
        plan weeks before today with no session done, from the week logging started."""
        breaks: list[tuple[dt.date, int]] = []
        if not self.sessions:
            return breaks
        first = self.sessions[0].date  # logging started: a skipped session counts too
        weeks_done = {(s.date - self.monday).days // 7 for s in self.sessions if s.done}
        missed = 0
        for start in range(0, len(self.planned), 7):
            monday = self.planned[start].date
            if monday + 6 * _DAY >= self.today:
                break
            if monday + 6 * _DAY >= first and start // 7 not in weeks_done:
                missed += 1
                continue
            if missed >= RETURN_AFTER_MISSED_WEEKS:
                breaks.append((monday, missed))
            missed = 0
        else:
            return breaks
        if missed >= RETURN_AFTER_MISSED_WEEKS:
            breaks.append((self.planned[start].date, missed))
        return breaks

    def _return_fraction(self, day: dt.date) -> float | None:
        """The share of the planned running on ``day`` while coming back from a break."""
        for back, weeks in self.breaks:
            if back <= day < back + dt.timedelta(weeks=weeks):
                first_half = back + dt.timedelta(weeks=math.ceil(weeks / 2))
                return RETURN_FRACTIONS[0] if day < first_half else RETURN_FRACTIONS[1]
        return None

    def _restarts(self, st: _State, day: dt.date) -> bool:
        """The first loaded run, or the first after ``LOADED_RESTART_DAYS`` without one: its distance
        starts again from the first loaded run's."""
        return st.last_loaded is None or (day - st.last_loaded).days > LOADED_RESTART_DAYS

    def _may_carry(self, st: _State, day: dt.date | None) -> bool:
        if st.load_n <= 0:
            return False
        if st.pain_day is not None and st.pain_free < PAIN_FREE_SESSIONS_TO_RESUME:
            return False
        return st.stopped_until is None or (day is not None and day >= st.stopped_until)

    # -- the log, session by session -------------------------------------------------------------------

    def _hold_below(self, st: _State, at_n: int) -> None:
        """After a failure or pain at ``at_n`` steps: a load step below it, no credit this week, and
        no more than ``at_n`` until an interval has been done there."""
        st.capped_n = at_n if st.capped_n is None else min(st.capped_n, at_n)
        st.load_n = max(0, min(st.load_n, at_n - self.add_n))
        st.credit, st.spoiled = 0, True
        st.week_n, st.week_credit = min(st.week_n, st.load_n), 0

    def _session(self, st: _State, s: Session) -> None:
        if not s.done:
            return
        if s.kind == "run" and s.distance_km > 0:
            self.runs.append((s.date, s.distance_km))
        if s.pain:
            if st.pain_day is None or st.pain_free > 0:  # a new episode
                if any((s.date - d).days <= PAIN_REPEAT_WINDOW_DAYS for d in st.episodes):
                    st.stopped_until = s.date + dt.timedelta(days=PAIN_REPEAT_WINDOW_DAYS)
                st.episodes = (*st.episodes, s.date)
            in_use = min(st.load_n, self._steps(s.load_kg)) if s.loaded else st.load_n
            self._hold_below(st, in_use)
            st.pain_day, st.pain_load_kg, st.pain_free, st.last_free_day = s.date, self._kg(in_use), 0, None
            st.held = (s.date, self._kg(in_use), "pain")
            return
        if st.pain_day is not None and s.date > st.pain_day and s.date != st.last_free_day:
            # Pain outweighs a pain-free session on the same day: only later days count.
            st.pain_free, st.last_free_day = st.pain_free + 1, s.date
        if not s.loaded:
            return
        carried = self._steps(s.load_kg)
        km = to_tenths(s.distance_km)
        st.carried = True
        if s.form_ok is False:  # its distance does not count: the form broke down under that load
            self._hold_below(st, carried)
            st.held = (s.date, s.load_kg, "form")
            return
        st.long_tenths = max(st.long_tenths, km)
        if km:  # the distance in use is what was run (a run logged without one says nothing of it)
            st.longest = km if self._restarts(st, s.date) else max(st.longest, km)
            st.dist, st.last_loaded = min(st.dist, km), s.date
        if carried < st.load_n:  # the load in use is what was carried
            # The week's step not taken keeps the credit at the old load; a lighter load starts anew.
            st.credit = st.week_credit if carried == st.week_n else 0
            st.load_n = carried
        if s.form_ok is True and st.load_n > 0:
            st.counted = True

    # -- the week: progression.loaded_progression's rule, with the log's holds ---------------------------

    def _decide(self, st: _State, week: int, planned: LoadedWeek, hold: bool) -> None:
        if planned.off:  # an event plan's week without loaded running: nothing moves (docs/rules.md §16)
            return
        if st.capped_n is not None and st.load_n >= st.capped_n and st.credit >= self.gap:
            st.capped_n = None  # an interval done back at L: it may rise again
        rise = min(st.longest + math.floor(st.longest * DISTANCE_STEP_FRACTION + _EPS), to_tenths(self.easy_km))
        if planned.deload:
            st.dist = math.floor(st.dist * DELOAD_LOADED_DISTANCE_FRACTION + _EPS)
        elif week == self.first_week:
            pass
        elif st.previous_deload:
            st.dist = st.longest
        elif planned.hold:
            st.dist = min(st.dist, st.longest)  # a taper or heavy-carry week: nothing rises
        elif not hold and st.load_n < self.cap_n and st.credit >= self.gap:
            top = self.cap_n if st.capped_n is None else min(self.cap_n, st.capped_n)
            st.load_n, st.credit = min(st.load_n + self.add_n, top), 0
        elif not hold and st.capped_n is None:
            st.dist = rise
        else:
            st.dist = min(st.dist, st.longest)  # held: nothing rises
        # Never above the plan without the log: the log only ever holds or lowers it.
        st.load_n = min(st.load_n, self._steps(planned.load_kg))
        st.dist = min(st.dist, to_tenths(planned.km))
        st.previous_deload = planned.deload

    def _end_week(self, st: _State, sessions: int, past: bool, any_done: bool) -> None:
        if past and st.load_n > st.week_n and not st.carried:
            st.load_n, st.credit = st.week_n, st.week_credit  # a step offered and never carried
        if st.spoiled:
            pass
        elif st.counted or (st.load_n == 0 and any_done):
            st.credit += 1
        elif past and sessions and not st.carried and self._may_carry(st, None):
            st.credit = max(0, st.credit - MISSED_WEEK_CREDIT)  # a missed week
        st.counted = st.carried = st.spoiled = False

    # -- one day from today ---------------------------------------------------------------------------

    def _day(self, st: _State, plan_day: Day, sessions: int, hold: bool, step_week: bool) -> Day:
        inputs, day, notes = self.inputs, plan_day.date, self.notes
        if st.pain_day is not None and st.pain_free == 0:
            first = max(self.today, st.pain_day + _DAY)
            if first <= day < first + dt.timedelta(days=PAIN_RECOVERY_DAYS):
                notes.recovery = (notes.recovery[0] if notes.recovery else day, day)
                return make_day(inputs, plan_day.week, day, plan_day.weekday, "rest", 0.0, 0.0, "", 0,
                                plan_day.deload, recovery=True, phase=plan_day.phase)
        run: RunType = plan_day.run
        km = plan_day.run_km
        easy_for_pain = st.pain_day is not None and st.pain_free < PAIN_FREE_SESSIONS_TO_RESUME
        fraction = self._return_fraction(day)
        if run in ("hard", "long") and (easy_for_pain or fraction is not None or hold):
            run, km = "easy", min(km, self.easy_km)
        if plan_day.run == "hard" and self.gate and notes.gate_hard is None:  # the plan's next hard run
            notes.gate_hard = day
            run, km = "easy", min(km, self.easy_km)
        load, carried = 0.0, None
        if plan_day.loaded and plan_day.weekday in self.loaded_days[:sessions] and self._may_carry(st, day):
            dist, load = self._loaded_run(st, plan_day, step_week)
            if plan_day.loaded_km < plan_day.run_km - _EPS:  # the loaded first part of a longer easy run
                if fraction is not None:
                    km = math.floor(to_tenths(km) * fraction + _EPS) / 10
                carried = min(dist, km) if load else None
            else:
                km = dist
        elif plan_day.loaded and run == "long" and fraction is None and self._may_carry(st, day):
            load, carried = self._loaded_long(st, plan_day)
        elif fraction is not None:
            km = math.floor(to_tenths(km) * fraction + _EPS) / 10
        if (km > 0 or plan_day.strength) and st.pain_day is not None and day != st.last_free_day:
            st.pain_free, st.last_free_day = st.pain_free + 1, day  # a session ahead counts as done without pain
        if (run, km, load, carried or plan_day.loaded_km) == (plan_day.run, plan_day.run_km, plan_day.load_kg,
                                                              plan_day.loaded_km):
            return plan_day
        return make_day(inputs, plan_day.week, day, plan_day.weekday, run, km, load, plan_day.strength,
                        plan_day.strength_minutes, plan_day.deload, phase=plan_day.phase, loaded_km=carried)

    def _loaded_long(self, st: _State, plan_day: Day) -> tuple[float, float | None]:
        """(kg, km under load) of a loaded long run from today (an event's heavy carry, docs/rules.md §16):
        the load in use, over at most 10% more than the longest distance carried, nothing after a break."""
        if self._restarts(st, plan_day.date):
            return 0.0, None
        load = min(self._kg(st.load_n), plan_day.load_kg)
        reach = math.floor(max(st.long_tenths, st.longest) * (1 + DISTANCE_STEP_FRACTION) + _EPS)
        carried = min(to_tenths(plan_day.loaded_km), reach)
        if load <= 0 or carried <= 0:
            return 0.0, None
        st.long_tenths = max(st.long_tenths, carried)
        st.last_loaded = plan_day.date
        st.counted = st.carried = True
        return load, carried / 10

    def _loaded_run(self, st: _State, plan_day: Day, step_week: bool) -> tuple[float, float]:
        """(km, kg) of a loaded run from today; moves the distance and credit as done."""
        day, notes = plan_day.date, self.notes
        dist = min(st.dist, st.longest) if step_week else st.dist  # the load rises: a distance already run
        restart = self._restarts(st, day)
        if restart and plan_day.deload:
            return plan_day.run_km, 0.0  # nothing starts in a deload week: loaded running resumes after it
        if restart:
            if st.last_loaded is not None and notes.restart is None:
                notes.restart = (day, st.last_loaded)
            dist = min(dist, self.first_dist)
        longest = self._longest_run(day)
        if longest is not None:
            limit = math.floor(longest * (1 + SPIKE_FRACTION) * 10 + _EPS)
            if dist > limit:
                notes.capped_km = limit / 10 if notes.capped_km is None else min(notes.capped_km, limit / 10)
                dist = limit
        dist = min(dist, to_tenths(plan_day.loaded_km or plan_day.run_km))
        load = min(self._kg(st.load_n), plan_day.load_kg)
        if load > self.deload_kg + _EPS:  # a deload week carries no more than the week before it did
            return plan_day.run_km, 0.0
        if dist <= 0:
            return 0.0, 0.0
        if self.gate and notes.gate_loaded is None:  # shorter than the run it would have been
            notes.gate_loaded = day
            dist = math.floor(dist * FATIGUE_LIGHTER_DISTANCE_FRACTION + _EPS)
        if dist <= 0:
            return 0.0, 0.0
        st.dist = min(st.dist, dist)
        st.longest, st.last_loaded = dist if restart else max(st.longest, dist), day
        st.counted = st.carried = True
        return dist / 10, load

    # -- the walk ---------------------------------------------------------------------------------------

    def run(self) -> Replanned:
        st = _State(load_n=steps_below(start_target_kg(self.inputs), self.step),
                    dist=self.first_dist, longest=self.first_dist)
        before = [s for s in self.sessions if s.date < min(self.monday, self.today)]
        if not before:  # no log before the plan: the runner's usual week stands in, as in the plan's own check
            for n in range(1, SPIKE_WINDOW_DAYS + 1):
                day = self.monday - dt.timedelta(days=n)
                km = usual_km(self.inputs)[self.types[WEEKDAYS[day.weekday()]]]
                if km > 0:
                    self.runs.append((day, km))
        for s in before:  # before the plan starts: pain, failures, loads and runs count
            self._session(st, s)
        st.counted = st.carried = st.spoiled = False
        days: list[Day] = []
        for start in range(0, len(self.planned), 7):
            week_days = self.planned[start:start + 7]
            number = week_days[0].week
            planned_week = (self.progression[number - 1] if self.progression
                            else LoadedWeek(number, 0.0, 0.0, 0, week_days[0].deload))
            if week_days[-1].date < self.today:
                days.extend(self._week(st, number, week_days, planned_week, False)[0])
                continue
            saved = (replace(st), self.acute, self.chronic, len(self.runs), replace(self.notes), self.previous_week)
            hold = self._fatigue_week(week_days, planned_week)
            week, ratio = self._week(st, number, week_days, planned_week, hold)
            if not hold and ratio is not None and ratio > self._hold_limit(number):
                # The log pushed the week above the guide band: replay it held.
                st, self.acute, self.chronic, kept, self.notes, self.previous_week = saved
                del self.runs[kept:]
                week, held = self._week(st, number, week_days, planned_week, True)
                self.notes.acwr = self.notes.acwr or (week_days[0].date, number, ratio, held or 0.0)
            days.extend(week)
        return Replanned(tuple(days), tuple(sorted(self._changes(st, days), key=lambda c: c.start)))

    def _hold_limit(self, week: int) -> float:
        """The ratio above which the log's week is held: the band's top or the plan's own ratio that
        week, whichever is higher, plus ``ACWR_HOLD_MARGIN`` (the plan's ratios worked out once, when
        first needed)."""
        if self._planned_ratios is None:
            self._planned_ratios = weekly_load_ratios(self.typed, [d.session_load for d in self.planned])
        return max(ACWR_BAND[1], self._planned_ratios[week - 1]) + ACWR_HOLD_MARGIN

    def _fatigue_week(self, week_days: Sequence[Day], planned_week: LoadedWeek) -> bool:
        """The fatigue gate holds the week of the next loaded run from today."""
        if not self.gate or self.notes.gate_week is not None:
            return False
        if any(d.date >= self.today and d.weekday in self.loaded_days[:planned_week.sessions] for d in week_days):
            self.notes.gate_week = week_days[0].week
            return True
        return False

    def _week(self, st: _State, number: int, week_days: Sequence[Day], planned_week: LoadedWeek,
              hold: bool) -> tuple[list[Day], float | None]:
        """The week's days (history before today, re-planned from today) and its mean load ratio."""
        hold = hold or self._return_fraction(max(week_days[0].date, self.today)) is not None
        before = st.week_n = st.load_n
        st.week_credit = st.credit
        self.deload_kg = (max(self._done(d)[1] if d.date < self.today else d.load_kg for d in self.previous_week)
                          if week_days[0].deload and self.previous_week else math.inf)
        if self.progression:
            self._decide(st, number, planned_week, hold)
        sessions = planned_week.sessions
        step_week = st.load_n > before
        out: list[Day] = []
        any_done = False
        planned_at: dict[dt.date, int] = {}  # where each planned run of the week is in self.runs
        for plan_day in week_days:
            day = plan_day.date
            if day < self.today:
                for s in self.by_day.get(day, ()):
                    self._session(st, s)
                    any_done = any_done or s.done
                out.append(plan_day)
                continue
            if self.notes.credit_today is None:
                self.notes.credit_today, self.notes.pain_free_today = st.credit, st.pain_free
            new = self._day(st, plan_day, sessions, hold, step_week)
            if new.run_km > 0:
                planned_at[day] = len(self.runs)
                self.runs.append((day, new.run_km))
            out.append(new)
            if day == self.today:  # what is logged today counts for the days after it, beside the plan's
                for s in self.by_day.get(day, ()):
                    self._session(st, s)
                    any_done = any_done or s.done
        if week_days[0].deload and self.previous_week:
            out = self._unload(out, self.previous_week)
            for d in out:  # the later weeks' spike check reads the runs as the deload left them
                if d.date in planned_at:
                    self.runs[planned_at[d.date]] = (d.date, d.run_km)
        self.previous_week = out
        self._end_week(st, sessions, week_days[-1].date < self.today, any_done)
        ratios = []
        for d in out:
            ratio = self._ewma(self._past_load(d) if d.date < self.today else d.session_load)
            if ratio is not None:
                ratios.append(ratio)
        return out, (sum(ratios) / len(ratios) if ratios else None)

    def _past_load(self, day: Day) -> float:
        """A day before today in the load averages: the logged load (with a log that covers the
        weeks before today, every day as logged), else what was logged that day, else as planned."""
        if self.history is not None:
            return self.history.get(day.date, 0.0)
        done = [s for s in self.by_day.get(day.date, ()) if s.done]
        if not done:
            return day.session_load
        return sum(logged_session_load(self.inputs, s, self.types) for s in done)

    def _done(self, day: Day) -> tuple[float, float, int]:
        """A day before today as the deload rule counts it: what was both planned and logged (as
        planned when nothing was logged that day)."""
        done = [s for s in self.by_day.get(day.date, ()) if s.done]
        if not done:
            return day.run_km, day.load_kg, day.strength_minutes
        km = sum(s.distance_km for s in done if s.kind == "run")
        kg = max((s.load_kg for s in done if s.loaded), default=0.0)
        minutes = sum(s.minutes for s in done if s.kind == "strength")
        return min(day.run_km, km), min(day.load_kg, kg), min(day.strength_minutes, int(minutes))

    def _unload(self, week: list[Day], previous: list[Day]) -> list[Day]:
        """A deload week never asks more than the week before it (docs/rules.md §8), even when the
        log lowered that week: no heavier load, no more running, no more lifting."""
        before = [self._done(d) if d.date < self.today else (d.run_km, d.load_kg, d.strength_minutes)
                  for d in previous]
        kg = max(b[1] for b in before)
        past = [self._done(d) for d in week if d.date < self.today]
        room_km = sum(b[0] for b in before) - sum(b[0] for b in past)
        ahead = [d for d in week if d.date >= self.today]
        loaded_km = sum(d.run_km for d in ahead if d.loaded and d.load_kg <= kg + _EPS)
        if loaded_km > room_km + 1e-6:  # its loaded run follows the deload cut; only when even that is too much
            loaded_km = 0.0
        other_km = sum(d.run_km for d in ahead) - sum(d.run_km for d in ahead if d.loaded and d.load_kg <= kg + _EPS)
        if loaded_km == 0.0:
            other_km = sum(d.run_km for d in ahead)
        room = max(0.0, room_km - loaded_km)
        share = room / other_km if other_km > room + 1e-6 else 1.0
        room_min = sum(b[2] for b in before) - sum(b[2] for b in past)
        out: list[Day] = []
        for d in week:
            if d.date < self.today:
                out.append(d)
                continue
            lift, minutes = (d.strength, d.strength_minutes) if d.strength_minutes <= room_min else ("", 0)
            room_min -= minutes
            keeps_load = d.loaded and d.load_kg <= kg + _EPS and loaded_km > 0
            load = d.load_kg if keeps_load else 0.0
            km = d.run_km if keeps_load or share >= 1.0 else math.floor(to_tenths(d.run_km) * share + _EPS) / 10
            if (km, load, minutes) == (d.run_km, d.load_kg, d.strength_minutes):
                out.append(d)
            else:
                out.append(make_day(self.inputs, d.week, d.date, d.weekday, d.run, km, load, lift, minutes, d.deload,
                                    d.recovery, phase=d.phase, event=d.event))
        return out

    # -- what changed, in sentences ------------------------------------------------------------------

    def _when(self, day: dt.date | None, last: dt.date) -> str:
        if day is None:
            return f"the end of the plan ({last:%a %d %b})"
        return f"week {(day - self.monday).days // 7 + 1} ({day:%a %d %b})"

    def _changes(self, st: _State, days: list[Day]) -> list[Change]:
        units, notes, today, last = self.inputs.units, self.notes, self.today, days[-1].date
        loaded = [d for d in days if d.loaded and d.date >= today]
        planned = {d.date: d for d in self.planned}
        changes: list[Change] = []

        def add(code: str, severity: Severity, start: dt.date, what: str, why: str, until: str, source: str) -> None:
            changes.append(Change(code=code, severity=severity, start=start, what=what, why=why, until=until,
                                  source=source))

        if notes.recovery and st.pain_day:
            add("pain_recovery", "block", notes.recovery[0], "recovery days: walk and mobility instead of runs "
                "and lifts", f"pain was logged on {st.pain_day:%a %d %b}",
                f"you log a session without pain (the plan shows recovery up to {notes.recovery[1]:%a %d %b} "
                "and moves on each day until then); see a clinician if the pain persists", "004, 000")
        if st.stopped_until is not None and st.stopped_until > today:
            add("pain_repeated", "block", today, "no loaded runs",
                "pain came back within " f"{PAIN_REPEAT_WINDOW_DAYS // 7} weeks (on "
                + " and ".join(f"{d:%a %d %b}" for d in st.episodes[-2:]) + ")",
                f"{st.stopped_until:%a %d %b} at the earliest; see a clinician before you carry load again", "000, 004")
        elif st.pain_day is not None and (notes.pain_free_today or 0) < PAIN_FREE_SESSIONS_TO_RESUME:
            add("pain_pause", "warn", today, "every run easy and no loaded runs",
                f"pain was logged on {st.pain_day:%a %d %b}",
                f"{PAIN_FREE_SESSIONS_TO_RESUME - (notes.pain_free_today or 0)} more session"
                f"{'s' if PAIN_FREE_SESSIONS_TO_RESUME - (notes.pain_free_today or 0) > 1 else ''} without pain, "
                "then loaded runs a step below the "
                f"{fmt_mass(st.pain_load_kg, units)} in use when it hurt", "004, Silbernagel 2007")
        if st.held is not None and self.progression:
            held_day, held_kg, why = st.held
            back = next((d.date for d in loaded if d.load_kg >= held_kg - _EPS), None)
            rise = next((b.date for a, b in zip(loaded, loaded[1:], strict=False) if b.date > (back or last)
                         and (b.load_kg > held_kg + _EPS or b.run_km > a.run_km + _EPS) and not b.deload
                         and not a.deload), None)
            now = next((d.load_kg for d in loaded), None)
            if back is None or back > today:
                add("form_test_failed" if why == "form" else "pain_hold", "warn", today,
                    f"loaded runs at {fmt_mass(now, units)}" if now is not None else "no loaded runs",
                    f"the form test failed on {held_day:%a %d %b} with {fmt_mass(held_kg, units)}" if why == "form"
                    else f"pain was logged on {held_day:%a %d %b}, with loaded runs at {fmt_mass(held_kg, units)}",
                    f"{self._when(back, last)} at the earliest for {fmt_mass(held_kg, units)} again, then nothing "
                    f"rises before {self._when(rise, last)}: an interval below it, an interval at it, and the "
                    "distance held meanwhile", "002" if why == "form" else "002, 004")
        if notes.restart:
            day, since = notes.restart
            add("loaded_restart", "info", day, f"loaded runs start again at {fmt_distance(self.first_dist / 10, units)}",
                f"no loaded run since {since:%a %d %b}, more than {LOADED_RESTART_DAYS} days",
                "it builds again, 10% a run at most", "002, Frandsen 2025")
        for back, weeks in self.breaks:
            end = back + dt.timedelta(weeks=weeks)
            if end > today:
                add("return_after_break", "warn", max(back, today),
                    f"running at {RETURN_FRACTIONS[0]:.0%}, then {RETURN_FRACTIONS[1]:.0%} of the plan, every run easy "
                    "and no load step", f"nothing was logged for {weeks} weeks before {back:%a %d %b}",
                    f"{end:%a %d %b}, as long again as the break", "Return guide 2015")
        if notes.acwr:
            day, number, ratio, held = notes.acwr
            add("acwr_hold", "warn", max(day, today), f"week {number} held: no load step, no longer loaded run, "
                "hard runs easy", f"after the logged weeks its acute:chronic load ratio would reach {ratio:.2f}, "
                f"above the {ACWR_BAND[0]}-{ACWR_BAND[1]} guide band (held: {held:.2f})",
                f"the end of week {number}", "Williams 2017; Gabbett 2016")
        if self.gate:
            parts = [f"the hard run on {notes.gate_hard:%a %d %b} is easy"] if notes.gate_hard else []
            if notes.gate_loaded:
                parts.append(f"the loaded run on {notes.gate_loaded:%a %d %b} is shorter and its load held")
            parts.append("the next lift has a set fewer per exercise")
            add("fatigue_gate", "warn", today, "; ".join(parts),
                f"most check-in answers were \"no\" on {self.tired} days in a row up to {self.tired_last:%a %d %b}"
                if self.tired_last else "of the check-ins", "those sessions; the check-ins are read again each day",
                "004")
        elif self.tired:
            add("fatigue_one_day", "info", today, "nothing yet: keep today easy if you need to",
                "one check-in had most answers \"no\"", f"the signals trend down for {FATIGUE_GATE_DAYS} days", "004")
        if notes.capped_km is not None:
            add("loaded_run_capped", "info", today, f"loaded runs held to {fmt_distance(notes.capped_km, units)} for now",
                f"a run more than {SPIKE_FRACTION:.0%} beyond the longest of the previous {SPIKE_WINDOW_DAYS} days "
                "(logged or planned) raised injury risk", "the runs before them are longer", "Frandsen 2025")
        explained = {"form_test_failed", "pain_hold", "pain_pause", "pain_repeated", "pain_recovery",
                     "return_after_break"}
        lowered = [d for d in loaded if d.load_kg < planned[d.date].load_kg - _EPS]
        if lowered and not explained & {c.code for c in changes}:
            really = ("the load you really carried" if any(s.loaded for s in self.sessions if s.date < today)
                      else "the start load: no loaded run is logged yet")
            step = next((d.date for d in loaded if d.load_kg > loaded[0].load_kg + _EPS), None)
            add("load_from_log", "info", today, f"loaded runs continue from {fmt_mass(loaded[0].load_kg, units)}, {really}",
                f"a step needs {self.gap} weeks with a loaded run at that weight done and the form test passed "
                f"(done: {notes.credit_today or 0}), and a missed week takes one away",
                f"{self._when(step, last)} for the next step", "002")
        return changes


def weekly_load_ratios(baseline: Sequence[float], loads: Sequence[float]) -> list[float]:
    """Each week's mean daily acute:chronic ratio: the daily ratio swings with the week's hard and
    long days, so a week is judged by its average."""
    ratios = project(baseline, loads).acwr.ratio
    weeks = []
    for start in range(0, len(ratios), 7):
        values = [r for r in ratios[start:start + 7] if r is not None]
        weeks.append(sum(values) / len(values) if values else 1.0)
    return weeks


def spikes_against_log(inputs: PlanInputs, days: Sequence[Day], sessions: Sequence[Session],
                       today: dt.date) -> list[Finding]:
    """Planned runs from ``today`` more than ``SPIKE_FRACTION`` longer than the longest run of the
    previous ``SPIKE_WINDOW_DAYS`` days, logged (before today) or planned (from today) (Frandsen
    2025), each with both distances and dates."""
    runs = [(s.date, s.distance_km) for s in sessions
            if s.kind == "run" and s.done and s.date < today and s.distance_km > 0]
    if not runs:
        return []
    flagged = []
    for d in days:
        if d.date < today or d.run_km <= 0:
            continue
        window = [(day, km) for day, km in runs if d.date - dt.timedelta(days=SPIKE_WINDOW_DAYS) <= day < d.date]
        if window:
            day, km = max(window, key=lambda r: r[1])
            if d.run_km > (1 + SPIKE_FRACTION) * km + _EPS:
                flagged.append((d.date, d.run_km, day, km))
        runs.append((d.date, d.run_km))
    if not flagged:
        return []
    units = inputs.units
    shown = "; ".join(f"{d:%a %d %b} {fmt_distance(km, units)} (longest before: {fmt_distance(before, units)} "
                      f"on {b:%d %b})" for d, km, b, before in flagged[:3])
    more = f" and {len(flagged) - 3} more" if len(flagged) > 3 else ""
    return [Finding(
        code="run_spike_log", severity="warn", source="Frandsen 2025",
        message=f"{len(flagged)} planned run{'s' if len(flagged) > 1 else ''} more than {SPIKE_FRACTION:.0%} longer "
                f"than anything you ran (logged) or will have run (planned) in the previous {SPIKE_WINDOW_DAYS} days: "
                f"{shown}{more}. Build up to it, or lower the usual distance under Edit profile.",
    )]
