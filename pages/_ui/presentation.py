"""Presentation mode, for a coach's shared screen: the sidebar and help icons hidden, larger text
and charts. The sidebar's widgets stay on the page (only hidden), so the address bar keeps every input."""

from __future__ import annotations

from typing import Any, Literal

import plotly.graph_objects as go
import streamlit as st

from core.present.tables import number_formats, readable
from pages._ui.keys import PRESENTING

PRESENTATION_CSS = """<style>
/* A table with a width in pixels (PROJECTOR_TABLE_WIDTH) still fills its box. */
[data-testid="stTableStyledTable"] { min-width: 100%; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stElementToolbar"] { display: none !important; }
/* Help icons go; a button that has help text sits inside the same tooltip wrapper and stays. */
[data-testid="stTooltipIcon"]:not(:has([data-testid^="stBaseButton"])) { display: none !important; }
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 3rem; padding-right: 3rem; padding-top: 3.5rem; }
/* A phone keeps its width for the charts and tables. */
@media (max-width: 640px) { [data-testid="stMainBlockContainer"] { padding-left: 0.75rem; padding-right: 0.75rem; } }
/* Tables: the full root size (a data grid draws on a canvas at a fixed size, so a page shows an
   HTML table instead while presenting; see data_table). */
[class*="st-key-"][class*="-projector"] table { font-size: 1rem; }
[class*="st-key-"][class*="-projector"] th, [class*="st-key-"][class*="-projector"] td { padding: 0.35rem 0.6rem; }
/* The Plan page's week-by-week table (core/present/blocks.py) at the root size, as the other tables. */
.plan-weeks table { font-size: 1rem; }
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


def projector_chart(figure: go.Figure) -> go.Figure:
    """A copy of ``figure`` with larger text and a taller plot, readable on a projector; the
    figure itself (often a cached, shared one) is never changed."""
    fig = go.Figure(figure)
    fig.update_layout(font_size=19, title_font_size=23, legend_font_size=17,
                      height=round((fig.layout.height or 420) * 1.15))
    fig.update_xaxes(tickfont_size=16, title_font_size=18)  # Streamlit's theme sets its own tick fonts
    fig.update_yaxes(tickfont_size=16, title_font_size=18)
    for annotation in fig.layout.annotations:
        annotation.font.size = round((annotation.font.size or 14) * 1.35)
    return fig


PROJECTOR_TABLE_WIDTH = 4000
"""The width, in pixels, an HTML table is given while presenting: never reached (a table is at most
as wide as the page), but a table with a width in pixels is a scroll region that takes the
keyboard's focus (Streamlit gives it tabindex=0, role=region), so a table that the large type
makes wider than a phone can be scrolled without a mouse (axe-core's scrollable-region-focusable)."""


def table_width() -> int | Literal["stretch"]:
    """``st.table``'s width: the page's, presenting or not; in pixels while presenting (above)."""
    return PROJECTOR_TABLE_WIDTH if presenting() else "stretch"


PROJECTOR_SUFFIX = "-projector"
"""A keyed container whose key ends so holds a table in the projector's type size (``PRESENTATION_CSS``)."""


def data_table(data: Any, *, key: str, **grid: Any) -> None:
    """A table of ``data`` that grows with presentation mode: the data grid (``st.dataframe``,
    with ``key`` and ``grid``'s options) normally; while presenting, an HTML table whose text
    scales with the page, in a container keyed ``<key>-projector``."""
    # Fractions with the places they have in both ("4.0", "0.945"), never the HTML table's default four.
    if presenting():
        with st.container(key=key + PROJECTOR_SUFFIX):
            st.table(readable(data), hide_index=True, width=PROJECTOR_TABLE_WIDTH)
    else:
        given = grid.get("column_config", {})
        # A column given only a help text (or a width) keeps its number format.
        formats = {column: st.column_config.NumberColumn(format=fmt) | {k: v for k, v in given.get(column, {}).items()
                                                                          if v is not None}
                   for column, fmt in number_formats(data).items()}
        grid["column_config"] = given | formats
        st.dataframe(data, hide_index=True, key=key, **grid)
