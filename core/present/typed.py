"""A number typed into an input.

The sidebar's numbers are typed as text and read here (a browser's number input reads "80,5" as
805 and keeps an out-of-range value on screen that the plan never uses). Whatever is typed, the
input then shows the value the plan uses, and a sentence next to it says why when that is not
what was typed. AppTests assert these constants, never a library's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.planner.units import Units, to_kg, to_km
from core.present.grids import GRIDS, Grid, number_label, step_decimals
from core.present.specs import SPEC_BY_NAME

TYPED_COMMA = "Read {typed} as {read}: a comma is taken as the decimal point."
TYPED_OTHER_UNIT = "Read {typed} as {read}."
TYPED_BETWEEN = "{read} is between two steps of {step}: the plan uses {used} ({how})."
TYPED_OUTSIDE = "{read} is outside {low} to {high}: the plan keeps {kept}."
TYPED_NOT_A_NUMBER = "'{typed}' is not a number: the plan keeps {kept}."
TYPED_EMPTY = "Nothing typed: the plan keeps {kept}."
_SAFE_HOW = {"down": "rounded down, the safe side", "nearest": "the nearest step",
             "up": "the next plate up: loads round down to it, the safe side"}
_TYPED_NUMBER = re.compile(r"^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*([a-z]*)$")
_UNIT_WORDS: dict[str, tuple[str, Units]] = {
    "kg": ("kg", "metric"), "kgs": ("kg", "metric"), "lb": ("lb", "imperial"), "lbs": ("lb", "imperial"),
    "km": ("km", "metric"), "mi": ("mi", "imperial"), "mile": ("mi", "imperial"), "miles": ("mi", "imperial"),
}


@dataclass(frozen=True)
class TypedReading:
    """What a typed number means: ``value`` the metric value the plan uses (None: it keeps the
    value it had), ``text`` what the input shows from now on, ``note`` the sentence saying why it
    is not exactly what was typed (None when it is), ``refused`` whether the plan kept its value."""

    value: float | None
    text: str
    note: str | None = None
    refused: bool = False


def typed_text(name: str, value: float, units: Units) -> str:
    """What a typed-number input shows for the metric ``value``: its grid's label ('72.3', '176'),
    a value between two steps of this grid rounded for reading.

    >>> typed_text("bodyweight_kg", 72.3, "metric"), typed_text("bodyweight_kg", 80.0, "imperial")
    ('72.3', '176')
    """
    grid = GRIDS[name][units]
    on = grid.nearest_shown(value)
    if on is not None:
        return grid.label(on)
    number = min(max(grid.show(value), grid.low), grid.high)
    return grid.label(round(number) if grid.step >= 1 else round(number, step_decimals(grid.step)))


def _reading_text(grid: Grid, shown: float) -> str:
    return f"{round(shown, 2):g} {grid.unit}"


def read_typed(name: str, text: str, units: Units, kept: float) -> TypedReading:
    """Read what was typed into the input of the number field ``name`` (shown in ``units``; the plan
    holds ``kept``, metric). A decimal comma is read as a decimal point, the other unit system's
    unit is converted, a number between two steps moves the safe way, and a number outside the
    input's range or text that is not a number leaves the plan at ``kept``; each says so.

    >>> read_typed("bodyweight_kg", "80,5", "metric", 70.0)
    TypedReading(value=80.5, text='80.5', note='Read 80,5 as 80.5 kg: a comma is taken as the decimal point.', refused=False)
    >>> print(read_typed("bodyweight_kg", "500", "metric", 70.0).note)
    500 kg is outside 35 to 200 kg: the plan keeps 70 kg.
    """
    grid = GRIDS[name][units]
    kept_text = number_label(name, kept, units)
    cleaned = " ".join(text.split()).lower()
    match = _TYPED_NUMBER.match(cleaned.replace(" ", "")) if cleaned else None
    unit_word = match.group(2) if match else ""
    if not cleaned:
        return TypedReading(None, typed_text(name, kept, units), TYPED_EMPTY.format(kept=kept_text), refused=True)
    if match is None or (unit_word and _UNIT_WORDS.get(unit_word, ("", ""))[0] not in
                         {grid.unit, GRIDS[name]["metric" if units == "imperial" else "imperial"].unit}):
        return TypedReading(None, typed_text(name, kept, units),
                            TYPED_NOT_A_NUMBER.format(typed=text.strip()[:20], kept=kept_text), refused=True)
    number_text, notes = match.group(1), []
    number = float(number_text.replace(",", "."))
    unit, system = _UNIT_WORDS.get(unit_word, (grid.unit, units))
    if system == units:
        metric = grid.metric(number)
    else:
        metric = to_kg(number, system) if SPEC_BY_NAME[name].kind == "mass" else to_km(number, system)
    if "," in number_text:
        notes.append(TYPED_COMMA.format(typed=text.strip(), read=f"{number:g} {unit}"))
    elif system != units:
        notes.append(TYPED_OTHER_UNIT.format(typed=text.strip(), read=_reading_text(grid, grid.show(metric))))
    shown = grid.show(metric)
    if not grid.low - 1e-9 <= shown <= grid.high + 1e-9:
        notes.append(TYPED_OUTSIDE.format(read=_reading_text(grid, shown), low=grid.label(grid.low),
                                          high=f"{grid.label(grid.high)} {grid.unit}", kept=kept_text))
        return TypedReading(None, typed_text(name, kept, units), " ".join(notes), refused=True)
    used = grid.snap(metric)
    if abs(grid.show(used) - shown) > 1e-9 * max(1.0, abs(shown)):
        notes.append(TYPED_BETWEEN.format(read=_reading_text(grid, shown), step=f"{grid.label(grid.step)} {grid.unit}",
                                          used=number_label(name, used, units), how=_SAFE_HOW[grid.safe]))
    return TypedReading(used, typed_text(name, used, units), " ".join(notes) or None)
