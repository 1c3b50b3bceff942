"""Hypothesis strategies shared by the tests: every valid ``PlanInputs``, biased towards runners
who may carry load, so the loaded-running properties are exercised rather than vacuously true."""

from __future__ import annotations

from typing import Any

from hypothesis import note
from hypothesis import strategies as st

from core import PlanInputs
from core.planner.models import FIRST_START_DATE, LAST_EVENT_DATE, LAST_START_DATE

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
INJURIES = ("lower_back", "joint_pain", "knee", "achilles", "hip")


def _kg(lo: float, hi: float, common: tuple[float, ...]) -> st.SearchStrategy[float]:
    """Round numbers as runners type them, plus arbitrary floats across the whole range."""
    return st.one_of(
        st.sampled_from(common),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
    )


# Built once: building strategies inside the composite on every draw doubles the suite's time.
BOOLEANS = st.booleans()
LOADABLE = st.sampled_from((True, True, False))
WEEKDAY = st.sampled_from(WEEKDAYS)
ROLES = st.tuples(*[st.sampled_from(("easy", "hard", "rest", "easy"))] * 6)
LOADABLE_CARRIER = st.sampled_from(("vest", "backpack"))
ANY_CARRIER = st.sampled_from(("none", "vest", "backpack", "ankle_weights", "wrist_weights", "dumbbells"))
ESTABLISHED = st.sampled_from(("experienced", "intermediate"))
ANY_EXPERIENCE = st.sampled_from(("beginner", "intermediate", "experienced"))
ANY_INJURIES = st.lists(st.sampled_from(INJURIES), max_size=6)
LOADABLE_INJURIES = {
    carrier: st.one_of(st.just([]), st.lists(st.sampled_from(
        [i for i in INJURIES if i != "joint_pain" and not (i == "lower_back" and carrier == "backpack")]
    ), max_size=3))
    for carrier in ("vest", "backpack")
}
LOADABLE_EQUIPMENT_KG = _kg(10, 60, (10.0, 20.0, 60.0))
ANY_EQUIPMENT_KG = _kg(0, 60, (10.0, 0.0, 2.0, 5.0))
LOADABLE_STEP_KG = _kg(0.25, 2.5, (0.5, 0.25, 1.0, 1.25, 2.0, 2.5))
ANY_STEP_KG = _kg(0.25, 5, (0.5, 0.25, 1.0, 2.5, 5.0))
BODYWEIGHT_KG = _kg(35, 200, (40.0, 55.0, 70.0, 85.0, 100.0, 120.0))
AGE = st.integers(14, 90)
GOAL = st.sampled_from(("general_fitness", "pack_event", "calorie_burn", "strength"))
SETTING = st.sampled_from(("gym", "home"))
LEVEL = st.sampled_from(("minimal", "advanced", "standard", "advanced"))  # advanced twice: plyo
START_DATE = st.dates(FIRST_START_DATE, LAST_START_DATE)
WEEKS = st.one_of(st.integers(4, 16), st.integers(4, 52))
EASY_KM = _kg(1, 60, (8.0, 5.0, 10.0, 12.5))
HARD_KM = _kg(1, 60, (10.0, 8.0))
LONG_KM = _kg(1, 60, (16.0, 21.1, 30.0))
LOADED_RUNS = st.integers(1, 2)
PROGRESSION_WEEKS = st.integers(2, 3)
DELOAD_EVERY = st.integers(3, 6)
UNITS = st.sampled_from(("metric", "imperial"))


EVENT_DAYS_AFTER_START = st.one_of(st.integers(14, 380), st.integers(-30, 400))
EVENT_KIND = st.sampled_from(("trail_ultra", "ruck", "fastpacking", "obstacle", "race"))
EVENT_DISTANCE_KM = _kg(1, 250, (50.0, 21.1, 42.2, 100.0, 19.3))
EVENT_STANDARD = st.sampled_from(("custom", "custom", "goruck_light", "goruck_tough", "foot_march"))
EVENT_LOAD_KG = _kg(0, 60, (0.0, 5.0, 9.07, 15.88))
RUNNING = st.sampled_from(("own", "build", "build"))
PACE = st.floats(3, 12, allow_nan=False, allow_infinity=False)
SLOWDOWN = st.integers(0, 25)
RPE = st.integers(1, 10)


