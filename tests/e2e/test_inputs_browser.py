"""The shared inputs in a real browser, on a desktop and on a phone: a link fills the sidebar's
number inputs, a typed number reaches the address bar and the chart, a page change keeps it,
"Edit profile" applies only what was changed (or nothing, on Cancel), and presentation mode
shows the key inputs in a bar at the top. A failing test leaves a screenshot in its tmp dir."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e
VIEWPORTS = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}
IMPERIAL_LINK = "/?units=Imperial&bodyweight_lb=199&easy_run_mi=6"
SIDEBAR = "[data-testid='stSidebar']"
CHART_DATA = """() => {
    const plot = document.querySelector('.st-key-load_chart .js-plotly-plot');
    return plot ? JSON.stringify(plot.data.map(t => [t.name, t.x, t.y])) : null;
}"""


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, tmp_path):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    failed_before = request.session.testsfailed
    yield page
    if request.session.testsfailed > failed_before:  # this test's call failed: keep what it saw
        page.screenshot(path=str(tmp_path / f"failed-{request.param}.png"), full_page=True)
        print(f"screenshot: {tmp_path / f'failed-{request.param}.png'}")
    context.close()


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def sidebar_open(page) -> bool:
    return page.locator(SIDEBAR).get_attribute("data-collapsed") == "false"


def open_sidebar(page) -> None:
    """On a phone the sidebar starts collapsed: open it with Streamlit's expand control."""
    if not sidebar_open(page):
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_function(f"() => document.querySelector(\"{SIDEBAR}\")?.dataset.collapsed === 'false'")


def close_sidebar(page) -> None:
    """On a phone the open sidebar covers the page (and its Presentation mode toggle)."""
    if page.viewport_size["width"] < 640 and sidebar_open(page):
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        page.wait_for_function(f"() => document.querySelector(\"{SIDEBAR}\")?.dataset.collapsed === 'true'")


def chart_data(page) -> str:
    page.wait_for_selector(".st-key-load_chart .js-plotly-plot", state="attached", timeout=30_000)
    return page.evaluate(CHART_DATA)


def go_to(page, title: str, path: str) -> None:
    """A page of the navigation: in the top bar on a desktop, in the sidebar on a phone."""
    if page.viewport_size["width"] < 640:
        open_sidebar(page)
    page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(f"**/{path}**", timeout=15_000)
    wait_idle(page)


def type_number(page, key: str, text: str) -> None:
    field = page.locator(f".st-key-{key} input")
    field.fill(text)
    field.press("Enter")


def open_profile(page) -> None:
    open_sidebar(page)
    page.locator(".st-key-edit_profile button:visible").click()  # a button with help has a hidden twin
    page.wait_for_selector("[role='dialog'] .st-key-profile_apply", timeout=15_000)
    wait_idle(page)


def choose_two_loaded_runs_and(page, button: str) -> None:
    """In Edit profile, 2 loaded runs a week on the Plan tab, then the dialog's ``button`` (its key)."""
    open_profile(page)
    dialog = page.locator("[role='dialog']")
    dialog.get_by_role("tab", name="Plan").click()
    dialog.locator(".st-key-profile_loaded_runs_per_week [data-testid='stRadioOption']", has_text="2").click()
    dialog.locator(f".st-key-{button} button").click()
    page.wait_for_selector("[role='dialog']", state="detached", timeout=15_000)


def sidebar_caption(page) -> str:
    return page.locator(f"{SIDEBAR} [data-testid='stCaptionContainer']").last.inner_text()


def test_a_link_fills_the_layout(page, app_url):
    page.goto(app_url + IMPERIAL_LINK)
    wait_idle(page)
    open_sidebar(page)
    assert page.locator(".st-key-bodyweight_lb input").input_value() == "199"
    assert page.locator(".st-key-easy_run_mi input").input_value() == "6"
    assert page.locator(".st-key-units input[type=radio]").nth(1).is_checked()  # Imperial
    assert page.locator(".st-key-bodyweight_kg").count() == 0  # imperial shows its own grid
    assert params(page)["bodyweight_lb"] == ["199"] and params(page)["easy_run_mi"] == ["6"]
    assert "start_date" in params(page)  # the app dates every link it writes
    assert page.locator("[data-testid='stException']").count() == 0



def test_the_closed_sidebars_button_is_named_by_the_words_it_shows(page, app_url):
    """WCAG 2.5.3 (label in name): "Pages and inputs" on a phone, "Inputs" on a wider screen, also
    for the button drawn anew when the sidebar closes again."""
    page.goto(app_url)
    wait_idle(page)
    words = "Pages and inputs" if page.viewport_size["width"] < 768 else "Inputs"
    if sidebar_open(page):  # a wide screen starts with the sidebar open
        collapse_sidebar(page)
    for _ in range(2):
        button = page.get_by_role("button", name=words, exact=True)
        button.wait_for(timeout=15_000)
        assert page.locator("[data-testid='stExpandSidebarButton']").get_attribute("aria-label") == words
        button.click()
        page.wait_for_function(f"() => document.querySelector(\"{SIDEBAR}\")?.dataset.collapsed === 'false'")
        collapse_sidebar(page)


