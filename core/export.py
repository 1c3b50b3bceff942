"""Hand-over files of a plan: CSV, a JSON profile that reopens it, an iCalendar file and a
printable HTML report. Pure (no Streamlit): a coach can write them from a notebook.

Every file follows ``plan.inputs.units``; field and column lists come from ``PlanInputs``,
``core.fields.SPECS`` and ``Plan.to_frame()``, so new inputs and columns travel without edits here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from icalendar import Calendar, Event
from pydantic import ValidationError

from core.charts import load_progression_figure, volume_figure
from core.fields import (
    SECTIONS,
    SPEC_BY_NAME,
    SPECS,
    UNSET_START_TEXT,
    in_app_order,
    link_params,
    option_label,
    problem_reason,
    resolve_inputs,
)
from core.models import WEEKDAY_NAMES, Plan, PlanInputs, StrengthSession
from core.rules import source_text
from core.screening import CARRIER_LABELS, FORM_CUES, FORM_TEST
from core.tables import session_table, weekly_table
from core.units import (
    KM_PER_MI,
    Units,
    distance,
    distance_unit,
    fmt_distance,
    fmt_mass,
    mass,
    mass_unit,
    ordinal,
)

APP_NAME = "Loaded running planner"
PROFILE_FORMAT = "loaded-running-planner/profile"
PROFILE_VERSION = 1
MAX_PROFILE_BYTES = 64 * 1024
"""A profile is about 1 KB; anything far larger is the wrong file (or an attack on memory)."""

UID_DOMAIN = "loaded-running-planner"
REPORT_CHART_WIDTH_PX = 680
"""Fits the printable width of A4 (180 mm) and US Letter (186 mm) with 15 mm margins at 96 dpi."""

SEVERITY_TITLES = {"block": "Not for you yet", "warn": "Warnings", "info": "Good to know"}


# --- Readable inputs ----------------------------------------------------------------------------

def field_label(name: str) -> str:
    """A person's name for a ``PlanInputs`` field: the sidebar label, else its description,
    else the field name without its unit suffix.

    >>> field_label("bodyweight_kg"), field_label("rpe_long_run")
    ('Bodyweight', 'RPE long run')
    """
    spec = SPEC_BY_NAME.get(name)
    if spec:
        return spec.label
    info = PlanInputs.model_fields.get(name)
    if info is not None and info.description:
        return info.description
    stem = re.sub(r"_(kg|km|min_per_km|pct)$", "", name).replace("_", " ")
    return re.sub(r"\brpe\b", "RPE", stem.capitalize(), flags=re.IGNORECASE)


def readable_value(name: str, value: Any, units: Units) -> str:
    """One input value as a person reads it, in the user's units.

    >>> readable_value("bodyweight_kg", 80.0, "imperial"), readable_value("hard_days", ("tue", "thu"), "metric")
    ('176.4 lb', 'Tue, Thu')
    >>> readable_value("easy_pace_min_per_km", 6.0, "imperial")
    '9:39 min/mi'
    """
    spec = SPEC_BY_NAME.get(name)
    kind = spec.kind if spec else None
    if name == "start_date" and value is None:
        return UNSET_START_TEXT
    if spec and spec.name == "load_step_kg":  # plates: up to 3 significant figures
        return f"{value:g} kg" if units == "metric" else option_label(spec, value, units)
    if kind == "mass" or (kind is None and name.endswith("_kg")):
        return fmt_mass(value, units)
    if kind == "distance" or (kind is None and name.endswith("_km") and "_per_" not in name):
        return fmt_distance(value, units)
    if kind == "pace" or (kind is None and name.endswith("_min_per_km") and isinstance(value, int | float)):
        per = value * KM_PER_MI if units == "imperial" else value
        minutes, seconds = divmod(round(per * 60), 60)
        return f"{minutes}:{seconds:02d} min/{distance_unit(units)}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        shown = [option_label(spec, v, units) if spec else str(v) for v in value]
        return ", ".join(shown) if shown else "none"
    if isinstance(value, dt.date):
        return value.isoformat()
    if spec and kind == "choice":
        return option_label(spec, value, units)
    if kind is None and name.endswith("_pct") and isinstance(value, int | float):
        return f"{value:g}%"
    return f"{value:g}" if isinstance(value, float) else str(value)


def inputs_rows(inputs: PlanInputs) -> list[tuple[str, str, str]]:
    """(section, label, value) for every input, in sidebar order; fields the sidebar does not
    show (yet) follow under "Other"."""
    rows = []
    for section in SECTIONS:
        for spec in SPECS:
            if spec.section != section:
                continue
            if spec.name.startswith("pack_") and inputs.carrier != "backpack":
                continue
            rows.append((section, spec.label, readable_value(spec.name, getattr(inputs, spec.name), inputs.units)))
        if section == SECTIONS[-1]:
            rows.append((section, "Units", "kg, km" if inputs.units == "metric" else "lb, mi"))
    shown = {s.name for s in SPECS} | {"units"}
    for name in PlanInputs.model_fields:
        if name not in shown:
            rows.append(("Other", field_label(name), readable_value(name, getattr(inputs, name), inputs.units)))
    return rows


# --- CSV ----------------------------------------------------------------------------------------

def _unit_column(name: str, series: pd.Series, units: Units) -> tuple[str, pd.Series]:
    """A frame column in the user's units, with the unit in its name (metric names unchanged)."""
    if units == "metric":
        return name, series
    if name.endswith("_per_km"):  # a pace: minutes per km -> minutes per mile
        return name.removesuffix("_per_km") + "_per_mi", (series * KM_PER_MI).round(3)
    if name.endswith("_kg"):
        return name.removesuffix("_kg") + "_lb", series.map(lambda v: round(mass(v, units), 3))
    if name.endswith("_km"):
        return name.removesuffix("_km") + "_mi", series.map(lambda v: round(distance(v, units), 3))
    return name, series


