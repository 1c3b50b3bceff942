"""How much and how fast: start load, ceiling and the week-by-week loaded progression
(docs/rules.md §3-§5, deloads §8).

Loads are counted in whole plate steps and distances in whole 0.1 km units, so rounding
never drifts above a limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.planner.models import PlanInputs
from core.planner.rules import (
    CEILING_FRACTION_BW_GENERAL,
    CEILING_FRACTION_BW_MAX,
    DELOAD_LOADED_DISTANCE_FRACTION,
    DELOAD_LOADED_RUNS,
    DISTANCE_RESOLUTION_KM,
    DISTANCE_STEP_FRACTION,
    FIRST_LOADED_FRACTION_OF_EASY,
    MAX_LOAD_STEP_KG,
    START_FRACTION_BW,
    VEST_START_MAX_KG,
)

_EPS = 1e-9


def steps_below(kg: float, step_kg: float) -> int:
    """How many whole plate steps fit in ``kg`` (rounding down).

    >>> steps_below(3.5, 0.5), steps_below(2.0, 2.5), steps_below(0.3, 0.1)
    (7, 0, 3)
    """
    return max(0, math.floor(kg / step_kg + _EPS))


def on_grid(steps: int, step_kg: float) -> float:
    return round(steps * step_kg, 6)


def start_target_kg(inputs: PlanInputs) -> float:
    """5% of bodyweight (002); for a vest also at most 10 lb (000). Before plate rounding.

    >>> round(start_target_kg(PlanInputs(bodyweight_kg=100)), 3), start_target_kg(PlanInputs(bodyweight_kg=70))
    (4.536, 3.5)
    """
    target = START_FRACTION_BW * inputs.bodyweight_kg
    if inputs.carrier == "vest":
        target = min(target, VEST_START_MAX_KG)
    return target


def start_load_kg(inputs: PlanInputs) -> float:
    """The first loaded run's load, rounded down to the plate step (002, 000).

    >>> start_load_kg(PlanInputs(bodyweight_kg=70))
    3.5
    """
    return on_grid(steps_below(start_target_kg(inputs), inputs.load_step_kg), inputs.load_step_kg)


def ceiling_fraction(inputs: PlanInputs) -> float:
    """15% of bodyweight for pack events, 10% for every other goal (002, 001)."""
    return CEILING_FRACTION_BW_MAX if inputs.goal == "pack_event" else CEILING_FRACTION_BW_GENERAL


def ceiling_kg(inputs: PlanInputs) -> float:
    """The most the plan ever carries: the goal's share of bodyweight, never above what the
    equipment holds, on the plate grid.

    >>> ceiling_kg(PlanInputs(bodyweight_kg=70))
    7.0
    """
    limit = min(ceiling_fraction(inputs) * inputs.bodyweight_kg, inputs.equipment_max_kg)
    return on_grid(steps_below(limit, inputs.load_step_kg), inputs.load_step_kg)


def steps_per_increase(step_kg: float) -> int:
    """Plate steps added at once: as many as fit in 1 kg, and one when a plate is heavier (002).

    >>> steps_per_increase(0.25), steps_per_increase(0.3), steps_per_increase(2.5)
    (4, 3, 1)
    """
    return max(1, math.floor(MAX_LOAD_STEP_KG / step_kg + _EPS))


def weeks_between_increases(inputs: PlanInputs) -> int:
    """``progression_weeks`` (002: every 2-3 weeks), times ceil(step / 1 kg) when a plate is
    heavier than 1 kg, so the average never exceeds 1 kg per interval (docs/rules.md §4).

    >>> weeks_between_increases(PlanInputs(load_step_kg=2.5))
    9
    """
    intervals = max(1, math.ceil(inputs.load_step_kg / MAX_LOAD_STEP_KG - _EPS))
    return inputs.progression_weeks * intervals


def to_tenths(km: float) -> int:
    """Kilometres as whole 0.1 km units, rounded down."""
    return math.floor(km / DISTANCE_RESOLUTION_KM + _EPS)


@dataclass(frozen=True)
class LoadedWeek:
    """The loaded running of one week: every loaded session carries ``load_kg`` over ``km``."""

    week: int
    load_kg: float
    km: float
    sessions: int
    deload: bool


def is_deload(week: int, deload_every: int) -> bool:
    """Every ``deload_every``-th week is a deload (004's 4-week cycle; 3-6 as a setting)."""
    return week % deload_every == 0


def loaded_progression(inputs: PlanInputs, sessions_per_week: int) -> list[LoadedWeek]:
    """Week-by-week load and distance of the loaded runs, one variable at a time (002).

    - Week 1: start load over half the usual easy run.
    - A load step (at most 1 kg) comes when ``weeks_between_increases`` have passed since the
      last one, in a normal week; the distance holds that week.
    - Otherwise the distance rises by at most 10% of the longest loaded run so far, rounded
      down to 0.1 km, never beyond the usual easy run.
    - A deload week keeps the load and cuts to one session at 60% of the previous distance; the
      week after returns to the pre-deload distance (so its load holds too).
    Assumes the start load fits the equipment (``start_load_kg`` <= ``ceiling_kg`` and > 0).
    """
    step = inputs.load_step_kg
    load_n = steps_below(start_target_kg(inputs), step)
    ceiling_n = steps_below(ceiling_kg(inputs), step)
    add_n = steps_per_increase(step)
    gap = weeks_between_increases(inputs)
    easy = to_tenths(inputs.easy_run_km)
    dist = to_tenths(inputs.easy_run_km * FIRST_LOADED_FRACTION_OF_EASY)
    longest = dist
    last_load_change = 1
    weeks: list[LoadedWeek] = []
    previous_deload = False
    for week in range(1, inputs.weeks + 1):
        deload = is_deload(week, inputs.deload_every)
        sessions = sessions_per_week
        if deload:
            sessions = DELOAD_LOADED_RUNS
            dist = math.floor(dist * DELOAD_LOADED_DISTANCE_FRACTION + _EPS)
        elif week == 1:
            pass
        elif previous_deload:
            dist = longest
        elif load_n < ceiling_n and week - last_load_change >= gap:
            load_n = min(load_n + add_n, ceiling_n)
            last_load_change = week
        else:
            dist = min(longest + math.floor(longest * DISTANCE_STEP_FRACTION + _EPS), easy)
            longest = max(longest, dist)
        previous_deload = deload
        weeks.append(LoadedWeek(week, on_grid(load_n, step), dist / 10, sessions, deload))
    return weeks
