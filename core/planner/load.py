"""Training load over time: session load, acute:chronic ratio, fitness/fatigue/form, and the
single-run spike check (docs/rules.md §9). Pure functions over daily series; no Streamlit.

These numbers guide a plan; they do not predict injury. The acute:chronic ratio and its
0.8-1.3 band (Gabbett 2016) are contested on statistical grounds (Lolli 2019; Impellizzeri
2020), so the app shows them as a guide with that caveat, never as a risk score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.planner.rules import (
    ACWR_ACUTE_DAYS,
    ACWR_CHRONIC_DAYS,
    ATL_DAYS,
    CTL_DAYS,
    SPIKE_FRACTION,
    SPIKE_WINDOW_DAYS,
)


def session_load(rpe: float, minutes: float, bodyweight_kg: float | None = None, load_kg: float = 0.0) -> float:
    """Session RPE (CR-10) × minutes in arbitrary units (Foster 2001). For a loaded run the
    load is scaled by total mass over body mass, (body + load) / body (docs/rules.md §9).

    >>> session_load(5, 60)
    300.0
    >>> session_load(4, 40, bodyweight_kg=80, load_kg=8)
    176.0
    """
    if not 0 <= rpe <= 10:
        raise ValueError("session RPE is on the CR-10 scale, 0 to 10")
    if minutes < 0:
        raise ValueError("minutes can't be negative")
    base = float(rpe * minutes)
    if load_kg and bodyweight_kg:
        return base * (bodyweight_kg + load_kg) / bodyweight_kg
    return base


def ewma_lambda(days: int) -> float:
    """λ = 2 / (N + 1) (Williams 2017).

    >>> ewma_lambda(7)
    0.25
    """
    return 2 / (days + 1)


@dataclass(frozen=True)
class ACWR:
    """Per day: the acute (7-day) and chronic (28-day) exponentially weighted loads and their ratio."""

    acute: tuple[float, ...]
    chronic: tuple[float, ...]
    ratio: tuple[float | None, ...]


def ewma_acwr(daily_loads: Sequence[float], acute_seed: float | None = None,
              chronic_seed: float | None = None) -> ACWR:
    """Acute:chronic workload ratio with exponentially weighted moving averages (Williams 2017):
    EWMA_today = λ·load_today + (1 − λ)·EWMA_yesterday, λ = 2/(N+1), N = 7 (acute) and 28
    (chronic). Both averages are seeded with the first day's load unless seeds are given (the
    planner seeds them with the runner's current routine). The ratio is None while the chronic
    load is zero.

    >>> result = ewma_acwr([100, 0])
    >>> result.acute, [round(c, 2) for c in result.chronic], round(result.ratio[1], 3)
    ((100.0, 75.0), [100.0, 93.1], 0.806)
    """
    if not daily_loads:
        return ACWR((), (), ())
    la, lc = ewma_lambda(ACWR_ACUTE_DAYS), ewma_lambda(ACWR_CHRONIC_DAYS)
    first = float(daily_loads[0])
    acute = first if acute_seed is None else float(acute_seed)
    chronic = first if chronic_seed is None else float(chronic_seed)
    acutes: list[float] = []
    chronics: list[float] = []
    ratios: list[float | None] = []
    for index, load in enumerate(daily_loads):
        if index or acute_seed is not None:
            acute = la * load + (1 - la) * acute
        if index or chronic_seed is not None:
            chronic = lc * load + (1 - lc) * chronic
        acutes.append(acute)
        chronics.append(chronic)
        ratios.append(acute / chronic if chronic > 0 else None)
    return ACWR(tuple(acutes), tuple(chronics), tuple(ratios))


@dataclass(frozen=True)
class FitnessFatigue:
    """Per day: fitness (CTL), fatigue (ATL) and form (TSB = yesterday's CTL − ATL)."""

    ctl: tuple[float, ...]
    atl: tuple[float, ...]
    form: tuple[float, ...]


def fitness_fatigue(daily_loads: Sequence[float], ctl_seed: float = 0.0, atl_seed: float = 0.0) -> FitnessFatigue:
    """CTL and ATL as exponentially weighted loads with time constants 42 and 7 days:
    CTL_t = CTL_{t-1} + (load_t − CTL_{t-1}) / 42, likewise ATL with 7; form on day t is
    CTL_{t-1} − ATL_{t-1} (the TrainingPeaks convention). Not pandas ``ewm(span=42)``, whose
    α is 2/43, not 1/42.

    >>> ff = fitness_fatigue([100] * 42)
    >>> round(ff.ctl[-1], 2), round(100 * (1 - (41 / 42) ** 42), 2)
    (63.65, 63.65)
    """
    ctl, atl = float(ctl_seed), float(atl_seed)
    ctls: list[float] = []
    atls: list[float] = []
    forms: list[float] = []
    for load in daily_loads:
        forms.append(ctl - atl)
        ctl += (load - ctl) / CTL_DAYS
        atl += (load - atl) / ATL_DAYS
        ctls.append(ctl)
        atls.append(atl)
    return FitnessFatigue(tuple(ctls), tuple(atls), tuple(forms))


def spike_runs(daily_km: Sequence[float]) -> list[int]:
    """Indices of runs more than ``SPIKE_FRACTION`` (10%) longer than the longest run of the
    previous ``SPIKE_WINDOW_DAYS`` (30) days (Frandsen 2025; the study's figures are the
    ``SPIKE_*`` constants in rules). ``daily_km`` has one entry per calendar day (0 for no run).
    A first run with no history is not a spike.

    >>> spike_runs([10, 0, 0, 11, 12.2])
    [4]
    """
    spikes: list[int] = []
    for index, km in enumerate(daily_km):
        if km <= 0:
            continue
        window = daily_km[max(0, index - SPIKE_WINDOW_DAYS):index]
        longest = max(window, default=0.0)
        if longest > 0 and km > longest * (1 + SPIKE_FRACTION) + 1e-9:
            spikes.append(index)
    return spikes


BASELINE_WEEKS = 4
"""Weeks of the runner's current routine run through the averages before the plan starts, so
the acute average has its weekly rhythm by day 1 (0.75^28 of the seed is left)."""


@dataclass(frozen=True)
class Projection:
    """Projected load for each day of a plan, after a steady routine (``project``)."""

    load: tuple[float, ...]
    acwr: ACWR
    fitness: FitnessFatigue


def project(baseline_week: Sequence[float], daily_loads: Sequence[float]) -> Projection:
    """Project the averages over a plan for a runner whose current routine is ``baseline_week``
    (seven daily loads). All averages start at the routine's mean daily load, the steady state
    of someone who has trained like that for months, then ``BASELINE_WEEKS`` of the routine
    run before day 1. Only the plan's days are returned.

    A plan that repeats the routine stays at a ratio of about 1:
    >>> week = [60, 120, 0, 60, 120, 0, 200]
    >>> ratios = project(week, week * 4).acwr.ratio
    >>> 0.7 < min(ratios) and max(ratios) < 1.3
    True
    """
    if len(baseline_week) != 7:
        raise ValueError("the routine is one week: seven daily loads")
    mean = sum(baseline_week) / 7
    history = list(baseline_week) * BASELINE_WEEKS
    series = history + list(daily_loads)
    acwr = ewma_acwr(series, acute_seed=mean, chronic_seed=mean)
    fitness = fitness_fatigue(series, ctl_seed=mean, atl_seed=mean)
    cut = len(history)
    return Projection(
        load=tuple(float(x) for x in daily_loads),
        acwr=ACWR(acwr.acute[cut:], acwr.chronic[cut:], acwr.ratio[cut:]),
        fitness=FitnessFatigue(fitness.ctl[cut:], fitness.atl[cut:], fitness.form[cut:]),
    )
