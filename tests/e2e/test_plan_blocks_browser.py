"""The Plan page's HTML blocks in a browser (core/present/blocks.py): the week-by-week table follows
the link and the weeks slider, scrolls by keyboard with its header row in view, at a coach's
screen size and on a phone; the headline numbers sit in one row at 1280 px."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e

ROWS = "() => document.querySelectorAll('.plan-weeks tbody tr').length"
HEADER_OFFSET = """() => {
  const box = document.querySelector('.plan-weeks'), th = box.querySelector('th');
  return th.getBoundingClientRect().top - box.getBoundingClientRect().top;
}"""


@pytest.mark.parametrize("viewport", [(1280, 720), (390, 844)], ids=["desktop", "phone"])
def test_the_week_table_follows_the_link_and_scrolls_by_keyboard_with_its_header_in_view(browser, app_url, viewport):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(f"{app_url}/?weeks=30")
    wait_idle(page)
    assert page.evaluate(ROWS) == 30
    assert page.locator(".plan-weeks").get_attribute("aria-label") == "Week by week"
    box = page.locator(".plan-weeks")
    box.focus()  # a tab stop: the keyboard scrolls it
    assert page.evaluate("() => document.activeElement.classList.contains('plan-weeks')")
    before = page.evaluate(HEADER_OFFSET)
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.plan-weeks').scrollTop > 0", timeout=5_000)
    assert abs(page.evaluate(HEADER_OFFSET) - before) < 2  # the header row stays at the top
    last = page.locator(".plan-weeks tbody tr").last
    assert last.locator("td").first.inner_text() == "30" and last.is_visible()
    context.close()


def test_moving_the_weeks_slider_redraws_the_week_table_and_the_headline(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    assert page.evaluate(ROWS) == 12
    tops = page.evaluate("() => [...document.querySelectorAll('.plan-headline dt')].map(d => d.getBoundingClientRect().top)")
    assert len(tops) == 5 and max(tops) - min(tops) < 1  # one row of five at 1280 px
    page.locator(".st-key-weeks input[type=range]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('weeks=13')", timeout=15_000)
    page.wait_for_function(f"() => ({ROWS})() === 13", timeout=15_000)
    wait_idle(page)
    assert "of 13" in page.locator(".plan-this-week h2").inner_text()
