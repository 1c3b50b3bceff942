"""Plan: headline numbers, every finding with its source, and the load progression."""

import streamlit as st

from core.planner.screening import FORM_TEST
from core.present.charts import load_progression_figure
from core.present.specs import input_place
from core.present.tables import weekly_table
from core.present.text import headline
from core.present.this_week import week_heading, week_holding, week_lines
from pages._ui.clock import today
from pages._ui.handover import hand_over
from pages._ui.plan import chart, current_plan, show_changes, show_findings, show_review
from pages._ui.presentation import data_table, presenting
from pages._ui.routing import require_router

require_router()
plan = current_plan()
st.title("Your loaded running plan", anchor=False)
st.caption(
    f"Set the key inputs {input_place('bodyweight_kg', presenting=presenting())} and the rest under Edit profile; "
    "the plan below follows the rules of five articles and the training literature, and says why. Share the "
    "address bar to share this exact plan."
)

week = week_holding(plan, today())
with st.container(border=True, key="this_week"):
    st.header(f"This week: {week_heading(plan, week)}", anchor=False)
    st.markdown("  \n".join(
        f"{'**' if line.today else ''}{line.day}{' (today)' if line.today else ''}{'**' if line.today else ''}"
        f" · {line.text}" for line in week_lines(plan, week, today())))
    if any(line.loaded for line in week_lines(plan, week)):
        st.caption(f"{FORM_TEST} (002)")
show_changes(plan)  # what the log changed, when it changed anything
show_review(plan)  # only when the plan has a training log (an open athlete's, from the Log page)

note = {"delta_color": "off", "delta_arrow": "off"}
with st.container(horizontal=True, key="headline"):  # one block, where columns were six
    for label, value, detail in headline(plan):
        st.metric(label, value, detail or None, width="stretch", **note)

chart_col, findings_col = st.columns([3, 2], gap="large")
with chart_col:
    if plan.loaded_running:
        chart(load_progression_figure, key="load_chart")
        st.caption(f"{FORM_TEST} (002)")
    else:
        with st.container(border=True, key="load_empty_state"):
            st.header("No loaded runs in this plan", anchor=False)
            st.write("The reasons are listed beside this box. Your strength plan still applies: it is how you "
                     "prepare to carry load later. Each reason says which input lifts it, and where it is.")
with findings_col:
    show_findings(plan, info_expanded=not plan.loaded_running)

st.header("Week by week", anchor=False)
weeks = weekly_table(plan)
column_help = {"Each": "How far each loaded run of the week goes.", "Unloaded": "All the week's running without load."}
data_table(weeks, key="weekly_table", column_config={
    column: st.column_config.Column(help=column_help[column.split(" (")[0]])
    for column in weeks.columns if column.split(" (")[0] in column_help})

hand_over(plan)
