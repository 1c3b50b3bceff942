"""Planned against done: what the log says about the plan, week by week, and the last two weeks
at a glance (004: "track and tweak, adjust every two weeks")."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.planner.adapt import checkins_of, logged_session_load, sessions_of, tired
from core.planner.models import Plan
from core.planner.rules import REVIEW_EVERY_WEEKS
from core.planner.units import distance, distance_unit, fmt_distance, fmt_mass, mass, mass_unit
from core.planner.week import run_types
from core.present.charts import LOADED_COLOR, RUN_COLORS, STRENGTH_COLOR, _layout

RECENT_DAYS = 28
"""How far back ``suggested_inputs`` looks for the runner's usual runs."""


@dataclass(frozen=True)
class WeekDone:
    week: int
    monday: dt.date
    planned_km: float
    done_km: float
    planned_loaded_runs: int
    done_loaded_runs: int
    planned_load_kg: float
    done_load_kg: float
    planned_lifts: int
    done_lifts: int
    planned_au: float
    done_au: float


def planned_vs_done(plan: Plan) -> list[WeekDone]:
    """Each plan week up to the one holding ``plan.today``: planned against logged running, loaded
    runs and their heaviest load, lifts, and session load (RPE x minutes; a logged session without
    an RPE counts at the plan's RPE for its kind)."""
    if plan.today is None:
        return []
    sessions = [s for s in sessions_of(plan.log) if s.done]
    inputs = plan.inputs
    types = run_types(inputs)
    weeks: list[WeekDone] = []
    for start in range(0, len(plan.days), 7):
        days = plan.days[start:start + 7]
        if days[0].date > plan.today:
            break
        first, last = days[0].date, days[-1].date
        done = [s for s in sessions if first <= s.date <= last]
        runs = [s for s in done if s.kind == "run"]
        loaded = [s for s in runs if s.loaded]
        lifts = [s for s in done if s.kind == "strength"]
        au = sum(logged_session_load(inputs, s, types) for s in done)
        weeks.append(WeekDone(
            week=days[0].week, monday=first,
            planned_km=round(sum(d.run_km for d in days), 1), done_km=round(sum(s.distance_km for s in runs), 1),
            planned_loaded_runs=sum(d.loaded for d in days), done_loaded_runs=len(loaded),
            planned_load_kg=max((d.load_kg for d in days), default=0.0),
            done_load_kg=max((s.load_kg for s in loaded), default=0.0),
            planned_lifts=sum(bool(d.strength) for d in days), done_lifts=len(lifts),
            planned_au=round(sum(d.session_load for d in days)), done_au=round(au),
        ))
    return weeks


def planned_vs_done_figure(plan: Plan) -> go.Figure:
    """Weekly running, loaded runs with the carried load, lifts and session load: planned (light)
    against done (solid), up to this week."""
    weeks = planned_vs_done(plan)
    units = plan.inputs.units
    du, mu = distance_unit(units), mass_unit(units)
    fig = make_subplots(rows=2, cols=2, vertical_spacing=0.2, horizontal_spacing=0.1, subplot_titles=(
        f"Running ({du})", f"Heaviest carried load ({mu})", "Lifts", "Session load (AU)"))
    x = [f"W{w.week}" for w in weeks]
    panels: tuple[tuple[int, int, list[float], list[float], str], ...] = (
        (1, 1, [distance(w.planned_km, units) for w in weeks], [distance(w.done_km, units) for w in weeks],
         RUN_COLORS["easy"]),
        (1, 2, [mass(w.planned_load_kg, units) for w in weeks], [mass(w.done_load_kg, units) for w in weeks],
         LOADED_COLOR),
        (2, 1, [float(w.planned_lifts) for w in weeks], [float(w.done_lifts) for w in weeks], STRENGTH_COLOR),
        (2, 2, [w.planned_au for w in weeks], [w.done_au for w in weeks], RUN_COLORS["hard"]),
    )
    for index, (row, col, planned, done, color) in enumerate(panels):
        first = index == 0
        fig.add_trace(go.Bar(x=x, y=[round(v, 1) for v in planned], name="Planned", marker_color=color,
                             opacity=0.35, legendgroup="planned", showlegend=first), row=row, col=col)
        fig.add_trace(go.Bar(x=x, y=[round(v, 1) for v in done], name="Done", marker_color=color,
                             legendgroup="done", showlegend=first), row=row, col=col)
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.15, "x": 0})
    return _layout(fig, "Planned against done, week by week", height=480)


