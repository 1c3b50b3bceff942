"""A planned run's target pace, from the runner's easy pace (docs/rules.md §15): easy and long runs
at it, a loaded run slowed by the runner's own slowdown, a hard run quicker by a stated fraction,
each within a band either side."""

from __future__ import annotations

from dataclasses import dataclass

from core.planner.models import PlanInputs, RunType
from core.planner.rules import HARD_PACE_FASTER_FRACTION, PACE_BAND_FRACTION


@dataclass(frozen=True)
class PaceTarget:
    """A run's intended pace and its range, in minutes per km (``fast`` < ``pace`` < ``slow``)."""

    pace: float
    fast: float
    slow: float


def speed_m_per_s(pace_min_per_km: float) -> float:
    """
    >>> speed_m_per_s(6.0)  # 6:00 /km
    2.7777777777777777
    """
    return 1000 / (pace_min_per_km * 60)


def target_pace(inputs: PlanInputs, run: RunType, loaded: bool = False) -> PaceTarget:
    """The target pace of a planned run of type ``run`` (a loaded run is an easy day's run).

    >>> t = target_pace(PlanInputs(easy_pace_min_per_km=6.0), "hard")
    >>> round(t.pace, 2), round(t.fast, 2), round(t.slow, 2)
    (5.4, 5.13, 5.67)
    >>> round(target_pace(PlanInputs(easy_pace_min_per_km=6.0, loaded_slowdown_pct=5), "easy", loaded=True).pace, 2)
    6.3
    """
    easy = inputs.easy_pace_min_per_km
    if run == "rest":
        raise ValueError("A rest day has no pace.")
    if loaded:
        pace = easy * (1 + inputs.loaded_slowdown_pct / 100)
    elif run == "hard":
        pace = easy * (1 - HARD_PACE_FASTER_FRACTION)
    else:
        pace = easy
    return PaceTarget(pace, pace * (1 - PACE_BAND_FRACTION), pace * (1 + PACE_BAND_FRACTION))