def collapse_sidebar(page) -> None:
    page.locator(SIDEBAR).hover()  # on a wide screen its collapse button shows on hover
    page.locator("[data-testid='stSidebarCollapseButton'] button").click()
    page.wait_for_function(f"() => document.querySelector(\"{SIDEBAR}\")?.dataset.collapsed === 'true'")

@pytest.mark.parametrize(("link", "key", "typed", "grid", "param"), [
    ("/", "bodyweight_kg", "95.37", "95.3", "bodyweight_kg=95.3"),  # 0.1 kg, rounded down
    (IMPERIAL_LINK, "bodyweight_lb", "150.6", "150", "bodyweight_lb=150"),  # whole pounds, rounded down
])
def test_a_typed_bodyweight_reaches_the_url_and_the_chart(page, app_url, link, key, typed, grid, param):
    page.goto(app_url + link)
    wait_idle(page)
    before = chart_data(page)
    open_sidebar(page)
    type_number(page, key, typed)
    page.wait_for_function(f"() => location.search.includes('{param}&') || location.search.endsWith('{param}')",
                           timeout=15_000)
    wait_idle(page)
    assert page.locator(f".st-key-{key} input").input_value() == grid
    page.wait_for_function(f"before => ({CHART_DATA})() !== before", arg=before, timeout=15_000)
    assert chart_data(page) != before


def test_a_page_change_keeps_the_inputs_and_the_link(page, app_url):
    page.goto(app_url + IMPERIAL_LINK)
    wait_idle(page)
    open_sidebar(page)
    type_number(page, "bodyweight_lb", "180")
    page.wait_for_function("() => location.search.includes('bodyweight_lb=180')", timeout=15_000)
    wait_idle(page)
    go_to(page, "Week", "week")
    assert page.locator("h1").first.inner_text() == "Your week"
    open_sidebar(page)
    assert page.locator(".st-key-bodyweight_lb input").input_value() == "180"
    assert page.locator(".st-key-easy_run_mi input").input_value() == "6"
    link = params(page)
    assert link["units"] == ["Imperial"] and link["bodyweight_lb"] == ["180"] and link["easy_run_mi"] == ["6"]


def test_edit_profile_applies_only_what_was_changed(page, app_url):
    page.goto(app_url + IMPERIAL_LINK)
    wait_idle(page)
    before = params(page)
    assert "1 loaded run a week" in sidebar_caption(page)
    choose_two_loaded_runs_and(page, "profile_apply")
    page.wait_for_function("() => location.search.includes('loaded_runs_per_week=2')", timeout=15_000)
    wait_idle(page)
    assert params(page) == {**before, "loaded_runs_per_week": ["2"]}  # the untouched settings stay as they were
    open_sidebar(page)
    assert "2 loaded runs a week" in sidebar_caption(page)
    assert page.locator("[data-testid='stException']").count() == 0


def test_edit_profile_cancel_changes_nothing(page, app_url):
    page.goto(app_url + IMPERIAL_LINK)
    wait_idle(page)
    before, caption = page.url, sidebar_caption(page)
    choose_two_loaded_runs_and(page, "profile_cancel")
    wait_idle(page)
    assert page.url == before
    assert sidebar_caption(page) == caption and "1 loaded run a week" in caption


def test_presentation_mode_shows_the_key_inputs_in_a_bar(page, app_url):
    page.goto(app_url + IMPERIAL_LINK)
    wait_idle(page)
    close_sidebar(page)
    page.get_by_text("Presentation mode").click()
    bar = page.locator(".st-key-key_inputs_bar")
    bar.wait_for(state="visible", timeout=15_000)
    wait_idle(page)
    assert not page.locator(SIDEBAR).is_visible()
    assert bar.locator(".st-key-bodyweight_lb input").input_value() == "199"
    assert bar.locator(".st-key-easy_run_mi input").input_value() == "6"
    assert bar.locator(".st-key-edit_profile button:visible").count() == 1
    bar.locator(".st-key-weeks input[type=range]").focus()
    for _ in range(4):  # 12 to 16 weeks
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('weeks=16')", timeout=15_000)
    wait_idle(page)
    assert params(page)["bodyweight_lb"] == ["199"]  # the other inputs stay
    assert bar.locator(".st-key-weeks input[type=range]").input_value() == "16"
