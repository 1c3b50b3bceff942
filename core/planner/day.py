"""One planned day: its minutes, effort, session load and energy from what it holds. Shared by the
calendar (``core.planner.plan``) and the log's re-planning (``core.planner.adapt``), so a day the
log changes is counted exactly like a day it leaves alone."""

from __future__ import annotations

import datetime as dt
import functools

from core.planner.energy import running_kcal, speed_m_per_min
from core.planner.load import session_load
from core.planner.models import Day, Phase, PlanInputs, RunType, StrengthSlot, Weekday


def run_rpe(inputs: PlanInputs, run: str, loaded: bool) -> int:
    """The planned effort (CR-10) of a run: a loaded run at the loaded RPE, else its type's."""
    if loaded:
        return inputs.rpe_loaded
    return {"easy": inputs.rpe_easy, "hard": inputs.rpe_hard, "long": inputs.rpe_long}.get(run, 0)


def run_minutes(inputs: PlanInputs, km: float, loaded: bool) -> float:
    """Planned minutes at the easy pace; a loaded run is slower by the runner's slowdown."""
    slower = 1 + inputs.loaded_slowdown_pct / 100 if loaded else 1.0
    return km * inputs.easy_pace_min_per_km * slower


def usual_km(inputs: PlanInputs) -> dict[str, float]:
    """The runner's usual distance for each run type."""
    return {"rest": 0.0, "easy": inputs.easy_run_km, "hard": inputs.hard_run_km, "long": inputs.long_run_km}


@functools.cache
def _speed(pace_min_per_km: float, slowdown_pct: int) -> float:
    """m/min at the easy pace slowed by ``slowdown_pct`` (one value per plan: cached)."""
    return speed_m_per_min(pace_min_per_km * (1 + slowdown_pct / 100))


def make_day(inputs: PlanInputs, week: int, date: dt.date, weekday: Weekday, run: RunType, km: float,
             load_kg: float, lift: StrengthSlot, lift_minutes: int, deload: bool, recovery: bool = False,
             phase: Phase = "", loaded_km: float | None = None, event: bool = False) -> Day:
    """The day with its minutes, minutes-weighted RPE, session load (RPE x minutes, a loaded run
    scaled by mass; Foster 2001) and running energy (ACSM). ``loaded_km``: the part of the run under
    load (the whole run when not given); the rest is run unloaded at the run type's effort."""
    loaded = load_kg > 0 and km > 0
    carried = (km if loaded_km is None else min(loaded_km, km)) if loaded else 0.0
    lift_rpe = inputs.rpe_strength if lift_minutes else 0
    minutes, rpe, load, kcal = _metrics(
        inputs.bodyweight_kg, inputs.easy_pace_min_per_km, inputs.loaded_slowdown_pct,
        run_rpe(inputs, run, True), run_rpe(inputs, run, False), lift_rpe, km, load_kg if loaded else 0.0, carried,
        lift_minutes)
    return Day(
        week=week, date=date, weekday=weekday, run=run, run_km=km, loaded=loaded, load_kg=load_kg if loaded else 0.0,
        load_pct_bw=round(load_kg / inputs.bodyweight_kg * 100, 1) if loaded else 0.0, strength=lift,
        strength_minutes=lift_minutes, deload=deload, minutes=minutes, rpe=rpe, session_load=load, kcal=kcal,
        recovery=recovery, phase=phase, loaded_km=round(carried, 6), event=event,
    )


@functools.lru_cache(maxsize=4096)
def _metrics(bodyweight: float, pace: float, slowdown_pct: int, loaded_rpe: int, free_rpe: int, lift_rpe: int,
             km: float, load_kg: float, carried: float, lift_minutes: int) -> tuple[float, float, float, float]:
    """(minutes, RPE, session load, kcal) of a day: the same few days repeat week after week, so cached."""
    loaded_minutes = km_minutes(carried, pace, slowdown_pct) if load_kg else 0.0
    free = km_minutes(km - carried, pace, 0)
    total = loaded_minutes + free + lift_minutes
    rpe = round((loaded_rpe * loaded_minutes + free_rpe * free + lift_rpe * lift_minutes) / total, 1) if total else 0.0
    load = (session_load(loaded_rpe, loaded_minutes, bodyweight, load_kg) + session_load(free_rpe, free)
            + session_load(lift_rpe, lift_minutes))
    kcal = (running_kcal(bodyweight, load_kg, carried, _speed(pace, slowdown_pct))
            + running_kcal(bodyweight, 0.0, km - carried, _speed(pace, 0)))
    return round(total, 1), rpe, round(load, 1), round(kcal, 1)


def km_minutes(km: float, pace: float, slowdown_pct: int) -> float:
    return km * pace * (1 + slowdown_pct / 100)
