"""What only a browser shows: shared links, typed numbers and the weeks slider moving charts and
the URL, page changes, presentation mode's bar of key inputs."""

from __future__ import annotations

import json

import pytest

from core.present.typed import TYPED_COMMA
from tests.e2e.conftest import open_hand_over, serve_app, wait_idle

pytestmark = pytest.mark.e2e
PAGES = ["", "week", "load", "deloads", "strength", "gear", "checkin"]


def load_line(page) -> list[float]:
    """The load trace's y values, read from the Plotly chart drawn in the page."""
    page.wait_for_selector(".st-key-load_chart .js-plotly-plot", timeout=30_000)
    data = page.evaluate("""() => {
        const plot = document.querySelector('.st-key-load_chart .js-plotly-plot');
        return JSON.stringify(plot.data.filter(t => t.name && t.name.startsWith('Load (')).map(t => t.y));
    }""")
    return json.loads(data)[0]


@pytest.mark.parametrize("link", [
    "/?units=Imperial&bodyweight_kg=90&weeks=20",  # as the app writes it: 90 kg sits on the kg grid
    "/?units=Imperial&bodyweight_kg=198+lb&weeks=20",  # an older link, in the old sidebar's labels
])
def test_shared_link_opens_with_its_values(page, app_url, link):
    page.goto(app_url + link)
    wait_idle(page)
    bodyweight = page.locator(".st-key-bodyweight_lb")  # imperial shows whole pounds
    assert bodyweight.locator("input").input_value() == "198" and "(lb)" in bodyweight.inner_text()
    assert page.locator(".st-key-weeks input[type=range]").input_value() == "20"
    for part in ("units=Imperial", "bodyweight_kg=90", "weeks=20"):  # an older link is rewritten
        assert part in page.url
    assert "lb" not in page.url.split("?", 1)[1]
    assert load_line(page)[0] == pytest.approx(9.92, abs=0.01)  # 4.5 kg in lb
    assert page.locator("[data-testid='stException']").count() == 0


def test_typing_a_bodyweight_changes_the_chart_and_the_url(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    before = load_line(page)
    field = page.locator(".st-key-bodyweight_kg input")
    field.fill("90")
    field.press("Enter")
    page.wait_for_function("() => location.search.includes('bodyweight_kg=90')", timeout=15_000)
    wait_idle(page)
    page.wait_for_function("""() => {
        const plot = document.querySelector('.st-key-load_chart .js-plotly-plot');
        const load = plot && plot.data.find(t => t.name && t.name.startsWith('Load ('));
        return load && load.y[0] === 4.5;
    }""", timeout=15_000)
    assert load_line(page) != before
    field.fill("90,5")  # a decimal comma: read as 90.5 kg, and said next to the input
    field.press("Enter")
    page.wait_for_function("() => location.search.includes('bodyweight_kg=90.5')", timeout=15_000)
    wait_idle(page)
    assert field.input_value() == "90.5"
    assert page.locator(".st-key-bodyweight_kg_note [data-testid='stMarkdownContainer']").inner_text().strip() == \
        TYPED_COMMA.format(typed="90,5", read="90.5 kg")


def test_moving_the_weeks_slider_changes_the_chart_and_the_url(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    assert len(load_line(page)) == 12
    page.locator(".st-key-weeks input[type=range]").focus()
    for _ in range(8):  # 12 to 20 weeks
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('weeks=20')", timeout=15_000)
    wait_idle(page)
    page.wait_for_function("""() => {
        const plot = document.querySelector('.st-key-load_chart .js-plotly-plot');
        const load = plot && plot.data.find(t => t.name && t.name.startsWith('Load ('));
        return load && load.y.length === 20;
    }""", timeout=15_000)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_without_exception(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    wait_idle(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator("h1").count() >= 1


def test_page_change_keeps_the_inputs(page, app_url):
    page.goto(f"{app_url}/?bodyweight_kg=85&carrier=Backpack")
    wait_idle(page)
    page.get_by_role("link", name="Gear & safety").click()
    page.wait_for_url("**/gear**", timeout=15_000)
    wait_idle(page)
    assert "bodyweight_kg=85" in page.url
    assert "backpack" in page.locator("h2").first.inner_text().lower()
    assert page.locator(".st-key-bodyweight_kg input").input_value() == "85"
    assert "carrier=Backpack" in page.url


def test_bad_link_shows_a_message_not_a_traceback(page, app_url):
    page.goto(f"{app_url}/?bodyweight_kg=abc&carrier=sandbag&weeks=999")
    wait_idle(page)
    text = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    assert "Link: Bodyweight 'abc'" in text and "sandbag" in text and "Link: Plan length (weeks) '999'" in text
    assert page.locator("[data-testid='stException']").count() == 0
    assert "bodyweight_kg=abc" not in page.url


def test_presentation_mode_hides_the_sidebar_and_keeps_the_link(page, app_url):
    page.goto(f"{app_url}/load?bodyweight_kg=80&weeks=16")
    wait_idle(page)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.is_visible()
    small = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    page.get_by_text("Presentation mode").click()
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stSidebar']\")"
                           " || getComputedStyle(document.querySelector(\"[data-testid='stSidebar']\")).display === 'none'")
    wait_idle(page)
    big = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert big > small * 1.15
    assert "bodyweight_kg=80" in page.url and "weeks=16" in page.url
    bar = page.locator(".st-key-key_inputs_bar")  # the key inputs, at the top of the page
    assert bar.is_visible() and bar.locator(".st-key-bodyweight_kg input").input_value() == "80"
    assert page.locator(".st-key-training_load_chart .js-plotly-plot").count() == 1
    page.locator("[data-testid='stTopNavLink']", has_text="Plan").first.click()  # page links stay usable
    page.wait_for_function("() => document.querySelector('h1')?.innerText.startsWith('Your loaded running plan')")
    wait_idle(page)
    assert not sidebar.is_visible()


def test_a_page_link_on_a_fresh_server_opens_with_the_sidebar(browser, athletes_database_url):
    # Until a session calls st.navigation, Streamlit treats pages/ as an old-style multipage app;
    # a link to /week opened first would show the page without the sidebar or the link's values.
    with serve_app({"PLANNER_DATABASE_URL": athletes_database_url}) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{url}/week?bodyweight_kg=90&weeks=20")
        wait_idle(page)
        assert page.locator("h1").first.inner_text() == "Your week"
        assert page.locator(".st-key-bodyweight_kg input").input_value() == "90"
        assert "weeks=20" in page.url and page.get_by_text("Page not found").count() == 0
        page.close()


def test_presentation_mode_hides_help_icons_but_never_a_button(page, app_url):
    page.goto(f"{app_url}/")
    wait_idle(page)
    page.get_by_text("Presentation mode").click()
    wait_idle(page)
    page.wait_for_function("() => document.documentElement.style && getComputedStyle(document.documentElement)"
                           ".fontSize === '20px'", timeout=15_000)
    open_hand_over(page)
    for key in ("download_csv", "download_json", "download_ics", "download_html"):
        assert page.locator(f".st-key-{key} button:visible").count() >= 1, key
    help_icons = page.locator("[data-testid='stMainBlockContainer'] .st-key-handover_athlete "
                              "[data-testid='stTooltipIcon']")
    assert help_icons.count() >= 1 and not help_icons.first.is_visible()
