"""What only a browser shows about the hand-over files: the report draws its charts offline,
shows a name with HTML in it as text, and prints to PDF; the Plan page downloads it and
reopens a saved profile into the sidebar."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from core import PlanInputs, build_plan
from core.io.profile import profile_json
from core.io.report import report_html
from tests.clock import TODAY
from tests.e2e.conftest import open_hand_over, wait_idle

pytestmark = pytest.mark.e2e
NAME = '<img src=x onerror="window.__hacked = 1"> Jane <b>Doe</b>'
PLOTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    traces: p.data.length, points: p.data.reduce((n, t) => n + (t.y ? t.y.length : 0), 0),
    drawn: p.querySelectorAll('.main-svg').length, width: p.getBoundingClientRect().width}))"""


def open_report(page, path) -> None:
    remote = []
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(path.as_uri())
    # plotly.js comes gzipped inside the file: the report marks when it has drawn every chart
    page.wait_for_function("() => document.documentElement.dataset.chartsDrawn === 'true'", timeout=30_000)
    assert remote == []  # self-contained: nothing fetched from a network


def test_report_draws_charts_shows_the_name_as_text_and_prints(page, tmp_path):
    plan = build_plan(PlanInputs(bodyweight_kg=80, weeks=16, start_date=dt.date(2026, 11, 23)))
    path = tmp_path / "report.html"
    path.write_text(report_html(plan, NAME, today=TODAY), encoding="utf-8")
    open_report(page, path)

    plots = page.evaluate(PLOTS)
    assert len(plots) == 2
    assert all(p["traces"] > 0 and p["points"] > 0 and p["drawn"] > 0 for p in plots)
    athlete = page.locator("#athlete")
    assert athlete.inner_text() == f"For {NAME}"
    assert athlete.locator("img, b").count() == 0 and page.locator("img").count() == 0
    assert page.evaluate("() => window.__hacked") is None
    assert "Start load" in page.inner_text(".headline") and "4 kg" in page.inner_text(".headline")
    assert page.locator("table.weeks tbody tr").count() == 16
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

    page.emulate_media(media="print")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.chart')).breakInside") == "avoid"
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size, print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        # the summary, 16 weeks day by day, two charts, the week-by-week table, findings, lifts, inputs
        assert pdf.startswith(b"%PDF") and 6 <= pages <= 12, (size, pages)
    widths = [p["width"] for p in page.evaluate(PLOTS)]
    assert max(widths) <= 700  # charts fit the printable width of A4 and Letter


