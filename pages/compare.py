"""Compare: scenario A is the sidebar's plan; B is A with a few inputs changed here."""

import streamlit as st

from core.present.compare import (
    B_FIELDS,
    any_difference,
    b_link,
    changed_inputs,
    compare_figure,
    differences_table,
    differences_view,
    is_b_param,
    read_b_link,
    scenario_b,
)
from core.present.links import link_params
from core.present.specs import SPEC_BY_NAME, input_place
from core.present.text import form_test_note
from pages._ui.clock import today
from pages._ui.database import open_log
from pages._ui.keys import COMPARE_B, COMPARE_B_LINK_MESSAGES, COMPARE_B_LINK_READ, COMPARE_FLASH
from pages._ui.plan import chart_words, current_inputs, link_messages, plan_for, show_chart_words
from pages._ui.presentation import PROJECTOR_SUFFIX, presenting, projector_chart, table_width
from pages._ui.routing import require_router
from pages._ui.sidebar import input_widget, open_in_sidebar

require_router()
PREFIX = "compare_b_"
a = current_inputs()
units = a.units
# Only the inputs changed for B are remembered, so B follows the sidebar in everything else.
overrides: dict = st.session_state.setdefault(COMPARE_B, {})
if not st.session_state.get(COMPARE_B_LINK_READ):  # a link with B in it (b_weeks=12), read once
    st.session_state[COMPARE_B_LINK_READ] = True
    link_b = {key: st.query_params.get_all(key) for key in st.query_params if is_b_param(key)}
    if link_b:
        changes, b_messages_read = read_b_link(link_b, a)
        overrides.clear()
        overrides.update(changes)
        st.session_state[COMPARE_B_LINK_MESSAGES] = b_messages_read


def remember(value: object, name: str) -> None:
    if value is None or value == getattr(current_inputs(), name):
        overrides.pop(name, None)
    else:
        overrides[name] = value


def reset_b() -> None:
    overrides.clear()


def write_b_link(wanted: dict[str, list[str]]) -> None:
    """B's part of the address bar: only B's values that differ from A, so the link reproduces B."""
    for key in [k for k in st.query_params if is_b_param(k) and k not in wanted]:
        del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get_all(key) != value:
            st.query_params[key] = value


def show_b_link_messages() -> None:
    link_messages(COMPARE_B_LINK_MESSAGES, "Some settings of scenario B in the link could not be used as given")


def b_widget(name: str) -> None:
    input_widget(SPEC_BY_NAME[name], units, value=overrides.get(name, getattr(a, name)), prefix=PREFIX,
                 on_change=remember, args=(name,))


st.title("Compare two scenarios", anchor=False)
where_a = input_place("carrier", presenting=presenting())
st.caption(f"**A** is the plan of the inputs {where_a} and under Edit profile. **B** starts as a copy of A: change "
           "what you want to try here (a step every 2 or 3 weeks, vest or backpack, 1 or 2 loaded runs); "
           "everything else follows A. Numbers are in your units. The link holds B too.")
if COMPARE_FLASH in st.session_state:
    st.success(st.session_state.pop(COMPARE_FLASH), icon=":material/check_circle:")
show_b_link_messages()



@st.fragment
def the_scenarios() -> None:
    """B's inputs, the chart and the table: changing B reruns only this part of the page (using
    B as the plan reruns the whole app, so the sidebar takes it)."""
    b_col, main_col = st.columns([1, 2.4], gap="large")
    with b_col, st.container(border=True, key="scenario_b"):
        st.header("Scenario B", anchor=False)
        st.button("Reset B to A", key="compare_reset", icon=":material/restart_alt:", on_click=reset_b,
                  disabled=not overrides, width="stretch",
                  help="Forget B's changes: B becomes a copy of the sidebar again.")
        use_b = st.button("Use B as the plan", key="compare_use_b", icon=":material/done_all:", type="primary",
                          disabled=not overrides, width="stretch",
                          help="B becomes the plan: the sidebar, the address bar and every page take B's inputs "
                               "(for an open athlete, as unsaved changes until you save them).")
        for name in B_FIELDS:
            if name.startswith("pack_") and overrides.get("carrier", a.carrier) != "backpack":
                continue
            b_widget(name)

    b, b_messages = scenario_b(a, overrides)
    if use_b:
        adopted = changed_inputs(a, b)
        overrides.clear()
        write_b_link({})
        st.session_state[COMPARE_FLASH] = ("B is now the plan: " + " · ".join(
            f"{label} {vb}" for label, _va, vb in adopted) + ". A and B are the same again.") if adopted else \
            "B was already the same as A."
        open_in_sidebar(link_params(b))
    write_b_link(b_link(a, b))
    log = open_log()  # the open athlete's log: A is the plan every page shows, B the same log
    plan_a, plan_b = plan_for(a, log, today()), plan_for(b, log, today())

    with main_col:
        for message in b_messages:
            st.warning(f"Scenario B: {message}", icon=":material/warning:")
        changes = changed_inputs(a, b)
        if changes:
            st.markdown("**B changes:** " + " · ".join(f"{label} {va} → **{vb}**" for label, va, vb in changes))
        else:
            st.info("B is a copy of A. Change an input under Scenario B to compare.", icon=":material/compare_arrows:")
        figure = compare_figure(plan_a, plan_b)
        st.plotly_chart(projector_chart(figure) if presenting() else figure, key="compare_chart",
                        config={"displayModeBar": False})
        show_chart_words(*chart_words(figure), key="compare_chart")
        if form_test := form_test_note(plan_a, plan_b):
            st.caption(form_test)

        st.header("What differs", anchor=False)
        table = differences_table(plan_a, plan_b)
        only = st.toggle("Only what differs", key="compare_only_differences", disabled=not any_difference(table),
                         help="Hide the rows where A and B are the same.")
        with st.container(key="compare_table" + PROJECTOR_SUFFIX):  # grows with presentation mode
            st.table(differences_view(table, only), hide_index=True, width=table_width())
        st.caption("Highlighted: where B differs from A. A finding is listed when one scenario has it and the "
                   "other does not, or words it differently; the Plan page shows each finding's source.")


the_scenarios()
