"""Tables of a plan for people to read, in the user's units (unit-suffixed column names)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from core.planner.models import WEEKDAY_NAMES, Plan, StrengthSession
from core.planner.units import distance, distance_unit, fmt_mass, mass, mass_unit
from core.present.charts import RUN_LABELS, weekly_summary
from core.present.this_week import event_day_text


def weekly_table(plan: Plan) -> pd.DataFrame:
    """Week-by-week: carried load, share of bodyweight, how many loaded runs and how far each one
    goes ("Each (km)", right after "Loaded runs"), the unloaded running, and lifting. Headers are
    short, so all ten columns fit the page at 1280 px beside the sidebar (nothing to scroll
    sideways to), and never end in a bare unit abbreviation that a narrow column could cut into
    another unit: "Lifting minutes", not "Strength (min)"."""
    units = plan.inputs.units
    mu, du = mass_unit(units), distance_unit(units)
    rows = [{
        "Week": w.week,
        "From": w.monday.strftime("%d %b %Y"),
        "Deload": "yes" if w.deload else "",
        f"Load ({mu})": round(mass(w.load_kg, units), 1),
        "% bodyweight": w.load_pct_bw,
        "Loaded runs": w.loaded_runs,
        f"Each ({du})": round(distance(w.loaded_km / w.loaded_runs, units), 1) if w.loaded_runs else 0.0,
        f"Unloaded ({du})": round(distance(sum(w.km_by_type.values()), units), 1),
        "Lifts": w.strength_sessions,
        "Lifting minutes": w.strength_minutes,
    } for w in weekly_summary(plan)]
    return pd.DataFrame(rows)


def week_days_table(plan: Plan, week: int) -> pd.DataFrame:
    """The seven days of one week as a person would write them down."""
    units = plan.inputs.units
    rows = []
    for d in plan.days:
        if d.week != week:
            continue
        run = "Rest" if d.run == "rest" else f"{RUN_LABELS[d.run]} {distance(d.run_km, units):.1f} {distance_unit(units)}"
        run = "Recovery (walk, mobility)" if d.recovery else run
        run = event_day_text(plan) if d.event else run
        if d.loaded and d.loaded_km < d.run_km - 1e-9:  # toward an event: the load for the run's first part
            run += f", first {distance(d.loaded_km, units):.1f} {distance_unit(units)} loaded"
        rows.append({
            "Day": f"{WEEKDAY_NAMES[d.weekday]} {d.date:%d %b}",
            "Run": run,
            "Carry": f"{fmt_mass(d.load_kg, units)} ({d.load_pct_bw:.1f}% BW)" if d.loaded else "",
            "Strength": {"A": "Session A", "B": "Session B", "plyo": "Plyometrics", "": ""}[d.strength]
            + (f" · {d.strength_minutes} min" if d.strength else ""),
        })
    return pd.DataFrame(rows)


def session_table(session: StrengthSession) -> pd.DataFrame:
    """One row per exercise: what to do, what to avoid and any injury note first (they show
    without scrolling sideways), then the easier version, the effort and the movement pattern."""
    return pd.DataFrame([{
        "Exercise": e.name, "Sets x reps": f"{e.sets} x {e.reps}", "Avoid": e.common_mistake, "Note": e.note,
        "Regression": e.regression,
        "Effort": f"RPE {e.rpe} · {e.reps_in_reserve} in reserve" if e.rpe[0].isdigit() else e.rpe,
        "Pattern": e.pattern,
    } for e in session.exercises],
        columns=["Exercise", "Sets x reps", "Avoid", "Note", "Regression", "Effort", "Pattern"])


def readable(frame: Any) -> Any:
    """``frame`` styled so its fractional numbers show the places they have (``places``: "4.0",
    "52.0", "0.945", never "4.0000") in a table drawn as HTML (presentation mode), still numbers
    (aligned right); whole numbers stay as they are, and anything but a DataFrame (a list of rows)
    is returned as it is.

    >>> styled = readable(pd.DataFrame({"Week": [1], "Load (kg)": [4.0], "% bodyweight": [5.714]}))
    >>> [cell["display_value"] for cell in styled._translate(False, False)["body"][0][1:]]
    ['1', '4.0', '5.714']
    """
    if not isinstance(frame, pd.DataFrame):
        return frame
    return frame.style.format({column: f"{{:.{places(frame[column])}f}}" for column in number_formats(frame)},
                              na_rep="")


def places(column: pd.Series, most: int = 3) -> int:
    """How many decimal places a column of fractions needs: the most any value has (up to
    ``most``), at least one, so a column reads alike ("4.0", "4.4").

    >>> places(pd.Series([4.0, 4.4])), places(pd.Series([0.945, 1.2])), places(pd.Series([1 / 3]))
    (1, 3, 3)
    """
    needed = 1
    for value in column.dropna():
        needed = max(needed, next((p for p in range(most + 1) if abs(round(value, p) - value) < 1e-9), most))
    return needed


def number_formats(frame: Any) -> dict[str, str]:
    """printf formats for a data grid's fractional columns, the same places as ``readable`` (none
    for anything but a DataFrame).

    >>> number_formats(pd.DataFrame({"Week": [1], "Load (kg)": [4.0], "Ratio": [0.95]}))
    {'Load (kg)': '%.1f', 'Ratio': '%.2f'}
    """
    if not isinstance(frame, pd.DataFrame):
        return {}
    return {str(c): f"%.{places(frame[c])}f" for c in frame.columns if pd.api.types.is_float_dtype(frame[c])}
