"""Two scenarios side by side: B is A with a few inputs changed. The chart puts both load
progressions on one axis; the table lists what differs for the runner. Pure, no Streamlit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from core.planner.models import Plan, PlanInputs
from core.planner.units import Units, fmt_distance, fmt_mass, mass, mass_unit
from core.present.charts import DELOAD_FILL, LEGEND, LOADED_COLOR, weekly_summary
from core.present.grids import PARAM_NOTATION
from core.present.links import check_query, field_param, parse_value
from core.present.problems import resolve_inputs
from core.present.specs import SPEC_BY_NAME
from core.present.text import (
    ceiling_reached_text,
    field_label,
    finding_title,
    share_of_bodyweight,
    value_text,
)

SCENARIO_COLORS = (LOADED_COLOR, "#D9822B")
"""A keeps the app's load colour (purple); B is orange. B is also dashed, for colour-blind readers."""
SCENARIO_DASHES = ("solid", "dash")

B_FIELDS: tuple[str, ...] = (
    "progression_weeks", "loaded_runs_per_week", "deload_every", "carrier", "pack_chest_strap",
    "pack_hip_belt", "goal", "load_step_kg", "equipment_max_kg", "bodyweight_kg", "weeks",
    "event_date", "event_standard", "running",
)
"""The inputs a coach varies between scenarios, most varied first (every other input is A's). The event's
date, standard and who plans the running: "a later event", "a lighter division", "build or own"."""

PROJECTED = {"session_load": ("Projected session load (total)", "{:,.0f} AU"),
             "kcal": ("Projected running energy (total)", "{:,.0f} kcal")}
"""Frame columns summed when the plan has them (they come with the training-load science)."""


def scenario_b(a: PlanInputs, changes: Mapping[str, Any]) -> tuple[PlanInputs, list[str]]:
    """A with ``changes`` applied (units always A's); never raises. A change that does not
    fit falls back to A's value, with a sentence saying so."""
    values = a.model_dump()
    values.update({k: v for k, v in changes.items() if k in PlanInputs.model_fields and k != "units"})
    b, messages = resolve_inputs(values)
    if messages:  # resolve_inputs falls back to defaults; for B the sensible fallback is A
        kept = b.model_dump()
        for name in changes:
            if name in PlanInputs.model_fields and getattr(b, name) != values.get(name):
                kept[name] = getattr(a, name)
        b = PlanInputs.model_validate(kept)
    return b, messages


B_PREFIX = "b_"
"""Scenario B's part of a link: ``b_weeks=12`` is B's plan length; only B's values that differ from A."""


def is_b_param(key: str) -> bool:
    """Whether a link parameter belongs to scenario B (the sidebar's link check leaves these alone).

    >>> is_b_param("b_weeks"), is_b_param("weeks")
    (True, False)
    """
    return key.startswith(B_PREFIX)


def b_link(a: PlanInputs, b: PlanInputs) -> dict[str, list[str]]:
    """B's part of the link: each of B's inputs (``B_FIELDS``) that differs from A's, prefixed with
    ``b_``, written as the app writes A's (``field_param``, in A's units); ``read_b_link`` reads it back.

    >>> b_link(PlanInputs(), PlanInputs(weeks=16, progression_weeks=2))
    {'b_progression_weeks': ['2'], 'b_weeks': ['16']}
    """
    params: dict[str, list[str]] = {}
    for name in B_FIELDS:
        if getattr(a, name) != getattr(b, name):
            param, text = field_param(SPEC_BY_NAME[name], getattr(b, name), a.units)
            params[B_PREFIX + param] = text
    return params


def read_b_link(params: Mapping[str, Sequence[str]], a: PlanInputs) -> tuple[dict[str, Any], list[str]]:
    """Scenario B's changes from a link's ``b_`` parameters, read in A's units like the sidebar reads
    A's; never raises. A value that can't be used leaves B at A's value, with one sentence naming
    the input as the sidebar labels it; a parameter that is not one of B's inputs is ignored, said
    so. Values equal to A's are no change.

    >>> read_b_link({"b_weeks": ["16"], "b_bodyweight_kg": ["abc"], "weeks": ["20"]}, PlanInputs())
    ({'weeks': 16}, ["Link: Scenario B's Bodyweight 'abc' is not a number from 35 to 200 kg. B uses A's value, 70 kg."])
    """
    changes: dict[str, Any] = {}
    messages: list[str] = []
    units = a.units
    for key, raw in params.items():
        if not is_b_param(key):
            continue
        param = key.removeprefix(B_PREFIX)
        name, notation = PARAM_NOTATION.get(param, (param, None))
        if name not in B_FIELDS:
            messages.append(f"Link: '{key[:40]}' is not one of scenario B's settings and was ignored.")
            continue
        check = check_query({"units": [units], param: list(raw)})
        if name not in check.values:
            try:
                parse_value(SPEC_BY_NAME[name], list(raw), units, notation)
                reason = "can't be used"  # pragma: no cover - check_query and parse_value agree
            except ValueError as error:
                reason = str(error)
            messages.append(f"Link: Scenario B's {SPEC_BY_NAME[name].label} {reason}. B uses A's value, "
                            f"{value_text(name, getattr(a, name), units)}.")
            continue
        # A number between two of the sidebar's steps: the same sentence the sidebar gives for A's.
        messages += [f"Link: Scenario B's {m.removeprefix('Link: ')}" for m in check.messages]
        if check.values[name] != getattr(a, name):
            changes[name] = check.values[name]
    return changes, messages


