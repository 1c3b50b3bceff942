"""Compare: scenario A is the sidebar's plan; B is A with a few inputs changed here."""

import streamlit as st

from core.compare import B_FIELDS, changed_inputs, compare_figure, differences_table, scenario_b
from core.fields import SPEC_BY_NAME, option_label, widget_label
from pages._common import _plan_for, current_inputs

PREFIX = "compare_b_"
a = current_inputs()
units = a.units
# Only the inputs changed for B are remembered, so B follows the sidebar in everything else.
overrides: dict = st.session_state.setdefault("compare_b", {})


def remember(name: str) -> None:
    value = st.session_state[PREFIX + name]
    if value is None or value == getattr(current_inputs(), name):
        overrides.pop(name, None)
    else:
        overrides[name] = value


def reset_b() -> None:
    overrides.clear()


def b_widget(name: str) -> None:
    spec = SPEC_BY_NAME[name]
    key = PREFIX + name
    st.session_state[key] = overrides.get(name, getattr(a, name))  # set before the widget exists
    common = {"key": key, "help": spec.help, "on_change": remember, "args": (name,)}
    label = widget_label(spec, units)
    fmt = lambda v, s=spec: option_label(s, v, units)  # noqa: E731
    if name == "load_step_kg" or (spec.kind == "choice" and not isinstance(spec.options[0], int)):
        st.selectbox(label, spec.options, format_func=fmt, **common)
    elif spec.kind == "choice":  # a few numbers: one row of buttons
        st.segmented_control(label, spec.options, format_func=fmt, required=True, **common)
    elif spec.kind in ("mass", "distance"):
        st.select_slider(label, spec.options, format_func=fmt, **common)
    elif spec.kind == "int":
        st.slider(label, spec.options[0], spec.options[1], **common)
    elif spec.kind == "bool":
        st.checkbox(label, **common)


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
plan_a, plan_b = _plan_for(a.model_dump_json()), _plan_for(b.model_dump_json())

with main_col:
    for message in b_messages:
        st.warning(f"Scenario B: {message}", icon=":material/warning:")
    changes = changed_inputs(a, b)
    if changes:
        st.markdown("**B changes:** " + " · ".join(f"{label} {va} → **{vb}**" for label, va, vb in changes))
    else:
        st.info("B is a copy of A. Change an input under Scenario B to compare.", icon=":material/compare_arrows:")
    st.plotly_chart(compare_figure(plan_a, plan_b), key="compare_chart", config={"displayModeBar": False})

    st.subheader("What differs")
    table = differences_table(plan_a, plan_b)
    only = st.toggle("Only what differs", key="compare_only_differences", disabled=not table["Differs"].any(),
                     help="Hide the rows where A and B are the same.")
    shown = table[table["Differs"]] if only and table["Differs"].any() else table
    highlight = "background-color: rgba(217, 130, 43, 0.18); font-weight: 600"
    st.table(
        shown.drop(columns="Differs").style.apply(
            lambda row: [highlight if shown.loc[row.name, "Differs"] else ""] * len(row), axis=1),
        hide_index=True,
    )
    st.caption("Highlighted: where B differs from A. A finding is listed when one scenario has it and the "
               "other does not, or words it differently; the Plan page shows each finding's source.")
