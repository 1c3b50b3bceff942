"""What every page shares: the cached plan for the sidebar's inputs, and how findings look."""

from __future__ import annotations

import streamlit as st

from core import Plan, PlanInputs, build_plan
from core.models import Finding
from core.rules import SOURCES

SEVERITY_TITLES = {"block": "Not for you yet", "warn": "Warnings", "info": "Good to know"}


@st.cache_resource(max_entries=512, show_spinner=False)
def _plan_for(inputs_json: str) -> Plan:
    # Plan is frozen, so one shared instance per input set is safe (no copy per rerun).
    return build_plan(PlanInputs.model_validate_json(inputs_json))


def current_inputs() -> PlanInputs:
    return st.session_state.get("inputs") or PlanInputs()


def current_plan() -> Plan:
    return _plan_for(current_inputs().model_dump_json())


def source_text(source: str) -> str:
    """'002, 000' or 'Williams 2017; Lolli 2019' -> the titles, so a coach can say where a rule
    comes from."""
    parts = []
    for code in source.replace("(", ",").replace(")", ",").replace(";", ",").split(","):
        code = code.strip()
        key = code if code in SOURCES else code.split(" ")[0]
        parts.append(f"{key}: {SOURCES[key]}" if key in SOURCES else code)
    return "Source: " + "; ".join(p for p in parts if p)


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
