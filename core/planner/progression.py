"""How much and how fast: start load, ceiling and the week-by-week loaded progression
(docs/rules.md §3-§5, deloads §8).

Loads are counted in whole plate steps and distances in whole 0.1 km units, so rounding
never drifts above a limit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.planner.event import event_load_kg, is_pack_event
from core.planner.models import Phase, PlanInputs
from core.planner.rules import (
    AGE_CEILING_FRACTION,
    AGE_STEP_WEEKS,
    CEILING_FRACTION_BW_GENERAL,
    CEILING_FRACTION_BW_MAX,
    DELOAD_LOADED_DISTANCE_FRACTION,
    DELOAD_LOADED_RUNS,
    DISTANCE_RESOLUTION_KM,
    DISTANCE_STEP_FRACTION,
    FIRST_LOADED_FRACTION_OF_EASY,
    HEAVY_CARRY_EVERY_WEEKS,
    MAX_LOAD_STEP_KG,
    OLDER_AGE_FROM,
    START_FRACTION_BW,
    TAPER_VOLUME_KEPT,
    VEST_START_MAX_KG,
    YOUTH_AGE_BELOW,
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
    if inputs.event_date is not None and event_load_kg(inputs) > 0:
        target = min(target, event_load_kg(inputs))  # an event asking less than 5% starts at its load
    return target


def start_load_kg(inputs: PlanInputs) -> float:
    """The first loaded run's load, rounded down to the plate step (002, 000).

    >>> start_load_kg(PlanInputs(bodyweight_kg=70))
    3.5
    """
    return on_grid(steps_below(start_target_kg(inputs), inputs.load_step_kg), inputs.load_step_kg)


def age_band(inputs: PlanInputs) -> str:
    """"youth" under 18, "older" from 65, else "" (docs/rules.md §17)."""
    if inputs.age < YOUTH_AGE_BELOW:
        return "youth"
    return "older" if inputs.age >= OLDER_AGE_FROM else ""


def ceiling_fraction(inputs: PlanInputs) -> float:
    """15% of bodyweight for pack events (the goal, or an entered event with a pack), 10% for every
    other goal (002, 001); 10% under 18 and from 65 whatever the goal (docs/rules.md §17)."""
    if age_band(inputs):
        return AGE_CEILING_FRACTION
    pack = inputs.goal == "pack_event" or is_pack_event(inputs)
    return CEILING_FRACTION_BW_MAX if pack else CEILING_FRACTION_BW_GENERAL


def ceiling_kg(inputs: PlanInputs) -> float:
    """The most the plan ever carries: the goal's share of bodyweight, never above what the
    equipment holds, on the plate grid.

    >>> ceiling_kg(PlanInputs(bodyweight_kg=70))
    7.0
    """
    limit = min(ceiling_fraction(inputs) * inputs.bodyweight_kg, inputs.equipment_max_kg)
    if inputs.event_date is not None and event_load_kg(inputs) > 0:
        limit = min(limit, event_load_kg(inputs))  # the event's load is the target, never above the ceiling
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
    weeks = max(inputs.progression_weeks, AGE_STEP_WEEKS) if age_band(inputs) else inputs.progression_weeks
    return weeks * intervals


def to_tenths(km: float) -> int:
    """Kilometres as whole 0.1 km units, rounded down."""
    return math.floor(km / DISTANCE_RESOLUTION_KM + _EPS)


@dataclass(frozen=True)
class LoadedWeek:
    """The loaded running of one week: every loaded session carries ``load_kg`` over ``km``;
    ``long_km`` > 0: the long run carries it too, over its first ``long_km`` (an event's specific
    phase); ``hold``: neither load nor distance rises this week (docs/rules.md §16)."""

    week: int
    load_kg: float
    km: float
    sessions: int
    deload: bool
    hold: bool = False
    long_km: float = 0.0

    @property
    def off(self) -> bool:
        """No loaded running this week (an event plan's preparation or event week)."""
        return self.sessions == 0 and not self.long_km


def is_deload(week: int, deload_every: int) -> bool:
    """Every ``deload_every``-th week is a deload (004's 4-week cycle; 3-6 as a setting)."""
    return week % deload_every == 0


def loaded_progression(inputs: PlanInputs, sessions_per_week: int, phases: list[Phase] | None = None,
                       long_run_km: list[float] | None = None, first_week: int = 1) -> list[LoadedWeek]:
    """Week-by-week load and distance of the loaded runs, one variable at a time (002).

    - The first loaded week (week 1, or ``first_week``, or an event plan's first build week): start
      load over half the usual easy run.
    - A load step (at most 1 kg) comes when ``weeks_between_increases`` have passed since the
      last one, in a normal week; the distance holds that week.
    - Otherwise the distance rises by at most 10% of the longest loaded run so far, rounded
      down to 0.1 km, never beyond the usual easy run.
    - A deload week keeps the load and cuts to one session at 60% of the previous distance; the
      week after returns to the pre-deload distance (so its load holds too).
    - An event plan (``phases``; docs/rules.md §16): no loaded runs in the preparation or the event's
      week; in the specific phase every ``HEAVY_CARRY_EVERY_WEEKS``-th normal week the long run carries
      the load over its first ``long_km`` (10% more than the last loaded long run, or than the longest
      loaded run, never beyond that week's long run: ``long_run_km``) as the week's only loaded run, and
      nothing else rises; the taper holds the load over ``TAPER_VOLUME_KEPT`` of the distance.
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
    long_loaded = 0  # the last loaded long run, in tenths
    specific_weeks = 0
    last_load_change = first_week
    started = False
    weeks: list[LoadedWeek] = []
    previous_deload = False
    for week in range(1, inputs.weeks + 1):
        deload = is_deload(week, inputs.deload_every)
        phase = phases[week - 1] if phases else ""
        if week < first_week or phase in ("preparation", "event"):
            weeks.append(LoadedWeek(week, on_grid(load_n, step), dist / 10, 0, deload, hold=True))
            continue
        sessions, hold, long_km = sessions_per_week, False, 0
        if not started:
            started, last_load_change = True, week
            sessions = DELOAD_LOADED_RUNS if deload else sessions
        elif deload:
            sessions = DELOAD_LOADED_RUNS
            before = weeks[-1]
            if before.long_km and not before.sessions:  # after a heavy carry: never more than it carried
                dist = min(dist, to_tenths(before.long_km))
            dist = math.floor(dist * DELOAD_LOADED_DISTANCE_FRACTION + _EPS)
        elif previous_deload:
            dist = longest
        elif phase == "taper":
            hold = True
            dist = math.floor(longest * TAPER_VOLUME_KEPT[0] + _EPS)
        elif phase == "specific" and specific_weeks % HEAVY_CARRY_EVERY_WEEKS == 0 and long_run_km:
            hold = True
            grown = math.floor((long_loaded or longest) * (1 + DISTANCE_STEP_FRACTION) + _EPS)
            long_km = min(grown, to_tenths(long_run_km[week - 1]))
            long_loaded = long_km
            sessions = 0  # the heavy carry is the week's loaded session: none on the day next to it
        elif load_n < ceiling_n and week - last_load_change >= gap:
            load_n = min(load_n + add_n, ceiling_n)
            last_load_change = week
        else:
            dist = min(longest + math.floor(longest * DISTANCE_STEP_FRACTION + _EPS), easy)
            longest = max(longest, dist)
        if phase == "specific" and not deload and not previous_deload:
            specific_weeks += 1
        previous_deload = deload
        weeks.append(LoadedWeek(week, on_grid(load_n, step), dist / 10, sessions, deload, hold, long_km / 10))
    return weeks
