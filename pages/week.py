"""Week: one week's structure, a session of it for the watch, the whole plan as a calendar, and why
things sit where they sit."""

import streamlit as st

from core.io.workouts import workout_file_name, workout_fit, workout_sessions
from core.planner.screening import FORM_TEST
from core.present.charts import calendar_figure, week_structure_figure
from core.present.sessions import session_label
from core.present.tables import week_days_table
from core.present.this_week import week_heading, week_holding, week_reasons
from pages._ui.clock import now, today
from pages._ui.handover import FIT_MIME, calendar_id
from pages._ui.plan import chart, current_plan
from pages._ui.routing import require_router

require_router()
plan = current_plan()
st.title("Your week", anchor=False)


@st.fragment
def the_week_shown() -> None:
    """Everything that follows "Week to show": moving it reruns only this part of the page."""
    week = st.slider("Week to show", 1, plan.inputs.weeks, week_holding(plan, today()), key="week_shown",
                     help="Pick a week of the plan; deload weeks are lighter.")
    heading = week_heading(plan, week)  # "week 5 of 24 · Build phase · deload week"
    st.container(key="week_heading").markdown(f"**{heading[0].upper()}{heading[1:]}**")
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart(week_structure_figure, week, key="week_chart")
    with right:
        st.markdown("**Why things sit where they sit**")
        st.markdown("\n".join(f"- {reason}" for reason in week_reasons(plan)))

    st.dataframe(week_days_table(plan, week), hide_index=True, key="week_table")
    if plan.loaded_running:
        st.caption(f"{FORM_TEST} (002)")

    st.header("On the watch", anchor=False)
    # Every week has its long run (the long-run day is never a rest day), so there is always one.
    sessions = {s.key: s for s in workout_sessions(plan) if s.week == week}
    pick_col, button_col = st.columns([3, 2], vertical_alignment="bottom")
    chosen = pick_col.selectbox("Workout", list(sessions), key="workout_session",
                                format_func=lambda key: session_label(plan, sessions[key]),
                                help="A run (warm-up, its distance with a target pace range from your easy pace, "
                                     "cool-down; a loaded run has the load and the form test in its notes) or a "
                                     "lift (its exercises, reps and sets).")
    session = sessions[chosen or next(iter(sessions))]
    button_col.download_button(
        "Download the workout (.fit)", data=lambda: workout_fit(plan, session, now=now(), calendar_id=calendar_id()),
        file_name=workout_file_name(session), mime=FIT_MIME, icon=":material/watch:", on_click="ignore",
        key="download_workout", width="stretch",
        help="Copy it into the watch's GARMIN/NewFiles folder over USB, or import it in Garmin Connect.")
    st.caption("Garmin: copy the .fit file into GARMIN/NewFiles on the watch (USB), or import it in Garmin Connect "
               "and send it to the watch. The next weeks' workouts come as one zip on the Plan page's hand-over.")


the_week_shown()
chart(calendar_figure, key="calendar_chart")
