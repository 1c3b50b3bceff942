"""What running costs in energy, and what a carried load adds (DOMAIN.md §8).

The ACSM running equation gives oxygen cost per kilogram; for a carried load we scale the
per-kilogram cost by total mass (body + load), the usual first approximation (Taylor 1980;
Teunissen 2007; docs/rules.md §10). Caveats shown in the app: the equation's standard error
is about ±7%, it was validated for level and uphill running of unloaded adults at speeds above
about 134 m/min (8 km/h), and it was not validated for carried loads, which cost somewhat more
per kilogram than body mass at running speeds.

Sources: American College of Sports Medicine, *ACSM's Guidelines for Exercise Testing and
Prescription* (metabolic equations: running VO2 = 3.5 + 0.2·S + 0.9·S·G); about 5 kcal per
litre of oxygen (ibid.).
"""

from __future__ import annotations

import math

from core.planner.rules import (
    ACSM_ERROR,
    ACSM_MIN_RUNNING_SPEED_M_PER_MIN,
    HORIZONTAL_COST,
    KCAL_PER_LITRE_O2,
    RESTING_VO2,
    VERTICAL_COST,
)

# The equation's numbers live in core.planner.rules (docs/rules.md §10), re-exported here beside
# the equation that uses them.
__all__ = [
    "ACSM_ERROR", "ACSM_MIN_RUNNING_SPEED_M_PER_MIN", "HORIZONTAL_COST", "KCAL_PER_LITRE_O2", "RESTING_VO2",
    "VERTICAL_COST", "kcal_from_load", "running_kcal", "running_vo2", "speed_m_per_min",
]


def running_vo2(speed_m_per_min: float, grade: float = 0.0) -> float:
    """Gross oxygen cost of running, mL/kg/min, from the ACSM running equation.

    ``speed_m_per_min`` is the running speed in metres per minute, ``grade`` the slope as a
    fraction (0.05 for 5%); downhill (negative) grades are treated as level, as ACSM advises.

    Worked example (ACSM metabolic calculations): 6 mph (160.8 m/min) at 5% grade
    >>> round(running_vo2(160.8, 0.05), 1)
    42.9
    """
    if not (math.isfinite(speed_m_per_min) and speed_m_per_min >= 0):
        raise ValueError("speed must be a non-negative finite number")
    grade = max(grade, 0.0)
    return RESTING_VO2 + HORIZONTAL_COST * speed_m_per_min + VERTICAL_COST * speed_m_per_min * grade


def running_kcal(bodyweight_kg: float, load_kg: float, distance_km: float, speed_m_per_min: float,
                 grade: float = 0.0) -> float:
    """Gross energy of one run in kcal: the ACSM per-kilogram cost times total mass (body +
    load) times the run's duration, at ``KCAL_PER_LITRE_O2`` kcal per litre of oxygen.

    A 70 kg runner, 10 km at 200 m/min (5:00 /km), level: 50 min at 43.5 mL/kg/min
    >>> round(running_kcal(70, 0, 10, 200))
    761
    """
    if distance_km <= 0:
        return 0.0
    if speed_m_per_min <= 0:
        raise ValueError("a run with distance needs a positive speed")
    minutes = distance_km * 1000 / speed_m_per_min
    litres = running_vo2(speed_m_per_min, grade) * (bodyweight_kg + load_kg) * minutes / 1000
    return litres * KCAL_PER_LITRE_O2


def speed_m_per_min(pace_min_per_km: float) -> float:
    """Pace (minutes per km) to speed (metres per minute).

    >>> speed_m_per_min(5.0)
    200.0
    """
    return 1000 / pace_min_per_km


def kcal_from_load(kcal: float, bodyweight_kg: float, load_kg: float) -> float:
    """The part of a run's kcal that the carried load adds: energy scales with total mass, so
    the load's share is load / (body + load).

    >>> round(kcal_from_load(770, 70, 7))
    70
    """
    return kcal * load_kg / (bodyweight_kg + load_kg) if load_kg else 0.0
