"""Each number's grid in each unit system, and how a number is written and read aloud.

Numbers live on a metric grid (kg, km); each unit system offers its own steps (whole pounds,
0.1 mi, 5-second paces), and a metric value is always exactly one of them. Links write a number
in the notation of the grid it sits on (``bodyweight_lb=199``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from core.planner.units import KG_PER_LB, KM_PER_MI, Units, fmt_mass


def _grid(low: float, high: float, step: float) -> tuple[float, ...]:
    return tuple(round(low + i * step, 6) for i in range(round((high - low) / step) + 1))


LEGACY_OPTIONS: dict[str, tuple[float, ...]] = {
    "bodyweight_kg": _grid(35, 200, 0.5), "equipment_max_kg": _grid(0, 60, 0.5),
    "load_step_kg": tuple(sorted({0.25, 0.5, 1.0, 1.25, 2.0, 2.5, 5.0, *(round(lb * 0.45359237, 6) for lb in (1.25, 2.5, 5, 10))})),
    "easy_run_km": _grid(1, 60, 0.5), "hard_run_km": _grid(1, 60, 0.5), "long_run_km": _grid(1, 60, 0.5),
    "easy_pace_min_per_km": _grid(3, 12, 1 / 12),
}
"""The metric grids of links written before each unit system had its own (up to 2026-12): an old
imperial link says "176 lb" for the 80 kg it was made with, and opens the same plan."""


Safe = Literal["down", "up", "nearest"]


@dataclass(frozen=True)
class Grid:
    """The numbers one unit system offers for a field, in its own unit: ``low`` to ``high`` by
    ``step``, or exactly ``values``. ``per`` is the metric amount of one shown unit (1 for kg and
    km). A metric value is always ``shown * per`` of a grid value, so it round-trips exactly.
    ``safe`` is the direction a number between two grid values moves: a lighter bodyweight, load
    or distance; a coarser plate step (loads round down to it); the nearest pace."""

    unit: str
    per: float
    low: float = 0.0
    high: float = 0.0
    step: float = 0.0
    values: tuple[float, ...] = ()
    safe: Safe = "down"

    def shown_values(self) -> tuple[float, ...]:
        if self.values:
            return self.values
        return tuple(round(self.low + i * self.step, 6) for i in range(round((self.high - self.low) / self.step) + 1))

    def show(self, metric: float) -> float:
        return metric / self.per

    def metric(self, shown: float) -> float:
        return shown * self.per

    def nearest_shown(self, metric: float) -> float | None:
        """The grid value this metric value is (within rounding), or None when it is off the grid."""
        shown = self.show(metric)
        if self.values:
            best = min(self.values, key=lambda v: abs(v - shown))
        else:
            best = round(self.low + round((shown - self.low) / self.step) * self.step, 6)
            if not self.low - 1e-6 <= best <= self.high + 1e-6:
                return None
        # Within float noise and the 6 decimals loads are stored to (1e-6 kg is 2.2e-6 lb), not more: with
        # a relative 1e-6, 334 lb (151.49985 kg) read as 151.5 kg and a link moved it.
        return best if abs(best - shown) <= max(3e-6, 1e-9 * abs(shown)) else None

    def holds(self, metric: float) -> bool:
        return self.nearest_shown(metric) is not None

    def snap(self, metric: float) -> float:
        """The metric value of the grid value ``metric`` moves to, in the safe direction (exact
        when it is on the grid). Raises ``ValueError`` outside the grid."""
        on = self.nearest_shown(metric)
        if on is not None:
            return self.metric(on)
        shown = self.show(metric)
        values = self.shown_values()
        if self.safe == "up":
            above = [v for v in values if v >= shown]
            if not above:
                raise ValueError("outside the grid")
            return self.metric(min(above))
        if not values[0] - 1e-6 <= shown <= values[-1] + 1e-6:
            raise ValueError("outside the grid")
        if self.safe == "nearest":
            return self.metric(min(values, key=lambda v: abs(v - shown)))
        if self.values:
            return self.metric(max(v for v in values if v <= shown + 1e-9))
        steps = math.floor((shown - self.low) / self.step + 1e-6)
        return self.metric(round(self.low + steps * self.step, 6))

    def label(self, shown: float) -> str:
        """A grid value as the widget and the link write it: '199', '6.2', '9:35'."""
        if self.unit.startswith("/"):
            seconds = round(shown * 60)
            return f"{seconds // 60}:{seconds % 60:02d}"
        return f"{shown:g}" if self.values or self.step >= 1 else f"{shown:.{step_decimals(self.step)}f}".rstrip("0").rstrip(".")


def step_decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


_PACE_STEP = 1 / 12  # 5 seconds
GRIDS: dict[str, dict[Units, Grid]] = {
    "bodyweight_kg": {"metric": Grid("kg", 1.0, 35, 200, 0.1), "imperial": Grid("lb", KG_PER_LB, 78, 440, 1)},
    "equipment_max_kg": {"metric": Grid("kg", 1.0, 0, 60, 0.5), "imperial": Grid("lb", KG_PER_LB, 0, 132, 1)},
    "load_step_kg": {"metric": Grid("kg", 1.0, values=(0.25, 0.5, 1.0, 1.25, 2.0, 2.5, 5.0), safe="up"),
                     "imperial": Grid("lb", KG_PER_LB, values=(1.0, 1.25, 2.5, 5.0, 10.0), safe="up")},
    **{name: {"metric": Grid("km", 1.0, 1, 60, 0.1), "imperial": Grid("mi", KM_PER_MI, 0.7, 37.2, 0.1)}
       for name in ("easy_run_km", "hard_run_km", "long_run_km")},
    "event_distance_km": {"metric": Grid("km", 1.0, 1, 250, 0.1), "imperial": Grid("mi", KM_PER_MI, 0.7, 155.3, 0.1)},
    "event_load_kg": {"metric": Grid("kg", 1.0, 0, 60, 0.5), "imperial": Grid("lb", KG_PER_LB, 0, 132, 1)},
    "easy_pace_min_per_km": {"metric": Grid("/km", 1.0, 3, 12, _PACE_STEP, safe="nearest"),
                             "imperial": Grid("/mi", 1 / KM_PER_MI, 4 + 50 / 60, 19.25, _PACE_STEP, safe="nearest")},
}
"""Each number's grid in each unit system: whole pounds, 0.1 mi and 5-second paces are imperial's own,
not a relabelled metric grid. The plates are the ones people own (0.25 to 5 kg; 1 to 10 lb)."""

IMPERIAL_SUFFIXES = (("_min_per_km", "_min_per_mi"), ("_kg", "_lb"), ("_km", "_mi"))


def metric_grid(name: str) -> tuple[float, ...]:
    return GRIDS[name]["metric"].shown_values()


def param_name(name: str, units: Units) -> str:
    """The link parameter of a number in one unit system's notation: the name says the unit.

    >>> param_name("bodyweight_kg", "imperial"), param_name("easy_pace_min_per_km", "imperial")
    ('bodyweight_lb', 'easy_pace_min_per_mi')
    """
    if units == "metric" or name not in GRIDS:
        return name
    for metric, imperial in IMPERIAL_SUFFIXES:
        if name.endswith(metric):
            return name[: -len(metric)] + imperial
    return name  # pragma: no cover - every grid field ends in a unit


PARAM_NOTATION: dict[str, tuple[str, Units]] = {param_name(name, u): (name, u) for name in GRIDS
                                                for u in ("metric", "imperial")}
"""Every number's link parameter, in both notations: ``bodyweight_lb`` -> (``bodyweight_kg``, imperial)."""


