"""The pages' independent parts rerun alone (``st.fragment``): the week to show (Week and
Strength), the check-in answers (Check-in and Log) and scenario B change their part of the page and
leave the sidebar and the navigation untouched. A full rerun marks every sidebar element stale and
back (class changes), so a MutationObserver on the sidebar that sees nothing means the press did not
rerun the app; each test also presses a sidebar input once, to show the observer does see a full
rerun."""

from __future__ import annotations

import pytest

from core.planner.checkin import INCOMPLETE_CHECKIN, READINESS_QUESTIONS, UNANSWERED_PROMPT
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e

WATCH = """() => {
    window.__outside = 0;
    const count = () => { window.__outside++; };
    new MutationObserver(count).observe(document.querySelector("[data-testid='stSidebar']"),
        {attributes: true, childList: true, subtree: true, characterData: true});
    const nav = document.querySelector("header [data-testid='stTopNavLinkContainer'], [data-testid='stSidebarNav']");
    if (nav) new MutationObserver(count).observe(nav, {attributes: true, childList: true, subtree: true});
}"""
MAIN = "[data-testid='stMainBlockContainer']"
PLOT = """(key) => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    return plot && plot.data ? JSON.stringify(plot.data.map(t => [t.x, t.y, t.z])) : null;
}"""


def outside_mutations(page) -> int:
    return page.evaluate("() => window.__outside")


def open_at(page, url: str, ready: str) -> None:
    """``url``, idle, with the element ``ready`` (a selector) drawn."""
    page.goto(url)
    page.wait_for_selector(ready, timeout=60_000)
    wait_idle(page)


def drawn(page, chart: str) -> str:
    """The data of the chart keyed ``chart``, once it is drawn."""
    page.wait_for_function(f"() => ({PLOT})({chart!r}) !== null")
    return page.evaluate(PLOT, chart)


def wait_redrawn(page, chart: str, before: str) -> None:
    page.wait_for_function(f"(before) => ({PLOT})({chart!r}) !== before", arg=before, timeout=15_000)


def wait_main_text(page, text: str, *, shown: bool = True) -> None:
    page.wait_for_function(f"(text) => document.querySelector({MAIN!r}).innerText.includes(text) === {str(shown).lower()}",
                           arg=text, timeout=15_000)


def press_slider(page, key: str, direction: str = "ArrowRight") -> None:
    page.locator(f".st-key-{key} input[type=range]").focus()
    page.keyboard.press(direction)
    page.wait_for_timeout(300)  # the press has reached the server; wait_idle then waits for its run
    wait_idle(page)


def watch_outside(page) -> None:
    """Start counting, once the page has settled (a first visit can rerun once more after it is
    idle, e.g. to date the plan in the address bar)."""
    page.wait_for_timeout(1000)
    wait_idle(page)
    page.evaluate(WATCH)


def a_full_rerun_is_seen(page) -> None:
    """The control: the sidebar's plan length reruns the whole app, and the observer sees it."""
    press_slider(page, "weeks")
    assert outside_mutations(page) > 0


def test_the_week_to_show_reruns_only_its_part(page, app_url):
    open_at(page, f"{app_url}/week", ".st-key-week_shown input[type=range]")
    before, calendar = drawn(page, "week_chart"), drawn(page, "calendar_chart")
    url = page.url
    watch_outside(page)
    press_slider(page, "week_shown")
    wait_redrawn(page, "week_chart", before)
    assert outside_mutations(page) == 0
    assert page.evaluate(PLOT, "calendar_chart") == calendar  # outside the part: not redrawn
    assert page.url == url  # the week shown is not part of the plan's link
    a_full_rerun_is_seen(page)


def test_the_check_in_answers_rerun_only_their_part(page, app_url):
    open_at(page, f"{app_url}/checkin", f".st-key-ready_{READINESS_QUESTIONS[0][0]}")
    assert UNANSWERED_PROMPT in page.locator(MAIN).inner_text()
    watch_outside(page)
    for key, _question in READINESS_QUESTIONS:
        page.locator(f".st-key-ready_{key} button").first.click()  # "Yes"
        wait_idle(page)
    wait_main_text(page, UNANSWERED_PROMPT, shown=False)
    assert outside_mutations(page) == 0
    a_full_rerun_is_seen(page)


def test_scenario_b_reruns_only_its_part(page, app_url):
    open_at(page, f"{app_url}/compare", ".st-key-compare_b_weeks input[type=range]")
    before = drawn(page, "compare_chart")
    watch_outside(page)
    press_slider(page, "compare_b_weeks")
    wait_redrawn(page, "compare_chart", before)
    assert "b_weeks=" in page.url  # B's part of the link still follows B
    assert outside_mutations(page) == 0
    a_full_rerun_is_seen(page)


def test_the_strength_week_to_show_reruns_only_its_part(page, app_url):
    open_at(page, f"{app_url}/strength", ".st-key-strength_week input[type=range]")
    headings = page.locator(MAIN).locator("h2")
    sessions = headings.all_inner_texts()  # each session's heading carries its date
    watch_outside(page)
    press_slider(page, "strength_week")
    page.wait_for_function(f"(before) => [...document.querySelectorAll({MAIN + ' h2'!r})]"
                           ".map(h => h.innerText).join('\\n') !== before", arg="\n".join(sessions), timeout=15_000)
    assert headings.all_inner_texts() != sessions
    assert outside_mutations(page) == 0
    a_full_rerun_is_seen(page)


def test_the_log_pages_check_in_reruns_only_its_box(page, app_url):
    """Answering on the Log page, and a save refused for a missing answer, leave the rest alone."""
    first = READINESS_QUESTIONS[0][0]
    open_at(page, f"{app_url}/log", f".st-key-log_ready_{first}")
    watch_outside(page)
    page.locator(f".st-key-log_ready_{first} button").first.click()  # "Yes" to the first question only
    wait_idle(page)
    page.locator(".st-key-log_checkin_save button").click()
    wait_main_text(page, INCOMPLETE_CHECKIN)
    assert outside_mutations(page) == 0
    a_full_rerun_is_seen(page)
