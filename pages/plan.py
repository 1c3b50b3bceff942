"""Plan: headline numbers, every finding with its source, and the load progression."""

import streamlit as st

from core.charts import load_progression_figure
from core.tables import weekly_table
from core.units import fmt_mass, ordinal
from pages._common import SEVERITY_TITLES, chart, current_plan, show_finding, show_url_messages
from pages._handover import hand_over

plan = current_plan()
inputs = plan.inputs
units = inputs.units

st.title("Your loaded running plan")
st.caption(
    "Set your profile, equipment and running week in the sidebar; the plan below follows the "
    "rules of five articles and the training literature, and says why. Share the address bar "
    "to share this exact plan."
)
show_url_messages()

lifts = len(plan.strength_days)
note = {"delta_color": "off", "delta_arrow": "off"}
cols = st.columns(5)
if plan.loaded_running:
    cols[0].metric("Start load", fmt_mass(plan.start_load_kg, units),
                   f"{plan.start_load_kg / inputs.bodyweight_kg:.1%} of bodyweight", **note)
    cols[1].metric("Ceiling", fmt_mass(plan.ceiling_kg, units),
                   f"{plan.ceiling_kg / inputs.bodyweight_kg:.1%} of bodyweight", **note)
    cols[2].metric("Ceiling reached", f"week {plan.ceiling_week}" if plan.ceiling_week else "later",
                   f"of {inputs.weeks}" if plan.ceiling_week else f"not within {inputs.weeks} weeks", **note)
    cols[3].metric("Loaded runs", f"{len(plan.loaded_days)} a week", "easy days only", **note)
else:
    cols[0].metric("Loaded runs", "none", "see the reasons", **note)
    cols[1].metric("Plan length", f"{inputs.weeks} weeks")
    cols[2].metric("Start load", "—")
    cols[3].metric("Ceiling", "—")
cols[4].metric("Lifts", f"{lifts} a week", f"deload every {ordinal(inputs.deload_every)} week", **note)

chart_col, findings_col = st.columns([3, 2], gap="large")
with chart_col:
    if plan.loaded_running:
        chart(load_progression_figure, key="load_chart")
        st.caption("The form test applies wherever load is shown: if the load changes how you run "
                   "(leaning from the waist, shorter stride, dropped cadence, hunched shoulders), "
                   "it is too heavy for that session (002).")
    else:
        with st.container(border=True, key="load_empty_state"):
            st.subheader("No loaded runs in this plan")
            st.write("The reasons are listed beside this box. Your strength plan still applies: it is how you "
                     "prepare to carry load later. Change the carrier or profile in the sidebar to explore.")
with findings_col:
    for severity in ("block", "warn", "info"):
        found = plan.findings_by_severity(severity)
        if not found:
            continue
        st.subheader(SEVERITY_TITLES[severity])
        if severity == "info":
            with st.expander(f"{len(found)} notes", expanded=not plan.loaded_running):
                for finding in found:
                    show_finding(finding)
        else:
            for finding in found:
                show_finding(finding)

st.subheader("Week by week")
st.dataframe(weekly_table(plan), hide_index=True, key="weekly_table")

hand_over(plan)
