"""A shared link always holds the plan: whatever way a plan was entered (a link typed by hand
in any format the app accepts, or a profile opened), change one input, copy the address bar and
open it in a fresh browser: the plan is identical, compared by the plan's own JSON profile."""

from __future__ import annotations

import json
import os
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from core import PlanInputs
from core.io.profile import profile_json
from core.present.grids import GRIDS, param_name
from tests.e2e.conftest import open_hand_over, wait_idle
from tests.e2e.test_report_browser import _download
from tests.strategies import plan_inputs

pytestmark = pytest.mark.e2e
EXAMPLES = max(1, int(os.environ.get("LINK_EXAMPLES", "5")))
DEFAULTS = PlanInputs()


def typed_link(inputs: PlanInputs) -> str:
    """The link a person would type: plain field values (codes, metric numbers), not the widgets' labels."""
    params: list[tuple[str, str]] = []
    for name, value in inputs.model_dump(mode="json").items():
        if value == DEFAULTS.model_dump(mode="json")[name]:
            continue
        if isinstance(value, list):
            params += [(name, v) for v in value] or [(name, "")]
        elif isinstance(value, bool):
            params.append((name, "true" if value else "false"))
        else:
            params.append((name, str(value)))
    return "/?" + urlencode(params)


def profile_of(page, tmp_path) -> dict:
    open_hand_over(page)
    download = _download(page, ".st-key-download_json button")
    path = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}.json"
    download.value.save_as(path)
    return json.loads(path.read_text())["inputs"]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(inputs=plan_inputs(), path=st.sampled_from(["typed link", "profile"]))
def test_change_one_input_copy_the_address_bar_and_get_the_same_plan(browser, app_url, tmp_path_factory,
                                                                     inputs, path):
    tmp_path = tmp_path_factory.mktemp("links")
    first = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = first.new_page()
    if path == "typed link":
        page.goto(app_url + typed_link(inputs))
        wait_idle(page)
    else:
        page.goto(app_url + "/")
        wait_idle(page)
        profile = tmp_path / "runner.json"
        profile.write_text(profile_json(inputs))
        open_hand_over(page)
        page.locator(".st-key-handover_profile input[type=file]").set_input_files(str(profile))
        page.wait_for_function("() => document.body.innerText.includes('Opened runner.json') "
                               "|| document.body.innerText.includes('Open it anyway')", timeout=30_000)
        if page.locator(".st-key-handover_open_anyway button").count():
            page.locator(".st-key-handover_open_anyway button:visible").click()
        page.wait_for_function("() => document.body.innerText.includes('Opened runner.json')", timeout=30_000)
        wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    opened = profile_of(page, tmp_path)
    assert opened["bodyweight_kg"] <= inputs.bodyweight_kg + 1e-9  # never rounded up
    assert opened["equipment_max_kg"] <= inputs.equipment_max_kg + 1e-9
    assert opened["start_date"] == inputs.start_date.isoformat()

    # One more (or, at the top of the grid, one less) kg or lb typed into the bodyweight.
    bodyweight = f".st-key-{param_name('bodyweight_kg', inputs.units)}"
    shown = page.locator(f"{bodyweight} input").input_value()
    top = GRIDS["bodyweight_kg"][inputs.units].high
    page.locator(f"{bodyweight} input").fill(f"{float(shown) + (1 if float(shown) + 1 <= top else -1):g}")
    page.locator(f"{bodyweight} input").press("Enter")
    # The input shows its new value at once; the run it starts may begin a moment later, so poll
    # the plan's own profile until the run has happened (a few tries at most).
    page.wait_for_function("([selector, shown]) => document.querySelector(selector).value !== shown",
                           arg=[f"{bodyweight} input", shown], timeout=15_000)
    for _ in range(6):
        wait_idle(page)
        changed = profile_of(page, tmp_path)
        if changed["bodyweight_kg"] != opened["bodyweight_kg"]:
            break
        page.wait_for_timeout(500)
    assert changed["bodyweight_kg"] != opened["bodyweight_kg"]
    assert {k: v for k, v in changed.items() if k != "bodyweight_kg"} == \
        {k: v for k, v in opened.items() if k != "bodyweight_kg"}  # one input changed, nothing else
    shared = page.url
    first.close()

    fresh = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = fresh.new_page()
    page.goto(shared)
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert profile_of(page, tmp_path) == changed, shared
    fresh.close()


EVENT_PLAN = PlanInputs(
    bodyweight_kg=80, goal="pack_event", carrier="backpack", pack_chest_strap=True, pack_hip_belt=True,
    equipment_max_kg=20, start_date="2027-01-04", event_date="2027-06-19", event_kind="trail_ultra",
    event_distance_km=50, event_standard="goruck_light", running="build")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, {"width": 390, "height": 844}])
def test_a_link_with_an_event_reopens_the_same_plan_in_phases(browser, app_url, tmp_path_factory, viewport):
    """Issue 23: the event travels in the link; the address bar the app writes opens the same plan."""
    tmp_path = tmp_path_factory.mktemp("event-link")
    first = browser.new_context(viewport=viewport, accept_downloads=True)
    page = first.new_page()
    page.goto(app_url + typed_link(EVENT_PLAN))
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    heading = page.locator(".plan-this-week h2").inner_text()
    assert "week 1 of 24 · Preparation phase" in heading
    phone = viewport["width"] < 500  # the hand-over's downloads sit further down on a phone: compare the link
    opened = None if phone else profile_of(page, tmp_path)
    assert opened is None or (opened["event_date"] == "2027-06-19" and opened["event_standard"] == "goruck_light")
    shared = page.url
    assert "event_date=2027-06-19" in shared and "running=" in shared
    first.close()
    fresh = browser.new_context(viewport=viewport, accept_downloads=True)
    page = fresh.new_page()
    page.goto(shared)
    wait_idle(page)
    assert page.locator(".plan-this-week h2").inner_text() == heading
    assert page.url == shared
    if opened is not None:
        assert profile_of(page, tmp_path) == opened, shared
    fresh.close()
