"""The watch workouts as a browser downloads them: one session's .fit from the Week page and the
next weeks' zip from the Plan page (every planned run and lift, named after the open athlete), each
read back by fitdecode and Garmin's own decoder. The server's clock is fixed with faketime, so "this
week" and "from today" are the same on any day."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from core.io import store
from core.planner.models import PlanInputs
from tests.clock import NOW
from tests.e2e.conftest import open_hand_over, serve_app, wait_idle
from tests.e2e.test_report_browser import _download
from tests.io.test_workouts import assert_speed_target, decoded

pytestmark = pytest.mark.e2e

LINK = "start_date=2026-11-23"
ZIP_ATHLETE = "Watch Zip Runner"


@pytest.fixture(scope="module")
def dated_app_url(athletes_database_url):
    with serve_app({"PLANNER_DATABASE_URL": athletes_database_url}, clock="2026-11-20 09:30:00") as url:
        yield url


def test_the_week_page_downloads_the_chosen_workout_for_the_watch(page, dated_app_url, tmp_path):
    page.context.set_default_timeout(30_000)
    page.goto(f"{dated_app_url}/week?{LINK}")
    wait_idle(page)
    first = _download(page, ".st-key-download_workout button:visible")
    assert first.value.suggested_filename == "2026-11-23-w1-easy-1.fit"  # the week's first session
    first.value.save_as(tmp_path / "easy.fit")
    workout, steps, g_steps = decoded((tmp_path / "easy.fit").read_bytes())
    assert workout["wkt_name"] == "W1 Mon Easy 8km" and steps[1]["duration_distance"] == 8000.0
    assert_speed_target(steps[1], g_steps[1], PlanInputs(), "easy")

    page.locator(".st-key-workout_session").click()
    page.get_by_role("option", name="Wed 25 Nov · Loaded run · 3.5 kg vest · 4 km easy").click()
    wait_idle(page)
    loaded = _download(page, ".st-key-download_workout button:visible")
    assert loaded.value.suggested_filename == "2026-11-25-w1-loaded-1.fit"
    loaded.value.save_as(tmp_path / "loaded.fit")
    workout, steps, g_steps = decoded((tmp_path / "loaded.fit").read_bytes())
    assert workout["wkt_name"] == "W1 Wed Loaded 3.5kg"
    assert [s["duration_type"] for s in steps] == ["open", "distance", "open"]
    assert steps[1]["duration_distance"] == 4000.0
    assert_speed_target(steps[1], g_steps[1], PlanInputs(), "loaded")
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.fixture
def zip_athlete(athletes_database_url) -> str:
    engine = store.create_engine(athletes_database_url)
    store.ensure_schema(engine)
    store.save(engine, store.LOCAL_OWNER, ZIP_ATHLETE, PlanInputs(start_date=dt.date(2026, 11, 23)), now=NOW)
    engine.dispose()
    return ZIP_ATHLETE


def test_the_plan_page_downloads_every_planned_session_of_the_next_weeks_as_one_zip_named_after_the_athlete(
        page, dated_app_url, zip_athlete, tmp_path):
    page.goto(f"{dated_app_url}/?{LINK}")
    wait_idle(page)
    open_hand_over(page)
    button = page.locator(".st-key-download_workouts button:visible")  # a button with help has a hidden twin
    button.scroll_into_view_if_needed()
    assert button.inner_text().strip().endswith("Watch workouts (.zip, 16 files)")
    download = _download(page, ".st-key-download_workouts button:visible")
    assert download.value.suggested_filename == "loaded-plan-2026-11-23-workouts.zip"
    download.value.save_as(tmp_path / "workouts.zip")
    archive = zipfile.ZipFile(io.BytesIO((tmp_path / "workouts.zip").read_bytes()))
    assert archive.namelist() == [  # every planned session of the two weeks; Friday is a rest day
        "2026-11-23-w1-easy-1.fit", "2026-11-24-w1-hard-1.fit", "2026-11-24-w1-A-1.fit",
        "2026-11-25-w1-loaded-1.fit", "2026-11-26-w1-hard-2.fit", "2026-11-26-w1-B-1.fit",
        "2026-11-28-w1-easy-2.fit", "2026-11-29-w1-long-1.fit",
        "2026-11-30-w2-easy-1.fit", "2026-12-01-w2-hard-1.fit", "2026-12-01-w2-A-1.fit",
        "2026-12-02-w2-loaded-1.fit", "2026-12-03-w2-hard-2.fit", "2026-12-03-w2-B-1.fit",
        "2026-12-05-w2-easy-2.fit", "2026-12-06-w2-long-1.fit"]
    names = [decoded(archive.read(member))[0]["wkt_name"] for member in archive.namelist()]
    assert names == [f"W{w} {name}" for w in (1, 2) for name in (
        "Mon Easy 8km", "Tue Hard 10km", "Tue Strength A", "Wed Loaded 3.5kg", "Thu Hard 10km",
        "Thu Strength B", "Sat Easy 8km", "Sun Long 16km")]
    for member in archive.namelist():
        kind = member.split("-")[4]
        if kind in ("easy", "hard", "long", "loaded"):
            _, steps, g_steps = decoded(archive.read(member))
            assert_speed_target(steps[1], g_steps[1], PlanInputs(), kind)

    # With an athlete open, the zip carries the athlete's name, as the other hand-over files do.
    page.get_by_role("link", name="Athletes").click()
    page.wait_for_url("**/athletes**", timeout=15_000)
    wait_idle(page)
    page.locator(".st-key-athlete_choice").click()
    page.keyboard.type(zip_athlete)  # the list holds the other tests' athletes too, and draws only what fits
    page.get_by_role("option", name=zip_athlete).click()
    wait_idle(page)
    page.locator(".st-key-open_athlete_btn button:visible").click()
    page.get_by_text(f"Opened {zip_athlete}").wait_for(timeout=30_000)
    page.get_by_role("link", name="Plan", exact=True).click()
    page.wait_for_function("() => !location.pathname.endsWith('/athletes')", timeout=15_000)
    wait_idle(page)
    open_hand_over(page)  # a page of its own again: the hand-over starts closed
    page.locator(".st-key-download_workouts button:visible").scroll_into_view_if_needed()
    named = _download(page, ".st-key-download_workouts button:visible")
    assert named.value.suggested_filename == "loaded-plan-watch-zip-runner-2026-11-23-workouts.zip"
    assert page.locator("[data-testid='stException']").count() == 0