def notation(name: str, value: float, units: Units) -> Units:
    """Which unit system's grid a metric value sits on (the runner's own units first): the link
    writes it in that notation, so 199 lb stays 199 lb and 90 kg stays 90 kg, whatever is shown."""
    grids = GRIDS[name]
    other: Units = "metric" if units == "imperial" else "imperial"
    if grids[units].holds(value):
        return units
    return other if grids[other].holds(value) else "metric"


def number_text(name: str, value: float, units: Units) -> tuple[str, str]:
    """(link parameter, text) for a number: exact, in the notation of the grid it sits on.

    >>> number_text("bodyweight_kg", 199 * KG_PER_LB, "metric"), number_text("bodyweight_kg", 80.0, "imperial")
    (('bodyweight_lb', '199'), ('bodyweight_kg', '80'))
    """
    system = notation(name, value, units)
    grid = GRIDS[name][system]
    shown = grid.nearest_shown(value)
    text = grid.label(shown) if shown is not None else repr(float(value))
    return param_name(name, system), text


def number_label(name: str, value: float, units: Units) -> str:
    """A number as a person reads it, with its unit: its grid's label when it is on the grid,
    else rounded for reading (the stored value stays exact). A plate step off this unit system's
    grid reads in these units, then as the plate it is ("1.1 lb (0.5 kg)" in imperial): the exact
    plate matters.

    >>> number_label("bodyweight_kg", 80.0, "imperial"), number_label("easy_run_km", 8.0, "metric")
    ('176 lb', '8 km')
    >>> number_label("load_step_kg", 0.5, "imperial"), number_label("easy_pace_min_per_km", 6.0, "imperial")
    ('1.1 lb (0.5 kg)', '9:39 /mi')
    """
    if name == "load_step_kg" and notation(name, value, units) != units:
        plate = notation(name, value, units)
        return f"{fmt_mass(value, units)} ({number_label(name, value, plate)})"
    grid = GRIDS[name][units]
    shown = grid.nearest_shown(value)
    if grid.unit.startswith("/"):
        return f"{grid.label(shown if shown is not None else grid.show(value))} {grid.unit}"
    if shown is not None:
        return f"{grid.label(shown)} {grid.unit}"
    decimals = 0 if grid.values or grid.step >= 1 else step_decimals(grid.step)
    return f"{grid.show(value):.{decimals}f} {grid.unit}"
