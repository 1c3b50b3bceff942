"""Compare: scenario A is the sidebar's plan; B is A with a few inputs changed here."""

import streamlit as st

from core.present.compare import (
    B_FIELDS,
    any_difference,
    changed_inputs,
    compare_figure,
    differences_table,
    differences_view,
    scenario_b,
)
from core.present.fields import SPEC_BY_NAME
from core.present.text import form_test_note
from pages._ui.clock import today
from pages._ui.database import open_log
from pages._ui.keys import COMPARE_B
from pages._ui.plan import current_inputs, plan_for
from pages._ui.routing import require_router
from pages._ui.sidebar import input_widget

require_router()
PREFIX = "compare_b_"
a = current_inputs()
units = a.units
# Only the inputs changed for B are remembered, so B follows the sidebar in everything else.
overrides: dict = st.session_state.setdefault(COMPARE_B, {})


def remember(name: str) -> None:
    value = st.session_state[PREFIX + name]
    if value is None or value == getattr(current_inputs(), name):
        overrides.pop(name, None)
    else:
        overrides[name] = value


def reset_b() -> None:
    overrides.clear()


def b_widget(name: str) -> None:
    key = PREFIX + name
    st.session_state[key] = overrides.get(name, getattr(a, name))  # set before the widget exists
    input_widget(SPEC_BY_NAME[name], units, key=key, on_change=remember, args=(name,))


st.title("Compare two scenarios")
st.caption("**A** is the plan in the sidebar. **B** starts as a copy of A: change what you want to try here "
           "(a step every 2 or 3 weeks, vest or backpack, 1 or 2 loaded runs); everything else follows the "
           "sidebar. Numbers are in your units.")

b_col, main_col = st.columns([1, 2.4], gap="large")
with b_col, st.container(border=True, key="scenario_b"):
    st.subheader("Scenario B")
    st.button("Reset B to A", key="compare_reset", icon=":material/restart_alt:", on_click=reset_b,
              disabled=not overrides, width="stretch",
              help="Forget B's changes: B becomes a copy of the sidebar again.")
    for name in B_FIELDS:
        if name.startswith("pack_") and overrides.get("carrier", a.carrier) != "backpack":
            continue
        b_widget(name)

b, b_messages = scenario_b(a, overrides)
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
    st.plotly_chart(compare_figure(plan_a, plan_b), key="compare_chart", config={"displayModeBar": False})
    if form_test := form_test_note(plan_a, plan_b):
        st.caption(form_test)

    st.subheader("What differs")
    table = differences_table(plan_a, plan_b)
    only = st.toggle("Only what differs", key="compare_only_differences", disabled=not any_difference(table),
                     help="Hide the rows where A and B are the same.")
    st.table(differences_view(table, only), hide_index=True)
    st.caption("Highlighted: where B differs from A. A finding is listed when one scenario has it and the "
               "other does not, or words it differently; the Plan page shows each finding's source.")