def plan_frame(plan: Plan) -> pd.DataFrame:
    """``plan.to_frame()`` in the user's units: ``load_kg`` becomes ``load_lb``, ``run_km``
    becomes ``run_mi`` for imperial; every other column is as the planner wrote it."""
    frame = plan.to_frame()
    columns = dict(_unit_column(name, frame[name], plan.inputs.units) for name in frame.columns)
    return pd.DataFrame(columns)


def plan_csv(plan: Plan) -> str:
    """The day-by-day plan as CSV: one row per day, ``to_frame()`` columns in the user's units.

    >>> plan_csv(_example_plan(units="imperial")).splitlines()[0].split(",")[:8]
    ['week', 'date', 'weekday', 'run', 'run_mi', 'loaded', 'load_lb', 'load_pct_bw']
    """
    frame = plan_frame(plan)
    frame["date"] = frame["date"].map(lambda d: d.isoformat())
    return frame.to_csv(index=False, lineterminator="\n")


# --- JSON profile -------------------------------------------------------------------------------

def profile_json(inputs: PlanInputs) -> str:
    """The inputs as a JSON profile that ``read_profile`` turns back into the same inputs."""
    document = {
        "format": PROFILE_FORMAT,
        "version": PROFILE_VERSION,
        "app": APP_NAME,
        "inputs": inputs.model_dump(mode="json"),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a profile can hold")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key '{key[:40]}' appears twice in one object")
        seen[key] = value
    return seen


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"'{value}'"
    return text[:40] + ("…" if len(text) > 40 else "")


def read_profile(data: bytes | str) -> tuple[PlanInputs | None, list[str]]:
    """Inputs from an uploaded profile, and one sentence per thing that could not be used.

    Never raises. ``None`` when the file is not a usable profile at all (too large, not UTF-8,
    not JSON, not an object, another format or a newer version). A profile with some bad
    fields opens with those fields at their defaults, each named in a message; clashing days
    are repaired as in the sidebar (``core.fields.resolve_inputs``).

    >>> read_profile(b"[1, 2]")
    (None, ['The file holds a JSON array, not a planner profile (an object with "format" and "inputs").'])
    """
    size = len(data)
    if size > MAX_PROFILE_BYTES:
        return None, [f"The file is {size / 1024:,.0f} KB; a planner profile is at most "
                      f"{MAX_PROFILE_BYTES // 1024} KB. Is it the right file?"]
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return None, [f"The file is not UTF-8 text (byte {error.start + 1} cannot be read): "
                          "a planner profile is a .json file saved by this app."]
    else:
        text = data
    if not text.strip():
        return None, ["The file is empty: a planner profile is a .json file saved by this app."]
    try:
        document = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        return None, [f"The file is not valid JSON: it breaks off or goes wrong at line {error.lineno}, "
                      f"column {error.colno}. A planner profile is a .json file saved by this app."]
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "it is nested too deeply"
        return None, [f"The file is not a usable JSON profile: {reason[:120]}."]
    if not isinstance(document, dict):
        kind = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}.get(
            type(document), "a number")
        kind = "a JSON array" if kind == "an array" else f"JSON {kind}"
        return None, [f'The file holds {kind}, not a planner profile (an object with "format" and "inputs").']
    marker = document.get("format")
    if marker != PROFILE_FORMAT:
        found = "no \"format\"" if marker is None else f'"format" {_shown(marker)}'
        return None, [f"This is not a {APP_NAME} profile: it has {found}, expected '{PROFILE_FORMAT}'."]
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, [f'The profile\'s "version" is {_shown(version)}; expected a whole number such as '
                      f"{PROFILE_VERSION}."]
    if version > PROFILE_VERSION:
        return None, [f"The profile was saved by a newer version of the app (profile version {version}); "
                      f"this app reads version {PROFILE_VERSION}. Update the app to open it."]
    raw = document.get("inputs")
    if not isinstance(raw, dict):
        return None, ['The profile has no "inputs" object, so there is nothing to open.']
    messages = [f"'{key[:40]}' at the top of the file is not part of a profile and was ignored."
                for key in document if key not in ("format", "version", "app", "inputs")]
    return _inputs_from(raw, messages)


