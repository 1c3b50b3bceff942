"""Every chart in words: the sentence and the table come from the figure's own data, for every
chart the app draws, and say what the chart shows."""

from __future__ import annotations

import datetime as dt

import pytest

from core import PlanInputs, build_plan
from core.present.chart_text import chart_title, figure_summary, figure_table
from core.present.charts import calendar_figure, load_progression_figure, volume_figure, week_structure_figure
from core.present.compare import compare_figure
from core.present.load_charts import energy_figure, fitness_figure, training_load_figure

TODAY = dt.date(2026, 12, 1)
PLAN = build_plan(PlanInputs(), today=TODAY)
FIGURES = {
    "load": lambda: load_progression_figure(PLAN), "volume": lambda: volume_figure(PLAN),
    "week": lambda: week_structure_figure(PLAN, 1), "calendar": lambda: calendar_figure(PLAN),
    "training_load": lambda: training_load_figure(PLAN), "fitness": lambda: fitness_figure(PLAN),
    "energy": lambda: energy_figure(PLAN),
    "compare": lambda: compare_figure(PLAN, build_plan(PlanInputs(weeks=16), today=TODAY)),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_chart_has_one_sentence_and_a_table_of_its_own_numbers(name):
    fig = FIGURES[name]()
    summary, table = figure_summary(fig), figure_table(fig)
    assert summary.startswith(chart_title(fig)) and summary.endswith(".") and summary.count(". ") == 0
    assert len(table) >= 7 and not table.empty
    if name == "week":  # each day's one bar, said in words, in one column (below)
        return
    for trace in (t for t in fig.data if t.type != "heatmap" and getattr(t, "mode", None) != "text"
                  and t.x is not None and t.y is not None and any(v is not None for v in t.y)):
        assert trace.name in table.columns


def test_the_load_chart_in_words_is_the_plans_load_week_by_week():
    fig = load_progression_figure(PLAN)
    table = figure_table(fig)
    assert table["Week"].tolist() == list(range(1, PLAN.inputs.weeks + 1))
    load = next(t for t in fig.data if t.name == "Load (kg)")
    assert table["Load (kg)"].tolist() == list(load.y)
    assert figure_summary(fig) == (f"Carried load by week, week 1 to {PLAN.inputs.weeks}: Loaded distance (km) from "
                                   "4 to 3.4, highest 5.7 in week 11; Load (kg) from 3.5 to 5.5.")


def test_the_week_chart_in_words_names_the_days_and_what_each_holds():
    fig = week_structure_figure(PLAN, 1)
    table = figure_table(fig)
    assert table["Day"].tolist() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert table.loc[table["Day"] == "Fri", "Distance (km)"].item() == "Rest day"  # not the bar's token height
    assert table.loc[table["Day"] == "Tue", "Marks"].item() == "lift A"
    assert figure_summary(fig).startswith("Week 1: runs and lifts, from Mon to Sun: Easy on Mon, Sat; Hard on Tue, Thu")


def test_a_series_that_does_not_change_says_so():
    assert "Easy (km) 16 throughout" in figure_summary(volume_figure(PLAN))
