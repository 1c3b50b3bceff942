"""The Plan page's HTML blocks: each shows what the plan says, nothing else, and no text becomes markup."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import PlanInputs, build_plan
from core.planner.screening import FORM_TEST
from core.present.blocks import headline_html, table_html, this_week_html, weeks_html
from core.present.tables import weekly_table
from core.present.text import headline
from core.present.this_week import week_heading, week_lines
from tests.apptest import read_html
from tests.strategies import plan_inputs

MONDAY = dt.date(2026, 11, 23)


def texts(parts, tag, cls=None):
    return [text for t, c, text in parts if t == tag and (cls is None or c == cls)]


@pytest.mark.parametrize(
    ("fields", "today", "week", "heading", "form_test"),
    [
        ({}, dt.date(2026, 12, 2), 2, "This week: week 2 of 12", True),
        ({"carrier": "none"}, dt.date(2026, 11, 23), 1, "This week: week 1 of 12", False),
        ({"event_date": dt.date(2027, 3, 7), "event_kind": "race", "event_distance_km": 21.1},
         dt.date(2027, 3, 4), 15, "This week: week 15 of 15 · Event week", False),  # no load in it
    ],
)
def test_this_week_has_its_heading_a_line_a_day_and_today_in_bold(fields, today, week, heading, form_test):
    plan = build_plan(PlanInputs(start_date=MONDAY, **fields))
    parts = read_html(this_week_html(plan, week, today))
    assert texts(parts, "h2") == [heading] == [f"This week: {week_heading(plan, week)}"]
    lines = week_lines(plan, week, today)
    assert texts(parts, "li") == [f"{line.day}{' (today)' if line.today else ''} · {line.text}" for line in lines]
    assert texts(parts, "strong") == [f"{line.day} (today)" for line in lines if line.today]
    assert texts(parts, "p", "plan-note") == ([f"{FORM_TEST} (002)"] if form_test else [])


@settings(max_examples=40, deadline=None)
@given(plan_inputs())
def test_the_headline_block_shows_the_headline_and_the_table_every_week(inputs):
    plan = build_plan(inputs)
    parts = read_html(headline_html(plan))
    assert texts(parts, "dt") == [label for label, _, _ in headline(plan)]
    assert texts(parts, "dd", "value") == [value for _, value, _ in headline(plan)]
    assert texts(parts, "dd", "detail") == [detail for _, _, detail in headline(plan) if detail]
    frame = weekly_table(plan)
    weeks = read_html(weeks_html(frame))
    assert texts(weeks, "th") == list(frame.columns)
    n = len({d.week for d in plan.days})  # toward an event, the weeks up to it
    assert len(texts(weeks, "tr")) == n + 1  # the header row, then a row a week
    assert texts(weeks, "td")[::len(frame.columns)] == [str(w) for w in range(1, n + 1)]


@pytest.mark.parametrize(
    ("column", "values", "shown"),
    [
        ("Load (kg)", [4.0, 4.5], ["4.0", "4.5"]),  # a column of fractions reads alike
        ("% bodyweight", [5.714, 6.0], ["5.714", "6.000"]),
        ("Lifts", [2, 3], ["2", "3"]),
        ("Deload", ["yes", ""], ["yes", ""]),
        ("Each (km)", [float("nan"), 4.4], ["", "4.4"]),
    ],
)
def test_a_table_cell_reads_as_its_column_does(column, values, shown):
    parts = read_html(table_html(pd.DataFrame({column: values}), fractions=True))
    assert texts(parts, "td") == shown


@given(st.text(max_size=40))
def test_no_text_in_a_table_becomes_markup(text):
    parts = read_html(table_html(pd.DataFrame({f"<b>{text}": [text]})))
    assert [t for t, _, _ in parts] == ["th", "tr", "thead", "td", "tr", "tbody", "table"]
    assert texts(parts, "th") == [f"<b>{text}"] and texts(parts, "td") == [text]
