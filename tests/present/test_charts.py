"""Charts that read right at 1280x720 and at phone width: round, aligned second axes; legends
that list only what is drawn; labels on their bars; margins that fit the axis titles; names
that do not read as another unit; strength tables with what matters first."""

from __future__ import annotations

import datetime as dt
import math
import re

import plotly.graph_objects as go
import pytest

from core import PlanInputs, build_plan
from core.planner.models import Plan
from core.planner.rules import CEILING_FRACTION_BW_MAX
from core.planner.units import distance, mass
from core.present.charts import (
    CALENDAR_LEGEND,
    LEGEND_KEY,
    RUN_COLORS,
    aligned_ticks,
    calendar_figure,
    load_progression_figure,
    nice_step,
    volume_figure,
    week_structure_figure,
)
from core.present.compare import compare_figure, scenario_b
from core.present.load_charts import energy_figure, fitness_figure, training_load_figure
from core.present.tables import session_table

START = dt.date(2026, 11, 23)
PLANS = {
    "default": {},
    "two runs, 2.5 kg plates": {"bodyweight_kg": 90, "load_step_kg": 2.5, "loaded_runs_per_week": 2,
                                "hard_days": ("tue",)},
    "imperial": {"units": "imperial", "bodyweight_kg": 89.8},
    "ankle weights (blocked)": {"carrier": "ankle_weights"},
    "beginner (blocked)": {"experience": "beginner"},
    "pack event": {"carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True, "goal": "pack_event",
                   "bodyweight_kg": 55},
    "no deloads": {"weeks": 5, "deload_every": 6},
}


def plan_of(**changes) -> Plan:
    return build_plan(PlanInputs(start_date=START, **changes))


def figures(plan: Plan) -> dict[str, go.Figure]:
    return {"plan": load_progression_figure(plan), "week": week_structure_figure(plan, 1),
            "calendar": calendar_figure(plan), "volume": volume_figure(plan),
            "training load": training_load_figure(plan), "fitness": fitness_figure(plan),
            "energy": energy_figure(plan), "compare": compare_figure(plan, plan)}


def trace(fig: go.Figure, name_start: str):
    return next(t for t in fig.data if (t.name or "").startswith(name_start))


def in_legend(t) -> bool:
    """Whether Plotly lists the trace in the legend (heatmaps never are, unless asked)."""
    return t.showlegend if t.showlegend is not None else t.type != "heatmap"


def is_round(step: float) -> bool:
    """1, 2, 2.5 or 5 times a power of ten."""
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(mantissa, n) for n in (1, 2, 2.5, 5))


def assert_round_and_aligned(fig: go.Figure) -> None:
    """Both y axes step by a round number from 0 over exactly their range, the same number of
    steps, so every tick of the second axis sits on a grid line of the first."""
    y1, y2 = fig.layout.yaxis, fig.layout.yaxis2
    positions = []
    for axis in (y1, y2):
        ticks = list(axis.tickvals)
        assert ticks[0] == 0 and list(axis.range) == [ticks[0], ticks[-1]], (axis.title.text, ticks, axis.range)
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert len(steps) == 1 and is_round(steps.pop()), (axis.title.text, ticks)
        assert all(re.fullmatch(r"\d+(\.\d)?", text) for text in axis.ticktext), axis.ticktext  # 0, 2, 2.5: no 2.22
        positions.append([(v - axis.range[0]) / (axis.range[1] - axis.range[0]) for v in ticks])
    first = positions[0]
    for p in positions[1]:
        assert any(math.isclose(p, q, abs_tol=1e-9) for q in first), (positions, fig.layout.yaxis2.title.text)


@pytest.mark.parametrize("units", ["metric", "imperial"])
@pytest.mark.parametrize("bodyweight_kg", [40, 55, 63.5, 70, 82, 90, 104.3, 120, 160, 200])
@pytest.mark.parametrize("loaded_runs_per_week", [1, 2])
def test_plan_chart_axes_are_round_and_aligned(units, bodyweight_kg, loaded_runs_per_week):
    plan = plan_of(units=units, bodyweight_kg=bodyweight_kg, loaded_runs_per_week=loaded_runs_per_week,
                   load_step_kg=2.5 if bodyweight_kg > 100 else 0.5)
    fig = load_progression_figure(plan)
    assert_round_and_aligned(fig)
    bars, load = trace(fig, "Loaded distance ("), trace(fig, "Load (")
    y1, y2 = fig.layout.yaxis.range[1], fig.layout.yaxis2.range[1]
    # The load axis holds the 15% band, the ceiling and every load; the bars stay in the lower half.
    assert y1 >= max(mass(CEILING_FRACTION_BW_MAX * bodyweight_kg, units), mass(plan.ceiling_kg, units), *load.y)
    assert y2 >= 2 * max(bars.y)
    assert 4 <= len(fig.layout.yaxis.tickvals) - 1 <= 8  # enough grid lines to read, few enough for a phone