def _inputs_from(raw: dict[str, Any], messages: list[str]) -> tuple[PlanInputs, list[str]]:
    fields = PlanInputs.model_fields
    data: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in fields:
            messages.append(f"'{key[:40]}' is not a planner setting and was ignored.")
            continue
        if fields[key].annotation is int and isinstance(value, float) and value.is_integer():
            value = int(value)  # 12.0 weeks is 12 weeks
        data[key] = value
    missing = [name for name in fields if name not in raw]
    for _ in range(len(data) + 1):
        try:
            PlanInputs.model_validate_json(json.dumps(data), strict=True)
            break
        except ValidationError as error:
            located = [p for p in in_app_order(error.errors()) if p["loc"] and p["loc"][0] in data]
            if not located:
                break  # a clash between fields: repaired below, with its own message
            for problem in located:
                name = str(problem["loc"][0])
                if name not in data:
                    continue
                messages.append(_field_message(name, data.pop(name), problem, raw.get("units")))
    inputs, repairs = resolve_inputs(data)
    messages.extend(repairs)
    if missing:
        defaults = PlanInputs()
        units = inputs.units
        shown = "; ".join(f"{field_label(n)} ({readable_value(n, getattr(defaults, n), units)})"
                          for n in missing)
        messages.append(f"Not in the file, so the default is used: {shown}.")
    return inputs, messages


def _field_message(name: str, value: Any, problem: Mapping[str, Any], units: Any) -> str:
    units = units if units in ("metric", "imperial") else "metric"
    where = problem["loc"][1:]
    item = f" (item {where[0] + 1})" if where and isinstance(where[0], int) else ""
    default = PlanInputs.model_fields[name].get_default()
    return (f"{field_label(name)} ({name}){item}: {_shown(value)} cannot be used; it "
            f"{problem_reason(problem, units)}. Using the default, {readable_value(name, default, units)}.")


def sidebar_params(inputs: PlanInputs) -> tuple[dict[str, list[str]], list[str]]:
    """``inputs`` as the link parameters the sidebar reads (``core.fields.link_params``), and a
    sentence for each number that the widget's grid will move (a hand-edited 71.23 kg shows as 71 kg)."""
    messages: list[str] = []
    for spec in SPECS:
        value = getattr(inputs, spec.name)
        if spec.kind in ("mass", "distance", "pace"):
            nearest = min(spec.options, key=lambda o: abs(o - value))
            if abs(nearest - value) > 1e-9:
                messages.append(
                    f"{spec.label}: {readable_value(spec.name, value, inputs.units)} is shown as "
                    f"{readable_value(spec.name, nearest, inputs.units)}, the nearest value the sidebar offers.")
    return link_params(inputs), messages


# --- iCalendar ----------------------------------------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def file_stem(plan: Plan, athlete: str | None) -> str:
    """A safe file name stem: 'loaded-plan-jane-doe-2026-11-23'.

    >>> file_stem(_example_plan(), "Jane <Doe>/../")
    'loaded-plan-jane-doe-2026-11-23'
    """
    name = _slug(athlete or "")
    return "-".join(p for p in ("loaded-plan", name, plan.days[0].date.isoformat()) if p)


def _km_text(km: float, units: Units) -> str:
    return fmt_distance(km, units)


def _loaded_event(plan: Plan, day: Any, total_weeks: int) -> tuple[str, str]:
    units = plan.inputs.units
    carrier = CARRIER_LABELS[plan.inputs.carrier].removeprefix("weighted ")
    deload = " (deload)" if day.deload else ""
    title = f"Loaded run · {fmt_mass(day.load_kg, units)} {carrier} · {_km_text(day.run_km, units)} easy{deload}"
    lines = [
        f"Week {day.week} of {total_weeks}{', deload week' if day.deload else ''}.",
        f"Carry {fmt_mass(day.load_kg, units)} ({day.load_pct_bw:.1f}% of bodyweight) in your "
        f"{CARRIER_LABELS[plan.inputs.carrier]} for {_km_text(day.run_km, units)} at an easy pace.",
        "",
        FORM_TEST,
        "",
        "Cues under load:",
        *[f"- {cue}" for cue in FORM_CUES if plan.inputs.carrier == "backpack" or "Hip belt" not in cue],
    ]
    return title, "\n".join(lines)


