"""The shared inputs: the sidebar's widgets, bound to the URL, and reading what a link, an opened
athlete or an uploaded profile asks them to hold. Every page shows the same sidebar."""

from __future__ import annotations

import contextlib
import functools
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitAPIException

from core.planner.models import FIRST_START_DATE, LAST_START_DATE, PlanInputs, next_monday
from core.present.fields import (
    SECTIONS,
    SPEC_BY_NAME,
    SPECS,
    UNITS_NAMES,
    FieldSpec,
    check_query,
    option_label,
    resolve_inputs,
    widget_label,
)
from pages._ui.clock import today
from pages._ui.keys import INPUTS, PENDING_INPUTS, URL_MESSAGES

DEFAULTS = PlanInputs()
BIND = "query-params"


def check_url_once() -> None:
    """Before any widget binds to the URL, read it ourselves: Streamlit would silently drop a
    bad value, and the runner deserves to know which one and why."""
    if URL_MESSAGES in st.session_state:
        return
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    check = check_query(raw)
    for key in raw:
        if key not in check.values:
            del st.query_params[key]
        if not hasattr(DEFAULTS, key):
            continue
        if key not in check.values:
            st.session_state[key] = getattr(DEFAULTS, key)
        elif check.normalized[key] != raw[key]:
            # A value Streamlit would not recognise ("carrier=vest" for "Weighted vest"): set the
            # widget through session state, the supported way to set a bound widget from code.
            # Values already in the widget's own format are left to the URL binding.
            st.session_state[key] = check.values[key]
    st.session_state[URL_MESSAGES] = check.messages


def apply_pending_inputs() -> None:
    """Inputs a page asked for (an athlete opened on the Athletes page), set on the widgets before
    they exist this run; bound widgets then write them to the address bar themselves."""
    pending = st.session_state.pop(PENDING_INPUTS, None)
    if pending is None:
        return
    check = check_query(pending)  # the widgets' own values, on their grids
    for key, value in check.values.items():
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
        try:  # a widget hidden last run (pack straps) is not bound yet: write its part of the link
            if value != getattr(DEFAULTS, key):
                st.query_params[key] = check.normalized[key]
            elif key in st.query_params:
                del st.query_params[key]
        except StreamlitAPIException:
            pass  # bound: the widget updates the URL


def date_the_plan() -> None:
    """A plan without a start date starts the Monday after today. Set it on the widget (its
    default is empty), so the address bar always carries the date: a link opened a month later
    is the same plan, not one that moved with the calendar."""
    if st.session_state.get("start_date") is None and "start_date" not in st.query_params:
        start = next_monday(today())
        st.session_state.start_date = start
        # The widget writes the URL only once it holds a value of its own; if it is already
        # bound this session, it does that itself.
        with contextlib.suppress(StreamlitAPIException):
            st.query_params["start_date"] = start.isoformat()


@functools.cache
def option_labels(name: str, units: str) -> dict:
    """Every option's label, computed once: a select-slider formats all of its options (331 for
    bodyweight) on every rerun."""
    spec = SPEC_BY_NAME[name]
    return {option: option_label(spec, option, units=units) for option in spec.options}  # type: ignore[arg-type]


def input_widget(spec: FieldSpec, units: str, *, key: str, default: Any = None, **extra: Any) -> None:
    """The one widget for a ``PlanInputs`` field, in the sidebar and in Compare's scenario B.
    Its value is metric whatever the units. With ``default`` the widget starts there; without,
    its value comes from session state."""
    label = widget_label(spec, units)  # type: ignore[arg-type]
    common = {"key": key, "help": spec.help, **extra}
    fmt = option_labels(spec.name, units).__getitem__ if spec.options else None
    given = default is not None or spec.kind == "date"
    if isinstance(default, tuple):
        default = list(default)
    index = {"index": spec.options.index(default)} if given and default in spec.options else {}
    value = {"value": default} if given else {}
    chosen = {"default": default} if given else {}
    if spec.name == "load_step_kg":
        st.selectbox(label, spec.options, format_func=fmt, **index, **common)
    elif spec.kind in ("mass", "distance", "pace"):
        st.select_slider(label, spec.options, format_func=fmt, **value, **common)
    elif spec.kind == "int":
        st.slider(label, spec.options[0], spec.options[1], **value, **common)
    elif spec.kind == "choice" and len(spec.options) <= 4:
        st.radio(label, spec.options, format_func=fmt, horizontal=True, **index, **common)
    elif spec.kind == "choice":
        st.selectbox(label, spec.options, format_func=fmt, **index, **common)
    elif spec.kind == "multi" and spec.name.endswith("_days"):
        st.pills(label, spec.options, selection_mode="multi", format_func=fmt, **chosen, **common)
    elif spec.kind == "multi":
        st.multiselect(label, spec.options, format_func=fmt, placeholder="None", **chosen, **common)
    elif spec.kind == "bool":
        st.checkbox(label, **value, **common)
    else:
        st.date_input(label, format="YYYY-MM-DD", min_value=FIRST_START_DATE, max_value=LAST_START_DATE,
                      **value, **common)


def sidebar() -> PlanInputs:
    with st.sidebar:
        units = st.radio("Units", list(UNITS_NAMES), format_func=UNITS_NAMES.get, horizontal=True,
                         index=0,
                         captions=["kg, km", "lb, mi"], key="units", bind=BIND,
                         help="Changes how numbers are shown, never the plan.")
        for section in SECTIONS:
            with st.expander(section, expanded=section in ("Runner", "Goal & equipment")):
                for spec in SPECS:
                    if spec.section != section:
                        continue
                    if spec.name.startswith("pack_") and st.session_state.get("carrier") != "backpack":
                        continue
                    # Always the true default, also when session state holds a value from a link or
                    # an opened athlete: the URL binding leaves out values equal to the widget's
                    # default (config: global.disableWidgetStateDuplicationWarning).
                    input_widget(spec, units, key=spec.name, default=getattr(DEFAULTS, spec.name), bind=BIND)
                if section == "Running week":
                    clash_slot = st.container()
    values = {spec.name: st.session_state[spec.name] for spec in SPECS if spec.name in st.session_state}
    if st.session_state.get("carrier") != "backpack":
        values.pop("pack_chest_strap", None)
        values.pop("pack_hip_belt", None)
    values["units"] = units
    inputs, messages = resolve_inputs(values)
    with clash_slot:  # explained next to the day widgets
        for message in messages:
            st.error(message, icon=":material/event_busy:")
    return inputs


def shared_inputs() -> PlanInputs:
    """The run's inputs: a link read once, a page's pending inputs applied, the plan dated, then
    the sidebar. Kept in session state for the page."""
    check_url_once()
    apply_pending_inputs()
    date_the_plan()
    inputs = sidebar().dated(today())
    st.session_state[INPUTS] = inputs
    return inputs
