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
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e
NAME = '<img src=x onerror="window.__hacked = 1"> Jane <b>Doe</b>'
PLOTS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
    traces: p.data.length, points: p.data.reduce((n, t) => n + (t.y ? t.y.length : 0), 0),
    drawn: p.querySelectorAll('.main-svg').length, width: p.getBoundingClientRect().width}))"""


def open_report(page, path) -> None:
    remote = []
    page.on("request", lambda r: remote.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(path.as_uri())
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2",
                           timeout=30_000)
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
        assert pdf.startswith(b"%PDF") and 3 <= pages <= 8, (size, pages)
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
    page.wait_for_function("() => document.querySelector('.st-key-bodyweight_kg')?.innerText.includes('198 lb')",
                           timeout=30_000)
    wait_idle(page)
    assert "Opened runner.json" in page.inner_text("[data-testid='stMainBlockContainer']")
    assert "units=Imperial" in page.url and "weeks=20" in page.url

    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "something else"}))
    page.locator(".st-key-handover_profile input[type=file]").set_input_files(str(broken))
    page.wait_for_selector("text=broken.json could not be opened", timeout=30_000)
    assert "198 lb" in page.locator(".st-key-bodyweight_kg").inner_text()  # the sidebar is left as it was