def _download(page, selector: str):
    """Click a download button and return the download. Streamlit 1.67 can drop a download
    button's deferred file when other sessions end at the same moment ("Deferred file ... not
    found" in the server log; seen when the whole browser suite runs): a second click makes it
    again, as a user would."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for timeout in (20_000, 90_000):  # the 5 MB report is built on click
        try:
            with page.expect_download(timeout=timeout) as download:
                page.locator(selector).first.click()
            return download
        except PlaywrightTimeout:
            wait_idle(page)
    pytest.fail(f"no download from {selector}")


def test_plan_page_hands_over_the_report_and_reopens_a_profile(page, app_url, tmp_path):
    page.goto(f"{app_url}/")
    wait_idle(page)
    open_hand_over(page)
    name = page.locator(".st-key-handover_athlete input")
    name.fill("Jane Doe")
    name.press("Enter")
    wait_idle(page)
    download = _download(page, ".st-key-download_html button")
    assert download.value.suggested_filename.startswith("loaded-plan-jane-doe-")
    report = tmp_path / "downloaded.html"
    download.value.save_as(report)
    report_page = page.context.new_page()
    open_report(report_page, report)
    assert report_page.locator("#athlete").inner_text() == "For Jane Doe"
    report_page.close()

    profile = tmp_path / "runner.json"
    profile.write_text(profile_json(PlanInputs(bodyweight_kg=90, weeks=20, units="imperial")))
    page.locator(".st-key-handover_profile input[type=file]").set_input_files(str(profile))
    page.wait_for_function("() => location.search.includes('weeks=20') && location.search.includes('units=Imperial')",
                           timeout=30_000)
    wait_idle(page)
    assert "Opened runner.json" in page.inner_text("[data-testid='stMainBlockContainer']")
    assert "units=Imperial" in page.url and "weeks=20" in page.url
    assert page.locator(".st-key-bodyweight_lb input").input_value() == "198"  # 90 kg, in whole pounds

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "something else"}))
    page.locator(".st-key-handover_profile input[type=file]").set_input_files(str(broken))
    page.wait_for_selector("text=broken.json could not be opened", timeout=30_000)
    assert "weeks=20" in page.url and "bodyweight_kg=90" in page.url  # the sidebar is left as it was
    assert page.locator(".st-key-bodyweight_lb input").input_value() == "198"


PAPER_PX = {"A4": (210, 297), "Letter": (215.9, 279.4)}
"""Paper sizes in mm; the report prints with 15 mm side and 14 mm top and bottom margins."""
OVERLAPS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(plot => {
  const box = plot.querySelector('.main-svg').getBoundingClientRect();
  const rects = sel => Array.from(plot.querySelectorAll(sel)).filter(t => t.textContent.trim())
      .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; });
  const texts = rects('.xtitle, .ytitle, .y2title, .xtick text, .ytick text, .y2tick text, .legendtext, .gtitle');
  const outside = texts.filter(t => t.l < box.left - 0.5 || t.r > box.right + 0.5 || t.t < box.top - 0.5 || t.b > box.bottom + 0.5)
      .map(t => t.text);
  const hit = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const clashes = [];
  for (const [title, ticks] of [['.ytitle', '.ytick text'], ['.y2title', '.y2tick text'], ['.xtitle', '.xtick text'],
                                ['.xtitle', '.legendtext'], ['.xtitle', '.legend rect.bg']]) {
    for (const a of rects(title)) for (const b of (title && ticks.includes('rect') ? Array.from(plot.querySelectorAll(ticks)).map(r => { const x = r.getBoundingClientRect(); return {text: 'legend', l: x.left, r: x.right, t: x.top, b: x.bottom}; }) : rects(ticks)))
      if (hit(a, b)) clashes.push(a.text + ' / ' + b.text);
  }
  return {outside, clashes, width: box.width};
})"""


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_the_printed_report_fits_its_summary_on_page_one_and_its_chart_labels(browser, tmp_path, size):
    width_mm, height_mm = PAPER_PX[size]
    px = 96 / 25.4
    printable = (round((width_mm - 30) * px), round((height_mm - 28) * px))
    plan = build_plan(PlanInputs(units="imperial", bodyweight_kg=100, weeks=52, loaded_runs_per_week=2,
                                 start_date=dt.date(2026, 11, 23)))
    path = tmp_path / "report.html"
    path.write_text(report_html(plan, "Jane Doe", today=TODAY), encoding="utf-8")
    page = browser.new_page(viewport={"width": printable[0], "height": printable[1]})
    open_report(page, path)
    page.emulate_media(media="print")

    # Page 1: the summary, whole. Measured at the printable width, and printed on its own.
    summary = page.locator("#summary").bounding_box()
    assert summary["height"] <= printable[1], (size, summary["height"], printable[1])
    assert "The form test." in page.inner_text("#summary") and "Sun 06 Dec" in page.inner_text("#summary")
    page.add_style_tag(content="#summary ~ * { display: none !important; } "
                               "#summary { break-after: auto !important; }")  # else a blank page follows
    alone = page.pdf(format=size, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", alone)) == 1, size

    # The charts as printed: every tick number, axis title and legend entry inside the chart, and
    # no axis title on its tick labels, no "Week" on the legend.
    for chart in page.evaluate(OVERLAPS):
        assert chart["outside"] == [] and chart["clashes"] == [], (size, chart)
        assert chart["width"] <= printable[0]
    page.close()
