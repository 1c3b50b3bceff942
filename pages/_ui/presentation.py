"""Presentation mode, for a coach's shared screen: the sidebar and help icons hidden, larger text
and charts. The sidebar's widgets stay on the page (only hidden), so the address bar keeps every input."""

from __future__ import annotations

import streamlit as st

from pages._ui.keys import PRESENTING

PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stElementToolbar"] { display: none !important; }
/* Help icons go; a button that has help text sits inside the same tooltip wrapper and stays. */
[data-testid="stTooltipIcon"]:not(:has([data-testid^="stBaseButton"])) { display: none !important; }
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 3rem; padding-right: 3rem; padding-top: 3.5rem; }
</style>"""


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTING))


def presentation_toggle() -> None:
    with st.container(horizontal=True, horizontal_alignment="right", key="presentation_bar"):
        st.toggle("Presentation mode", key=PRESENTING,
                  help="For a shared screen: hides the sidebar, enlarges text and charts. The link in the "
                       "address bar still holds every input. Switch off to edit inputs again.")
    if presenting():
        st.html(PRESENTATION_CSS)
