"""The pages, and the one workaround the app needs in Streamlit's routing.

Streamlit treats a ``pages/`` folder beside the main script as an old-style multipage app until
some session calls ``st.navigation``: on a fresh server a shared link to ``/week`` would run the
Week page alone, without app.py's sidebar, sign-in or the link's inputs. There is no public
setting for this (the layout keeps ``pages/``), so every page starts with ``require_router()``.
Run without app.py, it calls the public ``st.navigation`` with the app's pages (which switches the
server to ``st.navigation`` mode for good) and ``st.rerun``: the same URL then runs through app.py.
That happens once per server, on its first run. No private Streamlit API is used; the version
check makes an upgrade recheck this module (the browser test
``test_a_page_link_on_a_fresh_server_opens_with_the_sidebar`` shows whether it still works).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.present.specs import PHONE_SIDEBAR_BUTTON
from pages._ui.keys import NAVIGATION_SETTLED, ROUTED

WRITTEN_FOR_STREAMLIT = "1.67."
if not st.__version__.startswith(WRITTEN_FOR_STREAMLIT):
    raise RuntimeError(
        f"pages/_ui/routing.py was written for Streamlit {WRITTEN_FOR_STREAMLIT}x, this is {st.__version__}: "
        "check that a page link opened first on a fresh server still runs through app.py "
        "(tests/e2e/test_browser.py), then update WRITTEN_FOR_STREAMLIT."
    )

PAGES_DIR = Path(__file__).resolve().parents[1]
PAGES = (
    ("pages/plan.py", "Plan", ":material/show_chart:"),
    ("pages/week.py", "Week", ":material/calendar_view_week:"),
    ("pages/log.py", "Log", ":material/edit_note:"),
    ("pages/load.py", "Load", ":material/monitor_heart:"),
    ("pages/deloads.py", "Deloads", ":material/autorenew:"),
    ("pages/strength.py", "Strength", ":material/fitness_center:"),
    ("pages/gear.py", "Gear & safety", ":material/backpack:"),
    ("pages/checkin.py", "Check-in", ":material/fact_check:"),
    ("pages/compare.py", "Compare", ":material/compare_arrows:"),
    ("pages/athletes.py", "Athletes", ":material/groups:"),
)
"""(script, title, icon) of every page, in the navigation's order; the first is the default."""


def app_pages() -> list[st.Page]:
    # Absolute paths: the pages are found whichever folder the main script runs from.
    return [st.Page(PAGES_DIR.parent / path, title=title, icon=icon, default=index == 0)
            for index, (path, title, icon) in enumerate(PAGES)]


def page_link(path: str, label: str, *, key: str) -> None:
    """A link to the app's page ``path`` ("pages/log.py"), in a container keyed ``key``."""
    title, icon = next((t, i) for p, t, i in PAGES if p == path)
    with st.container(key=key):
        st.page_link(st.Page(PAGES_DIR.parent / path, title=title, icon=icon), label=label, icon=icon)


NAVIGATION_CSS = """<style>
/* Streamlit has no setting for this: below 768 px wide (its breakpoints.md, its "mobile viewport")
   the top navigation moves into the sidebar, which starts closed behind a bare ">>" icon (named
   "Expand sidebar" for a screen reader; NAVIGATION_NAME_JS names it by these words). A visible word
   says what it opens. */
.st-key-navigation_name { display: none; }
[data-testid="stExpandSidebarButton"] { width: auto; gap: 0.35rem; padding-right: 0.5rem; }
[data-testid="stExpandSidebarButton"]::after { content: "Inputs"; font-size: 0.95rem; color: #0E141B; }
@media (max-width: 767.98px) {
  [data-testid="stExpandSidebarButton"]::after { content: "PHONE_SIDEBAR_BUTTON"; }
}
</style>""".replace("PHONE_SIDEBAR_BUTTON", PHONE_SIDEBAR_BUTTON)
"""The closed sidebar's button, labelled: "Pages and inputs" on a phone, "Inputs" on a wider screen."""

NAVIGATION_NAME_JS = """<script>
/* The button's accessible name is Streamlit's fixed aria-label "Expand sidebar", which does not
   contain the words it shows (WCAG 2.5.3, label in name), and no CSS can change an attribute. This
   names it by its visible words. React mounts the button again each time the sidebar closes, so an
   observer names every new one. */
(() => {
  if (window.loadedRunningNamesSidebarButton) return;
  window.loadedRunningNamesSidebarButton = true;
  const phone = window.matchMedia("(max-width: 767.98px)");
  const name = () => {
    const button = document.querySelector('[data-testid="stExpandSidebarButton"]');
    const words = phone.matches ? "PHONE_SIDEBAR_BUTTON" : "Inputs";
    if (button && button.getAttribute("aria-label") !== words) button.setAttribute("aria-label", words);
  };
  new MutationObserver(name).observe(document.body, {childList: true, subtree: true});
  phone.addEventListener("change", name);
  name();
})();
</script>""".replace("PHONE_SIDEBAR_BUTTON", PHONE_SIDEBAR_BUTTON)
"""Names the closed sidebar's button by the words ``NAVIGATION_CSS`` shows. Drawn inside a
container that takes no space (``.st-key-navigation_name``)."""


def run_page() -> None:
    """app.py's last step: run the page the URL names, marked as routed (and the closed sidebar's
    button labelled and named by its label, ``NAVIGATION_CSS`` and ``NAVIGATION_NAME_JS``)."""
    st.html(NAVIGATION_CSS)
    with st.container(key="navigation_name"):
        st.html(NAVIGATION_NAME_JS, unsafe_allow_javascript=True)
    navigation = st.navigation(app_pages(), position="top")
    st.session_state[ROUTED] = True
    navigation.run()


def settle_navigation() -> None:
    """app.py's first step in a session: switch the server out of the pages/ folder mode before
    any widget exists. A widget made in folder mode has another identity than the same widget
    made through ``st.navigation``, so its value would be lost at the first rerun."""
    if st.session_state.get(NAVIGATION_SETTLED):
        return
    st.session_state[NAVIGATION_SETTLED] = True
    st.navigation(app_pages(), position="hidden")
    st.rerun()


def require_router() -> None:
    """Every page's first call: a page started without app.py reruns through it."""
    if st.session_state.pop(ROUTED, False):
        return
    st.navigation(app_pages(), position="hidden")
    st.rerun()
