"""A printable, self-contained HTML report of a plan: a one-page summary to pin on the fridge (who,
the next two weeks day by day, the ceiling, the form test), then the whole plan day by day, the
charts, the week-by-week table, the findings, week 1's strength sessions and every input. Laid out
for A4 and US Letter."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import html
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from core.io.files import APP_NAME
from core.planner.event import PHASE_LABELS
from core.planner.models import WEEKDAY_NAMES, Plan
from core.planner.rules import source_text
from core.planner.screening import FORM_TEST
from core.planner.units import distance_unit, fmt_mass, mass_unit
from core.present.blocks import table_html
from core.present.charts import load_progression_figure, volume_figure
from core.present.tables import session_table, weekly_table
from core.present.text import finding_groups, headline, inputs_rows, share_of_bodyweight
from core.present.this_week import day_text

REPORT_CHART_HEIGHT_PX = 380
"""Two charts and their heading fit one page of US Letter (the shorter paper) with 14 mm margins."""
SUMMARY_DAYS = 14
"""The summary's days: the next two weeks from the day the report is made (or the plan's start)."""
PRINT_MARGIN_PX = {"l": 64, "r": 64, "t": 52, "b": 96}
"""The least room a printed chart keeps around its plot: tick numbers and axis titles beside it and
the x-axis title above a legend of up to two rows below it, also where a browser prints before
Plotly has widened the margins itself (``automargin`` still widens them further)."""

REPORT_CHART_WIDTH_PX = 680
"""Fits the printable width of A4 (180 mm) and US Letter (186 mm) with 15 mm margins at 96 dpi."""


def summary_days(plan: Plan, today: dt.date) -> list:
    """The days the summary shows: ``SUMMARY_DAYS`` from ``today`` (from the start, before it
    starts; the last ones, after it ends)."""
    start = max(today, plan.days[0].date)
    days = [d for d in plan.days if start <= d.date < start + dt.timedelta(days=SUMMARY_DAYS)]
    return days or list(plan.days[-SUMMARY_DAYS:])


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
.summary h1 { font-size: 24px; }
.days td:first-child { white-space: nowrap; width: 8.5em; }
.days tr.week th { background: #eef0f4; font-weight: 600; }
.days tr.loaded td { background: #f5eefa; }
.days tr.today td:first-child { font-weight: 700; }
.fridge { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; margin: 10px 0; }
.fridge div { border: 1px solid #e6e8ec; border-radius: 8px; padding: 6px 10px; }
.fridge b { display: block; }
.formtest { border-left: 4px solid #9B59B6; background: #f5eefa; padding: 6px 10px; margin: 8px 0; }
.lifts { font-size: 12px; color: #3b4250; }
.weekblock { break-inside: avoid; page-break-inside: avoid; }
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
  .summary { break-after: page; page-break-after: always; }
  .days { font-size: 11px; }
  .days th, .days td { padding: 1.5px 6px; }
  .summary table { font-size: 11.5px; }
  .summary th, .summary td { padding: 2.5px 6px; }
  .cols { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
}
"""


def _figure_html(figure: go.Figure, first: bool, index: int) -> str:
    # A copy at print width on white: the page's figures are left as they are.
    fig = go.Figure(figure)
    two_axes = fig.layout.yaxis2 is not None and fig.layout.yaxis2.visible is not False and \
        fig.layout.yaxis2.overlaying is not None
    margin = {side: max(px, getattr(fig.layout.margin, side) or 0) for side, px in PRINT_MARGIN_PX.items()}
    if not two_axes:
        margin["r"] = 24
    fig.update_layout(width=REPORT_CHART_WIDTH_PX, height=REPORT_CHART_HEIGHT_PX, autosize=False,
                      margin=margin, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", hovermode="x unified",
                      font={"family": "Arial, Helvetica, sans-serif"})
    # The library comes once, compressed, after the page (``_plotly_loader``); until it has
    # loaded, Plotly.newPlot only queues the chart (``_PLOTLY_QUEUE``).
    return (_PLOTLY_QUEUE if first else "") + fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=f"report-chart-{index + 1}",
        config={"displayModeBar": False, "responsive": False})


_PLOTLY_QUEUE = ("<script>window.Plotly = {queued: [], newPlot(...args) { this.queued.push(args); "
                 "return Promise.resolve(); }};</script>")
