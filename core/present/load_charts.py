"""The Load page's figures and tables: projected training load, fitness/fatigue/form, and the
energy the carried load adds (docs/rules.md §9-§10). Built with ``go`` from the plan alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.planner.energy import kcal_from_load
from core.planner.models import Plan
from core.planner.plan import plan_projection, weekly_ratios
from core.planner.rules import ACWR_ACUTE_DAYS, ACWR_BAND, ACWR_CHRONIC_DAYS, ATL_DAYS, CTL_DAYS
from core.planner.units import distance, distance_unit, fmt_mass, mass, mass_unit
from core.present.charts import DELOAD_FILL, LOADED_COLOR, RUN_COLORS, STRENGTH_COLOR, _layout

ACUTE_COLOR = "#E4572E"
CHRONIC_COLOR = "#3A7CC3"
FORM_COLOR = "#4CAF7D"
BAND_FILL = "rgba(76,175,125,0.14)"


def _deload_spans(plan: Plan) -> list[tuple[dt.date, dt.date]]:
    """(first day, day after last) of each deload week."""
    mondays = sorted({d.date for d in plan.days if d.deload and d.weekday == "mon"})
    return [(m, m + dt.timedelta(days=7)) for m in mondays]


def _deload_rects(plan: Plan, yref: str = "paper") -> list[dict]:
    return [
        {"type": "rect", "xref": "x", "yref": yref, "x0": start - dt.timedelta(hours=12),
         "x1": end - dt.timedelta(hours=12), "y0": 0, "y1": 1, "fillcolor": DELOAD_FILL,
         "line": {"width": 0}, "layer": "below"}
        for start, end in _deload_spans(plan)
    ]


def training_load_figure(plan: Plan) -> go.Figure:
    """Daily planned session load as bars with the acute (7-day) and chronic (28-day) averages,
    and the acute:chronic ratio below with the 0.8-1.3 guide band; deload weeks shaded."""
    projection = plan_projection(plan)
    dates = [d.date for d in plan.days]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.66, 0.34], vertical_spacing=0.06)
    colours = [LOADED_COLOR if d.loaded else RUN_COLORS[d.run] if d.run != "rest"
               else STRENGTH_COLOR for d in plan.days]
    hover = [
        f"{d.date:%a %d %b} (week {d.week}{', deload' if d.deload else ''})<br>"
        f"{d.session_load:.0f} AU: {d.minutes:.0f} min at RPE {d.rpe:g}"
        + (f"<br>loaded {fmt_mass(d.load_kg, plan.inputs.units)}" if d.loaded else "")
        + (f"<br>lift {d.strength}" if d.strength else "")
        for d in plan.days
    ]
    fig.add_trace(go.Bar(x=dates, y=plan.daily_loads(), name="Daily load (RPE × minutes)",
                         marker_color=colours, opacity=0.45, hovertext=hover, hoverinfo="text"), row=1, col=1)
    fig.add_trace(go.Scatter(x=dates, y=[round(a, 1) for a in projection.acwr.acute],
                             name=f"Acute ({ACWR_ACUTE_DAYS}-day)", mode="lines", line={"color": ACUTE_COLOR, "width": 2.5}), row=1, col=1)
    fig.add_trace(go.Scatter(x=dates, y=[round(c, 1) for c in projection.acwr.chronic],
                             name=f"Chronic ({ACWR_CHRONIC_DAYS}-day)", mode="lines", line={"color": CHRONIC_COLOR, "width": 2.5}), row=1, col=1)
    ratio = [round(r, 3) if r is not None else None for r in projection.acwr.ratio]
    fig.add_trace(go.Scatter(x=dates, y=ratio, name="Acute:chronic ratio", mode="lines",
                             line={"color": "#4a4f5a", "width": 2}), row=2, col=1)
    low, high = ACWR_BAND
    shapes = _deload_rects(plan)
    shapes.append({"type": "rect", "xref": "x2 domain", "yref": "y2", "x0": 0, "x1": 1, "y0": low, "y1": high,
                   "fillcolor": BAND_FILL, "line": {"width": 0}, "layer": "below"})
    top = max([r for r in ratio if r is not None] + [high]) * 1.1
    fig.update_layout(
        shapes=shapes, bargap=0.15,
        yaxis={"title": "Load (AU per day)", "rangemode": "tozero"},
        yaxis2={"title": "Ratio", "range": [min([r for r in ratio if r is not None] + [low]) * 0.9, top]},
        annotations=[{"xref": "x2 domain", "yref": "y2", "x": 0.005, "y": high, "yanchor": "bottom",
                      "xanchor": "left", "showarrow": False, "text": f"guide band {low}-{high}",
                      "font": {"size": 12, "color": "#7a8190"}}],
    )
    return _layout(fig, "Projected training load (shaded: deload weeks)", height=520)


def fitness_figure(plan: Plan) -> go.Figure:
    """Fitness (CTL, 42-day), fatigue (ATL, 7-day) and form (yesterday's CTL − ATL)."""
    projection = plan_projection(plan)
    dates = [d.date for d in plan.days]
    ff = projection.fitness
    fig = go.Figure()
    fig.add_trace(go.Bar(x=dates, y=[round(f, 1) for f in ff.form], name="Form (fitness − fatigue)",
                         marker_color=[FORM_COLOR if f >= 0 else ACUTE_COLOR for f in ff.form], opacity=0.35))
    fig.add_trace(go.Scatter(x=dates, y=[round(c, 1) for c in ff.ctl], name=f"Fitness (CTL, {CTL_DAYS}-day)",
                             mode="lines", line={"color": CHRONIC_COLOR, "width": 3}))
    fig.add_trace(go.Scatter(x=dates, y=[round(a, 1) for a in ff.atl], name=f"Fatigue (ATL, {ATL_DAYS}-day)",
                             mode="lines", line={"color": ACUTE_COLOR, "width": 2}))
    fig.update_layout(shapes=_deload_rects(plan), bargap=0.15, yaxis={"title": "AU per day"})
    return _layout(fig, "Fitness, fatigue and form", height=400)


@dataclass(frozen=True)
class EnergyWeek:
    week: int
    deload: bool
    kcal: float
    kcal_from_load: float
    session_load: float


def energy_by_week(plan: Plan) -> list[EnergyWeek]:
    """Running kcal per week, and the part the carried load adds (kcal scales with total mass,
    so the load's share of a loaded run is load / (body + load))."""
    bw = plan.inputs.bodyweight_kg
    weeks: list[EnergyWeek] = []
    for start in range(0, len(plan.days), 7):
        days = plan.days[start:start + 7]
        weeks.append(EnergyWeek(
            week=days[0].week, deload=days[0].deload, kcal=sum(d.kcal for d in days),
            kcal_from_load=sum(kcal_from_load(d.kcal, bw, d.load_kg) for d in days if d.loaded),
            session_load=sum(d.session_load for d in days),
        ))
    return weeks


@dataclass(frozen=True)
class LoadSummary:
    """The Load page's headline numbers, each as the runner reads it."""

    routine_au: float
    """The week the runner runs today (no load, no lifts), in AU."""
    peak_week: int
    peak_au: float
    peak_vs_routine: float | None
    """The heaviest week's load relative to the routine (0.25 = 25% more), if there is a routine."""
    highest_ratio_week: int
    highest_ratio: float
    kcal_added_per_loaded_run: float | None
    loaded_runs: int
    total_kcal: float
    total_kcal_from_load: float

    @property
    def share_from_load(self) -> float:
        return self.total_kcal_from_load / self.total_kcal if self.total_kcal else 0.0


def load_summary(plan: Plan) -> LoadSummary:
    ratios = weekly_ratios(plan.daily_loads(), plan.baseline_loads)
    energy = energy_by_week(plan)
    routine = sum(plan.baseline_loads)
    peak = max(energy, key=lambda w: w.session_load)
    high = max(range(len(ratios)), key=lambda i: ratios[i])
    loaded = [d for d in plan.days if d.loaded]
    bw = plan.inputs.bodyweight_kg
    added = sum(kcal_from_load(d.kcal, bw, d.load_kg) for d in loaded) / len(loaded) if loaded else None
    return LoadSummary(
        routine_au=routine, peak_week=peak.week, peak_au=peak.session_load,
        peak_vs_routine=peak.session_load / routine - 1 if routine else None,
        highest_ratio_week=high + 1, highest_ratio=ratios[high], kcal_added_per_loaded_run=added,
        loaded_runs=len(loaded), total_kcal=sum(w.kcal for w in energy),
        total_kcal_from_load=sum(w.kcal_from_load for w in energy),
    )


def energy_figure(plan: Plan) -> go.Figure:
    """Weekly running energy, stacked: without the load, and what the carried load adds."""
    weeks = energy_by_week(plan)
    x = [w.week for w in weeks]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=x, y=[round(w.kcal - w.kcal_from_load) for w in weeks], name="Running without load (kcal)",
                         marker_color=RUN_COLORS["long"], opacity=0.75))
    fig.add_trace(go.Bar(x=x, y=[round(w.kcal_from_load) for w in weeks], name="Added by the carried load (kcal)",
                         marker_color=LOADED_COLOR))
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": w.week - 0.5, "x1": w.week + 0.5, "y0": 0,
               "y1": 1, "fillcolor": DELOAD_FILL, "line": {"width": 0}, "layer": "below"} for w in weeks if w.deload]
    fig.update_layout(barmode="stack", shapes=shapes, yaxis={"title": "kcal per week"},
                      xaxis={"title": "Week", "dtick": 1 if len(x) <= 16 else 4})
    return _layout(fig, "Running energy per week (shaded: deload weeks)", height=380)


def loaded_runs_table(plan: Plan) -> pd.DataFrame:
    """One row per loaded run: the load, distance, planned minutes, kcal and what the load adds."""
    units = plan.inputs.units
    bw = plan.inputs.bodyweight_kg
    mu, du = mass_unit(units), distance_unit(units)
    rows = [
        {"Week": d.week, "Date": d.date, f"Load ({mu})": round(mass(d.load_kg, units), 1),
         f"Distance ({du})": round(distance(d.run_km, units), 1), "Minutes": round(d.minutes),
         "kcal": round(d.kcal), "Added by the load (kcal)": round(kcal_from_load(d.kcal, bw, d.load_kg)),
         "Deload": "yes" if d.deload else ""}
        for d in plan.days if d.loaded
    ]
    return pd.DataFrame(rows)
