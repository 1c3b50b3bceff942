"""The plan adapts to the log (docs/rules.md §14): a table per rule (each case of issue 22, which the
old rules got wrong), and properties over random inputs and logs, one per promise."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from core import PlanInputs, build_plan
from core.planner.adapt import log_covers, sessions_of
from core.planner.day import run_rpe
from core.planner.log import CheckIn, Session
from core.planner.models import WEEKDAYS
from core.planner.plan import plan_projection
from core.planner.progression import ceiling_kg, steps_per_increase
from core.planner.rules import (
    FATIGUE_LIGHTER_DISTANCE_FRACTION,
    PAIN_FREE_SESSIONS_TO_RESUME,
    PAIN_RECOVERY_DAYS,
    RETURN_FRACTIONS,
    SPIKE_FRACTION,
    SPIKE_WINDOW_DAYS,
)
from tests.strategies import plan_inputs

MONDAY = dt.date(2026, 11, 23)  # week 1; the loaded run is on Wednesdays, lifts Tue and Thu
INPUTS = PlanInputs(start_date=MONDAY, bodyweight_kg=70, weeks=12)
WEEK5 = MONDAY + dt.timedelta(weeks=4)
MAY = dt.date(2026, 5, 4)  # the issue's plan: 70 kg, default inputs, from Mon 4 May 2026
ISSUE = PlanInputs(start_date=MAY, bodyweight_kg=70)


def wed(week: int, monday: dt.date = MONDAY) -> dt.date:
    return monday + dt.timedelta(weeks=week - 1, days=2)


def loaded(week: int, kg: float, form_ok: bool | None = True, pain: bool = False, km: float = 4) -> Session:
    return Session(date=wed(week), distance_km=km, minutes=26, load_kg=kg, rpe=4, form_ok=form_ok, pain=pain)


def as_planned(plan, until: dt.date, skip=lambda day: False, since: dt.date = dt.date.min) -> list[Session]:
    """Every planned session before ``until`` logged as done exactly as planned (runs and lifts)."""
    log: list[Session] = []
    for d in plan.days:
        if not since <= d.date < until or skip(d):
            continue
        if d.run_km > 0:
            log.append(Session(date=d.date, distance_km=d.run_km, minutes=round(d.minutes - d.strength_minutes, 1),
                               load_kg=d.load_kg, rpe=run_rpe(plan.inputs, d.run, d.loaded),
                               form_ok=True if d.loaded else None))
        if d.strength:
            log.append(Session(date=d.date, kind="strength", minutes=d.strength_minutes, rpe=plan.inputs.rpe_strength))
    return log


def loads_from(plan, day: dt.date) -> list[tuple[dt.date, float]]:
    return [(d.date, d.load_kg) for d in plan.days if d.loaded and d.date >= day]


def runs_from(plan, day: dt.date) -> list[tuple[int, float, float]]:
    return [(d.week, d.load_kg, d.run_km) for d in plan.days if d.loaded and d.date >= day]


def codes(plan) -> set[str]:
    return {f.code for f in plan.findings}


def change(plan, code: str):
    return next(c for c in plan.changes if c.code == code)


def checkin(day: dt.date, noes: int) -> CheckIn:
    answers = [False] * noes + [True] * (4 - noes)
    return CheckIn(date=day, slept_well=answers[0], soreness_mild=answers[1], resting_hr_normal=answers[2],
                   hrv_stable=answers[3])


def test_no_log_is_exactly_the_plan_without_one():
    assert build_plan(INPUTS, (), WEEK5) == build_plan(INPUTS)


# --- Issue 22, case by case --------------------------------------------------------------------

def test_pain_then_one_pain_free_jog_keeps_every_run_easy_and_resumes_a_step_below():
    """Case 1: the week-7 loaded run (4.5 kg) hurt, one pain-free 10 km jog on 18 Jun, today 19 Jun.
    The old rules planned 4.5 kg again from week 8 and +1 kg in week 10."""
    base = build_plan(ISSUE)
    log = as_planned(base, dt.date(2026, 6, 17)) + [
        Session(date=dt.date(2026, 6, 17), distance_km=5.2, minutes=33, load_kg=4.5, form_ok=True, pain=True),
        Session(date=dt.date(2026, 6, 18), distance_km=10, minutes=60)]
    today = dt.date(2026, 6, 19)
    plan = build_plan(ISSUE, log, today)
    ahead = runs_from(plan, today)
    assert ahead[0][1] == 3.5  # a step below the 4.5 kg in use when it hurt
    assert all(kg <= 3.5 for week, kg, _ in ahead if week < 11)  # an interval below 4.5 kg
    assert all(kg <= 4.5 for _, kg, _ in ahead)  # then an interval at it: nothing above within the plan
    first_loaded = next(d.date for d in plan.days if d.loaded and d.date >= today)
    sessions_before = [d for d in plan.days if today <= d.date < first_loaded and (d.run_km or d.strength)]
    assert len(sessions_before) >= PAIN_FREE_SESSIONS_TO_RESUME - 1  # the jog was the first pain-free one
    assert {"pain_pause", "pain_hold"} <= codes(plan)
    assert change(plan, "pain_hold").until.startswith("week 11 (Wed 15 Jul) at the earliest for 4.5 kg again")


def test_pain_makes_the_next_days_recovery_and_every_run_easy_until_two_pain_free_sessions():
    """Case 1 without the jog: the old rules kept the intervals the next day, the 16 km long run and
    the full lifts, removing only the load."""
    base = build_plan(ISSUE)
    log = as_planned(base, dt.date(2026, 6, 17)) + [
        Session(date=dt.date(2026, 6, 17), distance_km=5.2, minutes=33, load_kg=4.5, form_ok=True, pain=True)]
    today = dt.date(2026, 6, 18)
    plan = build_plan(ISSUE, log, today)
    window = [d for d in plan.days if today <= d.date < today + dt.timedelta(days=PAIN_RECOVERY_DAYS)]
    assert all(d.recovery and d.run_km == 0 and not d.strength and not d.loaded for d in window)
    assert not [s for s in plan.strength_sessions if s.date in {d.date for d in window}]  # mobility, no lift
    after = [d for d in plan.days if d.date >= today + dt.timedelta(days=PAIN_RECOVERY_DAYS)]
    sessions = [d for d in after if d.run_km or d.strength]
    returning = sessions[:PAIN_FREE_SESSIONS_TO_RESUME]
    assert [d.run for d in returning] == ["easy", "easy"]  # the Sunday long run is easy, so is Monday
    assert not any(d.loaded for d in returning)
    first_loaded = next(d for d in after if d.loaded)
    assert first_loaded.date > returning[-1].date and first_loaded.load_kg == 3.5
    recovery = change(plan, "pain_recovery")
    assert recovery.start == today and "you log a session without pain" in recovery.until
    assert recovery.severity == "block" and "004" in recovery.source


def test_pain_that_comes_back_stops_loaded_running_and_sends_to_a_clinician():
    base = build_plan(ISSUE)
    log = as_planned(base, dt.date(2026, 6, 10)) + [
        Session(date=dt.date(2026, 6, 3), distance_km=4.8, minutes=30, load_kg=3.5, form_ok=True, pain=True),
        Session(date=dt.date(2026, 6, 17), distance_km=8, minutes=48, pain=True)]
    today = dt.date(2026, 6, 22)
    plan = build_plan(ISSUE, log, today)
    stop = change(plan, "pain_repeated")
    assert stop.severity == "block" and "see a clinician" in stop.until
    assert not [d for d in plan.days if d.loaded and dt.date(2026, 6, 17) < d.date < dt.date(2026, 7, 29)]


@pytest.mark.parametrize("today", [dt.date(2026, 5, 21), dt.date(2026, 5, 22), dt.date(2026, 5, 24), dt.date(2026, 5, 25)])
def test_a_failed_form_test_holds_an_interval_below_then_an_interval_at_it(today):
    """Case 2: the week-3 run (3.5 kg) fails; the old rules planned 4.0 kg in week 6, and opened on
    Mon 25 May raised load and distance together in week 7."""
    inputs = ISSUE.model_copy(update={"strength_level": "standard"})
    log = as_planned(build_plan(inputs), dt.date(2026, 5, 20)) + [
        Session(date=dt.date(2026, 5, 20), distance_km=4.8, minutes=30, load_kg=3.5, form_ok=False)]
    plan = build_plan(inputs, log, today)
    assert runs_from(plan, dt.date(2026, 5, 25)) == [  # the same future whichever day it is opened
        (4, 2.5, 2.8), (5, 2.5, 4.4), (6, 2.5, 4.4), (7, 3.5, 4.4), (8, 3.5, 2.6), (9, 3.5, 4.4),
        (10, 4.5, 4.4), (11, 4.5, 4.8), (12, 4.5, 2.8)]
    found = change(plan, "form_test_failed")
    assert found.why == "the form test failed on Wed 20 May with 3.5 kg"
    assert found.until.startswith("week 7 (Wed 17 Jun) at the earliest for 3.5 kg again, then nothing rises "
                                  "before week 10 (Wed 08 Jul)")


def test_two_missed_weeks_ramp_the_running_back_and_resume_the_load_actually_carried():
    """Case 3: weeks 6-7 skipped, today 22 Jun. The old rules added 1 kg and went to 5.2 km (never run)
    in week 9 and resumed the full 55 km week at once."""
    base = build_plan(ISSUE)
    today = dt.date(2026, 6, 22)
    plan = build_plan(ISSUE, as_planned(base, today, skip=lambda d: d.week in (6, 7)), today)
    ahead = runs_from(plan, today)
    assert ahead[:3] == [(8, 3.5, 2.8), (9, 3.5, 4.8), (10, 4.5, 4.8)]  # the last load carried, one variable a week
    week = {w: sum(d.run_km for d in plan.days if d.week == w) for w in (8, 9, 10)}
    planned = {w: sum(d.run_km for d in base.days if d.week == w) for w in (8, 9, 10)}
    assert week[8] <= RETURN_FRACTIONS[0] * planned[8] + 4.8  # half the running (the loaded run as it is)
    assert week[9] <= RETURN_FRACTIONS[1] * planned[9] + 4.8
    assert all(d.run == "easy" or d.run == "rest" for d in plan.days if d.week in (8, 9))
    assert [d.run_km for d in plan.days if d.week == 10 and not d.loaded] == \
        [d.run_km for d in base.days if d.week == 10 and not d.loaded]  # the full week again
    ramp = change(plan, "return_after_break")
    assert ramp.until == "Mon 06 Jul, as long again as the break" and ramp.source == "Return guide 2015"


def test_weeks_skipped_from_the_start_begin_with_the_first_loaded_run_not_the_planned_distance():
    """Case 3b: weeks 1-3 skipped; the old rules made the first loaded run ever 4.8 km."""
    base = build_plan(ISSUE)
    today = dt.date(2026, 5, 25)
    log = [s.model_copy(update={"outcome": "skipped"}) for s in as_planned(base, today)]
    plan = build_plan(ISSUE, log, today)
    first = [(d.week, d.run_km) for d in plan.days if d.loaded and not d.deload and d.date >= today][0]
    assert first == (5, ISSUE.easy_run_km / 2)  # the first loaded run: half the easy run
    assert "return_after_break" in codes(plan)


def test_the_fatigue_gate_acts_on_the_sessions_from_today_and_reads_todays_checkin():
    """Case 4: three "mostly no" check-ins up to Wednesday, today Thursday. The old rules cut a loaded
    run already done and ignored a check-in saved today."""
    base = build_plan(ISSUE)
    today = dt.date(2026, 5, 21)
    for days in ((1, 2, 3), (0, 1, 2)):  # up to yesterday, or today's check-in among them
        log = [*as_planned(base, today), *(checkin(today - dt.timedelta(days=n), 3) for n in days)]
        plan = build_plan(ISSUE, log, today)
        thursday = next(d for d in plan.days if d.date == today)
        assert thursday.run == "easy"  # the hard run today is easy
        run = next(d for d in plan.days if d.loaded and d.date >= today)
        usual = next(d for d in base.days if d.loaded and d.date >= today)
        assert run.date == dt.date(2026, 5, 27) and run.load_kg == usual.load_kg
        assert run.run_km == int(usual.run_km * FATIGUE_LIGHTER_DISTANCE_FRACTION * 10) / 10
        lift = next(s for s in plan.strength_sessions if s.date >= today)
        usual_lift = next(s for s in base.strength_sessions if s.date >= today)
        assert sum(e.sets for e in lift.exercises) < sum(e.sets for e in usual_lift.exercises)
        assert change(plan, "fatigue_gate").start == today


def test_planned_runs_are_compared_with_logged_and_planned_runs():
    """Case 5: a month of real running up to 27 Dec (longest 16.1 km) and a 17 km long run. The old
    rules flagged five later runs against the log alone ("Wed 20 Jan 8 km, longest before: 6 km")."""
    december = [Session(date=dt.date(2020, 12, d), distance_km=km, minutes=km * 6)
                for d, km in ((1, 8), (3, 10), (6, 16.1), (8, 6), (10, 8), (13, 14), (15, 8), (17, 10), (20, 15),
                              (22, 6), (24, 8), (26, 6))]
    inputs = PlanInputs(start_date=dt.date(2020, 12, 28), long_run_km=17, weeks=8)
    plan = build_plan(inputs, december, dt.date(2020, 12, 28))
    assert "run_spike_log" not in codes(plan)  # 17 km is within 10% of 16.1 km; the rest follow the plan
    longer = inputs.model_copy(update={"long_run_km": 20})
    found = next(f for f in build_plan(longer, december, dt.date(2020, 12, 28)).findings if f.code == "run_spike_log")
    assert found.message.startswith("1 planned run more than 10% longer") and "Sun 03 Jan 20 km" in found.message


def test_a_thin_old_log_leaves_the_load_ratio_to_the_typed_routine():
    """Case 5b: nine sessions from 2020 and one run today read as a ratio of about 3 with the old rules."""
    old = [Session(date=dt.date(2020, 12, 1) + dt.timedelta(days=3 * n), distance_km=8, minutes=48) for n in range(9)]
    today = WEEK5
    plan = build_plan(INPUTS, [*old, Session(date=today - dt.timedelta(days=1), distance_km=4, minutes=24)], today)
    assert plan.loads_done == () and plan.baseline_loads == build_plan(INPUTS).baseline_loads
    assert "acwr_high" not in codes(plan)


def test_a_failed_form_test_before_the_start_adapts_the_plan_and_its_headline():
    """Case 6: a form test failed before the plan starts was ignored and the tile kept 3.5 kg."""
    inputs = ISSUE.model_copy(update={"start_date": dt.date(2026, 5, 6)})  # a mid-week start
    log = [Session(date=dt.date(2026, 4, 29), distance_km=4, minutes=25, load_kg=3.5, form_ok=False)]
    plan = build_plan(inputs, log, dt.date(2026, 5, 1))
    assert plan.start_load_kg == 2.5 and runs_from(plan, MAY)[0][1] == 2.5
    in_two_intervals = [kg for day, kg in loads_from(plan, MAY) if day < dt.date(2026, 4, 29) + dt.timedelta(weeks=6)]
    assert max(in_two_intervals) <= 3.5
    assert "form_test_failed" in codes(plan)


def test_durations_from_the_log_feed_the_session_load_as_logged():
    """Case 7's consequence: a logged session's load is its RPE x its minutes as logged."""
    log = [Session(date=WEEK5 - dt.timedelta(days=n), distance_km=8, minutes=45, rpe=5) for n in range(1, 30)]
    plan = build_plan(INPUTS, log, WEEK5)
    assert plan.loads_done[27] == 225.0


def test_a_log_done_exactly_as_planned_changes_nothing():
    """Case 8: the old rules turned a 3.1 km deload loaded run into 3.0 km."""
    base = build_plan(ISSUE)
    for today in (dt.date(2026, 6, 22), dt.date(2026, 7, 15)):
        plan = build_plan(ISSUE, as_planned(base, today), today)
        assert plan.days == base.days and plan.strength_sessions == base.strength_sessions
        assert plan.changes == ()


def test_one_bad_day_gives_advice_only():
    log = [loaded(w, 3.5) for w in (1, 2, 3, 4)] + [checkin(WEEK5 - dt.timedelta(days=1), 4)]
    plan, usual = build_plan(INPUTS, log, WEEK5), build_plan(INPUTS, log[:4], WEEK5)
    assert plan.days == usual.days and plan.strength_sessions == usual.strength_sessions
    assert "fatigue_one_day" in codes(plan) and "fatigue_gate" not in codes(plan)


def test_a_duplicate_never_hides_pain_or_a_failed_form_test():
    same = dict(date=wed(2), distance_km=0, minutes=30)
    log = [Session(**same), Session(**same, pain=True), loaded(1, 3.5)]
    assert "pain_pause" in codes(build_plan(INPUTS, log, WEEK5))  # the pain copy still counts
    twice = [loaded(3, 3.5), loaded(3, 3.5, form_ok=False), loaded(1, 3.5), loaded(2, 3.5)]
    assert "form_test_failed" in codes(build_plan(INPUTS, twice, WEEK5))


def test_a_duplicate_keeps_the_load_its_failed_form_test_was_on():
    same = dict(date=wed(1), distance_km=0, minutes=30)
    log = [Session(**same), Session(**same, load_kg=3.0, form_ok=False)]
    ahead = loads_from(build_plan(INPUTS, log, wed(1) + dt.timedelta(days=1)), wed(1) + dt.timedelta(days=1))
    assert ahead and ahead[0][1] < 3.0


def test_a_step_needs_the_weeks_done_at_the_weight():
    planned = loads_from(build_plan(INPUTS), MONDAY)
    planned_step = next(day for day, kg in planned if kg > 3.5)
    today = planned_step - dt.timedelta(days=2)  # the Monday of the week the plan steps up
    log = [loaded(planned_step.isocalendar()[1] - MONDAY.isocalendar()[1], 3.5)]
    ahead = loads_from(build_plan(INPUTS, log, today), today)  # one week done at 3.5: not enough credit
    assert ahead[0] == (planned_step, 3.5)
    assert next(day for day, kg in ahead if kg > 3.5) >= planned_step + dt.timedelta(weeks=2)


def test_a_short_logged_month_holds_the_loaded_run_and_says_so():
    log = [Session(date=WEEK5 - dt.timedelta(days=d), distance_km=2.0, minutes=12) for d in (2, 5)]
    inputs = INPUTS.model_copy(update={"hard_days": (), "long_run_day": "sat", "rest_days": ("mon", "tue", "thu", "fri", "sun")})
    plan = build_plan(inputs, log, WEEK5)
    run = next(d for d in plan.days if d.loaded and d.date >= WEEK5)
    assert run.run_km <= 2.2 and "loaded_run_capped" in codes(plan)


def test_with_a_month_of_logged_history_the_load_science_starts_from_it():
    today = MONDAY + dt.timedelta(weeks=2)
    log = [Session(date=MONDAY - dt.timedelta(days=n), distance_km=10, minutes=60, rpe=8) for n in range(1, 36)]
    log += [Session(date=MONDAY + dt.timedelta(days=n), distance_km=10, minutes=60, rpe=8) for n in range(14)]
    plan, typed = build_plan(INPUTS, log, today), build_plan(INPUTS)
    assert plan.baseline_loads == (480.0,) * 7 != typed.baseline_loads  # the logged routine, RPE 8 x 60 min
    loads = plan.daily_loads()
    assert loads[:14] == [480.0] * 14  # history is what was logged
    assert loads[14:] == [d.session_load for d in plan.days[14:]]  # the plan from today
    assert plan_projection(plan).acwr.chronic[13] == pytest.approx(480.0, rel=0.01)


@pytest.mark.parametrize(("gap_days", "covers"), [(0, True), (6, True), (7, False), (20, False)])
def test_the_log_covers_the_four_weeks_before_today_only_with_a_session_in_each(gap_days, covers):
    log = [Session(date=WEEK5 - dt.timedelta(days=n), distance_km=5, minutes=30) for n in range(1, 29)
           if not 1 <= n - 7 <= gap_days]
    assert log_covers(log, WEEK5) is covers


# --- Properties over random logs -------------------------------------------------------------

@st.composite
def logs(draw, pain: bool = True, checkins: bool = True):
    today = MONDAY + dt.timedelta(days=draw(st.integers(0, 7 * 11)))
    sessions = []
    for _ in range(draw(st.integers(0, 14))):
        day = MONDAY + dt.timedelta(days=draw(st.integers(-20, (today - MONDAY).days)))
        kg = draw(st.sampled_from([0.0, 3.0, 3.5, 4.5, 5.5, 9.0]))
        sessions.append(Session(date=day, distance_km=draw(st.floats(0, 25)), minutes=30, load_kg=kg,
                                form_ok=draw(st.sampled_from([True, False, None])) if kg else None,
                                pain=pain and draw(st.booleans()) and draw(st.booleans()),
                                outcome=draw(st.sampled_from(["as planned", "as planned", "skipped"]))))
    days = draw(st.integers(0, 5)) if checkins else 0
    return today, sessions + [checkin(today - dt.timedelta(days=d), draw(st.integers(0, 4))) for d in range(days)]


INPUT_VARIANTS = st.fixed_dictionaries({
    "load_step_kg": st.sampled_from([0.5, 1.0, 2.5]), "loaded_runs_per_week": st.sampled_from([1, 2]),
    "hard_days": st.sampled_from([("tue",), ("tue", "thu"), ()]), "progression_weeks": st.sampled_from([2, 3]),
})


def _pain_free_days_before(plan, log, pain_day: dt.date, day: dt.date) -> int:
    """Session days without pain after ``pain_day`` and before ``day``: logged before today, planned from it."""
    pained = {s.date for s in log if isinstance(s, Session) and s.done and s.pain}
    logged = {s.date for s in log if isinstance(s, Session) and s.done and not s.pain
              and pain_day < s.date <= plan.today and s.date not in pained}
    planned = {d.date for d in plan.days if plan.today <= d.date < day and (d.run_km > 0 or d.strength)}
    return len({x for x in logged | planned if x < day})


@settings(max_examples=200, deadline=None)
@given(logs(), INPUT_VARIANTS)
def test_the_log_never_carries_more_or_runs_a_longer_loaded_run_than_the_plan_without_it(log_and_today, variant):
    today, log = log_and_today
    inputs = INPUTS.model_copy(update=variant)
    plan, plain = build_plan(inputs, log, today), build_plan(inputs)
    without = {d.date: d for d in plain.days}
    for d in plan.days:
        if d.date >= today and d.loaded:
            assert without[d.date].loaded and d.load_kg <= without[d.date].load_kg + 1e-9
            assert d.run_km <= without[d.date].run_km + 1e-9
    step = steps_per_increase(inputs.load_step_kg) * inputs.load_step_kg
    ahead = [d for d in plan.days if d.loaded and d.date >= today]
    for a, b in zip(ahead, ahead[1:], strict=False):
        assert b.load_kg - a.load_kg <= step + 1e-9  # one step at a time, never doubling
        assert not (b.load_kg > a.load_kg + 1e-9 and b.run_km > a.run_km + 1e-9), (a, b)  # one variable at a time
    assert all(f.source and f.message for f in plan.findings)


@settings(max_examples=60, deadline=None)
@given(plan_inputs(), st.integers(0, 52 * 7))
def test_a_log_done_exactly_as_planned_gives_exactly_the_plan_without_it(inputs, day):
    plain = build_plan(inputs)
    today = plain.days[0].date + dt.timedelta(days=day)
    log = as_planned(plain, today)
    assume(log)
    plan = build_plan(inputs, log, today)
    assert plan.days == plain.days and plan.strength_sessions == plain.strength_sessions
    assert plan.changes == ()


@settings(max_examples=150, deadline=None)
@given(logs(pain=False, checkins=False), INPUT_VARIANTS, st.integers(1, 11))
def test_after_a_failed_form_test_at_L_nothing_exceeds_L_within_two_intervals(log_and_today, variant, week):
    today, log = log_and_today
    inputs = INPUTS.model_copy(update=variant)
    plain = build_plan(inputs)
    failing = next((d for d in plain.days if d.loaded and d.week == week), None)
    assume(failing is not None and failing.date < today)
    log = [s for s in log if not (isinstance(s, Session) and s.date >= failing.date)]
    log.append(Session(date=failing.date, distance_km=failing.run_km, minutes=30, load_kg=failing.load_kg, form_ok=False))
    plan = build_plan(inputs, log, today)
    interval = dt.timedelta(weeks=inputs.progression_weeks)
    for d in plan.days:
        if d.loaded and d.date >= today:
            if d.date < failing.date + interval:
                assert d.load_kg < failing.load_kg - 1e-9  # at least a step below L for an interval
            if d.date < failing.date + 2 * interval:
                assert d.load_kg <= failing.load_kg + 1e-9  # never above L within two intervals


@settings(max_examples=150, deadline=None)
@given(logs(checkins=False), INPUT_VARIANTS)
def test_pain_gives_recovery_days_then_loads_only_after_two_pain_free_sessions_a_step_below(log_and_today, variant):
    today, log = log_and_today
    inputs = INPUTS.model_copy(update=variant)
    done = sorted((s for s in log if isinstance(s, Session) and s.done and s.date <= today), key=lambda s: s.date)
    pained = [s for s in done if s.pain]
    assume(pained)
    last = pained[-1].date
    plan = build_plan(inputs, log, today)
    same_day = any(s.date == last and not s.pain for s in done)
    if not same_day and not any(s.date > last and not s.pain for s in done):  # unresolved: recovery days
        first = max(today, last + dt.timedelta(days=1))
        window = [d for d in plan.days if first <= d.date < first + dt.timedelta(days=PAIN_RECOVERY_DAYS)]
        assert all(d.recovery and d.run_km == 0 and not d.strength for d in window)
    for d in plan.days:
        if d.loaded and d.date > last and d.date >= today:
            assert _pain_free_days_before(plan, log, last, d.date) >= PAIN_FREE_SESSIONS_TO_RESUME, d
    carried = [s.load_kg for s in done if s.loaded and s.date <= last] or [plan.days[0].load_kg or 99.0]
    step = steps_per_increase(inputs.load_step_kg) * inputs.load_step_kg
    first_after = next((d for d in plan.days if d.loaded and d.date > last and d.date >= today), None)
    if first_after is not None and first_after.date < last + dt.timedelta(weeks=inputs.progression_weeks):
        plain_start = build_plan(inputs).days
        in_use = max(max(carried), max(d.load_kg for d in plain_start[:7]))
        assert first_after.load_kg <= in_use - step + 1e-9


@settings(max_examples=150, deadline=None)
@given(logs(pain=False, checkins=False), INPUT_VARIANTS)
def test_after_missed_weeks_loaded_runs_resume_from_what_was_run_and_the_running_ramps_back(log_and_today, variant):
    today, log = log_and_today
    inputs = INPUTS.model_copy(update=variant)
    assume(any(isinstance(s, Session) for s in log))  # an empty log adapts nothing
    plan, plain = build_plan(inputs, log, today), build_plan(inputs)
    first_loaded = next((d for d in plan.days if d.loaded and d.date >= today), None)
    assume(first_loaded is not None and not first_loaded.deload)
    # As the planner reads the log: a copy of a session (same day, kind and load) merged into one.
    good = sorted((s for s in sessions_of(log) if s.done and s.loaded and s.form_ok is not False
                   and not s.pain and s.distance_km >= 0.1 and s.date < first_loaded.date), key=lambda s: s.date)
    longest, last = 0.0, None
    for s in good:  # the longest loaded run of the streak without a gap of more than 30 days
        longest = s.distance_km if last is None or (s.date - last).days > 30 else max(longest, s.distance_km)
        last = s.date
    if last is not None and (first_loaded.date - last).days <= 30:  # at most 10% over the longest done
        assert first_loaded.run_km <= int(longest * 10 + 1e-9) * 1.1 / 10 + 1e-9
    else:  # none done lately: the first loaded run's distance, half the easy run
        assert first_loaded.run_km <= inputs.easy_run_km / 2 + 1e-9
    for ramp in (c for c in plan.changes if c.code == "return_after_break"):
        end = dt.datetime.strptime(ramp.until.split(",")[0], "%a %d %b").date().replace(year=ramp.start.year)
        if end < ramp.start:
            end = end.replace(year=end.year + 1)
        for d, p in zip(plan.days, plain.days, strict=True):
            if ramp.start <= d.date < end and not p.loaded:  # a loaded day keeps the loaded distance rule
                assert d.run_km <= RETURN_FRACTIONS[1] * p.run_km + 1e-9 and d.run != "hard"


# Found by this property: back from a break, the week-8 deload shortened its runs after the spike
# check had read them, so week 9's loaded run was capped against runs the plan no longer held.
_SHORTENED_BY_A_DELOAD = (dt.date(2027, 1, 4), [
    Session(date=MONDAY, distance_km=5.0, minutes=30.0, load_kg=3.0, form_ok=True),
    *[Session(date=MONDAY, minutes=30.0)] * 4,
    Session(date=dt.date(2026, 12, 14), distance_km=1.0, minutes=30.0, load_kg=3.0, form_ok=True),
])


@settings(max_examples=150, deadline=None)
@given(logs(), INPUT_VARIANTS)
@example(_SHORTENED_BY_A_DELOAD, {"load_step_kg": 0.5, "loaded_runs_per_week": 2, "hard_days": ("tue",),
                                  "progression_weeks": 2})
def test_loaded_runs_the_planner_places_never_spike_against_logged_or_planned_runs(log_and_today, variant):
    today, log = log_and_today
    plan = build_plan(INPUTS.model_copy(update=variant), log, today)
    runs = [(s.date, s.distance_km) for s in log if isinstance(s, Session) and s.kind == "run" and s.done
            and s.date <= today and s.distance_km > 0]  # what is logged today counts too
    runs += [(d.date, d.run_km) for d in plan.days if d.date >= today and d.run_km > 0]
    if not [s for s in log if isinstance(s, Session) and s.date < min(MONDAY, today)]:
        usual = {d.weekday: d.run_km for d in build_plan(plan.inputs).days[:7] if not d.loaded}  # the typed week
        runs += [(MONDAY - dt.timedelta(days=n), usual.get(WEEKDAYS[(MONDAY - dt.timedelta(days=n)).weekday()], 0.0))
                 for n in range(1, SPIKE_WINDOW_DAYS + 1)]
    for day in (d for d in plan.days if d.loaded and d.date >= today):
        window = [km for date, km in runs if day.date - dt.timedelta(days=SPIKE_WINDOW_DAYS) <= date < day.date]
        if window:
            assert day.run_km <= (1 + SPIKE_FRACTION) * max(window) + 1e-9, (day, max(window))


@settings(max_examples=100, deadline=None)
@given(logs(pain=False, checkins=False), INPUT_VARIANTS, st.integers(0, 6))
def test_the_same_log_gives_the_same_future_whichever_day_of_the_week_it_is_opened(log_and_today, variant, later):
    today, log = log_and_today
    inputs = INPUTS.model_copy(update=variant)
    plan = build_plan(inputs, log, today)
    other = today + dt.timedelta(days=later)
    assume((other - MONDAY).days // 7 == (today - MONDAY).days // 7)  # the same plan week
    assume(not [s for s in log if isinstance(s, Session) and s.date >= today])  # nothing logged yet on those days
    # A load-ratio hold reads what was logged this week, so a week held when opened on Monday may not be
    # held once its first days are logged lighter: the one rule this promise leaves out.
    assume("acwr_hold" not in {c.code for c in plan.changes})
    plain = {d.date: d for d in build_plan(inputs).days}
    emptied = [d for d in plan.days if today <= d.date < other and d.run_km == 0 and plain[d.date].run_km > 0]
    assume(not emptied)  # a run the log cut to nothing can't be logged as done; unlogged it counts as planned
    between = as_planned(plan, other, since=today)  # what the plan asked for in between, done
    assume(log)  # an empty log adapts nothing: the plan stands as planned
    assume(log_covers([*log, *between], other) == log_covers(log, today))  # no new history for the load science
    opened_later = build_plan(inputs, [*log, *between], other)
    assert runs_from(opened_later, other) == runs_from(plan, other)


@settings(max_examples=150, deadline=None)
@given(plan_inputs(), logs())
def test_every_plan_invariant_holds_for_random_inputs_and_logs(inputs, log_and_today):
    today, log = log_and_today
    inputs = inputs.model_copy(update={"start_date": MONDAY})
    plan = build_plan(inputs, log, today)
    planned = inputs if plan.event_date is not None else inputs.model_copy(update={"event_date": None})
    limit = min(ceiling_kg(planned), inputs.equipment_max_kg)  # an event out of reach is planned without
    assert all(d.load_kg <= limit + 1e-9 for d in plan.days)
    # Loaded runs on easy days only; the long run only as an event's heavy carry (docs/rules.md §16).
    assert all(not d.loaded or d.run == "easy" or (d.run == "long" and d.phase == "specific") for d in plan.days)
    loaded_dates = [d.date for d in plan.days if d.loaded]
    assert all((b - a).days > 1 for a, b in zip(loaded_dates, loaded_dates[1:], strict=False))  # never back to back
    weeks = {w: [d for d in plan.days if d.week == w] for w in range(1, plan.inputs.weeks + 1)}
    for week, days in weeks.items():
        if days[0].deload and week > 1:  # a deload week: nothing increases
            before = weeks[week - 1]
            assert sum(d.run_km for d in days) <= sum(d.run_km for d in before) + 1e-9
            assert max(d.load_kg for d in days) <= max(d.load_kg for d in before) + 1e-9
            assert sum(d.strength_minutes for d in days) <= sum(d.strength_minutes for d in before)
    assert all(f.source and f.message for f in plan.findings)
    lifts = {s.date for s in plan.strength_sessions}
    assert lifts == {d.date for d in plan.days if d.strength}  # the lifts are the days' lifts


@settings(max_examples=100, deadline=None)
@given(logs(pain=False, checkins=False), INPUT_VARIANTS, st.integers(0, 1))
def test_the_fatigue_gate_acts_on_the_next_sessions_from_today_including_todays_checkin(log_and_today, variant, shift):
    today, log = log_and_today
    inputs = INPUTS.model_copy(update=variant)
    checkins = [checkin(today - dt.timedelta(days=n + shift), 3) for n in range(3)]  # today's counts (shift 0)
    plan, usual = build_plan(inputs, [*log, *checkins], today), build_plan(inputs, [*log], today) if log else None
    assume(usual is not None)
    plain = build_plan(inputs).days
    hard = [a for a, b in zip(plan.days, plain, strict=True) if a.date >= today and b.run == "hard"]
    if hard:
        assert hard[0].run == "easy"  # the plan's next hard run from today is easy
    loaded = [(a, b) for a, b in zip(plan.days, usual.days, strict=True) if a.date >= today and b.loaded]
    if loaded:  # the usual next loaded run is shorter (or gone), its load held
        first, before = loaded[0]
        if first.loaded:  # shorter by the fraction, on the 0.1 km grid (a deload week may scale both)
            assert first.run_km <= before.run_km + 1e-9
            assert first.run_km <= before.run_km * FATIGUE_LIGHTER_DISTANCE_FRACTION + 0.1 + 1e-9
        assert first.load_kg <= before.load_kg + 1e-9
    lifts = [s for s in plan.strength_sessions if s.date >= today]
    usual_lifts = {s.date: s for s in usual.strength_sessions}
    if lifts and lifts[0].date in usual_lifts:
        assert sum(e.sets for e in lifts[0].exercises) < sum(e.sets for e in usual_lifts[lifts[0].date].exercises) \
            or all(e.sets == 1 for e in lifts[0].exercises)
    assert "fatigue_gate" in {c.code for c in plan.changes}


@settings(max_examples=100, deadline=None)
@given(INPUT_VARIANTS, st.integers(1, 20), st.integers(0, 6), st.booleans())
def test_a_log_before_the_start_adapts_the_plan_and_its_headline(variant, days_before, start_weekday, failed):
    start = MONDAY + dt.timedelta(days=start_weekday)  # a mid-week start too
    inputs = INPUTS.model_copy(update={**variant, "start_date": start})
    today = MONDAY - dt.timedelta(days=1)
    log = [Session(date=today - dt.timedelta(days=days_before), distance_km=4, minutes=25, load_kg=3.5,
                   form_ok=not failed)]
    plan = build_plan(inputs, log, today)
    first = next((d for d in plan.days if d.loaded), None)
    assume(first is not None)
    assert plan.start_load_kg == first.load_kg  # the headline is the plan's own first load
    if failed:
        interval = dt.timedelta(weeks=inputs.progression_weeks)
        assert all(d.load_kg < 3.5 for d in plan.days if d.loaded and d.date < log[0].date + interval)
        assert all(d.load_kg <= 3.5 for d in plan.days if d.loaded and d.date < log[0].date + 2 * interval)
