"""Strength: the sessions of a chosen week, exercise by exercise."""

import streamlit as st

from core.planner.models import WEEKDAY_NAMES
from core.planner.rules import REPS_IN_RESERVE, STRENGTH_RPE, STRENGTH_SESSIONS_PER_WEEK
from core.planner.strength import CYCLE_NOTES, FORM_CUES, INJURY_NOTES
from core.planner.units import cardinal
from core.present.tables import session_table
from core.present.this_week import week_holding
from pages._ui.clock import today
from pages._ui.plan import current_plan
from pages._ui.routing import require_router

require_router()
plan = current_plan()
inputs = plan.inputs
st.title("Strength sessions")
st.caption(f"{cardinal(STRENGTH_SESSIONS_PER_WEEK).capitalize()} short full-body sessions a week; most sets "
           f"at RPE {STRENGTH_RPE}, finishing with {REPS_IN_RESERVE} reps in reserve, never to failure (004).")
week = st.slider("Week to show", 1, inputs.weeks, week_holding(plan, today()), key="strength_week",
                 help="Opens on this week. Sets and reps change through each block.")
sessions = [s for s in plan.strength_sessions if s.week == week]
if not sessions:
    st.info("Your week has no room for a strength session: free a day that is not a rest day, the long-run "
            "day or the day before it.")
for session in sessions:
    title = "Plyometric micro-dose" if session.label == "plyo" else f"Session {session.label}"
    st.subheader(f"{title} · {WEEKDAY_NAMES[session.weekday]} {session.date:%d %b} · {session.minutes} min")
    st.caption(f"{session.cycle_step.capitalize()}: {CYCLE_NOTES[session.cycle_step]}")
    st.dataframe(session_table(session), hide_index=True)

notes = [INJURY_NOTES[i] for i in inputs.injuries]
left, right = st.columns(2)
with left:
    st.markdown("**Form cues (004)**\n" + "\n".join(f"- {c}" for c in FORM_CUES))
with right:
    if notes:
        st.markdown("**Your injury modifiers**\n" + "\n".join(f"- {n}" for n in notes))
    st.markdown("**Don't** introduce new exercises right before a key workout block (004).")
