"""The watch workouts as a browser downloads them: one session's .fit from the Week page and the
next weeks' zip from the Plan page, each read back by fitdecode and Garmin's own decoder. The
server's clock is fixed with faketime, so "this week" and "from today" are the same on any day."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.e2e.conftest import serve_app, wait_idle
from tests.e2e.test_report_browser import _download
from tests.io.test_workouts import decoded

pytestmark = pytest.mark.e2e

LINK = "start_date=2026-11-23"


@pytest.fixture(scope="module")
def dated_app_url(athletes_database_url):
    with serve_app({"PLANNER_DATABASE_URL": athletes_database_url}, clock="2026-11-20 09:30:00") as url:
        yield url


def test_the_week_page_downloads_the_chosen_workout_for_the_watch(page, dated_app_url, tmp_path):
    page.context.set_default_timeout(30_000)
    page.goto(f"{dated_app_url}/week?{LINK}")
    wait_idle(page)
    first = _download(page, ".st-key-download_workout button:visible")
    assert first.value.suggested_filename == "2026-11-24-w1-A-1.fit"
    first.value.save_as(tmp_path / "a.fit")
    workout, steps, _ = decoded((tmp_path / "a.fit").read_bytes())
    assert workout["wkt_name"] == "W1 Tue Strength A" and steps[0]["wkt_step_name"] == "Front squat"

    page.locator(".st-key-workout_session").click()
    page.get_by_role("option", name="Wed 25 Nov · Loaded run · 3.5 kg vest · 4 km easy").click()
    wait_idle(page)
    loaded = _download(page, ".st-key-download_workout button:visible")
    assert loaded.value.suggested_filename == "2026-11-25-w1-loaded-1.fit"
    loaded.value.save_as(tmp_path / "loaded.fit")
    workout, steps, _ = decoded((tmp_path / "loaded.fit").read_bytes())
    assert workout["wkt_name"] == "W1 Wed Loaded 3.5kg"
    assert [s["duration_type"] for s in steps] == ["open", "distance", "open"]
    assert steps[1]["duration_distance"] == 4000.0
    assert page.locator("[data-testid='stException']").count() == 0


def test_the_plan_page_downloads_the_next_weeks_of_workouts_as_one_zip(page, dated_app_url, tmp_path):
    page.goto(f"{dated_app_url}/?{LINK}")
    wait_idle(page)
    button = page.locator(".st-key-download_workouts button:visible")  # a button with help has a hidden twin
    button.scroll_into_view_if_needed()
    assert button.inner_text().strip().endswith("Watch workouts (.zip, 6 files)")
    download = _download(page, ".st-key-download_workouts button:visible")
    assert download.value.suggested_filename == "loaded-plan-2026-11-23-workouts.zip"
    download.value.save_as(tmp_path / "workouts.zip")
    archive = zipfile.ZipFile(io.BytesIO((tmp_path / "workouts.zip").read_bytes()))
    assert archive.namelist() == ["2026-11-24-w1-A-1.fit", "2026-11-25-w1-loaded-1.fit", "2026-11-26-w1-B-1.fit",
                                  "2026-12-01-w2-A-1.fit", "2026-12-02-w2-loaded-1.fit", "2026-12-03-w2-B-1.fit"]
    names = [decoded(archive.read(member))[0]["wkt_name"] for member in archive.namelist()]
    assert names == ["W1 Tue Strength A", "W1 Wed Loaded 3.5kg", "W1 Thu Strength B",
                     "W2 Tue Strength A", "W2 Wed Loaded 3.5kg", "W2 Thu Strength B"]
