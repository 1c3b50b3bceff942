"""Plan: headline numbers, every finding with its source, and the load progression."""

import streamlit as st

from core.present.charts import load_progression_figure
from core.present.tables import weekly_table
from core.present.text import headline
from pages._ui.handover import hand_over
from pages._ui.plan import chart, current_plan, show_findings, show_url_messages
from pages._ui.routing import require_router

require_router()
plan = current_plan()
st.title("Your loaded running plan")
st.caption(
    "Set your profile, equipment and running week in the sidebar; the plan below follows the "
    "rules of five articles and the training literature, and says why. Share the address bar "
    "to share this exact plan."
)
show_url_messages()

note = {"delta_color": "off", "delta_arrow": "off"}
facts = headline(plan)
for column, (label, value, detail) in zip(st.columns(len(facts)), facts, strict=True):
    column.metric(label, value, detail or None, **note)

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
    show_findings(plan, info_expanded=not plan.loaded_running)

st.subheader("Week by week")
st.dataframe(weekly_table(plan), hide_index=True, key="weekly_table")

hand_over(plan)
