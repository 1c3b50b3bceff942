"""What only a browser shows of a consultation: scenario B in the link and adopted in one click,
the question before unsaved changes are replaced, and presentation mode readable on a projector."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.io import store
from core.planner.models import PlanInputs
from tests.clock import NOW
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e
MAIN = "[data-testid='stMainBlockContainer']"
LINES = """() => JSON.stringify(Object.fromEntries(document.querySelector('.st-key-compare_chart .js-plotly-plot')
    .data.filter(t => t.name && t.name.includes(': load')).map(t => [t.name, t.y])))"""


def compare_lines(page) -> dict[str, list[float]]:
    page.wait_for_selector(".st-key-compare_chart .js-plotly-plot", timeout=30_000)
    return json.loads(page.evaluate(LINES))


def test_scenario_b_is_in_the_link_and_use_b_adopts_it(page, app_url):
    page.goto(f"{app_url}/compare?b_progression_weeks=2&b_weeks=16")
    wait_idle(page)
    lines = compare_lines(page)
    assert lines["A: load (kg)"] != lines["B: load (kg)"] and len(lines["B: load (kg)"]) == 16
    assert "b_progression_weeks=2" in page.url and "b_weeks=16" in page.url  # kept, not "not a planner setting"
    assert "not a planner setting" not in page.inner_text(MAIN)
    page.locator(".st-key-compare_use_b button:visible").click()
    page.wait_for_function("() => !location.search.includes('b_') && location.search.includes('progression_weeks=2')",
                           timeout=30_000)
    wait_idle(page)
    assert "weeks=16" in page.url
    assert "B is now the plan" in page.inner_text(MAIN)
    lines = compare_lines(page)
    assert lines["A: load (kg)"] == lines["B: load (kg)"] and len(lines["A: load (kg)"]) == 16

    shared = page.url.replace("/compare", "/")  # the adopted plan is the link's plan in a fresh browser
    fresh = page.context.browser.new_page(viewport={"width": 1280, "height": 720})
    fresh.goto(shared)
    wait_idle(fresh)
    assert "This week: week 1 of 16" in fresh.inner_text(MAIN) and "progression_weeks=2" in fresh.url
    fresh.close()


@pytest.fixture
def two_athletes(athletes_database_url) -> tuple[str, str]:
    engine = store.create_engine(athletes_database_url)
    store.ensure_schema(engine)
    names = ("Prompt test Ana", "Prompt test Ben")
    for name, weeks in zip(names, (14, 22), strict=True):
        if store.find_athlete(engine, store.LOCAL_OWNER, name) is None:
            store.save(engine, store.LOCAL_OWNER, name, PlanInputs(weeks=weeks, start_date=dt.date(2027, 1, 4)),
                       now=NOW)
    engine.dispose()
    return names


def choose_and_open(page, name: str) -> None:
    page.locator(".st-key-athlete_choice").click()
    # Type to filter: the shared test database holds other tests' athletes, and a long list is drawn
    # only in part, so the option may not exist until the list is narrowed down.
    page.keyboard.type(name)
    page.get_by_role("option", name=name).click()
    wait_idle(page)
    page.locator(".st-key-open_athlete_btn button:visible").click()
    wait_idle(page)


def test_opening_another_athlete_over_unsaved_changes_asks_first(page, app_url, two_athletes):
    ana, ben = two_athletes
    page.goto(f"{app_url}/athletes")
    wait_idle(page)
    choose_and_open(page, ana)
    page.wait_for_function("() => location.search.includes('weeks=14')", timeout=30_000)
    wait_idle(page)
    page.locator(".st-key-weeks input").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('weeks=15')", timeout=30_000)
    wait_idle(page)
    assert "1 unsaved change" in page.locator(".st-key-whose_plan").inner_text()

    choose_and_open(page, ben)
    prompt = page.locator(".st-key-unsaved_prompt")
    prompt.wait_for(timeout=30_000)
    assert f"Opening {ben} replaces the sidebar's inputs" in prompt.inner_text()
    assert "Plan length (weeks): 14 → 15" in prompt.inner_text()
    for key in ("unsaved_save", "unsaved_discard", "unsaved_cancel"):
        assert page.locator(f".st-key-{key} button").is_visible(), key
    assert "weeks=15" in page.url  # nothing replaced while asking

    page.locator(".st-key-unsaved_cancel button").click()
    page.locator(".st-key-unsaved_prompt").wait_for(state="detached", timeout=30_000)
    wait_idle(page)
    assert "weeks=15" in page.url

    choose_and_open(page, ben)
    page.locator(".st-key-unsaved_discard button").click()
    page.wait_for_function("() => location.search.includes('weeks=22')", timeout=30_000)
    wait_idle(page)
    assert f"Plan of {ben}" in page.locator(".st-key-whose_plan").inner_text()
    assert page.locator("[data-testid='stException']").count() == 0


CLIPPED = """(sel) => { const root = document.querySelector(sel + ' .js-plotly-plot');
  const box = root.querySelector('.main-svg').getBoundingClientRect();
  return Array.from(root.querySelectorAll('.xtitle, .ytitle, .y2title, .xtick text, .ytick text, .y2tick text'))
    .filter(t => { const r = t.getBoundingClientRect();
                   return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5; })
    .map(t => t.textContent); }"""
TICK_SIZE = """(sel) => parseFloat(document.querySelector(sel + ' .js-plotly-plot .ytick text').style.fontSize)"""
CELL_SIZE = """(sel) => parseFloat(getComputedStyle(document.querySelector(sel + ' td')).fontSize)"""


def present(page) -> None:
    page.locator(".st-key-presentation_bar").get_by_text("Presentation mode").click()
    page.wait_for_function("() => getComputedStyle(document.documentElement).fontSize === '20px'", timeout=15_000)
    wait_idle(page)


@pytest.mark.parametrize("viewport", [(1280, 720), (1920, 1080)])
def test_presentation_mode_is_readable_on_a_projector(browser, app_url, two_athletes, viewport):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.goto(f"{app_url}/?weeks=20")
    wait_idle(page)
    present(page)
    # The week-by-week table (an HTML table) in the page's large type.
    page.wait_for_selector(".plan-weeks td", timeout=30_000)
    assert page.evaluate(CELL_SIZE, ".plan-weeks") >= 19
    assert page.locator(".plan-weeks tbody tr").count() == 20
    # The Plan chart: larger ticks, and no axis title or tick number outside the chart.
    page.wait_for_selector(".st-key-load_chart .js-plotly-plot .ytick text", timeout=30_000)
    assert page.evaluate(TICK_SIZE, ".st-key-load_chart") >= 16
    assert page.evaluate(CLIPPED, ".st-key-load_chart") == []

    page.locator("[data-testid='stTopNavLink']", has_text="Compare").first.click()
    page.wait_for_selector(".st-key-compare_chart .js-plotly-plot .ytick text", timeout=30_000)
    wait_idle(page)
    assert page.evaluate(TICK_SIZE, ".st-key-compare_chart") >= 16
    assert page.evaluate(CLIPPED, ".st-key-compare_chart") == []
    assert page.evaluate(CELL_SIZE, ".st-key-compare_table-projector") >= 19

    page.locator("[data-testid='stTopNavLink']", has_text="Athletes").first.click()
    page.wait_for_function("() => document.querySelector('h1')?.innerText === 'Athletes'", timeout=30_000)
    wait_idle(page)
    # No athlete open: the roster stays off the shared screen.
    text = page.inner_text(MAIN)
    assert "No athlete is open." in text and two_athletes[0] not in text and two_athletes[1] not in text
    page.locator(".st-key-presentation_bar").get_by_text("Presentation mode").click()  # off: choose and open one, then present again
    wait_idle(page)
    choose_and_open(page, two_athletes[1])
    page.locator(".st-key-unsaved_discard button").click()  # the linked 20 weeks were never saved: asked
    page.wait_for_function("() => location.search.includes('weeks=22')", timeout=30_000)
    wait_idle(page)
    present(page)
    page.wait_for_selector(".st-key-athletes_table-projector td", timeout=30_000)
    assert page.evaluate(CELL_SIZE, ".st-key-athletes_table-projector") >= 19
    assert page.locator(".st-key-athletes_table-projector tbody tr").count() == 1
    assert two_athletes[0] not in page.inner_text(MAIN)
    page.close()