def _strength_event(session: StrengthSession, deload: bool, total_weeks: int) -> tuple[str, str]:
    name = "Plyometrics" if session.label == "plyo" else f"Strength {session.label}"
    title = f"{name} · {session.minutes} min{' (deload)' if deload else ''}"
    lines = [f"Week {session.week} of {total_weeks} · {session.cycle_step}."]
    first = session.exercises[0] if session.exercises else None
    if first and first.rpe[:1].isdigit():
        lines.append(f"Effort RPE {first.rpe}, stop with {first.reps_in_reserve} reps in reserve. Never to failure.")
    elif first:
        lines.append(f"Effort: {first.rpe}; {first.reps_in_reserve}.")
    lines.append("")
    for exercise in session.exercises:
        lines.append(f"- {exercise.name}: {exercise.sets} x {exercise.reps} (easier: {exercise.regression})")
    return title, "\n".join(lines)


def _long_event(plan: Plan, day: Any, total_weeks: int) -> tuple[str, str]:
    units = plan.inputs.units
    title = f"Long run · {_km_text(day.run_km, units)}"
    text = (f"Week {day.week} of {total_weeks}. Your usual long run, unloaded. "
            "No lifting today or the day before (004).")
    return title, text


def calendar_events(plan: Plan) -> list[tuple[str, dt.date, str, str]]:
    """(kind, date, title, description) for each loaded run, strength session and long run."""
    weeks = plan.inputs.weeks
    deload_by_date = {d.date: d.deload for d in plan.days}
    events: list[tuple[str, dt.date, str, str]] = []
    for day in plan.days:
        if day.loaded:
            events.append(("loaded", day.date, *_loaded_event(plan, day, weeks)))
        if day.run == "long":
            events.append(("long", day.date, *_long_event(plan, day, weeks)))
    for session in plan.strength_sessions:
        events.append((f"strength-{session.label}", session.date,
                       *_strength_event(session, deload_by_date.get(session.date, False), weeks)))
    events.sort(key=lambda e: (e[1], e[0]))
    return events


def plan_ics(plan: Plan, athlete: str | None = None, *, now: dt.datetime) -> bytes:
    """The plan as an iCalendar file: one all-day event per loaded run, strength session and
    long run. UIDs are stable for an athlete and date, so importing an updated plan again
    updates events instead of doubling them (in calendars that honour UIDs)."""
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    who = (athlete or "").strip()
    owner = hashlib.sha256(who.encode("utf-8")).hexdigest()[:10]
    calendar = Calendar()
    calendar.add("prodid", f"-//{APP_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Loaded running plan{' · ' + who if who else ''}")
    for kind, date, title, description in calendar_events(plan):
        event = Event()
        event.add("uid", f"{date:%Y%m%d}-{kind}-{owner}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", date)
        event.add("dtend", date + dt.timedelta(days=1))
        event.add("summary", title)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["Training"])
        calendar.add_component(event)
    return calendar.to_ical()


# --- Printable report ---------------------------------------------------------------------------

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


def _headline(plan: Plan) -> list[tuple[str, str, str]]:
    inputs, units = plan.inputs, plan.inputs.units
    lifts = len(plan.strength_days)
    if not plan.loaded_running:
        return [("Loaded runs", "none", "see the findings"), ("Plan length", f"{inputs.weeks} weeks", ""),
                ("Lifts", f"{lifts} a week", f"deload every {ordinal(inputs.deload_every)} week")]
    bw = inputs.bodyweight_kg
    reached = f"week {plan.ceiling_week}" if plan.ceiling_week else "later"
    return [
        ("Start load", fmt_mass(plan.start_load_kg, units), f"{plan.start_load_kg / bw:.1%} of bodyweight"),
        ("Ceiling", fmt_mass(plan.ceiling_kg, units), f"{plan.ceiling_kg / bw:.1%} of bodyweight"),
        ("Ceiling reached", reached,
         f"of {inputs.weeks}" if plan.ceiling_week else f"not within {inputs.weeks} weeks"),
        ("Loaded runs", f"{len(plan.loaded_days)} a week", "easy days only"),
        ("Lifts", f"{lifts} a week", f"deload every {ordinal(inputs.deload_every)} week"),
    ]


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
        for label, value, sub in _headline(plan)) + "</section>")

    parts.append("<h2>Why the plan looks like this</h2>")
    for severity in ("block", "warn", "info"):
        found = plan.findings_by_severity(severity)
        if not found:
            continue
        parts.append(f"<h3>{SEVERITY_TITLES[severity]}</h3>")
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


def _example_plan(**changes: Any) -> Plan:
    """A fixed plan for the doctests."""
    from core.plan import build_plan

    return build_plan(PlanInputs(start_date=dt.date(2026, 11, 23), **changes))
