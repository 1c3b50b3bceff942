"""What only a browser shows on the Athletes page: opening an athlete moves the sidebar, the profile
dialog and the URL."""

from __future__ import annotations

import datetime as dt

import pytest

from core.io import store
from core.planner.models import PlanInputs
from tests.clock import NOW
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e


@pytest.fixture
def saved_athlete(athletes_database_url) -> str:
    engine = store.create_engine(athletes_database_url)
    store.ensure_schema(engine)
    name = "Browser test runner"
    store.save(engine, store.LOCAL_OWNER, name,
               PlanInputs(bodyweight_kg=82, carrier="backpack", pack_hip_belt=True, weeks=20,
                          progression_weeks=2, start_date=dt.date(2027, 1, 4)), now=NOW)
    engine.dispose()
    return name


def test_opening_an_athlete_sets_the_sidebar_and_the_address_bar(page, app_url, saved_athlete):
    page.goto(f"{app_url}/")
    wait_idle(page)
    page.get_by_role("link", name="Athletes").click()
    page.wait_for_url("**/athletes**", timeout=15_000)
    wait_idle(page)
    assert page.locator(".st-key-bodyweight_kg input").input_value() == "70"
    page.locator(".st-key-athlete_choice").click()
    page.get_by_role("option", name=saved_athlete).click()
    wait_idle(page)
    page.locator(".st-key-open_athlete_btn button:visible").click()  # a button with help has a hidden twin
    page.wait_for_function("() => location.search.includes('bodyweight_kg=82')", timeout=15_000)
    wait_idle(page)
    assert page.locator(".st-key-bodyweight_kg input").input_value() == "82"
    assert page.locator(".st-key-carrier input").input_value() == "Backpack"
    assert "pack with hip belt" in page.locator("[data-testid='stSidebar']").inner_text()  # the profile caption
    # Values equal to a widget's first option (a step every 2 weeks) and dates are in the link too.
    for part in ("bodyweight_kg=82", "carrier=Backpack", "weeks=20", "pack_hip_belt=true", "progression_weeks=2",
                 "start_date=2027-01-04"):
        assert part in page.url
    assert "Opened Browser test runner" in page.locator("[data-testid='stMainBlockContainer']").inner_text()

    page.locator(".st-key-edit_profile button:visible").click()  # the settings behind "Edit profile"
    dialog = page.locator("[role='dialog']")
    dialog.get_by_role("tab", name="Goal & equipment").click()
    assert dialog.locator(".st-key-profile_pack_hip_belt input").is_checked()
    assert not dialog.locator(".st-key-profile_pack_chest_strap input").is_checked()
    dialog.get_by_role("tab", name="Plan").click()
    assert dialog.locator(".st-key-profile_progression_weeks input[type=radio]").first.is_checked()  # 2 weeks
    dialog.locator(".st-key-profile_cancel button").click()
    page.wait_for_selector("[role='dialog']", state="detached", timeout=15_000)
    wait_idle(page)

    shared = page.url  # the address bar is a link that reproduces the athlete's inputs
    page.goto(shared.replace("/athletes", "/"))
    wait_idle(page)
    assert page.locator(".st-key-bodyweight_kg input").input_value() == "82"
    assert page.locator(".st-key-carrier input").input_value() == "Backpack"
    assert page.locator("[data-testid='stException']").count() == 0
