"""The Plan page's hand-over section: the plan's files to download (the watch workouts of the next
weeks among them), and a saved profile to open."""

from __future__ import annotations

import streamlit as st

from core import Plan
from core.io.files import file_stem
from core.io.ics import plan_ics
from core.io.plan_csv import plan_csv
from core.io.profile import profile_json, read_profile, sidebar_params
from core.io.report import report_html
from core.io.workouts import workouts_in, workouts_zip
from pages._ui.athlete import Replacement, declined, replace_inputs, unsaved_prompt
from pages._ui.clock import now, today
from pages._ui.keys import HANDOVER_OPEN, HANDOVER_OPENED, OPEN_ATHLETE
from pages._ui.plan import open_athlete_name
from pages._ui.sidebar import open_in_sidebar

WATCH_WEEKS = (1, 2, 4, 8)
"""How many weeks of workouts the zip can hold (a watch keeps a few weeks' workouts well)."""
FIT_MIME = "application/vnd.ant.fit"


def calendar_id() -> str:
    """Whose plan the calendar and watch files are (the open athlete's id, never a typed name), so
    their event ids and file ids stay the same however the name is spelled."""
    athlete_id = st.session_state.get(OPEN_ATHLETE)
    return f"athlete-{athlete_id}" if athlete_id is not None else "unsaved-plan"


def _open_profile(params: dict[str, list[str]], file_id: str, name: str) -> None:
    def run() -> None:
        st.session_state[HANDOVER_OPENED] = (file_id, name)
        open_in_sidebar(params)

    # With unsaved changes in the sidebar, ask first (save, discard, cancel) right here.
    replace_inputs(Replacement(f"profile:{file_id}", f"Opening {name} replaces the sidebar's inputs.", run,
                               "handover"))


def _profile_uploader() -> None:
    uploaded = st.file_uploader(
        "Open a saved profile", type=["json"], key="handover_profile", max_upload_size=1,
        help="A .json profile downloaded above (here or on another computer). Its settings replace the "
             "sidebar's, so the plan is the one that was saved. Nothing is uploaded anywhere else.",
    )
    if uploaded is None:
        return
    data = uploaded.getvalue()
    inputs, messages = read_profile(data)
    if inputs is None:
        st.error(f"**{uploaded.name}** could not be opened. {messages[0]}", icon=":material/error:")
        return
    params, moved = sidebar_params(inputs)
    notes = messages + moved
    opened = st.session_state.get(HANDOVER_OPENED)
    if opened and opened[0] == uploaded.file_id:
        st.success(f"Opened **{uploaded.name}**: the sidebar now holds its settings and the plan above follows them.",
                   icon=":material/check_circle:")
        for note in notes:
            st.caption(note)
        return
    if not notes:
        if not declined(f"profile:{uploaded.file_id}"):
            _open_profile(params, uploaded.file_id, uploaded.name)
        unsaved_prompt("handover")
        if declined(f"profile:{uploaded.file_id}"):
            st.caption(f"{uploaded.name} was not opened: the sidebar keeps its unsaved changes.")
        return
    with st.container(border=True, key="handover_profile_problems"):
        st.markdown(f"**{uploaded.name}** can be opened, but not exactly as saved:")
        for note in notes:
            st.warning(note, icon=":material/rule:")
        if st.button("Open it anyway", key="handover_open_anyway", type="primary",
                     icon=":material/file_open:", help="Use the settings above; the sidebar takes them."):
            _open_profile(params, uploaded.file_id, uploaded.name)
    unsaved_prompt("handover")


HANDOVER_LABEL = "The plan's files: CSV, profile, calendar, report and watch workouts; open a saved profile"


def hand_over(plan: Plan) -> None:
    """Downloads for the runner, their calendar and the coach's records, and reopening a profile, in
    an expander (keyed ``HANDOVER_OPEN``) whose content is drawn only while it is open: closed, the
    section is two elements instead of twenty (eleven elements and nine blocks), and every rerun of
    the page (each press of a sidebar input) sends and redraws that much less (benchmarks/README.md)."""
    st.header("Hand over", anchor="hand-over")  # an h2 like the page's other sections (heading order)
    files = st.expander(HANDOVER_LABEL, icon=":material/ios_share:", key=HANDOVER_OPEN, on_change="rerun")
    with files:
        if files.open:
            _hand_over_files(plan)