"""Before plotly.js has loaded, a chart's ``Plotly.newPlot`` is queued; the loader draws the queue."""

_LOADER = """<script>(async () => {
  const packed = Uint8Array.from(atob(document.getElementById("plotly-js-gzip").textContent), c => c.charCodeAt(0));
  const source = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  const queued = window.Plotly.queued;
  const library = document.createElement("script");
  library.textContent = source;
  document.head.appendChild(library);
  const plotly = window.Plotly;  // the library now
  for (const args of queued) { await plotly.newPlot(...args); }
  document.documentElement.dataset.chartsDrawn = "true";
})();</script>"""


@functools.cache
def _plotly_gzip_base64() -> str:
    # mtime=0: the same report for the same plan, byte for byte.
    return base64.b64encode(gzip.compress(get_plotlyjs().encode(), compresslevel=9, mtime=0)).decode("ascii")


def _plotly_loader() -> str:
    """plotly.js, once, gzipped and in base64: about 2 MB instead of 4.8 MB (the library is almost
    all of the report). The browser unpacks it with its own DecompressionStream (Chrome 80, Firefox
    113, Safari 16.4 and later), then draws every queued chart. Nothing is fetched, so the report
    opens offline, which a link to a CDN would not."""
    return (f'<script type="application/octet-stream" id="plotly-js-gzip" data-version="{get_plotlyjs_version()}">'
            f"{_plotly_gzip_base64()}</script>{_LOADER}")


def _days_table(plan: Plan, days: Sequence, today: dt.date) -> str:
    """Days as the runner reads them, under a heading row per week: every run with its distance,
    the load to carry, the lift."""
    rows: list[str] = []
    week = 0
    for d in days:
        if d.week != week:
            week = d.week
            deload = " · deload week: lighter, nothing increases" if d.deload else ""
            phase = f" · {PHASE_LABELS[d.phase]}{'' if d.phase == 'event' else ' phase'}" if d.phase else ""
            rows.append(f'<tr class="week"><th colspan="2">Week {d.week} of {plan.inputs.weeks}{phase} · from '
                        f"{d.date:%a %d %b %Y}{deload}</th></tr>")
        css = " ".join(c for c in ("loaded" if d.loaded else "", "today" if d.date == today else "") if c)
        row_class = f' class="{css}"' if css else ""
        rows.append(f"<tr{row_class}><td>{WEEKDAY_NAMES[d.weekday][:3]} {d.date:%d %b}</td>"
                    f"<td>{html.escape(day_text(plan, d))}</td></tr>")
    return f'<table class="days"><tbody>{"".join(rows)}</tbody></table>'


def _lifts_html(plan: Plan, days: Sequence) -> str:
    """The lifts of ``days``, each once: its exercises with sets x reps, on one line."""
    dates = {d.date for d in days}
    seen: dict[str, str] = {}
    for session in plan.strength_sessions:
        if session.date not in dates or session.label in seen:
            continue
        name = "Plyometrics" if session.label == "plyo" else f"Strength {session.label}"
        seen[session.label] = (f"<b>{name}</b> ({session.minutes} min): " + " · ".join(
            f"{html.escape(e.name)} {e.sets} x {html.escape(str(e.reps))}" for e in session.exercises))
    return "".join(f'<p class="lifts">{line}</p>' for line in seen.values())


