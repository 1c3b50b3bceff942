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
from pages._ui.keys import INPUT_MESSAGES, INPUTS, PENDING_INPUTS, URL_MESSAGES

DEFAULTS = PlanInputs()
BIND = "query-params"
LINKED_BY_HAND = tuple(spec.name for spec in SPECS if spec.kind == "multi" and getattr(DEFAULTS, spec.name))
"""Choices whose default is not empty (hard days, rest days): the app writes them to the address
bar itself, because a bound widget set to "none" from code would drop out of the link, and an
absent parameter means the default. Written as ``rest_days=`` for none."""


def check_url_once() -> None:
    """Before any widget binds to the URL, read it ourselves: Streamlit would silently drop or
    mangle a value it can't use, and the runner deserves to know which one and why. The address
    bar is rewritten in the widgets' own format (a value equal to its default left out), then the
    run starts again from it: on a first load a bound widget reads the URL it was opened with."""
    if URL_MESSAGES in st.session_state:
        return
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    check = check_query(raw)
    st.session_state[URL_MESSAGES] = check.messages
    rewritten = False
    for key in raw:
        canonical = check.normalized.get(key)
        if key in LINKED_BY_HAND and key in check.values:  # no binding reads these: set them here
            st.session_state[key] = list(check.values[key])
        if canonical == raw[key]:
            continue
        rewritten = True
        value = check.values.get(key, getattr(DEFAULTS, key, None))
        if hasattr(DEFAULTS, key):
            st.session_state[key] = list(value) if isinstance(value, tuple) else value
        if canonical is None or value == getattr(DEFAULTS, key, None):
            del st.query_params[key]
        else:
            st.query_params[key] = canonical
    if rewritten:
        st.rerun()


def open_in_sidebar(params: dict[str, list[str]]) -> None:
    """Make the sidebar (and so the address bar and the plan) hold ``params`` (link parameters,
    e.g. ``core.present.fields.link_params(inputs)``): set on the widgets at the start of the
    next run, before they exist; bound widgets write them to the address bar themselves."""
    st.session_state[PENDING_INPUTS] = params
    st.rerun()


def apply_pending_inputs() -> None:
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
                    bind = None if spec.name in LINKED_BY_HAND else BIND
                    input_widget(spec, units, key=spec.name, default=getattr(DEFAULTS, spec.name), bind=bind)
    values = {spec.name: st.session_state[spec.name] for spec in SPECS if spec.name in st.session_state}
    if st.session_state.get("carrier") != "backpack":
        values.pop("pack_chest_strap", None)
        values.pop("pack_hip_belt", None)
    values["units"] = units
    inputs, messages = resolve_inputs(values)
    st.session_state[INPUT_MESSAGES] = messages  # shown on the page, where the runner looks
    link_by_hand(values, units)
    return inputs


def link_by_hand(values: dict[str, Any], units: str) -> None:
    for name in LINKED_BY_HAND:
        chosen = tuple(values.get(name, getattr(DEFAULTS, name)))
        canonical = [option_label(SPEC_BY_NAME[name], v, units) for v in chosen] or [""]  # type: ignore[arg-type]
        if chosen == getattr(DEFAULTS, name):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get_all(name) != canonical:
            st.query_params[name] = canonical


def shared_inputs() -> PlanInputs:
    """The run's inputs: a link read once, a page's pending inputs applied, the plan dated, then
    the sidebar. Kept in session state for the page."""
    check_url_once()
    apply_pending_inputs()
    date_the_plan()
    inputs = sidebar().dated(today())
    st.session_state[INPUTS] = inputs
    return inputs