@pytest.mark.parametrize("name", list(PLANS))
def test_volume_chart_axes_are_round_and_aligned(name):
    fig = volume_figure(plan_of(**PLANS[name]))
    assert_round_and_aligned(fig)
    running = [sum(values) for values in zip(*(t.y for t in fig.data if t.type == "bar"), strict=True)]
    assert fig.layout.yaxis.range[1] >= max(running)
    assert fig.layout.yaxis2.range[1] >= max(trace(fig, "Lifting").y)


def test_aligned_ticks_and_nice_steps():
    assert [nice_step(x) for x in (0.13, 0.43, 1.4, 2.27, 3.6, 6.9, 7.4, 14, 260)] == [0.1, 0.5, 1, 2, 5, 5, 10, 10, 200]
    assert [nice_step(x, up=True) for x in (0.13, 1.01, 2.1, 2.6, 5, 11)] == [0.2, 2, 2.5, 5, 5, 20]
    for top, top2 in [(11.3, 11.7), (32.1, 4.4), (7.6, 48), (0.9, 0.4), (120, 3)]:
        ticks, ticks2 = aligned_ticks(top, top2)
        assert len(ticks) == len(ticks2) and ticks[-1] >= top and ticks2[-1] >= top2
        assert ticks2[-1] < 2.5 * top2 or ticks2[1] == nice_step(1e-6, up=True)  # no axis much taller than needed


@pytest.mark.parametrize("name", list(PLANS))
def test_legends_list_only_what_is_drawn(name):
    plan = plan_of(**PLANS[name])
    for chart, fig in figures(plan).items():
        for t in fig.data:
            if not in_legend(t) or (t.name or "").endswith("no loaded runs"):  # Compare says so on purpose
                continue
            if t.meta == LEGEND_KEY:  # names a colour drawn by another trace (the calendar's grid)
                continue
            values = [v for v in (t.y if t.y is not None else ()) if v is not None]
            if t.type == "scatter" and t.mode == "markers":  # deload markers: drawn wherever they are
                assert values, (chart, t.name)
            else:  # bars and lines: an all-zero one draws nothing to name
                assert any(values), (chart, t.name)


def test_no_legend_entry_for_loaded_distance_without_loaded_runs():
    plan = plan_of(carrier="ankle_weights")
    assert not plan.loaded_running
    volume, energy, week = volume_figure(plan), energy_figure(plan), week_structure_figure(plan, 1)
    for fig, name in ((volume, "Loaded ("), (energy, "Added by the carried load"), (week, "Easy, loaded")):
        t = trace(fig, name)  # still there, with its zeros (pages and tests read it)
        assert not in_legend(t) and not any(t.y), name
    assert in_legend(trace(volume, "Easy (")) and in_legend(trace(energy, "Running without load"))


def test_no_legend_entry_for_deload_markers_without_deloads():
    a = PlanInputs(start_date=START, **PLANS["no deloads"])
    b, _ = scenario_b(a, {"deload_every": 3})
    fig = compare_figure(build_plan(a), build_plan(b))
    a_deloads, b_deloads = trace(fig, "A: deload weeks"), trace(fig, "B: deload weeks")
    assert list(a_deloads.x) == [] and not in_legend(a_deloads)
    assert list(b_deloads.x) == [3] and in_legend(b_deloads)
    plan = build_plan(a)
    assert not any(s.type == "rect" for s in volume_figure(plan).layout.shapes)


@pytest.mark.parametrize("name", list(PLANS))
def test_axis_titles_and_legends_have_room(name):
    for chart, fig in figures(plan_of(**PLANS[name])).items():
        layout = fig.layout
        axes = [layout[key] for key in layout if re.fullmatch(r"[xy]axis\d*", key) and layout[key] is not None]
        assert axes
        for axis in axes:  # Plotly widens the margins to fit tick labels and titles
            assert axis.automargin is True or (layout.margin.l >= 60 and layout.margin.b >= 60), (chart, axis)
        assert layout.margin.t >= 40, chart  # the title
        if any(in_legend(t) for t in fig.data):
            # Horizontal, along the bottom of the figure: below the x-axis title at any width,
            # wrapping into rows on a phone.
            legend = layout.legend
            assert legend.orientation == "h" and legend.yref == "container" and legend.y == 0, chart
            assert legend.yanchor == "bottom" and legend.x == 0 and legend.xanchor == "left", chart


