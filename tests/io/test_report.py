"""The printable report: self-contained, escaped, in the user's units."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from core import PlanInputs, build_plan
from core.io.files import file_stem
from core.io.report import report_html
from core.planner.screening import FORM_TEST
from core.present.this_week import day_text
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
    assert page.count('id="plotly-js-gzip"') == 1  # the library is embedded once, compressed
    assert len(page.encode()) < 2_500_000  # plotly.js alone is 4.8 MB uncompressed
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


def section(page: str, start_id: str, end_id: str) -> str:
    return page[page.index(f'id="{start_id}"'):page.index(f'id="{end_id}"')]


def test_report_starts_with_a_summary_then_the_plan_day_by_day_then_the_charts():
    page = report_html(plan_of(weeks=16), "Jane", today=dt.date(2026, 12, 2))
    order = [page.index(f'id="{part}"') for part in ("summary", "day-by-day", "charts")]
    assert order == sorted(order) and page.index('id="charts"') < page.index("Week by week")
    assert page.index("Week by week") < page.index("Why the plan looks like this") < page.index(">Inputs<")
    # print structure: the summary is a page of its own, every later part starts a new page
    assert re.search(r"\.summary \{ break-after: page; page-break-after: always; \}", page)
    assert '<h2 class="page-break" id="day-by-day">' in page and '<h2 class="page-break" id="charts">' in page
    assert re.search(r"\.weekblock \{ break-inside: avoid; page-break-inside: avoid; \}", page)  # a week never splits


def test_the_summary_holds_the_next_two_weeks_day_by_day_the_ceiling_and_the_form_test():
    plan = plan_of(weeks=16)
    summary = section(report_html(plan, "Jane", today=dt.date(2026, 12, 2)), "summary", "day-by-day")
    assert "Your next two weeks" in summary and "For Jane" in summary
    assert "Wed 02 Dec 2026 to Tue 15 Dec 2026 · weeks 2-4 of a 16-week plan" in summary
    shown = [d for d in plan.days if dt.date(2026, 12, 2) <= d.date <= dt.date(2026, 12, 15)]
    assert len(shown) == 14
    for d in shown:  # every day: the run with its distance, the load to carry, the lift
        assert f"{d.date:%a %d %b}</td><td>{html.escape(day_text(plan, d))}</td>" in summary
    assert "<td>Tue 01 Dec</td>" not in summary and "<td>Wed 16 Dec</td>" not in summary
    assert "Loaded run 4.4 km easy, carrying 3.5 kg in your weighted vest" in summary
    assert "Week 4 of 16 · from Mon 14 Dec 2026 · deload week" in summary
    assert "Carry at most</span><b>7 kg (10.0% of bodyweight)</b>" in summary  # 70 kg, ceiling 10%
    assert html.escape(FORM_TEST) in summary and "The form test." in summary
    lifts = re.findall(r'<p class="lifts"><b>(Strength [AB])</b> \((\d+) min\): ([^<]+)</p>', summary)
    assert [name for name, _, _ in lifts] == ["Strength B", "Strength A"]  # in the order they come
    assert all(" x " in exercises for _, _, exercises in lifts)
    assert '<tr class="loaded today"><td>Wed 02 Dec</td>' in summary


@pytest.mark.parametrize(("today", "first", "heading"), [
    (dt.date(2026, 11, 1), "Mon 23 Nov 2026", "Your next two weeks"),  # before the plan: its first two weeks
    (dt.date(2027, 6, 1), "Mon 01 Mar 2027", "The last two weeks of the plan"),  # after it: its last two
])
def test_the_summary_before_and_after_the_plan(today, first, heading):
    summary = section(report_html(plan_of(weeks=16), None, today=today), "summary", "day-by-day")
    assert heading in summary and f"{first} to " in summary
    assert summary.count("<tr><td>") + summary.count('<tr class="') - summary.count('<tr class="week">') == 14


def test_the_whole_plan_is_there_day_by_day():
    plan = plan_of(weeks=16, units="imperial")
    whole = section(report_html(plan, None, today=TODAY), "day-by-day", "charts")
    assert len(re.findall(r'<tr class="week"><th colspan="2">Week \d+ of 16 · from ', whole)) == 16
    for d in plan.days:
        assert f"<td>{d.date:%a %d %b}</td><td>{html.escape(day_text(plan, d))}</td>" in whole
    assert " mi" in whole and " km" not in whole


def test_a_summary_without_loaded_runs_says_so_and_keeps_runs_and_lifts():
    summary = section(report_html(plan_of(carrier="dumbbells"), None, today=TODAY), "summary", "day-by-day")
    assert "No loaded runs in this plan yet" in summary and "Carry at most" not in summary
    assert "The form test." not in summary and "Long run 16 km" in summary and "Strength A" in summary


def test_printed_charts_keep_room_for_their_labels():
    page = report_html(plan_of(), None, today=TODAY)
    for match in re.finditer(r'"margin":\{([^}]*)\}', page):
        margin = dict(re.findall(r'"([lrtb])":(\d+)', match.group(1)))
        assert int(margin["l"]) >= 64 and int(margin["b"]) >= 96 and int(margin["t"]) >= 52, margin