def changed_inputs(a: PlanInputs, b: PlanInputs) -> list[tuple[str, str, str]]:
    """(label, A, B) for each input where B differs from A, in readable form."""
    return [
        (field_label(name), value_text(name, getattr(a, name), a.units),
         value_text(name, getattr(b, name), a.units))
        for name in PlanInputs.model_fields
        if getattr(a, name) != getattr(b, name)
    ]


def peak_load_kg(plan: Plan) -> float:
    return max((d.load_kg for d in plan.days if d.loaded), default=0.0)


def _facts(plan: Plan, units: Units) -> dict[str, str]:
    """What a coach compares, as the runner would read it (A's units for both)."""
    loaded = [d for d in plan.days if d.loaded]
    bw = plan.inputs.bodyweight_kg
    blocks = [f.code.replace("_", " ") for f in plan.findings if f.severity == "block"]
    lifts = [s for s in plan.strength_sessions if s.label in ("A", "B")]
    plyo = [s for s in plan.strength_sessions if s.label == "plyo"]
    deloads = sorted({d.week for d in plan.days if d.deload})
    facts = {
        "Loaded running": "yes" if plan.loaded_running else "no" + (f" ({', '.join(blocks)})" if blocks else ""),
        "Start load": f"{fmt_mass(plan.start_load_kg, units)} ({share_of_bodyweight(plan.start_load_kg, bw)})"
        if plan.loaded_running else "—",
        "Peak load": f"{fmt_mass(peak_load_kg(plan), units)} ({share_of_bodyweight(peak_load_kg(plan), bw)})"
        if plan.loaded_running else "—",
        "Ceiling": fmt_mass(plan.ceiling_kg, units) if plan.loaded_running else "—",
        "Ceiling reached": ceiling_reached_text(plan),
        "Loaded runs (total)": str(len(loaded)),
        "Loaded distance (total)": fmt_distance(sum(d.run_km for d in loaded), units),
        "Strength sessions": str(len(lifts)) + (f" + {len(plyo)} plyometric" if plyo else ""),
        "Strength time (total)": f"{sum(s.minutes for s in plan.strength_sessions) / 60:.1f} h",
        "Plan length": f"{plan.inputs.weeks} weeks",
        "Deload weeks": ", ".join(map(str, deloads)) or "none",
    }
    frame = plan.to_frame()
    for column, (label, fmt) in PROJECTED.items():
        if column in frame.columns:  # the training-load columns, once the plan has them
            facts[label] = fmt.format(float(frame[column].sum()))
    return facts


def _finding_text(plan: Plan, code: str) -> str:
    found = next((f for f in plan.findings if f.code == code), None)
    return f"{finding_title(found)}: {found.message}" if found else "—"


def differences_table(plan_a: Plan, plan_b: Plan) -> pd.DataFrame:
    """One row per figure a coach compares (columns What, A, B, Differs), in A's units, then
    one row per finding that one scenario has and the other lacks or words differently."""
    units = plan_a.inputs.units
    facts_a, facts_b = _facts(plan_a, units), _facts(plan_b, units)
    rows = [{"What": k, "A": facts_a.get(k, "—"), "B": facts_b.get(k, "—")} for k in dict.fromkeys([*facts_a, *facts_b])]
    order = {"block": 0, "warn": 1, "info": 2}
    codes = sorted(dict.fromkeys(f.code for f in (*plan_a.findings, *plan_b.findings)),
                   key=lambda c: min(order[f.severity] for f in (*plan_a.findings, *plan_b.findings) if f.code == c))
    messages_a = {f.code: f.message for f in plan_a.findings}
    messages_b = {f.code: f.message for f in plan_b.findings}
    for code in codes:
        if messages_a.get(code) != messages_b.get(code):
            rows.append({"What": f"Finding: {code.replace('_', ' ')}", "A": _finding_text(plan_a, code),
                         "B": _finding_text(plan_b, code)})
    frame = pd.DataFrame(rows, columns=["What", "A", "B"])
    frame["Differs"] = frame["A"] != frame["B"]
    return frame


