"""Plotly figures of a plan, built with ``go`` from the plan alone (no Streamlit).

One colour per run type everywhere; mid-tone colours that read on light and dark themes.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import plotly.graph_objects as go

from core.planner.event import PHASE_LABELS
from core.planner.models import WEEKDAY_NAMES, WEEKDAYS, Plan
from core.planner.rules import CEILING_FRACTION_BW_GENERAL, CEILING_FRACTION_BW_MAX, START_FRACTION_BW
from core.planner.units import distance, distance_unit, fmt_mass, mass, mass_unit, percent_range

RUN_COLORS = {"easy": "#4CAF7D", "hard": "#E4572E", "long": "#3A7CC3", "rest": "#9AA3AF"}
LOADED_COLOR = "#9B59B6"
STRENGTH_COLOR = "#F2A541"
DELOAD_FILL = "rgba(154, 163, 175, 0.22)"
RUN_LABELS = {"easy": "Easy", "hard": "Hard", "long": "Long", "rest": "Rest"}
CALENDAR_LEGEND = {"easy": "Easy run (L: loaded)", "hard": "Hard run", "long": "Long run", "rest": "Rest day"}
"""The whole-plan grid's colours, as its legend names them."""
LEGEND_KEY = "legend key"
"""``meta`` of a trace that draws nothing and only names a colour in the legend."""
_FONT = {"size": 14}
_MARGIN = {"l": 10, "r": 10, "t": 48, "b": 10}
"""Small fixed margins: every axis has ``automargin``, so Plotly widens them to fit tick labels and
axis titles (a fixed left margin of 10 px cuts a y-axis title off outside Streamlit's theme)."""
LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0, "yanchor": "bottom",
          "traceorder": "normal"}
"""A horizontal legend at the very bottom of the figure: below the x-axis title at any width
(a legend placed at a fraction of the plot's height runs into the axis title on a short chart),
wrapping into rows on a phone instead of running off the side."""


def nice_step(raw: float, *, up: bool = False) -> float:
    """A round tick step: the 1, 2 or 5 times a power of ten nearest to ``raw`` or, with ``up``,
    the smallest 1, 2, 2.5 or 5 times a power of ten not below it.

    >>> nice_step(2.27), nice_step(3.6), nice_step(0.43), nice_step(2.1, up=True), nice_step(11, up=True)
    (2.0, 5.0, 0.5, 2.5, 20.0)
    """
    raw = max(raw, 1e-6)
    power = 10.0 ** math.floor(math.log10(raw))
    steps = (1.0, 2.0, 2.5, 5.0) if up else (1.0, 2.0, 5.0)
    candidates = [round(n * power * scale, 9) for scale in (1, 10) for n in steps]
    if up:
        return min(c for c in candidates if c >= raw * (1 - 1e-9))
    return min(candidates, key=lambda c: abs(math.log(c / raw)))


def aligned_ticks(top: float, top2: float, intervals: int = 5) -> tuple[list[float], list[float]]:
    """Tick values from 0 for two y axes drawn over the same height: each axis steps by a round
    number and both have the same count of steps, so every tick of the second axis sits on a
    grid line of the first. ``top`` and ``top2`` are the least each axis must reach.

    >>> aligned_ticks(11.3, 11.7)
    ([0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0], [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0])
    """
    step = nice_step(max(top, 1e-6) / intervals)
    count = max(1, math.ceil(top / step - 1e-9))
    step2 = nice_step(max(top2, 1e-6) / count, up=True)
    return [round(i * step, 9) for i in range(count + 1)], [round(i * step2, 9) for i in range(count + 1)]


def _axis_ticks(values: list[float], **extra: object) -> dict:
    """A y axis that shows exactly ``values`` (from 0 to its top) as its ticks."""
    return {"range": [values[0], values[-1]], "tickmode": "array", "tickvals": values,
            "ticktext": [f"{v:g}" for v in values], "automargin": True, **extra}


def _draws_nothing(trace) -> bool:
    return not any(v for v in (trace.y if trace.y is not None else ()) if v is not None)


