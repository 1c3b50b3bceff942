"""Every chart in words, for a reader who can't see it (a screen reader, a printout, a glance): one
sentence saying what it shows, and its numbers as a table. Both are read from the figure's own
data, so they can never disagree with the chart."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

__all__ = ["chart_title", "figure_summary", "figure_table"]


def chart_title(fig: go.Figure) -> str:
    """The figure's title without its reading notes ("(shaded: deload weeks)") or markup.

    >>> chart_title(go.Figure(layout_title_text="Carried load by week (shaded: deload weeks)"))
    'Carried load by week'
    """
    text = re.sub(r"<[^>]+>", " ", fig.layout.title.text or "Chart")
    return " ".join(re.sub(r"\s*\([^)]*\)", "", text).split()) or "Chart"


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{round(value, 1):g}"


def _place(x: Any, axis: str) -> str:
    if isinstance(x, dt.date | pd.Timestamp):
        return f"on {x:%d %b %Y}"
    if axis:
        return f"in {axis.lower()} {x}"
    return f"at {x}"


def _data_traces(fig: go.Figure) -> list[Any]:
    """The series that carry data: not the legend-only entries drawn at None, nor text marks."""
    return [t for t in fig.data if t.x is not None and t.y is not None and not _is_text(t)
            and any(v is not None for v in t.y) and any(v is not None for v in t.x)]


def _marks(fig: go.Figure) -> list[Any]:
    """Text written on the chart (a scatter drawn as text only): a column of the table."""
    return [t for t in fig.data if _is_text(t) and t.x is not None and t.text is not None]


def _is_text(trace: Any) -> bool:
    return getattr(trace, "mode", None) == "text"


def _categorical(xs: Sequence[Any]) -> bool:
    return any(isinstance(x, str) for x in xs)


def _x_order(fig: go.Figure, xs: Sequence[Any]) -> list[Any]:
    """The x values in the chart's own order: its category order, else sorted (weeks, dates)."""
    seen = list(dict.fromkeys(x for x in xs if x is not None))
    if fig.layout.xaxis.categoryarray is not None:
        order = list(fig.layout.xaxis.categoryarray)
        return [x for x in order if x in seen] + [x for x in seen if x not in order]
    return seen if _categorical(seen) else sorted(seen)


def _axis_title(fig: go.Figure) -> str:
    return fig.layout.xaxis.title.text or ""


def figure_summary(fig: go.Figure, most: int = 3) -> str:
    """One sentence: the chart's title, what its x axis spans, and for each of its first ``most``
    series where it starts, where it ends and its highest point (a grid: its rows, columns and
    colours).

    >>> fig = go.Figure([go.Scatter(x=[1, 2, 3], y=[3.5, 4.5, 4.0], name="Load (kg)")],
    ...                 layout={"title": {"text": "Carried load by week"}, "xaxis": {"title": {"text": "Week"}}})
    >>> figure_summary(fig)
    'Carried load by week, week 1 to 3: Load (kg) from 3.5 to 4, highest 4.5 in week 2.'
    """
    title = chart_title(fig)
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    if heatmaps:
        grid = heatmaps[0]
        colours = [t.name for t in fig.data if t.type != "heatmap" and t.name]
        keys = f"; colours: {', '.join(colours)}" if colours else ""
        return (f"{title}: a grid of {len(grid.y)} rows ({grid.y[0]} to {grid.y[-1]}) by {len(grid.x)} columns "
                f"({grid.x[0]} to {grid.x[-1]}){keys}.")
    traces = _data_traces(fig)
    if not traces:
        return f"{title}: no data."
    axis = _axis_title(fig)
    xs = _x_order(fig, [x for t in traces for x in t.x])
    first, last = xs[0], xs[-1]
    if isinstance(first, dt.date | pd.Timestamp):
        span = f"{first:%d %b %Y} to {last:%d %b %Y}"
    else:
        span = f"{axis.lower() or 'from'} {first} to {last}"
    parts = []
    for trace in traces[:most]:
        points = [(x, y) for x, y in zip(trace.x, trace.y, strict=False) if x is not None and y is not None]
        if _categorical([x for x, _ in points]):  # days of a week: which ones
            parts.append(f"{trace.name} on {', '.join(str(x) for x in _x_order(fig, [x for x, _ in points]))}")
            continue
        points.sort(key=lambda p: xs.index(p[0]))
        values = [y for _, y in points]
        if min(values) == max(values):
            parts.append(f"{trace.name} {_number(values[0])} throughout")
            continue
        part = f"{trace.name} from {_number(values[0])} to {_number(values[-1])}"
        peak_x, peak = max(points, key=lambda p: p[1])
        if peak > max(values[0], values[-1]):
            part += f", highest {_number(peak)} {_place(peak_x, axis)}"
        parts.append(part)
    more = f"; and {len(traces) - most} more series in the table" if len(traces) > most else ""
    return f"{title}, {span}: {'; '.join(parts)}{more}."


