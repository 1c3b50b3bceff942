"""A link means the same plan on any day: the address bar always carries the start date, and a
server whose clock has moved on opens it unchanged (the clock faked with Debian's faketime)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import serve_app, wait_idle

pytestmark = pytest.mark.e2e


def start_in_link(page) -> str:
    page.wait_for_function("() => location.search.includes('start_date=')", timeout=15_000)
    found = re.search(r"start_date=(\d{4}-\d{2}-\d{2})", page.url)
    assert found, page.url
    return found.group(1)


def calendar_hover(page) -> list:
    """The whole-plan calendar's hover texts, which name every day's date, read from the chart."""
    page.wait_for_selector(".st-key-calendar_chart .js-plotly-plot", timeout=30_000)
    return page.evaluate("() => document.querySelector('.st-key-calendar_chart .js-plotly-plot').data[0].hovertext")


def test_a_link_made_at_new_year_opens_the_same_plan_a_month_later(browser, athletes_database_url):
    env = {"PLANNER_DATABASE_URL": athletes_database_url}
    with serve_app(env, clock="2026-12-28 10:00:00") as url:  # the week the old default broke links
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.goto(f"{url}/week?bodyweight_kg=80")
        wait_idle(page)
        assert start_in_link(page) == "2027-01-04"  # the Monday after the server's today
        link = page.url.split("/week", 1)[1]
        days = calendar_hover(page)
        assert days[0][0].startswith("Week 1, Mon 04 Jan")
        context.close()
    with serve_app(env, clock="2027-02-01 10:00:00") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.goto(f"{url}/week{link}")
        wait_idle(page)
        assert start_in_link(page) == "2027-01-04"
        assert "starts 2027-01-04" in page.locator("[data-testid='stSidebar']").inner_text()  # the profile caption
        page.locator(".st-key-edit_profile button:visible").click()  # the date input is behind "Edit profile"
        dialog = page.locator("[role='dialog']")
        dialog.get_by_role("tab", name="Running week").click()
        assert dialog.locator(".st-key-profile_start_date input").input_value() == "2027-01-04"
        dialog.locator(".st-key-profile_cancel button").click()
        page.wait_for_selector("[role='dialog']", state="detached", timeout=15_000)
        assert calendar_hover(page) == days
        assert page.locator("[data-testid='stException']").count() == 0
        context.close()
