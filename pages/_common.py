"""What every page shares: the cached plan for the sidebar's inputs, and how findings look."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import plotly.graph_objects as go
import streamlit as st

from core import Plan, PlanInputs, build_plan
from core.models import Finding
from core.rules import source_text


def _leave_pages_folder_mode() -> None:
    """A fresh Streamlit server treats ``pages/`` as an old-style multipage app until some session
    calls ``st.navigation``: a shared link to /week opened first would run the Week page alone,
    without the sidebar or the link's inputs. Every page imports this module, so the first such
    run switches the server to ``st.navigation`` mode and reruns the same page through app.py
    (page URLs are the same in both modes)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


_leave_pages_folder_mode()

def now() -> dt.datetime:
    """The one place the app reads the clock; everything below it takes the time as an argument.
    In the browser's time zone when Streamlit knows it, so "today" is the runner's today."""
    try:
        zone = ZoneInfo(st.context.timezone) if st.context.timezone else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    return dt.datetime.now(zone)


def today() -> dt.date:
    return now().date()


PRESENTING = "presentation_mode"
"""Session-state key of the presentation toggle (app.py): bigger text for a shared screen."""
CHART_CONFIG = {"displayModeBar": False}

SEVERITY_TITLES = {"block": "Not for you yet", "warn": "Warnings", "info": "Good to know"}


@st.cache_resource(max_entries=512, show_spinner=False)
def _plan_for(inputs_json: str) -> Plan:
    # Plan is frozen, so one shared instance per input set is safe (no copy per rerun).
    return build_plan(PlanInputs.model_validate_json(inputs_json))


def current_inputs() -> PlanInputs:
    return st.session_state.get("inputs") or PlanInputs()


def current_plan() -> Plan:
    return _plan_for(current_inputs().model_dump_json())


def show_finding(finding: Finding) -> None:
    body = f"{finding.message}  \n*{source_text(finding.source)}*"
    {"block": st.error, "warn": st.warning, "info": st.info}[finding.severity](body)


def show_url_messages() -> None:
    messages = st.session_state.get("url_messages") or []
    if messages:
        with st.container(border=True):
            st.markdown("**Some settings in the link could not be used**")
            for message in messages:
                st.warning(message, icon=":material/link_off:")
            if st.button("Dismiss", key="dismiss_url_messages"):
                st.session_state.url_messages = []
                st.rerun()


def presenting() -> bool:
    return bool(st.session_state.get(PRESENTING))


@st.cache_resource(max_entries=512, show_spinner=False)
def _figure_for(builder: str, inputs_json: str, args: tuple) -> go.Figure:
    # One shared figure per (chart, inputs): moving a slider back and forth, or revisiting a page,
    # skips the 8-15 ms Plotly spends validating a figure's layout. Shared, so never mutated.
    module, _, name = builder.rpartition(".")
    return getattr(importlib.import_module(module), name)(_plan_for(inputs_json), *args)


def chart(builder: Callable[..., go.Figure], *args: object, key: str) -> None:
    """Every page's Plotly chart of the current plan, ``builder(plan, *args)``, cached per inputs;
    in presentation mode with larger text, readable on a shared screen."""
    fig = _figure_for(f"{builder.__module__}.{builder.__qualname__}", current_inputs().model_dump_json(), args)
    if presenting():
        fig = go.Figure(fig)  # enlarge a copy, never the shared figure
        fig.update_layout(font_size=19, title_font_size=23, legend_font_size=17,
                          height=round((fig.layout.height or 420) * 1.15))
        fig.update_xaxes(tickfont_size=16, title_font_size=18)  # Streamlit's theme sets its own tick fonts
        fig.update_yaxes(tickfont_size=16, title_font_size=18)
        for annotation in fig.layout.annotations:
            annotation.font.size = round((annotation.font.size or 14) * 1.35)
    st.plotly_chart(fig, key=key, config=CHART_CONFIG)
