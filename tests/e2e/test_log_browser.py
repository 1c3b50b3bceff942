"""What only a browser shows on the Log page: a real file upload through the file picker, the
imported run in the log table, the uploader emptied after the import, a session logged through the
form, and the Plan page adapting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e

RUN_FIT = Path(__file__).resolve().parents[1] / "data" / "2013-02-06-12-11-14.fit"
UPLOADER = "[class*='st-key-log_upload_']"  # the key ends with the number of imports done (log_upload_<n>)


def main_text(page) -> str:
    return page.locator("[data-testid='stMainBlockContainer']").inner_text()


def table_text(page, expected: str) -> str:
    """The log table's cells once they hold ``expected``: the grid draws on a canvas, and its
    accessible table (inside the canvas) holds the text."""
    table = ".st-key-log_sessions [data-testid='stDataFrame']"
    page.wait_for_function(f"() => document.querySelector(\"{table}\")?.textContent.includes({expected!r})",
                           timeout=15_000)
    return page.locator(table).text_content() or ""


def test_import_a_watch_file_log_a_loaded_run_and_the_plan_adapts(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    page.get_by_role("link", name="Log").click()
    page.wait_for_url("**/log**", timeout=15_000)
    wait_idle(page)
    assert page.locator("h1").first.inner_text() == "Training log"

    page.locator(f"{UPLOADER} input[type=file]").set_input_files(str(RUN_FIT))
    page.locator(".st-key-log_import button:enabled").wait_for(timeout=30_000)  # the upload finished
    wait_idle(page)
    assert page.locator(f"{UPLOADER} [data-testid='stFileChip']").count() == 1
    page.locator(".st-key-log_import button").click()
    page.get_by_text("Imported 1 session").wait_for(timeout=30_000)
    wait_idle(page)
    assert "Imported 1 session; 0 were already in the log." in main_text(page)
    # The imported file leaves the uploader (a fresh one), and Import waits for the next files.
    assert page.locator(f"{UPLOADER} [data-testid='stFileChip']").count() == 0
    assert RUN_FIT.name not in page.locator(UPLOADER).inner_text()
    assert page.locator(".st-key-log_import button").is_disabled()
    page.locator(".st-key-log_show_all label").click()  # a 2013 run: older than the table's 8 weeks
    cells = table_text(page, RUN_FIT.name)
    assert "4.8 km" in cells and "Run" in cells, cells

    day = dt.date.today() - dt.timedelta(days=2)  # before today: the plan reads the log up to yesterday
    date_input = page.locator(".st-key-log_session_date input")
    date_input.fill(day.isoformat())
    date_input.press("Enter")
    page.locator(".st-key-log_session_distance input").fill("5")
    page.locator(".st-key-log_session_minutes input").fill("35")
    page.locator(".st-key-log_session_load input").fill("5")
    page.locator(".st-key-log_session_load input").press("Tab")
    page.locator(".st-key-log_session_form label").filter(has_text="Failed").click()
    page.locator(".st-key-log_session_save button").click()
    page.get_by_text("Logged: ").wait_for(timeout=30_000)
    wait_idle(page)
    assert f"Logged: {day:%a %d %b %Y} · Run · 5 km · carrying 5 kg." in main_text(page)
    assert "carrying" not in table_text(page, "Failed")  # the new row is in the table

    page.get_by_role("link", name="Plan", exact=True).click()
    page.wait_for_function("() => !location.pathname.endsWith('/log')", timeout=15_000)
    wait_idle(page)
    text = main_text(page)
    assert "the form test failed" in text, text
    assert "Plan of My training" in text
    assert page.locator("[data-testid='stException']").count() == 0
