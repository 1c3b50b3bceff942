"""Router and shared sidebar: every plan input lives here, bound to the URL."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Mapping

import streamlit as st
from streamlit.errors import StreamlitAPIException

from core.fields import (
    SECTIONS,
    SPEC_BY_NAME,
    SPECS,
    UNITS_NAMES,
    check_query,
    option_label,
    resolve_inputs,
    widget_label,
)
from core.models import FIRST_START_DATE, LAST_START_DATE, PlanInputs, next_monday
from pages._common import PRESENTING, today

st.set_page_config(page_title="Loaded running planner", page_icon=":material/backpack:", layout="wide")

DEFAULTS = PlanInputs()
BIND = "query-params"


def check_url_once() -> None:
    """Before any widget binds to the URL, read it ourselves: Streamlit would silently drop a
    bad value, and the runner deserves to know which one and why."""
    if "url_messages" in st.session_state:
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
    st.session_state.url_messages = check.messages


@functools.cache
def option_labels(name: str, units: str) -> dict:
    """Every option's label, computed once: a select-slider formats all of its options (331 for
    bodyweight) on every rerun."""
    spec = SPEC_BY_NAME[name]
    return {option: option_label(spec, option, units=units) for option in spec.options}


def field_widget(spec, units: str) -> None:
    """One widget per PlanInputs field; its key is the field name and its value is metric."""
    default = getattr(DEFAULTS, spec.name)
    if isinstance(default, tuple):
        default = list(default)
    label = widget_label(spec, units)
    common = {"key": spec.name, "help": spec.help, "bind": BIND}
    # Always the true default, also when session state holds a value from a link or an opened
    # athlete: the URL binding leaves out values equal to the widget's default, so the default
    # must be the plan's (config: global.disableWidgetStateDuplicationWarning).
    fmt = option_labels(spec.name, units).__getitem__ if spec.options else None
    index = {"index": spec.options.index(default)} if default in spec.options else {}
    value = {"value": default}
    chosen = {"default": default}
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
                    field_widget(spec, units)
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


def require_sign_in() -> None:
    """With [auth] in secrets (a shared deployment) nothing shows until a coach signs in, so each
    coach's athletes stay theirs. Without it the app is single-user and local."""
    auth = st.secrets.get("auth") if st.secrets.load_if_toml_exists() else None
    if auth is None or st.user.get("is_logged_in"):
        return
    providers = [name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value]

    def sign_in() -> None:
        st.title("Loaded running planner")
        st.write("Sign in to plan and to see your athletes.")
        for provider in providers or [None]:
            st.button(f"Sign in with {provider}" if provider else "Sign in", on_click=st.login, args=(provider,),
                      icon=":material/login:", type="primary", key=f"sign_in_{provider}")

    st.navigation([st.Page(sign_in, title="Sign in", icon=":material/login:")], position="hidden").run()
    st.stop()


def apply_pending_inputs() -> None:
    """Inputs a page asked for (an athlete opened on the Athletes page), set on the widgets before
    they exist this run; bound widgets then write them to the address bar themselves."""
    pending = st.session_state.pop("pending_inputs", None)
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


require_sign_in()
check_url_once()
apply_pending_inputs()
date_the_plan()
st.session_state.inputs = sidebar().dated(today())

PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stTooltipIcon"], [data-testid="stElementToolbar"] { display: none !important; }
html { font-size: 20px; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 3rem; padding-right: 3rem; padding-top: 3.5rem; }
</style>"""


def presentation_toggle() -> None:
    """For screen-sharing: hides the sidebar and help icons and enlarges text and charts. The
    sidebar's widgets stay on the page (only hidden), so the address bar keeps every input."""
    with st.container(horizontal=True, horizontal_alignment="right", key="presentation_bar"):
        st.toggle("Presentation mode", key=PRESENTING,
                  help="For a shared screen: hides the sidebar, enlarges text and charts. The link in the "
                       "address bar still holds every input. Switch off to edit inputs again.")
    if st.session_state.get(PRESENTING):
        st.html(PRESENTATION_CSS)


presentation_toggle()
pages = [
    st.Page("pages/plan.py", title="Plan", icon=":material/show_chart:", default=True),
    st.Page("pages/week.py", title="Week", icon=":material/calendar_view_week:"),
    st.Page("pages/load.py", title="Load", icon=":material/monitor_heart:"),
    st.Page("pages/deloads.py", title="Deloads", icon=":material/autorenew:"),
    st.Page("pages/strength.py", title="Strength", icon=":material/fitness_center:"),
    st.Page("pages/gear.py", title="Gear & safety", icon=":material/backpack:"),
    st.Page("pages/checkin.py", title="Check-in", icon=":material/fact_check:"),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page("pages/athletes.py", title="Athletes", icon=":material/groups:"),
]
st.navigation(pages, position="top").run()
