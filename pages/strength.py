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
st.title("Strength sessions", anchor=False)
st.caption(f"{cardinal(STRENGTH_SESSIONS_PER_WEEK).capitalize()} short full-body sessions a week; most sets "
           f"at RPE {STRENGTH_RPE}, finishing with {REPS_IN_RESERVE} reps in reserve, never to failure (004).")


@st.fragment
def the_week_shown() -> None:
    """The week to show and its sessions: moving "Week to show" reruns only this part of the page."""
    week = st.slider("Week to show", 1, inputs.weeks, week_holding(plan, today()), key="strength_week",
                     help="Opens on this week. Sets and reps change through each block.")
    sessions = [s for s in plan.strength_sessions if s.week == week]
    if not sessions:
        st.info("Your week has no room for a strength session: free a day that is not a rest day, the long-run "
                "day or the day before it.")
    for session in sessions:
        title = "Plyometric micro-dose" if session.label == "plyo" else f"Session {session.label}"
        st.header(f"{title} · {WEEKDAY_NAMES[session.weekday]} {session.date:%d %b} · {session.minutes} min",
                  anchor=False)
        st.caption(f"{session.cycle_step.capitalize()}: {CYCLE_NOTES[session.cycle_step]}")
        table = session_table(session)
        notes_shown = bool(table["Note"].str.len().gt(0).any())
        # Every column fits a 1280 px screen beside the sidebar (about 800 px), so no cell is cut at
        # the edge ("RPE 6-8 · 1-"): rows are 65 px tall, which makes Streamlit wrap a cell's text
        # onto a second line; with an injury note the table leaves out the movement pattern (the
        # exercise names it).
        widths = ({"Exercise": 130, "Sets x reps": 90, "Avoid": 150, "Note": 190, "Regression": 125, "Effort": 110}
                  if notes_shown else
                  {"Exercise": 150, "Sets x reps": 100, "Avoid": 170, "Regression": 160, "Effort": 120,
                   "Pattern": 95})
        st.dataframe(
            table, hide_index=True, row_height=65, height="content",
            column_order=list(widths),
            column_config={column: st.column_config.TextColumn(width=width) for column, width in widths.items()},
        )


the_week_shown()

notes = [INJURY_NOTES[i] for i in inputs.injuries]
left, right = st.columns(2)
with left:
    st.markdown("**Form cues (004)**\n" + "\n".join(f"- {c}" for c in FORM_CUES))
with right:
    if notes:
        st.markdown("**Your injury modifiers**\n" + "\n".join(f"- {n}" for n in notes))
    st.markdown("**Don't** introduce new exercises right before a key workout block (004).")
