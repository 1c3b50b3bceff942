"""The Plan page's three largest parts as HTML blocks: this week, the headline numbers and the
week-by-week table. Each is one element on the page where Streamlit needed 3, 6 and a data grid:
every element is drawn again by the browser at each slider press (issue 25, benchmarks/README.md).

Every text is escaped; the class names (``plan-this-week``, ``plan-headline``, ``plan-weeks``) are
what tests and styles find the blocks by. Sizes are in rem, so presentation mode's larger root size
enlarges them; colours are the app's light theme (.streamlit/config.toml), with every text at
least 4.5:1 on white (WCAG AA).
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

import pandas as pd

from core.planner.models import Plan
from core.planner.screening import FORM_TEST
from core.present.tables import places
from core.present.text import headline
from core.present.this_week import week_heading, week_lines

MUTED = "#5C6167"
"""Notes and details: 6.2:1 on white (the theme's text colour is #0E141B)."""
LINE = "rgba(14, 20, 27, 0.2)"
"""Borders, as Streamlit draws a bordered container's."""

BLOCK_CSS = f"""<style>
.plan-this-week {{ border: 1px solid {LINE}; border-radius: 0.5rem; padding: 1rem 1.25rem; }}
.plan-this-week h2 {{ font-size: 1.75rem; font-weight: 700; line-height: 1.2; margin: 0 0 0.75rem; padding: 0; }}
.plan-this-week ul {{ list-style: none; margin: 0; padding: 0; }}
.plan-this-week li {{ margin: 0 0 0.25rem; line-height: 1.5; }}
.plan-note {{ color: {MUTED}; font-size: 0.875rem; margin: 0.5rem 0 0; }}
dl.plan-headline {{ display: flex; flex-wrap: wrap; gap: 0.75rem 1.25rem; margin: 0; padding: 0; }}
.plan-headline div {{ flex: 1 1 7.5rem; min-width: 0; }}
.plan-headline dt {{ font-size: 0.875rem; }}
.plan-headline dd {{ margin: 0; }}
.plan-headline .value {{ font-size: 1.75rem; line-height: 1.3; white-space: nowrap; }}
.plan-headline .detail {{ color: {MUTED}; font-size: 0.875rem; }}
.plan-weeks {{ max-height: 26rem; overflow: auto; border: 1px solid {LINE}; border-radius: 0.5rem; }}
.plan-weeks table {{ border-collapse: collapse; width: 100%; font-size: 0.875rem; }}
.plan-weeks th {{ position: sticky; top: 0; background: #F1F4F8; text-align: left; font-weight: 600; }}
.plan-weeks th, .plan-weeks td {{ padding: 0.3rem 0.6rem; border-bottom: 1px solid {LINE}; white-space: nowrap; }}
.plan-weeks .num {{ text-align: right; font-variant-numeric: tabular-nums; }}
</style>"""
"""The blocks' styles, sent with each block (one ``<style>`` per block: a block is drawn alone)."""


def this_week_html(plan: Plan, week: int, today: dt.date) -> str:
    """This week's heading and one line a day (today in bold), and the form test under it when the
    week has a loaded run."""
    lines = "".join(
        f"<li>{'<strong>' if line.today else ''}{escape(line.day)}{' (today)' if line.today else ''}"
        f"{'</strong>' if line.today else ''} · {escape(line.text)}</li>"
        for line in week_lines(plan, week, today))
    form = (f'<p class="plan-note">{escape(FORM_TEST)} (002)</p>'
            if any(line.loaded for line in week_lines(plan, week)) else "")
    return (f'{BLOCK_CSS}<section class="plan-this-week"><h2>This week: {escape(week_heading(plan, week))}</h2>'
            f"<ul>{lines}</ul>{form}</section>")


DETAIL = '<dd class="detail">{}</dd>'
NUM = ' class="num"'


def headline_html(plan: Plan) -> str:
    """The headline numbers (``headline``) as a description list: label, value, detail."""
    items = "".join(
        f'<div><dt>{escape(label)}</dt><dd class="value">{escape(value)}</dd>'
        f'{DETAIL.format(escape(detail)) if detail else ""}</div>'
        for label, value, detail in headline(plan))
    return f'{BLOCK_CSS}<dl class="plan-headline">{items}</dl>'


def cell_text(value: object, decimals: int | None) -> str:
    """A table cell: a fraction with its column's places ("4.0", "0.945"), anything else as it reads;
    nothing for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is not None and isinstance(value, float):
        return f"{value:.{decimals}f}"
    return f"{value:g}" if isinstance(value, float) else str(value)


def table_html(frame: pd.DataFrame, css_class: str = "", *, fractions: bool = False) -> str:
    """``frame`` as an HTML table: a header row, numbers aligned right (``class="num"``); with
    ``fractions``, a fractional column's numbers with the places its values need (``places``),
    else as short as they read."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    decimals = [places(frame[c]) if fractions and pd.api.types.is_float_dtype(frame[c]) else None
                for c in frame.columns]
    head = "".join(f'<th{NUM if num else ""} scope="col">{escape(str(c))}</th>'
                   for c, num in zip(frame.columns, numeric, strict=True))
    body = "".join(
        "<tr>" + "".join(f'<td{NUM if num else ""}>{escape(cell_text(value, places_))}</td>'
                         for value, num, places_ in zip(row, numeric, decimals, strict=True)) + "</tr>"
        for row in frame.itertuples(index=False))
    cls = f' class="{css_class}"' if css_class else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


WEEKS_NOTE = ("Each: how far each loaded run of the week goes. Unloaded: all the week's running without load. "
              "Scroll inside the table for the later weeks (and, on a narrow screen, the other columns).")


def weeks_html(frame: pd.DataFrame) -> str:
    """The week-by-week table in a scroll box the keyboard can reach (a labelled region with a tab
    stop), its header row kept in view, and what two columns mean under it."""
    return (f'{BLOCK_CSS}<div class="plan-weeks" role="region" aria-label="Week by week" tabindex="0">'
            f'{table_html(frame, fractions=True)}</div><p class="plan-note">{escape(WEEKS_NOTE)}</p>')
