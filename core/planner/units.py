"""Metric inside, imperial only at the edge: every conversion and unit label lives here."""

from __future__ import annotations

from typing import Literal

Units = Literal["metric", "imperial"]

KG_PER_LB = 0.45359237
KM_PER_MI = 1.609344


def mass_unit(units: Units) -> str:
    return "lb" if units == "imperial" else "kg"


def distance_unit(units: Units) -> str:
    return "mi" if units == "imperial" else "km"


def mass(kg: float, units: Units) -> float:
    """Kilograms shown in the user's units.

    >>> round(mass(4.5, "imperial"), 2)
    9.92
    """
    return kg / KG_PER_LB if units == "imperial" else kg


def distance(km: float, units: Units) -> float:
    """Kilometres shown in the user's units."""
    return km / KM_PER_MI if units == "imperial" else km


def to_kg(value: float, units: Units) -> float:
    """A mass typed in the user's units, back to kilograms."""
    return value * KG_PER_LB if units == "imperial" else value


def to_km(value: float, units: Units) -> float:
    """A distance typed in the user's units, back to kilometres."""
    return value * KM_PER_MI if units == "imperial" else value


def fmt_mass(kg: float, units: Units) -> str:
    """
    >>> fmt_mass(3.5, "metric"), fmt_mass(3.5, "imperial")
    ('3.5 kg', '7.7 lb')
    """
    return f"{_trim(mass(kg, units))} {mass_unit(units)}"


def fmt_distance(km: float, units: Units) -> str:
    """
    >>> fmt_distance(4.0, "metric"), fmt_distance(8, "imperial")
    ('4 km', '5 mi')
    """
    return f"{_trim(distance(km, units))} {distance_unit(units)}"


def pace(min_per_km: float, units: Units) -> float:
    """Minutes per kilometre shown in the user's units (minutes per mile)."""
    return min_per_km * KM_PER_MI if units == "imperial" else min_per_km


def pace_unit(units: Units) -> str:
    return "min/mi" if units == "imperial" else "min/km"


def fmt_pace(min_per_km: float, units: Units, suffix: bool = True) -> str:
    """
    >>> fmt_pace(6.0, "metric"), fmt_pace(6.0, "imperial"), fmt_pace(5.25, "metric", suffix=False)
    ('6:00 /km', '9:39 /mi', '5:15')
    """
    seconds = round(pace(min_per_km, units) * 60)
    text = f"{seconds // 60}:{seconds % 60:02d}"
    return f"{text} /{distance_unit(units)}" if suffix else text


def ordinal(n: int) -> str:
    """
    >>> ordinal(3), ordinal(4), ordinal(21), ordinal(12)
    ('3rd', '4th', '21st', '12th')
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_CARDINALS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def cardinal(n: int) -> str:
    """A small count as a word, as a sentence writes it; digits from 11.

    >>> cardinal(2), cardinal(5), cardinal(12)
    ('two', 'five', '12')
    """
    return _CARDINALS[n] if 0 <= n < len(_CARDINALS) else str(n)


def percent(fraction: float) -> str:
    """A fraction as a percentage without float noise.

    >>> percent(0.05), percent(0.15), percent(1 - 0.6), percent(0.075)
    ('5%', '15%', '40%', '7.5%')
    """
    return f"{round(fraction * 100, 6):g}%"


def percent_range(low: float, high: float) -> str:
    """
    >>> percent_range(0.05, 0.10)
    '5-10%'
    """
    return f"{percent(low).removesuffix('%')}-{percent(high)}"


def span(bounds: tuple[float, float]) -> str:
    """A range of two numbers as text.

    >>> span((2, 3)), span((0.8, 1.3))
    ('2-3', '0.8-1.3')
    """
    return f"{bounds[0]:g}-{bounds[1]:g}"


def share(fraction: float) -> str:
    """A fraction of something in words: 'half', else a percentage.

    >>> share(0.5), share(0.6)
    ('half', '60%')
    """
    return "half" if fraction == 0.5 else percent(fraction)


def _trim(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
