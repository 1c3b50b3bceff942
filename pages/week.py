"""Week: one week's structure, the whole plan as a calendar, and why things sit where they sit."""

import streamlit as st

from core.planner.screening import FORM_TEST
from core.present.charts import calendar_figure, week_structure_figure
from core.present.tables import week_days_table
from core.present.this_week import week_holding, week_reasons
from pages._ui.clock import today
from pages._ui.plan import chart, current_plan
from pages._ui.routing import require_router

require_router()
plan = current_plan()
st.title("Your week")
week = st.slider("Week to show", 1, plan.inputs.weeks, week_holding(plan, today()), key="week_shown",
                 help="Pick a week of the plan; deload weeks are lighter.")
left, right = st.columns([3, 2], gap="large")
with left:
    chart(week_structure_figure, week, key="week_chart")
with right:
    st.markdown("**Why things sit where they sit**")
    st.markdown("\n".join(f"- {reason}" for reason in week_reasons(plan)))

st.dataframe(week_days_table(plan, week), hide_index=True, key="week_table")
if plan.loaded_running:
    st.caption(f"{FORM_TEST} (002)")
chart(calendar_figure, key="calendar_chart")