def _summary_html(plan: Plan, who: str, today: dt.date) -> str:
    """Page 1, for the fridge: who, the next two weeks day by day, the ceiling and the form test."""
    esc = html.escape
    inputs, units = plan.inputs, plan.inputs.units
    days = summary_days(plan, today)
    parts = ['<section class="summary" id="summary">', "<header>",
             f"<h1>{'Your next two weeks' if days[0].date >= today else 'The last two weeks of the plan'}</h1>"]
    if who:
        parts.append(f'<p class="athlete" id="athlete">For {esc(who)}</p>')
    parts.append(f'<p class="meta">{days[0].date:%a %d %b %Y} to {days[-1].date:%a %d %b %Y} · weeks '
                 f"{days[0].week}-{days[-1].week} of a {inputs.weeks}-week plan · made {today.isoformat()}</p>")
    parts.append("</header>")
    if plan.loaded_running:
        bw = inputs.bodyweight_kg
        facts = [("Carry at most", f"{fmt_mass(plan.ceiling_kg, units)} ({share_of_bodyweight(plan.ceiling_kg, bw)})",
                  "the ceiling: the plan never goes above it"),
                 ("Start load", f"{fmt_mass(plan.start_load_kg, units)}", share_of_bodyweight(plan.start_load_kg, bw))]
        parts.append('<section class="fridge">' + "".join(
            f"<div><span>{esc(label)}</span><b>{esc(value)}</b><span class=\"note\">{esc(sub)}</span></div>"
            for label, value, sub in facts) + "</section>")
    else:
        parts.append('<p class="note">No loaded runs in this plan yet: the reasons are on the pages after this one. '
                     "The runs and the lifts below still apply.</p>")
    parts.append(_days_table(plan, days, today))
    parts.append(_lifts_html(plan, days))
    if plan.loaded_running:
        parts.append(f'<p class="formtest"><b>The form test.</b> {esc(FORM_TEST)} (002)</p>')
    parts.append("</section>")
    return "".join(parts)


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
    parts.append(_summary_html(plan, who, today))

    parts.append('<h2 class="page-break" id="day-by-day">The whole plan, day by day</h2>')
    parts.append(f'<p class="meta">{inputs.weeks} weeks, {first_day:%d %b %Y} to {last_day:%d %b %Y} · '
                 f"units: {mass_unit(units)}, {distance_unit(units)} · made {made} with the {APP_NAME}</p>")
    parts.append('<section class="headline">' + "".join(
        f"<div><span>{esc(label)}</span><b>{esc(value)}</b><span>{esc(sub)}</span></div>"
        for label, value, sub in headline(plan)) + "</section>")
    for week in range(1, inputs.weeks + 1):
        days = [d for d in plan.days if d.week == week]
        parts.append(f'<div class="weekblock">{_days_table(plan, days, today)}</div>')

    if figures:
        parts.append('<h2 class="page-break" id="charts">Charts</h2>')
        parts.append('<p class="note">Shaded: deload weeks. The form test applies wherever load is shown: '
                     "if the load changes how you run, it is too heavy for that session (002).</p>")
        for index, figure in enumerate(figures):
            parts.append(f'<div class="chart">{_figure_html(figure, index == 0, index)}</div>')

    parts.append('<h2 class="page-break">Week by week</h2>')
    parts.append(table_html(weekly_table(plan), "weeks"))

    parts.append("<h2>Why the plan looks like this</h2>")
    for severity, title, found in finding_groups(plan):
        parts.append(f"<h3>{esc(title)}</h3>")
        for finding in found:
            parts.append(f'<div class="finding {severity}" data-code="{esc(finding.code)}">{esc(finding.message)}'
                         f'<span class="src">{esc(source_text(finding.source))}</span></div>')

    sessions = [s for s in plan.strength_sessions if s.week == 1]
    for index, session in enumerate(sessions):
        # The section heading travels with the first session: a heading never ends a printed page.
        heading = ("<h2>Strength sessions (week 1)</h2><p class=\"note\">Sets and reps change through each "
                   "block (establish, add reps, add load, deload); RPE 6-8, never to failure (004).</p>"
                   if index == 0 else "")
        name = "Plyometrics" if session.label == "plyo" else f"Session {session.label}"
        table = session_table(session)[["Exercise", "Sets x reps", "Regression", "Avoid"]]
        parts.append(f'<div class="keep">{heading}<h3>{name} · {WEEKDAY_NAMES[session.weekday]} · '
                     f"{session.minutes} min</h3>{table_html(table)}</div>")

    parts.append('<h2 class="page-break">Inputs</h2><div class="cols">')
    rows = inputs_rows(inputs)
    for section in dict.fromkeys(s for s, _, _ in rows):
        body = "".join(f"<tr><td>{esc(label)}</td><td>{esc(value)}</td></tr>"
                       for s, label, value in rows if s == section)
        parts.append(f'<div class="keep"><h3>{esc(section)}</h3><table class="inputs"><tbody>{body}'
                     "</tbody></table></div>")
    parts.append("</div>")
    parts.append("<footer>Informational only, not medical advice. See a clinician for persistent pain.</footer>")
    parts.append("</main>")
    if figures:
        parts.append(_plotly_loader())
    parts.append("</body></html>\n")
    return "".join(parts)