@st.composite
def week_days(draw: st.DrawFn) -> dict[str, Any]:
    """Long-run day first, then each other day easy, hard or rest (so never a clash). Easy is
    listed twice in ``ROLES``: easy days are where loaded runs go, and full weeks still occur."""
    long_run_day = draw(WEEKDAY)
    others = [d for d in WEEKDAYS if d != long_run_day]
    roles = draw(ROLES)
    hard = [d for d, r in zip(others, roles, strict=True) if r == "hard"]
    rest = [d for d, r in zip(others, roles, strict=True) if r == "rest"]
    # Any order, and repeats, are valid input: the model canonicalises them.
    hard, rest = draw(st.permutations(hard)), draw(st.permutations(rest))
    if rest and draw(BOOLEANS):
        rest = [*rest, rest[0]]
    return {"long_run_day": long_run_day, "hard_days": tuple(hard), "rest_days": tuple(rest)}


@st.composite
def plan_inputs(draw: st.DrawFn) -> PlanInputs:
    """Any valid ``PlanInputs``; about two draws in three come from the part of the space where
    loaded running is allowed (vest, or backpack with both straps; an established runner; no
    joint pain; equipment that holds the start load), so the load invariants are not vacuous."""
    if draw(LOADABLE):
        carrier = draw(LOADABLE_CARRIER)
        chest_strap = hip_belt = carrier == "backpack" or draw(BOOLEANS)
        experience = draw(ESTABLISHED)
        building_mileage = False
        injuries = draw(LOADABLE_INJURIES[carrier])
        equipment_max_kg = draw(LOADABLE_EQUIPMENT_KG)
        load_step_kg = draw(LOADABLE_STEP_KG)
    else:
        carrier = draw(ANY_CARRIER)
        chest_strap, hip_belt = draw(BOOLEANS), draw(BOOLEANS)
        experience = draw(ANY_EXPERIENCE)
        building_mileage = draw(BOOLEANS)
        injuries = draw(ANY_INJURIES)
        equipment_max_kg = draw(ANY_EQUIPMENT_KG)
        load_step_kg = draw(ANY_STEP_KG)
    data: dict[str, Any] = {
        "bodyweight_kg": draw(BODYWEIGHT_KG),
        "age": draw(AGE),
        "experience": experience,
        "building_mileage": building_mileage,
        "new_to_lifting": draw(BOOLEANS),
        "injuries": tuple(injuries),
        "goal": draw(GOAL),
        "carrier": carrier,
        "pack_chest_strap": chest_strap,
        "pack_hip_belt": hip_belt,
        "equipment_max_kg": equipment_max_kg,
        "load_step_kg": load_step_kg,
        "strength_setting": draw(SETTING),
        "strength_level": draw(LEVEL),
        "start_date": draw(START_DATE),
        "weeks": draw(WEEKS),
        **draw(week_days()),
        "easy_run_km": draw(EASY_KM),
        "hard_run_km": draw(HARD_KM),
        "long_run_km": draw(LONG_KM),
        "loaded_runs_per_week": draw(LOADED_RUNS),
        "progression_weeks": draw(PROGRESSION_WEEKS),
        "deload_every": draw(DELOAD_EVERY),
        "units": draw(UNITS),
        "easy_pace_min_per_km": draw(PACE),
        "loaded_slowdown_pct": draw(SLOWDOWN),
        **{f"rpe_{kind}": draw(RPE) for kind in ("easy", "long", "hard", "loaded", "strength")},
    }
    if draw(BOOLEANS):  # one draw in two trains toward an event (docs/rules.md §16)
        data |= event_fields(draw, data["start_date"])
    inputs = PlanInputs.model_validate(data)
    note(f"inputs: {inputs!r}")
    return inputs


def event_fields(draw: st.DrawFn, start: Any) -> dict[str, Any]:
    """An event some weeks after ``start`` (sometimes before it or out of reach), of any kind and load."""
    import datetime as dt

    day = start + dt.timedelta(days=draw(EVENT_DAYS_AFTER_START))
    return {
        "event_date": min(max(day, FIRST_START_DATE), LAST_EVENT_DATE),
        "event_kind": draw(EVENT_KIND),
        "event_distance_km": draw(EVENT_DISTANCE_KM),
        "event_standard": draw(EVENT_STANDARD),
        "event_load_kg": draw(EVENT_LOAD_KG),
        "running": draw(RUNNING),
    }