def _when(day: dt.date) -> str:
    return f"{day:%a %d %b}"


def two_week_review(plan: Plan) -> list[str]:
    """The last ``REVIEW_EVERY_WEEKS`` weeks at a glance, in sentences: planned against done, the
    RPE trend, form tests, pain, readiness, and what the planner changed."""
    if plan.today is None:
        return []
    units = plan.inputs.units
    since = plan.today - dt.timedelta(weeks=REVIEW_EVERY_WEEKS)
    planned = [d for d in plan.days if since <= d.date < plan.today]
    sessions = [s for s in sessions_of(plan.log) if since <= s.date < plan.today]
    done = [s for s in sessions if s.done]
    lines = [
        f"Running: {fmt_distance(sum(s.distance_km for s in done if s.kind == 'run'), units)} done of "
        f"{fmt_distance(sum(d.run_km for d in planned), units)} planned; loaded runs "
        f"{sum(s.loaded for s in done)} of {sum(d.loaded for d in planned)}; lifts "
        f"{sum(s.kind == 'strength' for s in done)} of {sum(bool(d.strength) for d in planned)}; "
        f"{sum(not s.done for s in sessions)} skipped.",
    ]
    rated = [s.rpe for s in done if s.rpe is not None]
    if len(rated) >= 2:
        half = len(rated) // 2
        early, late = statistics.mean(rated[:half]), statistics.mean(rated[half:])
        trend = "rising" if late > early + 0.5 else "falling" if late < early - 0.5 else "steady"
        lines.append(f"Effort (RPE): {early:.1f} early, {late:.1f} lately: {trend}.")
    tests = [s for s in done if s.loaded and s.form_ok is not None]
    if tests:
        failed = [s for s in tests if s.form_ok is False]
        lines.append(f"Form test: passed {len(tests) - len(failed)} of {len(tests)}"
                     + (f"; failed on {', '.join(_when(s.date) + ' with ' + fmt_mass(s.load_kg, units) for s in failed)}."
                        if failed else "."))
    pain = [s for s in sessions if s.pain]
    lines.append(f"Pain logged on {', '.join(_when(s.date) for s in pain)}." if pain else "No pain logged.")
    checkins = [c for c in checkins_of(plan.log) if since <= c.date < plan.today]
    if checkins:
        low = [c for c in checkins if tired(c)]
        lines.append(f"Readiness: {len(checkins)} check-ins, {len(low)} with most answers \"no\".")
    changed = len(plan.changes)
    lines.append(f"What the planner changed: {changed} change{'s' if changed > 1 else ''}, listed under "
                 "\"What the log changed\"." if changed else
                 "The planner changed nothing: the plan stands as planned.")
    return lines


@dataclass(frozen=True)
class TimelineRow:
    """One change the log made, as the Plan and Log pages list it."""

    start: str
    what: str
    why: str
    until: str
    source: str
    severity: str


def changes_timeline(plan: Plan) -> list[TimelineRow]:
    """What the log changed in the plan, in date order: from when, what, why, until when, and the
    rule's source (``Plan.changes``, core.planner.adapt)."""
    return [TimelineRow(start=_when(c.start), what=c.what[0].upper() + c.what[1:], why=c.why[0].upper() + c.why[1:],
                        until=c.until[0].upper() + c.until[1:], source=c.source, severity=c.severity)
            for c in plan.changes]


def suggested_inputs(plan: Plan) -> dict[str, float]:
    """The usual easy, hard and long distances and the easy pace, from the runs logged in the last
    ``RECENT_DAYS`` days (a suggestion the runner accepts or not: never applied silently). Only
    unloaded runs with a distance count; the long run is the longest, the easy run the median."""
    if plan.today is None:
        return {}
    since = plan.today - dt.timedelta(days=RECENT_DAYS)
    runs = [s for s in sessions_of(plan.log)
            if s.kind == "run" and s.done and not s.loaded and s.distance_km > 0 and since <= s.date < plan.today]
    if len(runs) < 3:
        return {}
    distances = sorted(s.distance_km for s in runs)
    suggestion = {"easy_run_km": statistics.median(distances[:-1]), "long_run_km": distances[-1]}
    paced = [s.minutes / s.distance_km for s in runs if s.minutes > 0]
    if paced:
        suggestion["easy_pace_min_per_km"] = statistics.median(paced)
    return {k: round(v, 2) for k, v in suggestion.items()}