def _hide_empty_from_legend(fig: go.Figure) -> None:
    """No legend entry for a trace that draws nothing (no points, or every value zero). Traces in
    a legend group share one entry: it goes only when every trace of the group draws nothing."""
    for trace in fig.data:
        group = [t for t in fig.data if t.legendgroup == trace.legendgroup] if trace.legendgroup else [trace]
        if all(_draws_nothing(t) for t in group):
            trace.showlegend = False


@dataclass(frozen=True)
class WeekSummary:
    week: int
    monday: dt.date
    deload: bool
    load_kg: float
    load_pct_bw: float
    loaded_km: float
    loaded_runs: int
    km_by_type: dict[str, float]
    strength_minutes: int
    strength_sessions: int
    phase: str = ""


def weekly_summary(plan: Plan) -> list[WeekSummary]:
    """One row per week: the carried load, the loaded and unloaded km, and the lifting."""
    weeks: list[WeekSummary] = []
    days = plan.days
    for start in range(0, len(days), 7):
        week_days = days[start:start + 7]
        loaded = [d for d in week_days if d.loaded]
        km = {"easy": 0.0, "hard": 0.0, "long": 0.0}
        for d in week_days:
            if d.run != "rest":  # the unloaded part (an event plan's loaded run is the start of a longer run)
                km[d.run] += d.run_km - d.loaded_km
        weeks.append(WeekSummary(
            week=week_days[0].week, monday=week_days[0].date, deload=week_days[0].deload,
            load_kg=max((d.load_kg for d in loaded), default=0.0),
            load_pct_bw=max((d.load_pct_bw for d in loaded), default=0.0),
            loaded_km=sum(d.loaded_km for d in loaded), loaded_runs=len(loaded),
            km_by_type=km, strength_minutes=sum(d.strength_minutes for d in week_days),
            strength_sessions=sum(1 for d in week_days if d.strength in ("A", "B")), phase=week_days[0].phase,
        ))
    return weeks


def _deload_shapes(summary: list[WeekSummary]) -> list[dict]:
    return [
        {"type": "rect", "xref": "x", "yref": "paper", "x0": w.week - 0.5, "x1": w.week + 0.5,
         "y0": 0, "y1": 1, "fillcolor": DELOAD_FILL, "line": {"width": 0}, "layer": "below"}
        for w in summary if w.deload
    ]


PHASE_FILLS = {"preparation": "#dbeafe", "build": "#dcfce7", "specific": "#fde68a", "taper": "#ede9fe",
               "event": "#fecaca"}
"""Light fills for the phase strip, each with the chart's dark text on it (contrast above 10:1)."""
PHASE_SHORT = {"preparation": "Prep", "build": "Build", "specific": "Specific", "taper": "Taper", "event": "Event"}


def phase_strip(summary: list[WeekSummary]) -> tuple[list[dict], list[dict]]:
    """An event plan's phases as a labelled strip along the top of a weekly chart (shapes, annotations);
    nothing without an event. A phase too short for its name shows its first letter."""
    shapes: list[dict] = []
    annotations: list[dict] = []
    runs: list[list[WeekSummary]] = []
    for w in summary:
        if not w.phase:
            continue
        if runs and runs[-1][0].phase == w.phase:
            runs[-1].append(w)
        else:
            runs.append([w])
    for run in runs:
        first, last = run[0].week, run[-1].week
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": first - 0.5, "x1": last + 0.5,
                       "y0": 0.93, "y1": 1.0, "fillcolor": PHASE_FILLS[run[0].phase],
                       "line": {"width": 1, "color": "#ffffff"}, "layer": "above"})
        label = PHASE_SHORT[run[0].phase]
        annotations.append({"xref": "x", "yref": "paper", "x": (first + last) / 2, "y": 0.965,
                            "text": label if len(run) / len(summary) >= 0.06 else label[0],
                            "hovertext": PHASE_LABELS[run[0].phase],  # type: ignore[index]
                            "showarrow": False, "font": {"size": 11, "color": "#1f2937"}})
    return shapes, annotations


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 16}}, height=height, margin=_MARGIN,
        font=_FONT, legend=LEGEND, hovermode="x unified",
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    _hide_empty_from_legend(fig)
    return fig