def _hand_over_files(plan: Plan) -> None:
    st.caption("Files for the runner, their watch, their phone calendar and your records, made from the plan above "
               "in your units. Print the report to PDF from the browser.")
    if not st.session_state.get("handover_athlete") and open_athlete_name():
        st.session_state["handover_athlete"] = open_athlete_name()  # the open athlete, not typed again
    athlete = st.text_input(
        "Athlete's name (optional)", key="handover_athlete", max_chars=80, placeholder="e.g. Jane Doe",
        help="Shown on the report and as the calendar's name, and used in the file names. The open "
             "athlete's name by default; what you type here is not saved.",
    ).strip() or None
    stem = file_stem(plan, athlete)
    # Files are made when a button is clicked (data as a callable): no work on every rerun.
    downloads = (
        ("Plan (CSV)", "csv", "text/csv", ":material/table_view:", lambda: plan_csv(plan),
         "One row per day: run type and distance, loaded runs with load and % of bodyweight, lifts, "
         "deload weeks and the training-load columns. Columns carry their unit (load_kg or load_lb). "
         "Opens in Excel, Numbers or Google Sheets."),
        ("Profile (JSON)", "json", "application/json", ":material/save:", lambda: profile_json(plan.inputs),
         "Every setting behind this plan. Open it below, here or on another computer, to get exactly "
         "this plan back."),
        ("Calendar (.ics)", "ics", "text/calendar", ":material/event:", lambda: plan_ics(plan, athlete, now=now(), calendar_id=calendar_id()),
         "One all-day event per planned session (every run, rest day and lift), with the load, distance, "
         "form test and exercises. Import into Google Calendar, Apple Calendar or Outlook; importing a "
         "changed plan again updates its events."),
        ("Report (HTML)", "html", "text/html", ":material/print:",
         lambda: report_html(plan, athlete, today=today()),
         "A printable page with the name, inputs, findings and their sources, the charts and the "
         "week-by-week table. Open it in a browser and print to PDF (A4 or Letter). About 2 MB: the "
         "chart library is inside, so it works offline."),
    )
    # One row that wraps (a horizontal container: one block, where columns were five).
    with st.container(horizontal=True, key="handover_files"):
        for label, ext, mime, icon, data, help_text in downloads:
            st.download_button(label, data=data, file_name=f"{stem}.{ext}", mime=mime, icon=icon,
                               help=help_text, on_click="ignore", key=f"download_{ext}", width="stretch")
    _watch_workouts(plan, stem)
    _profile_uploader()


def _watch_workouts(plan: Plan, stem: str) -> None:
    """The next weeks' planned sessions (every run and lift) as FIT workouts, in one zip."""
    row = st.container(horizontal=True, vertical_alignment="bottom", key="handover_watch")
    weeks = row.selectbox("Weeks of watch workouts", WATCH_WEEKS, index=1, key="handover_workout_weeks",
                                format_func=lambda n: f"next {n} week{'s' if n > 1 else ''}",
                                help="Every planned run and lift from today on (rest days have none), "
                                     "one FIT workout file each.", width=240)
    start = max(today(), plan.days[0].date)
    sessions = workouts_in(plan, start, weeks)
    row.download_button(
        f"Watch workouts (.zip, {len(sessions)} file{'' if len(sessions) == 1 else 's'})",
        data=lambda: workouts_zip(plan, start, weeks, now=now(), calendar_id=calendar_id()),
        file_name=f"{stem}-workouts.zip", mime="application/zip", icon=":material/watch:",
        on_click="ignore", key="download_workouts", disabled=not sessions, width="stretch",
        help="Unzip, then copy the .fit files into the watch's GARMIN/NewFiles folder over USB, or import "
             "them in Garmin Connect. Each run is a warm-up, its distance with a target pace range (from "
             "the easy pace) and a cool-down; a loaded run has the load and the form test in its notes; "
             "each lift lists its exercises, reps and sets.")
    if not sessions:
        st.caption(f"No planned sessions from {start:%a %d %b %Y} in the next {weeks} weeks of this plan.")
