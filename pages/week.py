"""Week: one week's structure, the whole plan as a calendar, and why things sit where they sit."""

import streamlit as st

from core.planner.models import WEEKDAY_NAMES
from core.present.charts import calendar_figure, week_structure_figure
from core.present.tables import week_days_table
from core.present.this_week import week_holding
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
    long_day = WEEKDAY_NAMES[plan.inputs.long_run_day]
    reasons = [
        "Hard days hard, easy days easy: loaded runs go on easy days only, never two days in a row (002, 004).",
        f"No lifting on the long-run day ({long_day}) or the day before it (004).",
        "Lifts go after easy runs or later on the same day as intervals, never on rest days, never two days in a row (004).",
        "Loaded runs avoid the day before a hard run or the long run, so key runs start fresh (product choice).",
    ]
    if plan.plyo_day:
        reasons.append(f"The plyometric micro-dose follows the speed session on {WEEKDAY_NAMES[plan.plyo_day]} (004).")
    st.markdown("\n".join(f"- {r}" for r in reasons))

st.dataframe(week_days_table(plan, week), hide_index=True, key="week_table")
chart(calendar_figure, key="calendar_chart")