def load_progression_figure(plan: Plan) -> go.Figure:
    """Carried load per week as a step line, with 5/10/15% of bodyweight bands, the ceiling,
    deload weeks shaded and the loaded distance per week as bars on a second axis."""
    units = plan.inputs.units
    summary = weekly_summary(plan)
    bw = plan.inputs.bodyweight_kg
    x = [w.week for w in summary]
    mu, du = mass_unit(units), distance_unit(units)
    hover = [
        f"Week {w.week} (from {w.monday:%d %b %Y})<br>{fmt_mass(w.load_kg, units)} "
        f"({w.load_pct_bw:.1f}% of bodyweight)<br>{distance(w.loaded_km, units):.1f} {du} loaded"
        + (" · deload" if w.deload else "") + (f" · {PHASE_LABELS[w.phase]}" if w.phase else "")  # type: ignore[index]
        for w in summary
    ]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=x, y=[round(distance(w.loaded_km, units), 2) for w in summary], name=f"Loaded distance ({du})",
        yaxis="y2", marker_color=LOADED_COLOR, opacity=0.25, width=0.5, hoverinfo="skip",
    ))
    fig.add_trace(go.Scatter(
        x=x, y=[round(mass(w.load_kg, units), 2) for w in summary], name=f"Load ({mu})",
        mode="lines+markers", line={"shape": "hv", "width": 3, "color": LOADED_COLOR},
        hovertext=hover, hoverinfo="text",
    ))
    shapes = _deload_shapes(summary)
    bands = ((START_FRACTION_BW, CEILING_FRACTION_BW_GENERAL, "rgba(76,175,125,0.12)",
              f"{percent_range(START_FRACTION_BW, CEILING_FRACTION_BW_GENERAL)} of bodyweight"),
             (CEILING_FRACTION_BW_GENERAL, CEILING_FRACTION_BW_MAX, "rgba(242,165,65,0.12)",
              f"{percent_range(CEILING_FRACTION_BW_GENERAL, CEILING_FRACTION_BW_MAX)}: pack events only"))
    annotations = []
    for low, high, colour, text in bands:
        shapes.append({"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1,
                       "y0": mass(low * bw, units), "y1": mass(high * bw, units), "fillcolor": colour,
                       "line": {"width": 0}, "layer": "below"})
        annotations.append({"xref": "paper", "yref": "y", "x": 0.005, "y": mass(high * bw, units),
                            "text": text, "showarrow": False, "xanchor": "left", "yanchor": "top",
                            "font": {"size": 12, "color": "#7a8190"}})
    for fraction in (START_FRACTION_BW, CEILING_FRACTION_BW_GENERAL, CEILING_FRACTION_BW_MAX):
        shapes.append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1,
                       "y0": mass(fraction * bw, units), "y1": mass(fraction * bw, units),
                       "line": {"width": 1, "dash": "dot", "color": "#9AA3AF"}})
    ceiling = mass(plan.ceiling_kg, units)
    shapes.append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": ceiling,
                   "y1": ceiling, "line": {"width": 2, "dash": "dash", "color": "#E4572E"}})
    annotations.append({"xref": "paper", "yref": "y", "x": 1, "y": ceiling, "xanchor": "right",
                        "yanchor": "bottom", "showarrow": False, "font": {"size": 12, "color": "#E4572E"},
                        # Short, so it fits beside a band's label on a phone; the bands give the shares.
                        "text": f"ceiling {ceiling:.1f} {mu}"})
    # Round ticks on both axes, as many steps each, so the distance ticks sit on the load grid; the
    # distance axis reaches at least twice the longest week, keeping the bars in the lower half
    # of the panel so the load line stays readable above them.
    top_load = max(CEILING_FRACTION_BW_MAX * bw, plan.ceiling_kg, *(w.load_kg for w in summary))
    load_ticks, distance_ticks = aligned_ticks(
        mass(top_load, units) * 1.08, max([distance(w.loaded_km, units) for w in summary] + [0.5]) * 2.2)
    strip, labels = phase_strip(summary)
    fig.update_layout(
        shapes=shapes + strip, annotations=annotations + labels,
        xaxis={"title": "Week", "dtick": 1 if len(x) <= 16 else 4, "range": [0.5, len(x) + 0.5]},
        yaxis=_axis_ticks(load_ticks, title=f"Load ({mu})"),
        # A short right-hand title: on a phone "Loaded distance (km)" was cut to "Loaded distanc".
        yaxis2=_axis_ticks(distance_ticks, title=f"Loaded ({du})", overlaying="y", side="right",
                           showgrid=False, zeroline=False),
    )
    return _layout(fig, "Carried load by week (shaded: deload weeks" + ("; top: phases)" if strip else ")"))


