"""The CSV: one row per day in the user's units."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import pytest

from core import PlanInputs, build_plan
from core.io.plan_csv import plan_csv
from tests.clock import NOW

MONDAY = dt.date(2026, 11, 23)
STAMP = NOW


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def test_csv_has_every_frame_column_in_metric():
    plan = plan_of()
    frame = pd.read_csv(io.StringIO(plan_csv(plan)), keep_default_na=False)
    assert list(frame.columns) == list(plan.to_frame().columns)
    assert len(frame) == 7 * plan.inputs.weeks
    assert frame["load_kg"].max() == pytest.approx(plan.to_frame()["load_kg"].max())
    assert frame["date"].iloc[0] == "2026-11-23"


def test_csv_in_imperial_renames_and_converts_unit_columns():
    plan = plan_of(units="imperial")
    metric = plan.to_frame()
    frame = pd.read_csv(io.StringIO(plan_csv(plan)), keep_default_na=False)
    expected = [re.sub(r"_kg$", "_lb", re.sub(r"_km$", "_mi", c)) for c in metric.columns]
    assert list(frame.columns) == expected
    assert not any(c.endswith(("_kg", "_km")) for c in frame.columns)
    loaded = frame[frame["loaded"]].iloc[0]
    assert loaded["load_lb"] == pytest.approx(3.5 / 0.45359237, abs=1e-3)
    assert loaded["run_mi"] == pytest.approx(4.0 / 1.609344, abs=1e-3)
    others = [c for c in metric.columns if not c.endswith(("_kg", "_km")) and c != "date"]
    pd.testing.assert_frame_equal(frame[others], metric[others], check_dtype=False)
