"""The day-by-day plan as CSV, in the user's units (the unit is in each column's name)."""

from __future__ import annotations

import pandas as pd

from core.planner.models import Plan
from core.planner.units import KM_PER_MI, Units, distance, mass


def _unit_column(name: str, series: pd.Series, units: Units) -> tuple[str, pd.Series]:
    """A frame column in the user's units, with the unit in its name (metric names unchanged)."""
    if units == "metric":
        return name, series
    if name.endswith("_per_km"):  # a pace: minutes per km -> minutes per mile
        return name.removesuffix("_per_km") + "_per_mi", (series * KM_PER_MI).round(3)
    if name.endswith("_kg"):
        return name.removesuffix("_kg") + "_lb", series.map(lambda v: round(mass(v, units), 3))
    if name.endswith("_km"):
        return name.removesuffix("_km") + "_mi", series.map(lambda v: round(distance(v, units), 3))
    return name, series


def plan_frame(plan: Plan) -> pd.DataFrame:
    """``plan.to_frame()`` in the user's units: ``load_kg`` becomes ``load_lb``, ``run_km``
    becomes ``run_mi`` for imperial; every other column is as the planner wrote it."""
    frame = plan.to_frame()
    columns = dict(_unit_column(name, frame[name], plan.inputs.units) for name in frame.columns)
    return pd.DataFrame(columns)


def plan_csv(plan: Plan) -> str:
    """The day-by-day plan as CSV: one row per day, ``to_frame()`` columns in the user's units.

    >>> from core import PlanInputs, build_plan
    >>> plan_csv(build_plan(PlanInputs(units="imperial"))).splitlines()[0].split(",")[:8]
    ['week', 'date', 'weekday', 'run', 'run_mi', 'loaded', 'load_lb', 'load_pct_bw']
    """
    frame = plan_frame(plan)
    frame["date"] = frame["date"].map(lambda d: d.isoformat())
    return frame.to_csv(index=False, lineterminator="\n")