def week_structure_figure(plan: Plan, week: int) -> go.Figure:
    """The seven days of one week: run type and distance, loaded runs and lifts marked."""
    units = plan.inputs.units
    days = [d for d in plan.days if d.week == week]
    du = distance_unit(units)
    names = [WEEKDAY_NAMES[d.weekday][:3] for d in days]
    fig = go.Figure()
    for run_type in ("easy", "hard", "long", "rest"):
        chosen = [d for d in days if d.run == run_type and not d.loaded]
        fig.add_trace(go.Bar(
            x=[WEEKDAY_NAMES[d.weekday][:3] for d in chosen],
            y=[max(distance(d.run_km, units), 0.3) if d.run != "rest" else 0.3 for d in chosen],
            name=RUN_LABELS[run_type], marker_color=RUN_COLORS[run_type],
            hovertext=[f"{RUN_LABELS[d.run]} run, {distance(d.run_km, units):.1f} {du}" if d.run != "rest"
                       else "Rest day" for d in chosen], hoverinfo="text",
        ))
    loaded = [d for d in days if d.loaded]
    fig.add_trace(go.Bar(
        x=[WEEKDAY_NAMES[d.weekday][:3] for d in loaded], y=[distance(d.run_km, units) for d in loaded],
        name="Easy, loaded", marker={"color": RUN_COLORS["easy"], "pattern": {"shape": "/", "fgcolor": LOADED_COLOR}},
        hovertext=[f"Loaded easy run: {distance(d.run_km, units):.1f} {du} carrying "
                   f"{fmt_mass(d.load_kg, units)}" for d in loaded], hoverinfo="text",
    ))
    # Each day's marks sit just above its own bar, one short line each, so they stay with their
    # bar and never run into the next day's on a phone.
    heights = [distance(d.run_km, units) if d.run != "rest" else 0.3 for d in days]
    labels = []
    for d in days:
        parts = []
        if d.loaded:
            parts += ["loaded", fmt_mass(d.load_kg, units)]
        if d.strength in ("A", "B"):
            parts.append(f"lift {d.strength}")
        elif d.strength == "plyo":
            parts.append("plyo")
        labels.append("<br>".join(parts))
    # A label line is about 7% of the plot's height: the axis reaches above the tallest bar plus
    # its label lines.
    top = max([h / (0.92 - 0.07 * (label.count("<br>") + 1)) if label else h * 1.05
               for h, label in zip(heights, labels, strict=True)] + [1.0])
    ticks = aligned_ticks(top, top, intervals=4)[0]
    fig.add_trace(go.Scatter(
        x=names, y=[h + 0.02 * ticks[-1] for h in heights], mode="text", text=labels, textposition="top center",
        textfont={"size": 13}, showlegend=False, hoverinfo="skip", cliponaxis=False,
    ))
    fig.update_layout(
        barmode="overlay",
        xaxis={"categoryorder": "array", "categoryarray": names, "title": None},
        yaxis=_axis_ticks(ticks, title=f"Distance ({du})"),
    )
    deload = " (deload week)" if days and days[0].deload else ""
    return _layout(fig, f"Week {week}{deload}: runs and lifts", height=380)


