"""Plan: headline numbers, every finding with its source, and the load progression."""

import streamlit as st

from core.planner.screening import FORM_TEST
from core.present.blocks import headline_html, this_week_html, weeks_html
from core.present.charts import load_progression_figure
from core.present.specs import input_place
from core.present.tables import weekly_table
from core.present.this_week import week_holding, week_lines
from pages._ui.clock import today
from pages._ui.handover import hand_over
from pages._ui.plan import chart, current_plan, show_changes, show_findings, show_review
from pages._ui.presentation import presenting
from pages._ui.routing import require_router

require_router()
plan = current_plan()
st.title("Your loaded running plan", anchor=False)
st.caption(
    f"Set the key inputs {input_place('bodyweight_kg', presenting=presenting())} and the rest under Edit profile; "
    "the plan below follows the rules of five articles and the training literature, and says why. Share the "
    "address bar to share this exact plan."
)

# This week, the headline and the week-by-week table are one HTML block each (core/present/blocks.py):
# each element is drawn again at every press, and these were 3, 6 and a data grid (issue 25).
week = week_holding(plan, today())
st.html(this_week_html(plan, week, today()))
show_changes(plan)  # what the log changed, when it changed anything
show_review(plan)  # only when the plan has a training log (an open athlete's, from the Log page)
st.html(headline_html(plan))

chart_col, findings_col = st.columns([3, 2], gap="large")
with chart_col:
    if plan.loaded_running:
        chart_place = st.container()  # filled last, below: see there
        if not any(line.loaded for line in week_lines(plan, week)):  # else it is in this week's box
            st.caption(f"{FORM_TEST} (002)")
    else:
        with st.container(border=True, key="load_empty_state"):
            st.header("No loaded runs in this plan", anchor=False)
            st.write("The reasons are listed beside this box. Your strength plan still applies: it is how you "
                     "prepare to carry load later. Each reason says which input lifts it, and where it is.")
with findings_col:
    show_findings(plan, info_expanded=not plan.loaded_running)

st.header("Week by week", anchor=False)
st.html(weeks_html(weekly_table(plan)))

hand_over(plan)

if plan.loaded_running:
    # The chart is sent last, in its place above: the browser draws the page's other elements
    # first, and the run's end follows the chart at once instead of waiting behind Plotly's drawing.
    with chart_place:
        chart(load_progression_figure, key="load_chart")