def figure_table(fig: go.Figure) -> pd.DataFrame:
    """The chart's numbers: one row per x value (week or day) and one column per series, named as
    in the legend; a grid (heatmap) as its rows and columns, each cell as the chart writes it.

    >>> fig = go.Figure([go.Bar(x=[1, 2], y=[4.0, 4.4], name="Loaded distance (km)"),
    ...                  go.Scatter(x=[1, 2], y=[3.5, 3.5], name="Load (kg)")], layout={"xaxis": {"title": {"text": "Week"}}})
    >>> figure_table(fig).to_dict("list")
    {'Week': [1, 2], 'Loaded distance (km)': [4.0, 4.4], 'Load (kg)': [3.5, 3.5]}
    """
    heatmaps = [t for t in fig.data if t.type == "heatmap"]
    if heatmaps:
        grid = heatmaps[0]
        cells: Sequence[Sequence[Any]] = grid.text if grid.text is not None else grid.z
        rows = fig.layout.yaxis.title.text or "Week"  # the app's one grid: a row per week
        return pd.DataFrame([[str(c) if c is not None else "" for c in row] for row in cells],
                            columns=[str(x) for x in grid.x]).assign(**{rows: [str(y) for y in grid.y]})[
            [rows, *[str(x) for x in grid.x]]]
    traces = _data_traces(fig)
    xs = _x_order(fig, [x for t in traces for x in t.x])
    dates = bool(xs) and isinstance(xs[0], dt.date | pd.Timestamp)
    axis = _axis_title(fig) or ("Date" if dates else "Day" if _categorical(xs) else "x")
    columns: dict[str, dict[Any, Any]] = {}
    for trace in traces:
        name = str(trace.name or f"Series {len(columns) + 1}")
        # A day's bar whose hover text says what it is ("Rest day", "Easy run, 8.0 km"): that text
        # (a rest day's bar has a token height).
        said = trace.hovertext if _categorical(xs) and trace.hoverinfo == "text" and \
            isinstance(trace.hovertext, tuple | list) else None
        cells = said if said is not None else trace.y
        columns[name] = {x: c for x, c in zip(trace.x, cells, strict=False) if x is not None}
    if _categorical(xs) and len(columns) > 1 and all(
            isinstance(v, str) for values in columns.values() for v in values.values()):
        # Days of a week, one bar each, each said in words: one column, not one per kind of day.
        merged = {x: "; ".join(values[x] for values in columns.values() if values.get(x)) for x in xs}
        columns = {fig.layout.yaxis.title.text or "Value": merged}
    for mark in _marks(fig):
        text = [re.sub(r"<br\s*/?>", ", ", str(t)) if t else "" for t in mark.text]
        columns[str(mark.name or "Marks")] = dict(zip(mark.x, text, strict=False))
    table = pd.DataFrame({axis: xs, **{name: [values.get(x) for x in xs] for name, values in columns.items()}})
    text = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    return table.fillna(dict.fromkeys(text, ""))