def calendar_figure(plan: Plan) -> go.Figure:
    """The whole plan as weeks x days, coloured by run type; L = loaded run, A/B = lift, P = plyo."""
    order = ("rest", "easy", "hard", "long")
    code = {t: i for i, t in enumerate(order)}
    weeks = plan.inputs.weeks
    z = [[0] * 7 for _ in range(weeks)]
    text = [[""] * 7 for _ in range(weeks)]
    hover = [[""] * 7 for _ in range(weeks)]
    units = plan.inputs.units
    for d in plan.days:
        i, j = d.week - 1, WEEKDAYS.index(d.weekday)
        z[i][j] = code[d.run]
        marks = ("L" if d.loaded else "") + {"A": "A", "B": "B", "plyo": "P", "": ""}[d.strength]
        text[i][j] = "EVENT" if d.event else marks
        hover[i][j] = (f"Week {d.week}, {d.date:%a %d %b}: {RUN_LABELS[d.run]}"
                       + (f", loaded {fmt_mass(d.load_kg, units)}" if d.loaded else "")
                       + (f", lift {d.strength}" if d.strength else "") + (" (deload)" if d.deload else "")
                       + (" · the event" if d.event else ""))
    n = len(order)
    scale = []
    for i, t in enumerate(order):
        scale += [[i / n, RUN_COLORS[t]], [(i + 1) / n, RUN_COLORS[t]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=[WEEKDAY_NAMES[d][:3] for d in WEEKDAYS],
        y=[f"W{w}{' ' + PHASE_SHORT[p].lower() if (p := plan.days[(w - 1) * 7].phase) else ''}"
           f"{' deload' if (w % plan.inputs.deload_every == 0) else ''}" for w in range(1, weeks + 1)],
        zmin=-0.5, zmax=n - 0.5, colorscale=scale, showscale=False, text=text, texttemplate="%{text}",
        textfont={"size": 13, "color": "white"}, hovertext=hover, hoverinfo="text", xgap=2, ygap=2,
    ))
    fig.update_layout(yaxis={"autorange": "reversed"}, hovermode="closest")
    _layout(fig, "Whole plan: L loaded run · A/B lift · P plyometrics", height=max(300, 110 + 24 * weeks))
    # A heatmap has no legend of its own: one square marker per run type says what each colour means.
    drawn = {d.run for d in plan.days}
    for run_type in (t for t in ("easy", "hard", "long", "rest") if t in drawn):
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=CALENDAR_LEGEND[run_type], showlegend=True, meta=LEGEND_KEY,
            marker={"symbol": "square", "size": 14, "color": RUN_COLORS[run_type]}, hoverinfo="skip",
        ))
    return fig


def volume_figure(plan: Plan) -> go.Figure:
    """Weekly running km by type and loaded km (stacked), strength minutes on a second axis."""
    units = plan.inputs.units
    summary = weekly_summary(plan)
    x = [w.week for w in summary]
    du = distance_unit(units)
    fig = go.Figure()
    for run_type in ("easy", "hard", "long"):
        fig.add_trace(go.Bar(x=x, y=[round(distance(w.km_by_type[run_type], units), 1) for w in summary],
                             name=f"{RUN_LABELS[run_type]} ({du})", marker_color=RUN_COLORS[run_type]))
    fig.add_trace(go.Bar(x=x, y=[round(distance(w.loaded_km, units), 1) for w in summary],
                         name=f"Loaded ({du})", marker_color=LOADED_COLOR))
    fig.add_trace(go.Scatter(x=x, y=[w.strength_minutes for w in summary], name="Lifting (minutes)",
                             yaxis="y2", mode="lines+markers", line={"color": STRENGTH_COLOR, "width": 3}))
    totals = [sum(distance(km, units) for km in w.km_by_type.values()) + distance(w.loaded_km, units)
              for w in summary]
    strip, labels = phase_strip(summary)
    headroom = 1.15 if strip else 1.05  # room for the phase strip above the tallest week
    running_ticks, minute_ticks = aligned_ticks(max(totals + [1.0]) * headroom,
                                                max([w.strength_minutes for w in summary] + [1]) * 1.1)
    fig.update_layout(
        barmode="stack", shapes=_deload_shapes(summary) + strip, annotations=labels,
        xaxis={"title": "Week", "dtick": 1 if len(x) <= 16 else 4},
        yaxis=_axis_ticks(running_ticks, title=f"Running ({du})"),
        # "Lifting (minutes)", never "Strength (min)": cut short, "(mi..." reads as miles.
        yaxis2=_axis_ticks(minute_ticks, title="Lifting (minutes)", overlaying="y", side="right",
                           showgrid=False, zeroline=False,
                           visible=any(w.strength_minutes for w in summary)),
    )
    return _layout(fig, "Weekly volume (shaded: deload weeks" + ("; top: phases)" if strip else ")"))
