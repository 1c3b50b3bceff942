"""What every page shows of the plan: the cached plan for the sidebar's inputs, its charts, and
how findings and link messages look."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from core import Plan, PlanInputs, build_plan
from core.planner.log import CheckIn, Session
from core.planner.models import Finding
from core.planner.rules import source_text
from core.present.chart_text import figure_summary, figure_table
from core.present.review import changes_timeline, two_week_review
from core.present.text import finding_groups, unsaved_changes, where_to_change
from pages._ui.clock import today
from pages._ui.database import AthleteLog, open_log
from pages._ui.keys import (
    BASELINE_PENDING,
    INPUT_MESSAGES,
    INPUTS,
    OPEN_ATHLETE_NAME,
    OPEN_BASELINE,
    URL_MESSAGES,
)
from pages._ui.presentation import data_table, presenting, projector_chart

CHART_CONFIG = {"displayModeBar": False}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&\"'=^])")


@st.cache_resource(max_entries=512, show_spinner=False)
def _plan_for(inputs_json: str, log_fingerprint: str = "", today_iso: str = "",
              _log: tuple[Session | CheckIn, ...] = ()) -> Plan:
    # Plan is frozen, so one shared instance per (inputs, log, today) is safe (no copy per rerun).
    # The log itself is left out of the cache key (the leading underscore): its fingerprint stands
    # for it. Without a log the sidebar's inputs are always dated, so no clock is needed.
    inputs = PlanInputs.model_validate_json(inputs_json)
    if not _log:
        return build_plan(inputs)
    return build_plan(inputs, _log, dt.date.fromisoformat(today_iso))


def plan_for(inputs: PlanInputs, log: AthleteLog | None = None, today: dt.date | None = None) -> Plan:
    """The plan for ``inputs``, cached across reruns and sessions; with an athlete's ``log`` (and
    ``today``), re-planned from what was done (``build_plan(inputs, log, today)``)."""
    return _plan_for(*_plan_key(inputs, log, today))


def _plan_key(inputs: PlanInputs, log: AthleteLog | None, today: dt.date | None
              ) -> tuple[str, str, str, tuple[Session | CheckIn, ...]]:
    if log is None or not log.entries or today is None:
        return inputs.model_dump_json(), "", "", ()
    return inputs.model_dump_json(), log.fingerprint, today.isoformat(), log.entries


def current_inputs() -> PlanInputs:
    return st.session_state.get(INPUTS) or PlanInputs()


def current_plan() -> Plan:
    """The plan every page shows: the sidebar's inputs, with the open athlete's log and today."""
    return plan_for(current_inputs(), open_log(), today())


def finding_text(finding: Finding) -> str:
    """A finding as a page shows it: the message, where to change what it is about (the sidebar,
    the bar at the top while presenting, or a tab of Edit profile), and its source."""
    where = where_to_change(finding.code, presenting=presenting())
    lines = [finding.message, *([where] if where else []), f"*{source_text(finding.source)}*"]
    return "  \n".join(lines)


def show_finding(finding: Finding) -> None:
    {"block": st.error, "warn": st.warning, "info": st.info}[finding.severity](finding_text(finding))


def show_findings(plan: Plan, *, info_expanded: bool) -> None:
    """Every finding under its heading (``finding_groups``): each refusal and warning in its own box,
    the notes (info) together in one box inside an expander (one element, not one per note: every
    element is sent again at each rerun)."""
    for severity, title, found in finding_groups(plan):
        st.header(title, anchor=False)
        if severity == "info":
            with st.expander(f"{len(found)} notes", expanded=info_expanded):
                st.info("\n\n---\n\n".join(finding_text(f) for f in found))
        else:
            for finding in found:
                show_finding(finding)


def md(text: str) -> str:
    """Coach-written text made literal inside Markdown (no links, colours, icons, maths or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def open_athlete_name() -> str | None:
    return st.session_state.get(OPEN_ATHLETE_NAME)


def remember_saved(inputs: PlanInputs | None) -> None:
    """The inputs the open athlete now has in the database (``None``: no athlete, the defaults):
    what the sidebar holds beyond them are unsaved changes."""
    st.session_state.pop(BASELINE_PENDING, None)
    if inputs is None:
        st.session_state.pop(OPEN_BASELINE, None)
    else:
        st.session_state[OPEN_BASELINE] = inputs


def remember_opened() -> None:
    """An athlete's inputs go to the sidebar on the next run: take them, as the sidebar then holds
    them (on its grids, days repaired), as what is saved."""
    st.session_state[BASELINE_PENDING] = True


def changes_not_saved() -> list[str]:
    """What the sidebar changes from the open athlete's saved inputs (or, with none open, from
    the defaults), one line each ("Bodyweight: 70 → 72 kg")."""
    if open_athlete_name() and OPEN_BASELINE not in st.session_state:
        return []  # opened before the app kept what was saved: nothing to compare with
    return unsaved_changes(st.session_state.get(OPEN_BASELINE), current_inputs())


def show_whose_plan() -> None:
    """On every page: whose plan this is, so a shared screen never leaves it in doubt, and
    whether the sidebar holds changes not saved yet."""
    if st.session_state.pop(BASELINE_PENDING, None):  # the run after an athlete was opened
        st.session_state[OPEN_BASELINE] = current_inputs()
    name = open_athlete_name()
    with st.container(key="whose_plan"):
        if name:
            changed = len(changes_not_saved())
            status = (f"{changed} unsaved change{'s' if changed != 1 else ''}: save them on the Athletes page"
                      if changed else "saved on the Athletes page")
            st.caption(f":material/person: Plan of **{md(name)}** ({status})")
        else:
            st.caption(":material/person_off: Unsaved plan: no athlete is open. Save it on the Athletes page.")


def show_input_messages() -> None:
    """At the top of every page: inputs the plan could not use as given (from the link, or days
    that clash), each saying what the plan uses instead."""
    for message in st.session_state.get(INPUT_MESSAGES) or []:
        st.error(message, icon=":material/event_busy:")
    link_messages(URL_MESSAGES, "Some settings in the link could not be used as given")


def link_messages(state_key: str, title: str) -> None:
    """The sentences held under ``state_key`` about a link's values, in a box (keyed ``state_key``)
    with a Dismiss button (``dismiss_<state_key>``); nothing when there are none."""
    messages = st.session_state.get(state_key) or []
    if not messages:
        return
    with st.container(border=True, key=state_key):
        st.markdown(f"**{title}**")
        for message in messages:
            st.warning(message, icon=":material/link_off:")
        if st.button("Dismiss", key=f"dismiss_{state_key}"):
            st.session_state[state_key] = []
            st.rerun()


@st.cache_resource(max_entries=512, show_spinner=False)
def _figure_for(builder: str, inputs_json: str, log_fingerprint: str, today_iso: str, args: tuple,
                _log: tuple[Session | CheckIn, ...] = ()) -> go.Figure:
    # One shared figure per (chart, inputs, log, today): moving a slider back and forth, or
    # revisiting a page, skips the 8-15 ms Plotly spends validating a figure's layout. Shared, so
    # never mutated. The plan is the one current_plan() shows: the same cache key.
    module, _, name = builder.rpartition(".")
    plan = _plan_for(inputs_json, log_fingerprint, today_iso, _log)
    return getattr(importlib.import_module(module), name)(plan, *args)


@st.cache_resource(max_entries=512, show_spinner=False)
def _words_for(builder: str, inputs_json: str, log_fingerprint: str, today_iso: str, args: tuple,
               _log: tuple[Session | CheckIn, ...] = ()) -> tuple[str, Any]:
    # The chart's sentence and table, read from the cached figure: shared, never mutated.
    return chart_words(_figure_for(builder, inputs_json, log_fingerprint, today_iso, args, _log))


def chart_words(fig: go.Figure) -> tuple[str, Any]:
    return figure_summary(fig), figure_table(fig)


def chart(builder: Callable[..., go.Figure], *args: object, key: str) -> None:
    """Every page's Plotly chart of the current plan, ``builder(plan, *args)``, cached per inputs
    and log; in presentation mode with larger text, readable on a shared screen. Under it, what it
    shows in one sentence and its numbers as a table (``show_chart_words``)."""
    inputs_json, fingerprint, today_iso, log = _plan_key(current_inputs(), open_log(), today())
    name = f"{builder.__module__}.{builder.__qualname__}"
    fig = _figure_for(name, inputs_json, fingerprint, today_iso, args, log)
    st.plotly_chart(projector_chart(fig) if presenting() else fig, key=key, config=CHART_CONFIG)
    show_chart_words(*_words_for(name, inputs_json, fingerprint, today_iso, args, log), key=key)


def show_chart_words(summary: str, table: Any, *, key: str) -> None:
    """A chart's text alternative, right under it: the sentence saying what it shows (in a container
    keyed ``<key>_summary``) and, on demand, its numbers as a table (keyed ``<key>_numbers``)."""
    with st.container(key=f"{key}_summary"):
        st.caption(md(summary))
    # Drawn only while open (opening it reruns the page, or the fragment it is in): a closed one
    # sends nothing, where 84 days of numbers per chart would go with every rerun.
    numbers = st.expander("The chart's numbers", icon=":material/table_view:", key=f"{key}_numbers_open",
                          on_change="rerun")
    with numbers:
        if numbers.open:
            data_table(table, key=f"{key}_numbers")


CHANGES_TITLE = "What the log changed"
CHANGE_ICONS = {"block": ":material/block:", "warn": ":material/warning:", "info": ":material/info:"}


def show_changes(plan: Plan, *, key: str = "plan_changes") -> None:
    """What the log changed in the plan, as a timeline (``changes_timeline``): from when, what, why,
    until when, and the rule's source. Nothing when the log changed nothing."""
    rows = changes_timeline(plan)
    if not rows:
        return
    with st.container(border=True, key=key):
        st.markdown(f"**{CHANGES_TITLE}**")
        st.markdown("\n".join(
            f"- {CHANGE_ICONS[r.severity]} **{md(r.start)}** · {md(r.what)}.  \n"
            f"  *Why:* {md(r.why)}.  \n  *Until:* {md(r.until)}. ({md(r.source)})" for r in rows))


def show_review(plan: Plan, *, expanded: bool = False, key: str = "two_week_review") -> None:
    """The last two weeks at a glance (``two_week_review``), in an expander, when the plan has a log."""
    lines = two_week_review(plan)
    if not lines:
        return
    with st.expander("The last two weeks", expanded=expanded, icon=":material/history:"), st.container(key=key):
        st.markdown("\n".join(f"- {md(line)}" for line in lines))
