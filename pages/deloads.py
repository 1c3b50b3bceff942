"""Deloads: weekly volume with deload weeks marked, and the cycle explained."""

import streamlit as st

from core.planner.rules import (
    DELOAD_LOADED_DISTANCE_FRACTION,
    DELOAD_LOADED_RUNS,
    DELOAD_STRENGTH_FRACTION,
    TAPER_VOLUME_CUT,
)
from core.planner.strength import CYCLE_NOTES, cycle_step
from core.planner.units import cardinal, ordinal, percent, percent_range
from core.present.charts import volume_figure
from core.present.text import form_test_note
from pages._ui.plan import chart, current_plan
from pages._ui.presentation import table_width
from pages._ui.routing import require_router

require_router()
plan = current_plan()
every = plan.inputs.deload_every
st.title("Deload weeks", anchor=False)
st.caption(f"Every {ordinal(every)} week is a deload, the same week for carried load and lifting.")
chart(volume_figure, key="volume_chart")
if form_test := form_test_note(plan):
    st.caption(form_test)

st.header(f"The {every}-week cycle", anchor=False)
st.table([{"Week of the block": i, "Strength": cycle_step(i, every).capitalize(),
           "What to do": CYCLE_NOTES[cycle_step(i, every)]} for i in range(1, every + 1)], width=table_width())
st.markdown(
    f"- **In a deload week** the load and the loaded distance don't rise; {cardinal(DELOAD_LOADED_RUNS)} loaded "
    f"run at about {percent(DELOAD_LOADED_DISTANCE_FRACTION)} of the previous week's distance, same load. "
    f"Strength keeps its sessions with about {percent(1 - DELOAD_STRENGTH_FRACTION)} fewer sets and minutes, "
    f"same intensity (004; volume cuts of {percent_range(*TAPER_VOLUME_CUT)} with intensity kept: "
    "Bosquet 2007).\n"
    "- **The week after**, the loaded run returns to its pre-deload distance.\n"
    "- **Your unloaded runs** stay as you entered them: your running plan owns them. Line up the deload week "
    "with your running plan's own recovery weeks (Deload every, under Edit profile, Plan tab)."
)
