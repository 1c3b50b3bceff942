"""Training load and energy (DOMAIN.md §8): published worked examples, closed forms derived by
hand, Hypothesis properties, and how the plan uses them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import PlanInputs, build_plan
from core.planner.energy import running_kcal, running_vo2, speed_m_per_min
from core.planner.load import ewma_acwr, ewma_lambda, fitness_fatigue, project, session_load, spike_runs
from core.planner.plan import weekly_ratios
from core.present.load_charts import energy_by_week

MPH = 26.8  # m/min per mph, the ACSM handouts' conversion

# --- Published worked examples --------------------------------------------------------------


@pytest.mark.parametrize(("speed", "grade", "expected", "source"), [
    # ACSM metabolic calculations handout: "how fast should a woman jog on a level course to
    # exercise at 8 METs?" 8 x 3.5 = 28.0 mL/kg/min -> speed 122.5 m/min (4.57 mph).
    (122.5, 0.0, 28.0, "ACSM running equation, 8-MET jog example"),
    # ACSM metabolic equations handout: 6.0 mph x 26.8 = 160.8 m/min; at 5% grade:
    # 3.5 + 0.2 x 160.8 + 0.9 x 160.8 x 0.05 = 42.896.
    (6.0 * MPH, 0.05, 42.896, "ACSM running equation, 6 mph at 5% grade"),
    # Level running at 7 mph (187.6 m/min): 3.5 + 37.52 = 41.02.
    (7.0 * MPH, 0.0, 41.02, "ACSM running equation, 7 mph level"),
])
def test_acsm_running_equation_worked_examples(speed, grade, expected, source):
    assert running_vo2(speed, grade) == pytest.approx(expected, abs=1e-3), source


def test_acsm_kcal_per_litre_worked_example():
    # ACSM handout: 1 L of O2 = 5 kcal. A 70 kg runner at 6 mph level: 35.66 mL/kg/min x 70 kg
    # = 2.4962 L/min = 12.481 kcal/min; 30 minutes cover 30 x 160.8 m = 4.824 km.
    kcal = running_kcal(70, 0, 30 * 160.8 / 1000, 160.8)
    assert kcal == pytest.approx(12.481 * 30, rel=1e-9)


@pytest.mark.parametrize(("rpe", "minutes", "expected", "source"), [
    (7, 60, 420.0, "Foster 2001 method: a 60-minute run rated 7 = 420 AU"),
    (5, 30, 150.0, "Foster 2001 method: RPE 5 ('hard') for 30 minutes"),
    (0, 45, 0.0, "rest is 0 on the CR-10 scale"),
])
def test_session_rpe_worked_examples(rpe, minutes, expected, source):
    assert session_load(rpe, minutes) == expected, source


def test_frandsen_spike_definition():
    # Frandsen 2025: a run more than 10% longer than the longest of the previous 30 days.
    history = [10.0] + [0.0] * 29
    assert spike_runs([*history, 11.0]) == []          # exactly +10%: not more than 10%
    assert spike_runs([*history, 11.1]) == [30]        # +11%
    assert spike_runs([10.0] + [0.0] * 30 + [20.0]) == []  # the 10 km run is 31 days back: no history


# --- Closed forms derived by hand -------------------------------------------------------------


def test_lambda_is_two_over_n_plus_one():
    assert ewma_lambda(7) == 0.25 and ewma_lambda(28) == pytest.approx(2 / 29)


@pytest.mark.parametrize("load", [0.0, 1.0, 350.0, 1e6])
def test_constant_load_converges_to_itself(load):
    acwr = ewma_acwr([load] * 200)
    assert all(a == pytest.approx(load) for a in acwr.acute)
    assert all(c == pytest.approx(load) for c in acwr.chronic)
    assert all(r == pytest.approx(1.0) for r in acwr.ratio) if load else all(r is None for r in acwr.ratio)


def test_ewma_two_days_by_hand():
    # Seeded with day 1 (100): day 2 of 0 gives acute 0.75 x 100, chronic (27/29) x 100.
    acwr = ewma_acwr([100.0, 0.0])
    assert acwr.acute[1] == pytest.approx(75.0)
    assert acwr.chronic[1] == pytest.approx(100 * 27 / 29)
    assert acwr.ratio[1] == pytest.approx(75 / (100 * 27 / 29))


def test_step_from_zero_follows_the_geometric_series():
    # Seeded at 0, n days of load L give L(1 - (1 - lambda)^n) for each average.
    acwr = ewma_acwr([200.0] * 10, acute_seed=0.0, chronic_seed=0.0)
    assert acwr.acute[-1] == pytest.approx(200 * (1 - 0.75 ** 10))
    assert acwr.chronic[-1] == pytest.approx(200 * (1 - (27 / 29) ** 10))


@pytest.mark.parametrize("load", [50.0, 100.0, 437.5])
def test_ctl_after_42_days_of_constant_load(load):
    ff = fitness_fatigue([load] * 42)
    assert ff.ctl[-1] == pytest.approx(load * (1 - (41 / 42) ** 42))
    assert ff.atl[-1] == pytest.approx(load * (1 - (6 / 7) ** 42))


def test_form_is_yesterdays_fitness_minus_fatigue():
    ff = fitness_fatigue([100.0, 0.0, 50.0])
    assert ff.form[0] == 0.0  # before day 1: both averages at their seeds (0)
    assert ff.form[1] == pytest.approx(ff.ctl[0] - ff.atl[0]) == pytest.approx(100 / 42 - 100 / 7)
    assert ff.form[2] == pytest.approx(ff.ctl[1] - ff.atl[1])


def test_fitness_is_not_pandas_span_42():
    # pandas ewm(span=42) uses alpha 2/43; the TrainingPeaks CTL uses 1/42 (DOMAIN.md §8).
    ctl = fitness_fatigue([100.0])
    assert ctl.ctl[0] == pytest.approx(100 / 42)
    assert ctl.ctl[0] != pytest.approx(100 * 2 / 43)


def test_loaded_run_scales_by_total_mass():
    assert session_load(4, 50, bodyweight_kg=70, load_kg=7) == pytest.approx(4 * 50 * 1.1)
    assert running_kcal(70, 7, 5, 180) == pytest.approx(running_kcal(70, 0, 5, 180) * 77 / 70)


def test_a_routine_repeated_is_steady():
    week = [144.0, 420.0, 144.0, 420.0, 0.0, 144.0, 384.0]
    projection = project(week, week * 8)
    assert projection.acwr.chronic[-1] == pytest.approx(sum(week) / 7, rel=0.02)
    assert projection.fitness.ctl[0] == pytest.approx(sum(week) / 7, rel=0.02)


# --- Properties ---------------------------------------------------------------------------------

LOADS = st.lists(st.floats(0, 5000, allow_nan=False, allow_infinity=False), min_size=1, max_size=400)


@given(LOADS)
@settings(max_examples=300, deadline=None)
def test_ratio_finite_and_positive_once_chronic_is_positive(loads):
    acwr = ewma_acwr(loads)
    for acute, chronic, ratio in zip(acwr.acute, acwr.chronic, acwr.ratio, strict=True):
        assert acute >= 0 and chronic >= 0
        if chronic > 0:
            assert ratio is not None and math.isfinite(ratio) and ratio >= 0
        else:
            assert ratio is None


@given(LOADS, st.floats(1, 5000))
@settings(max_examples=200, deadline=None)
def test_seeded_ratio_finite_and_positive(loads, seed):
    # The planner seeds with a positive routine: every day then has a finite, non-negative ratio,
    # positive while the acute load is.
    acwr = ewma_acwr(loads, acute_seed=seed, chronic_seed=seed)
    assert all(r is not None and math.isfinite(r) and r > 0 for r in acwr.ratio)


@given(LOADS)
@settings(max_examples=200, deadline=None)
def test_fitness_and_fatigue_stay_within_the_loads(loads):
    ff = fitness_fatigue(loads)
    top = max(loads)
    assert all(0 <= c <= top + 1e-9 and 0 <= a <= top + 1e-9 for c, a in zip(ff.ctl, ff.atl, strict=True))


BODY = st.floats(35, 200)
LOAD = st.floats(0, 30)
KM = st.floats(0.1, 60)
SPEED = st.floats(80, 400)
GRADE = st.floats(0, 0.3)


@given(BODY, LOAD, st.floats(0.01, 10), KM, SPEED, GRADE)
@settings(max_examples=300, deadline=None)
def test_energy_grows_with_load(body, load, extra, km, speed, grade):
    assert running_kcal(body, load + extra, km, speed, grade) > running_kcal(body, load, km, speed, grade)


@given(BODY, LOAD, KM, st.floats(0.01, 10), SPEED, GRADE)
@settings(max_examples=300, deadline=None)
def test_energy_grows_with_distance(body, load, km, extra, speed, grade):
    assert running_kcal(body, load, km + extra, speed, grade) > running_kcal(body, load, km, speed, grade)


@given(BODY, LOAD, KM, SPEED, GRADE, st.floats(0.001, 0.2))
@settings(max_examples=300, deadline=None)
def test_energy_grows_with_grade(body, load, km, speed, grade, extra):
    assert running_kcal(body, load, km, speed, grade + extra) > running_kcal(body, load, km, speed, grade)


@given(st.lists(st.floats(0, 60, allow_nan=False), max_size=120))
@settings(max_examples=300, deadline=None)
def test_spikes_are_exactly_the_runs_past_ten_percent(km):
    spikes = set(spike_runs(km))
    for i, today in enumerate(km):
        longest = max(km[max(0, i - 30):i], default=0.0)
        expected = today > 0 and longest > 0 and today > 1.1 * longest + 1e-9
        assert (i in spikes) == expected


# --- In the plan --------------------------------------------------------------------------------


def test_plan_frame_has_load_columns_that_add_up():
    inputs = PlanInputs(easy_pace_min_per_km=5.0, loaded_slowdown_pct=10, rpe_easy=3, rpe_loaded=5,
                        rpe_strength=6)
    frame = build_plan(inputs).to_frame()
    easy = frame[(frame.run == "easy") & ~frame.loaded & (frame.strength == "")].iloc[0]
    assert easy.minutes == pytest.approx(easy.run_km * 5.0)
    assert easy.session_load == pytest.approx(3 * easy.minutes)
    loaded = frame[frame.loaded].iloc[0]
    assert loaded.minutes == pytest.approx(loaded.run_km * 5.0 * 1.1, abs=0.05)
    assert loaded.session_load == pytest.approx(
        5 * loaded.run_km * 5.5 * (inputs.bodyweight_kg + loaded.load_kg) / inputs.bodyweight_kg, abs=0.1)
    assert loaded.kcal == pytest.approx(
        running_kcal(inputs.bodyweight_kg, loaded.load_kg, loaded.run_km, speed_m_per_min(5.5)), abs=0.1)
    lift = frame[(frame.strength == "A")].iloc[0]
    run_part = lift.session_load - 6 * lift.strength_minutes
    assert run_part >= 0 and lift.minutes >= lift.strength_minutes
    rest = frame[(frame.run == "rest") & (frame.strength == "")]
    assert (rest[["minutes", "rpe", "session_load", "kcal"]] == 0).all().all()


def test_baseline_week_avoids_a_false_spike_in_week_one():
    # Without lifts or load beyond the routine the first week stays near 1.
    plan = build_plan(PlanInputs(carrier="none", strength_level="minimal", rpe_strength=1))
    assert 0.9 < weekly_ratios(plan.days, plan.baseline_loads)[0] < 1.2


def test_a_big_jump_is_flagged_with_the_caveat():
    plan = build_plan(PlanInputs(easy_run_km=1, hard_run_km=1, long_run_km=1, rpe_strength=9,
                                 strength_level="standard"))
    high = [f for f in plan.findings if f.code == "acwr_high"]
    assert high and high[0].severity == "warn"
    assert "Week" in high[0].message and "do not predict injury" in high[0].message
    assert "Williams 2017" in high[0].source and "Impellizzeri 2020" in high[0].source


def test_default_plan_has_no_high_ratio_or_spike():
    codes = {f.code for f in build_plan(PlanInputs()).findings}
    assert not codes & {"acwr_high", "run_spike"}


def test_energy_view_separates_what_the_load_adds():
    vest = build_plan(PlanInputs(bodyweight_kg=80))
    none = build_plan(PlanInputs(bodyweight_kg=80, carrier="none"))
    assert sum(w.kcal_from_load for w in energy_by_week(vest)) > 0
    assert sum(w.kcal_from_load for w in energy_by_week(none)) == 0


def test_units_do_not_change_load_numbers():
    metric = build_plan(PlanInputs()).to_frame()
    imperial = build_plan(PlanInputs(units="imperial")).to_frame()
    assert metric[["minutes", "rpe", "session_load", "kcal"]].equals(imperial[["minutes", "rpe", "session_load", "kcal"]])