@pytest.mark.parametrize("name", ["default", "two runs, 2.5 kg plates", "imperial", "ankle weights (blocked)"])
def test_week_labels_sit_on_their_own_bars(name):
    plan = plan_of(**PLANS[name])
    fig = week_structure_figure(plan, 1)
    labels = next(t for t in fig.data if t.type == "scatter" and t.mode == "text")
    bars = {x: y for t in fig.data if t.type == "bar" for x, y in zip(t.x, t.y, strict=True)}
    top = fig.layout.yaxis.range[1]
    for day, y, text in zip(labels.x, labels.y, labels.text, strict=True):
        assert labels.textposition == "top center"
        assert bars[day] <= y <= bars[day] + 0.05 * top, (day, y, bars[day])  # just above its bar
        lines = text.split("<br>") if text else []
        assert all(len(line) <= 9 for line in lines), lines  # narrower than a day's column on a phone
        assert y + 0.07 * len(lines) * top <= top, (day, text)  # inside the plot, not clipped
    loaded = [d for d in plan.days if d.week == 1 and d.loaded]
    for d in loaded:
        text = labels.text[list(labels.x).index(d.date.strftime("%a"))]
        assert text.startswith("loaded<br>")


def test_deload_week_title_fits_a_phone():
    plan = plan_of()
    deload_week = next(d.week for d in plan.days if d.deload)
    title = week_structure_figure(plan, deload_week).layout.title.text
    assert "deload" in title and len(title) <= 40


@pytest.mark.parametrize("name", ["default", "imperial"])
def test_no_name_reads_as_another_unit(name):
    """"Strength (min)" cut short reads "Strength (mi": minutes are spelled out."""
    for chart, fig in figures(plan_of(**PLANS[name])).items():
        names = [t.name or "" for t in fig.data]
        names += [fig.layout[key].title.text or "" for key in fig.layout
                  if re.fullmatch(r"[xy]axis\d*", key) and fig.layout[key] is not None]
        for text in names:
            assert not re.search(r"\(min\b|\bmin\)", text), (chart, text)
    assert trace(volume_figure(plan_of()), "Lifting (minutes)")
    assert volume_figure(plan_of()).layout.yaxis2.title.text == "Lifting (minutes)"


def test_trace_names_the_pages_read_are_kept():
    plan = plan_of()
    assert trace(load_progression_figure(plan), "Load (kg)").y[0] == 3.5
    assert trace(load_progression_figure(plan_of(units="imperial")), "Load (lb)")
    training = training_load_figure(plan)
    for name in ("Daily load", "Acute", "Chronic", "Acute:chronic"):
        assert trace(training, name)
    assert trace(energy_figure(plan), "Added by the carried load")
    loaded = [distance(d.run_km, "metric") for d in plan.days if d.week == 1 and d.loaded]
    assert list(trace(week_structure_figure(plan, 1), "Easy, loaded").y) == loaded


@pytest.mark.parametrize("changes", [{}, {"injuries": ("knee",), "strength_setting": "home"}])
def test_strength_table_puts_what_to_avoid_first(changes):
    plan = plan_of(**changes)
    for session in plan.strength_sessions[:4]:
        table = session_table(session)
        assert list(table.columns[:4]) == ["Exercise", "Sets x reps", "Avoid", "Note"]
        assert {"Regression", "Effort", "Pattern"} <= set(table.columns[4:])
        assert len(table) == len(session.exercises)


@pytest.mark.parametrize(("changes", "types"), [
    ({}, ["easy", "hard", "long", "rest"]),
    ({"hard_days": ()}, ["easy", "long", "rest"]),  # no hard day: no hard colour to explain
])
def test_calendar_has_a_legend_for_every_colour_it_draws(changes, types):
    fig = calendar_figure(plan_of(**changes))
    grid = fig.data[0]
    keys = [t for t in fig.data if t.meta == LEGEND_KEY]
    assert [t.name for t in keys] == [CALENDAR_LEGEND[t] for t in types]
    assert all(in_legend(t) and t.marker.symbol == "square" for t in keys)
    colours = {c for _, c in grid.colorscale}
    assert [t.marker.color for t in keys] == [RUN_COLORS[t] for t in types] and set(RUN_COLORS[t] for t in types) <= colours
    drawn = {value for row in grid.z for value in row}
    assert len(drawn) == len(types)  # every colour in the grid is named, and nothing else
