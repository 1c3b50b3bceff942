"""A printable, self-contained HTML report of a plan: headline, findings, charts, the week-by-week
table, week 1's strength sessions and every input. Laid out for A4 and US Letter."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from core.io.files import APP_NAME
from core.planner.models import WEEKDAY_NAMES, Plan
from core.planner.rules import source_text
from core.planner.units import distance_unit, mass_unit
from core.present.charts import load_progression_figure, volume_figure
from core.present.tables import session_table, weekly_table
from core.present.text import finding_groups, headline, inputs_rows

REPORT_CHART_WIDTH_PX = 680
"""Fits the printable width of A4 (180 mm) and US Letter (186 mm) with 15 mm margins at 96 dpi."""


def report_figures(plan: Plan) -> list[go.Figure]:
    """The charts a report shows: carried load by week (when there are loaded runs) and volume."""
    figures = [load_progression_figure(plan)] if plan.loaded_running else []
    figures.append(volume_figure(plan))
    return figures


_REPORT_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1d2430; background: #fff; margin: 0; }
main { max-width: 760px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 2px; }
h2 { font-size: 19px; margin: 26px 0 8px; border-bottom: 2px solid #e6e8ec; padding-bottom: 3px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
.athlete { font-size: 20px; font-weight: 600; margin: 0 0 4px; }
.meta, .note { color: #5a6372; font-size: 13px; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 8px; margin: 14px 0; }
.headline div { border: 1px solid #e6e8ec; border-radius: 8px; padding: 8px 10px; }
.headline b { display: block; font-size: 20px; }
.headline span { color: #5a6372; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e6e8ec; vertical-align: top; }
th { background: #f4f5f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.weeks td { white-space: nowrap; }
.inputs td:first-child { color: #5a6372; width: 45%; }
.finding { border-left: 4px solid #9aa3af; padding: 4px 10px; margin: 6px 0; break-inside: avoid; }
.finding.block { border-color: #d93025; background: #fdecea; }
.finding.warn { border-color: #e8a317; background: #fff6e0; }
.finding.info { border-color: #3a7cc3; background: #eef4fb; }
.finding .src { display: block; color: #5a6372; font-size: 12px; font-style: italic; }
.chart { width: 680px; max-width: 100%; margin: 10px auto; break-inside: avoid; page-break-inside: avoid; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
footer { margin-top: 28px; color: #5a6372; font-size: 12px; }
@media (max-width: 720px) { .cols { grid-template-columns: 1fr; } main { padding: 16px 12px; }
  .chart { overflow-x: auto; } }
@page { size: auto; margin: 14mm 15mm; }
@media print {
  body { font-size: 12px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .headline, .finding, .chart, .keep { break-inside: avoid; page-break-inside: avoid; }
  .page-break { break-before: page; page-break-before: always; }
  .cols { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
}
"""


def _table_html(frame: pd.DataFrame, css_class: str = "") -> str:
    head = "".join(
        f'<th class="num">{html.escape(str(c))}</th>' if pd.api.types.is_numeric_dtype(frame[c])
        else f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for value, is_num in zip(row, numeric, strict=True):
            text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:g}" \
                if isinstance(value, float) else str(value)
            cells.append(f'<td class="num">{html.escape(text)}</td>' if is_num else f"<td>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cls = f' class="{css_class}"' if css_class else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure_html(figure: go.Figure, first: bool, index: int) -> str:
    # A copy at print width on white: the page's figures are left as they are.
    fig = go.Figure(figure)
    fig.update_layout(width=REPORT_CHART_WIDTH_PX, height=min(fig.layout.height or 400, 400), autosize=False,
                      paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", hovermode="x unified")
    return fig.to_html(full_html=False, include_plotlyjs=bool(first), div_id=f"report-chart-{index + 1}",
                       config={"displayModeBar": False, "responsive": False})


def report_html(plan: Plan, athlete: str | None, figures: Sequence[go.Figure] | None = None,
                *, today: dt.date) -> str:
    """A printable, self-contained HTML report of the plan (plotly.js embedded once, no network).

    Everything a person typed is escaped: a name with HTML in it shows as text.
    """
    figures = report_figures(plan) if figures is None else list(figures)
    inputs, units = plan.inputs, plan.inputs.units
    who = (athlete or "").strip()
    esc = html.escape
    first_day, last_day = plan.days[0].date, plan.days[-1].date
    made = today.isoformat()
    title = f"Loaded running plan{' · ' + who if who else ''}"

    parts = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">'
             f"<title>{esc(title)}</title><style>{_REPORT_CSS}</style></head><body><main>"]
    parts.append("<header>")
    parts.append("<h1>Loaded running plan</h1>")
    if who:
        parts.append(f'<p class="athlete" id="athlete">For {esc(who)}</p>')
    parts.append(f'<p class="meta">{inputs.weeks} weeks, {first_day:%d %b %Y} to {last_day:%d %b %Y} · '
                 f"units: {mass_unit(units)}, {distance_unit(units)} · made {made} with the {APP_NAME}</p>")
    parts.append("</header>")

    parts.append('<section class="headline">' + "".join(
        f"<div><span>{esc(label)}</span><b>{esc(value)}</b><span>{esc(sub)}</span></div>"
        for label, value, sub in headline(plan)) + "</section>")

    parts.append("<h2>Why the plan looks like this</h2>")
    for severity, title, found in finding_groups(plan):
        parts.append(f"<h3>{esc(title)}</h3>")
        for finding in found:
            parts.append(f'<div class="finding {severity}" data-code="{esc(finding.code)}">{esc(finding.message)}'
                         f'<span class="src">{esc(source_text(finding.source))}</span></div>')

    if figures:
        parts.append('<h2 class="page-break">Charts</h2>')
        parts.append('<p class="note">Shaded: deload weeks. The form test applies wherever load is shown: '
                     "if the load changes how you run, it is too heavy for that session (002).</p>")
        for index, figure in enumerate(figures):
            parts.append(f'<div class="chart">{_figure_html(figure, index == 0, index)}</div>')

    parts.append('<h2 class="page-break">Week by week</h2>')
    parts.append(_table_html(weekly_table(plan), "weeks"))

    sessions = [s for s in plan.strength_sessions if s.week == 1]
    for index, session in enumerate(sessions):
        # The section heading travels with the first session: a heading never ends a printed page.
        heading = ("<h2>Strength sessions (week 1)</h2><p class=\"note\">Sets and reps change through each "
                   "block (establish, add reps, add load, deload); RPE 6-8, never to failure (004).</p>"
                   if index == 0 else "")
        name = "Plyometrics" if session.label == "plyo" else f"Session {session.label}"
        table = session_table(session)[["Exercise", "Sets x reps", "Regression", "Avoid"]]
        parts.append(f'<div class="keep">{heading}<h3>{name} · {WEEKDAY_NAMES[session.weekday]} · '
                     f"{session.minutes} min</h3>{_table_html(table)}</div>")

    parts.append('<h2 class="page-break">Inputs</h2><div class="cols">')
    rows = inputs_rows(inputs)
    for section in dict.fromkeys(s for s, _, _ in rows):
        body = "".join(f"<tr><td>{esc(label)}</td><td>{esc(value)}</td></tr>"
                       for s, label, value in rows if s == section)
        parts.append(f'<div class="keep"><h3>{esc(section)}</h3><table class="inputs"><tbody>{body}'
                     "</tbody></table></div>")
    parts.append("</div>")
    parts.append("<footer>Informational only, not medical advice. See a clinician for persistent pain.</footer>")
    parts.append("</main></body></html>\n")
    return "".join(parts)