def any_difference(table: pd.DataFrame) -> bool:
    return bool(table["Differs"].any())


DIFFERS_HIGHLIGHT = "background-color: rgba(217, 130, 43, 0.18); font-weight: 600"


def differences_view(table: pd.DataFrame, only_differences: bool) -> Styler:
    """The differences table as the page shows it: rows where B differs highlighted, and with
    ``only_differences`` (when any row differs) only those rows."""
    shown = table[table["Differs"]] if only_differences and table["Differs"].any() else table
    differs = shown["Differs"]
    return shown.drop(columns="Differs").style.apply(
        lambda row: [DIFFERS_HIGHLIGHT if differs.loc[row.name] else ""] * len(row), axis=1)


def compare_figure(plan_a: Plan, plan_b: Plan, names: Sequence[str] = ("A", "B")) -> go.Figure:
    """Both load progressions on one chart (A solid purple, B dashed orange), each scenario's
    deload weeks marked on its line, and each ceiling as a dotted line. Weeks both scenarios
    deload are shaded. In A's units."""
    units = plan_a.inputs.units
    mu = mass_unit(units)
    fig = go.Figure()
    shapes: list[dict] = []
    annotations: list[dict] = []
    summaries = [weekly_summary(plan_a), weekly_summary(plan_b)]
    deload_sets = [{w.week for w in s if w.deload} for s in summaries]
    for week in sorted(deload_sets[0] & deload_sets[1]):
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": week - 0.5, "x1": week + 0.5,
                       "y0": 0, "y1": 1, "fillcolor": DELOAD_FILL, "line": {"width": 0}, "layer": "below"})
    top = 1.0
    for index, (plan, summary, name, color, dash) in enumerate(
            zip((plan_a, plan_b), summaries, names, SCENARIO_COLORS, SCENARIO_DASHES, strict=True)):
        x = [w.week for w in summary]
        y = [round(mass(w.load_kg, units), 2) if plan.loaded_running else 0.0 for w in summary]
        label = f"{name}: load ({mu})" if plan.loaded_running else f"{name}: no loaded runs"
        fig.add_trace(go.Scatter(
            x=x, y=y, name=label, mode="lines+markers",
            line={"shape": "hv", "width": 3, "color": color, "dash": dash}, marker={"size": 6, "color": color},
            hovertext=[f"{name}, week {w.week}: {v:.1f} {mu}" + (" · deload" if w.deload else "")
                       for w, v in zip(summary, y, strict=True)],
            hoverinfo="text",
        ))
        deloads = [(w.week, v) for w, v in zip(summary, y, strict=True) if w.deload]
        fig.add_trace(go.Scatter(
            x=[d[0] for d in deloads], y=[d[1] for d in deloads], name=f"{name}: deload weeks", mode="markers",
            marker={"symbol": "diamond-open", "size": 14, "color": color, "line": {"width": 2, "color": color}},
            hoverinfo="skip", showlegend=bool(deloads),  # no legend entry for markers that are not there
        ))
        if plan.loaded_running:
            ceiling = mass(plan.ceiling_kg, units)
            top = max(top, ceiling, *y)
            shapes.append({"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": ceiling,
                           "y1": ceiling, "line": {"width": 1.5, "dash": "dot", "color": color}})
            annotations.append({"xref": "paper", "yref": "y", "x": 1 - index, "y": ceiling,
                                "xanchor": ("right", "left")[index], "yanchor": "bottom",
                                "showarrow": False, "font": {"size": 12, "color": color},
                                "text": f"{name} ceiling {ceiling:.1f} {mu}"})
    weeks = max(plan_a.inputs.weeks, plan_b.inputs.weeks)
    fig.update_layout(
        title={"text": f"Carried load by week: {names[0]} and {names[1]}", "x": 0, "font": {"size": 16}},
        shapes=shapes, annotations=annotations, height=420, font={"size": 14},
        margin={"l": 10, "r": 10, "t": 48, "b": 10}, hovermode="x unified", legend=LEGEND,
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        xaxis={"title": "Week", "dtick": 1 if weeks <= 16 else 4, "range": [0.5, weeks + 0.5], "automargin": True},
        yaxis={"title": f"Load ({mu})", "range": [0, top * 1.18], "automargin": True},
    )
    return fig
