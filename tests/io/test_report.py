"""The printable report: self-contained, escaped, in the user's units."""

from __future__ import annotations

import datetime as dt
import re

from core import PlanInputs, build_plan
from core.io.files import file_stem
from core.io.report import report_html
from tests.clock import NOW, TODAY

MONDAY = dt.date(2026, 11, 23)
STAMP = NOW


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def test_report_is_self_contained_and_escapes_the_name():
    plan = plan_of()
    page = report_html(plan, '<img src=x onerror="alert(1)"> Jane & Co', today=TODAY)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Jane &amp; Co" in page
    assert "<img" not in page
    assert page.count("Plotly.newPlot") == 2  # the load chart and the volume chart
    assert page.count("plotly.js v") == 1  # the library is embedded once
    assert not re.search(r"<script[^>]+src=", page)  # nothing loaded from the network
    for words in ("Week by week", "Source: 002", "Start load", "3.5 kg", "Bodyweight", "70 kg", "@media print"):
        assert words in page


def test_report_without_loaded_runs_keeps_the_reasons_and_the_volume_chart():
    page = report_html(plan_of(carrier="dumbbells"), None, today=TODAY)
    assert page.count("Plotly.newPlot") == 1
    assert "<h3>Not for running</h3>" in page and "Not for you yet" not in page  # dumbbells are never for running
    assert 'class="athlete"' not in page


def test_report_follows_the_units():
    page = report_html(plan_of(units="imperial"), "Jo", today=TODAY)
    assert "7.7 lb" in page and "154 lb" in page and "Load (lb)" in page


def test_file_stem_is_safe_for_any_name():
    plan = plan_of()
    assert file_stem(plan, None) == "loaded-plan-2026-11-23"
    assert file_stem(plan, "  Zoë O'Brien  ") == "loaded-plan-zo-o-brien-2026-11-23"
