"""Log: what was done and how it felt. Import watch files, log a session in a few taps, the daily
check-in, the logged sessions (edit, delete), and planned against done with the last two weeks.

The log is the open athlete's; with none open, the runner's own, kept as the athlete "My training"
(created with the sidebar's inputs at the first thing logged). Every write reads the log again for
the plan (``pages._ui.database.refresh_log``), so every page's plan adapts to it at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from core.io import store
from core.io.log_import import sessions_from_files
from core.planner.checkin import INCOMPLETE_CHECKIN, READINESS_QUESTIONS, SAVED_CHECKIN_COUNTS
from core.planner.log import CheckIn, Session, same_run
from core.planner.models import Plan
from core.planner.screening import FORM_TEST
from core.planner.units import (
    Units,
    distance,
    distance_unit,
    mass,
    mass_unit,
    to_kg,
    to_km,
)
from core.present.links import check_query, link_params
from core.present.log_view import (
    FORM_TESTS,
    KINDS,
    OUTCOMES,
    form_test_problem,
    plural,
    session_label,
    table_rows,
)
from core.present.review import (
    RECENT_DAYS,
    planned_vs_done,
    planned_vs_done_figure,
    suggested_inputs,
    two_week_review,
)
from core.present.specs import field_label
from core.present.text import unsaved_changes, value_text
from pages._ui.clock import now, today
from pages._ui.database import (
    AthleteLog,
    athletes_engine,
    forget_log,
    owner,
    refresh_log,
)
from pages._ui.keys import LOG_CONFIRM_DELETE, LOG_FLASH, LOG_UPLOAD_ROUND, OPEN_ATHLETE, OPEN_ATHLETE_NAME
from pages._ui.plan import (
    chart,
    current_inputs,
    current_plan,
    md,
    remember_opened,
    remember_saved,
    show_changes,
)
from pages._ui.routing import require_router
from pages._ui.sidebar import open_in_sidebar
from pages._ui.wording import INPUTS_DIFFER, INPUTS_SAVED

# (Comments, not docstrings: a bare string in a page script is shown on the page.)
OWN_LOG = "My training"  # the athlete a runner's own log is kept under when no athlete is open
RECENT_WEEKS = 8  # the logged sessions the table shows unless "show all" is on
UPLOAD_TYPES = ["fit", "gpx", "tcx", "csv", "zip", "gz"]
EARLIEST_DATE = dt.date(1990, 1, 1)
SESSION_FIELDS = ("date", "outcome", "kind", "distance", "minutes", "load", "rpe", "form", "pain", "note")
_LOG = logging.getLogger("planner.log")


def flash(kind: str, text: str) -> None:
    """A message for the next run (after st.rerun)."""
    st.session_state.setdefault(LOG_FLASH, []).append((kind, text))


# ---------------------------------------------------------------------------------------------
# Whose log


def whose_log(engine: Engine, coach: str) -> tuple[int | None, str]:
    """(athlete id, name) of the log this page shows. With no athlete open, the runner's own log
    is opened if it exists (then the page runs again, so every part of it shows that log); if it
    doesn't, the id is ``None`` until the first thing is logged (``log_athlete``)."""
    athlete_id = st.session_state.get(OPEN_ATHLETE)
    if athlete_id is not None:
        return athlete_id, st.session_state.get(OPEN_ATHLETE_NAME) or ""
    own = store.find_athlete(engine, coach, OWN_LOG)
    if own is None:
        return None, OWN_LOG
    st.session_state[OPEN_ATHLETE] = own.id
    st.session_state[OPEN_ATHLETE_NAME] = own.name
    # What is saved with it: the sidebar keeps its inputs, and every page counts what differs as unsaved.
    remember_saved(store.load(engine, coach, own.id).inputs)
    forget_log()
    flash("info", f"Opened your own log, **{md(OWN_LOG)}**: every page's plan now adapts to it.")
    st.rerun()
    raise AssertionError("unreachable")  # pragma: no cover


def log_athlete(engine: Engine, coach: str, athlete_id: int | None) -> int:
    """The athlete a write goes to: the open one, or the runner's own, created now with the
    sidebar's inputs and opened."""
    if athlete_id is not None:
        return athlete_id
    version = store.save(engine, coach, OWN_LOG, current_inputs(),
                         "Created by the Log page for your own training log.", now=now())
    st.session_state[OPEN_ATHLETE] = version.athlete_id
    st.session_state[OPEN_ATHLETE_NAME] = OWN_LOG
    remember_saved(current_inputs())
    flash("info", f"Your log is kept as the athlete **{md(OWN_LOG)}** (with the sidebar's inputs), on the "
                  "Athletes page.")
    return version.athlete_id


def offer_saved_inputs(engine: Engine, coach: str, athlete_id: int) -> None:
    """The runner's own log opens without touching the sidebar (a link's inputs stay): one sentence
    says which inputs the plan uses and, when they differ from the saved ones, how many changes
    that is (as the line at the top counts them), with one button to open the saved ones."""
    saved_inputs = store.load(engine, coach, athlete_id).inputs
    if saved_inputs is None:
        return
    changes = unsaved_changes(saved_inputs, current_inputs())
    with st.container(key="log_inputs"):
        if not changes:
            st.caption(f":material/check: {INPUTS_SAVED.format(name=md(OWN_LOG))}")
            return
        left, right = st.columns([3, 1], vertical_alignment="center")
        count = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
        left.caption(f":material/warning: {INPUTS_DIFFER.format(name=md(OWN_LOG), changes=count)}")
        if right.button("Open the saved inputs", key="log_open_saved_inputs", icon=":material/open_in_browser:"):
            flash("success", f"The sidebar now holds the inputs saved with **{md(OWN_LOG)}**.")
            remember_opened()
            open_in_sidebar(link_params(saved_inputs))


def show_whose_log(athlete_id: int | None, name: str) -> None:
    if athlete_id is None:
        st.caption(f":material/person: Your own training log. Nothing is saved until you log or import "
                   f"something; it is then kept as the athlete **{md(OWN_LOG)}** on the Athletes page. To "
                   "log for an athlete, open them on the Athletes page first.")
    elif name == OWN_LOG:
        st.caption(f":material/person: Your own training log, kept as the athlete **{md(OWN_LOG)}** on the "
                   "Athletes page. Every page's plan adapts to it.")
    else:
        st.caption(f":material/person: Training log of **{md(name)}**. Every page's plan adapts to it; open "
                   "another athlete on the Athletes page to see theirs.")


@contextmanager
def writing(engine: Engine) -> Iterator[None]:
    """Around every write: the store's sentences (a value it refuses, an athlete deleted meanwhile)
    and a database failure shown as ours, never a traceback."""
    try:
        yield
    except store.AthleteNotFound:
        st.session_state.pop(OPEN_ATHLETE, None)
        st.session_state.pop(OPEN_ATHLETE_NAME, None)
        forget_log()
        st.error("This athlete is no longer saved (deleted on the Athletes page, perhaps in another "
                 "window): nothing was logged. Open an athlete, or log again for your own log.")
    except ValueError as error:
        st.error(md(str(error)))
    except Exception as error:  # noqa: BLE001 - any database failure: say so, keep the page
        _LOG.exception("training log write failed")
        st.error(f"The training log could not be saved: {md(type(error).__name__)}. Nothing was changed; "
                 "try again.")


def saved(engine: Engine, coach: str, athlete_id: int) -> None:
    """After a write: the plan reads the log again, and the whole page shows it (the forms are
    fragments: this reruns the app, not just the form)."""
    refresh_log(engine, coach, athlete_id)
    st.rerun()


# ---------------------------------------------------------------------------------------------
# Sessions: the fields, logging one, importing files


def session_fields(prefix: str, units: Units, session: Session) -> dict[str, Any]:
    """The widgets of one session, starting at ``session``, in the user's units; returns the
    session's values in ours (kilometres, kilograms)."""
    rpe_options = sorted({*range(11), *([session.rpe] if session.rpe is not None else [])})
    date_col, outcome_col = st.columns([1, 2])
    date = date_col.date_input("Date", value=session.date, min_value=min(EARLIEST_DATE, session.date),
                               max_value=max(today(), session.date), format="YYYY-MM-DD", key=f"{prefix}_date")
    outcome = outcome_col.radio("How it went", list(OUTCOMES), index=list(OUTCOMES).index(session.outcome),
                                format_func=OUTCOMES.__getitem__, horizontal=True, key=f"{prefix}_outcome")
    kind = st.radio("Session", list(KINDS), index=list(KINDS).index(session.kind), format_func=KINDS.__getitem__,
                    horizontal=True, key=f"{prefix}_kind")
    distance_col, minutes_col, load_col = st.columns(3)
    du, mu = distance_unit(units), mass_unit(units)
    run_distance = distance_col.number_input(
        f"Distance ({du})", min_value=0.0, max_value=float(round(distance(400, units), 1)), step=0.1, format="%.2f",
        value=float(distance(session.distance_km, units)), key=f"{prefix}_distance")
    minutes = minutes_col.number_input("Minutes", min_value=0.0, max_value=24 * 60.0, step=1.0, format="%.0f",
                                       value=float(session.minutes), key=f"{prefix}_minutes")
    load = load_col.number_input(
        f"Load carried ({mu})", min_value=0.0, max_value=float(round(mass(60, units), 1)),
        step=1.0 if units == "imperial" else 0.5, format="%.1f", value=float(mass(session.load_kg, units)),
        key=f"{prefix}_load", help="What the vest or pack weighed; 0 for an unloaded run or a lift.")
    rpe = st.segmented_control("Effort (session RPE, 0 rest to 10 maximal)", rpe_options, default=session.rpe,
                               format_func=lambda v: f"{v:g}", key=f"{prefix}_rpe")
    form_col, pain_col = st.columns([2, 1], vertical_alignment="bottom")
    form_ok = form_col.radio("Form test", list(FORM_TESTS), index=list(FORM_TESTS).index(session.form_ok),
                             format_func=FORM_TESTS.__getitem__, horizontal=True, help=f"{FORM_TEST} (002)",
                             key=f"{prefix}_form")
    pain = pain_col.checkbox("Pain", value=session.pain, key=f"{prefix}_pain",
                             help="Pain during or after the session: loaded runs pause until a session without it.")
    note = st.text_input("Note", value=session.note, max_chars=500, key=f"{prefix}_note",
                         placeholder="e.g. Hilly, vest bounced a bit")
    return {"date": date, "outcome": outcome, "kind": kind, "distance_km": to_km(run_distance, units),
            "minutes": minutes, "load_kg": to_kg(load, units), "rpe": rpe, "form_ok": form_ok, "pain": pain,
            "note": note.strip(), "source": session.source}


@st.fragment  # its widgets rerun only it; a save reruns the app (saved)
def log_session_form(engine: Engine, coach: str, athlete_id: int | None, units: Units) -> None:
    st.header("Log a session", anchor=False)
    with st.form("log_session", border=True):
        values = session_fields("log_session", units, Session(date=today()))
        submitted = st.form_submit_button("Log it", type="primary", icon=":material/add:", key="log_session_save")
    if not submitted:
        return
    problem = form_test_problem(values)
    if problem:
        st.error(problem)
        return
    session = Session.model_construct(**values)  # validated by the store, which says what is wrong in our words
    with writing(engine):
        target = log_athlete(engine, coach, athlete_id)
        added, _skipped = store.add_sessions(engine, coach, target, [session], now=now())
        if added:
            flash("success", f"Logged: {md(session_label(session, units))}.")
        else:
            complete_the_twin(engine, coach, target, session, units)
        for field in SESSION_FIELDS:  # a fresh form for the next session
            st.session_state.pop(f"log_session_{field}", None)
        saved(engine, coach, target)


def complete_the_twin(engine: Engine, coach: str, athlete_id: int, session: Session, units: Units) -> None:
    """A session typed in that is the same run as one already logged: an imported run (which has
    no load, form test or pain) takes what was typed; one typed in before is left for editing."""
    logged, _problems = store.logged_sessions(engine, coach, athlete_id)
    twin = next((entry for entry in logged if same_run(entry.session, session)), None)
    if twin is None or not twin.session.source:
        flash("warning", f"{md(session_label(session, units))} is already in the log: change it under "
                         "**Edit or delete a session** instead.")
        return
    values = dict(session)
    values.update(minutes=session.minutes or twin.session.minutes,
                  rpe=session.rpe if session.rpe is not None else twin.session.rpe,
                  note=session.note or twin.session.note, source=twin.session.source)
    store.update_session(engine, coach, athlete_id, twin.id, Session.model_construct(**values), now=now())
    flash("success", f"Logged: {md(session_label(session, units))}. It completes the run imported from "
                     f"{md(twin.session.source)} that day.")


def upload_key() -> str:
    """The file uploader's key: a new one after each finished import, so the files leave the list."""
    return f"log_upload_{st.session_state.get(LOG_UPLOAD_ROUND, 0)}"


@st.fragment  # its widgets rerun only it; a save reruns the app (saved)
def import_files(engine: Engine, coach: str, athlete_id: int | None) -> None:
    st.header("Import watch files", anchor=False)
    uploads = st.file_uploader(
        "FIT, GPX or TCX files, Strava's activities.csv, or a .zip export", type=UPLOAD_TYPES,
        accept_multiple_files=True, key=upload_key(),
        help="Runs and strength sessions are logged; the same run imported twice is logged once.")
    if not st.button("Import", key="log_import", icon=":material/upload:", disabled=not uploads):
        return
    bar = st.progress(0.0, text="Reading the files…")

    def progress(fraction: float) -> None:
        bar.progress(fraction, text="Reading the files…")

    read = sessions_from_files([(upload.name, upload.getvalue()) for upload in uploads or []], progress,
                               plan=current_plan())
    bar.empty()
    if not read.sessions:
        st.warning("Nothing to import: no run or strength session was found in "
                   f"{'this file' if len(uploads or []) == 1 else 'these files'}.")
        for message in read.messages:
            st.warning(md(message))
        return
    with writing(engine):
        target = log_athlete(engine, coach, athlete_id)
        added, skipped = store.add_sessions(engine, coach, target, list(read.sessions), now=now())
        older = sum(s.date < today() - dt.timedelta(weeks=RECENT_WEEKS) for s in read.sessions)
        hidden = (f" Sessions older than {RECENT_WEEKS} weeks ({older} of them) show with **Show all**."
                  if older else "")
        flash("success", f"Imported {plural(added, 'session')}; {skipped} {'was' if skipped == 1 else 'were'} "
                         f"already in the log.{hidden}")
        if matched := read.matched_text():
            flash("info", md(matched))
        for message in read.messages:
            flash("warning", md(message))
        st.session_state[LOG_UPLOAD_ROUND] = st.session_state.get(LOG_UPLOAD_ROUND, 0) + 1  # an empty uploader
        saved(engine, coach, target)


# ---------------------------------------------------------------------------------------------
# The check-in


@st.fragment  # its widgets rerun only it; a save reruns the app (saved)
def checkin_box(engine: Engine, coach: str, athlete_id: int | None, log: AthleteLog | None) -> None:
    st.header("Today's check-in", anchor=False)
    day = today()
    done = next((c for c in (log.checkins if log else ()) if c.date == day), None)
    if done is not None:
        yes = len(READINESS_QUESTIONS) - done.noes
        st.caption(f"Saved for today: {yes} of {len(READINESS_QUESTIONS)} answers yes. Saving again replaces it.")
    else:
        st.caption(SAVED_CHECKIN_COUNTS)
    answers = {key: st.segmented_control(question, (True, False), format_func=lambda yes: "Yes" if yes else "No",
                                         key=f"log_ready_{key}")
               for key, question in READINESS_QUESTIONS}
    if not st.button("Save the check-in", key="log_checkin_save", icon=":material/fact_check:"):
        return
    if any(answer is None for answer in answers.values()):
        st.warning(INCOMPLETE_CHECKIN)
        return
    with writing(engine):
        target = log_athlete(engine, coach, athlete_id)
        values: dict[str, Any] = {"date": day, **answers}
        store.save_checkin(engine, coach, target, CheckIn.model_construct(**values), now=now())
        flash("success", f"Saved today's check-in ({day:%a %d %b}).")
        for key, _ in READINESS_QUESTIONS:
            st.session_state.pop(f"log_ready_{key}", None)
        saved(engine, coach, target)


# ---------------------------------------------------------------------------------------------
# The logged sessions


@st.fragment  # its widgets rerun only it; a save reruns the app (saved)
def sessions_table(engine: Engine, coach: str, athlete_id: int | None, logged: list[store.LoggedSession],
                   units: Units) -> None:
    st.header("Logged sessions", anchor=False)
    if not logged:
        st.info("No sessions yet. Log one above in a few taps, or import your watch's files (FIT, GPX, TCX, or "
                "a Strava or Garmin export): the plan then adapts to what you really did.",
                icon=":material/edit_note:")
        return
    assert athlete_id is not None
    newest_first = sorted(logged, key=lambda entry: (entry.session.date, entry.id), reverse=True)
    since = today() - dt.timedelta(weeks=RECENT_WEEKS)
    recent = [entry for entry in newest_first if entry.session.date >= since]
    show_all = len(recent) < len(newest_first) and st.toggle(
        f"Show all {plural(len(newest_first), 'session')} (the table shows the last {RECENT_WEEKS} weeks)",
        key="log_show_all")
    shown = newest_first if show_all else recent
    if shown:
        with st.container(key="log_sessions"):  # a data grid's key names no element a browser test can find
            st.dataframe(table_rows(shown, units), hide_index=True, key="log_table",
                         column_config={"Date": st.column_config.DateColumn(format="ddd DD MMM YYYY"),
                                        "Pain": st.column_config.CheckboxColumn()})
    else:
        st.info(f"Nothing logged in the last {RECENT_WEEKS} weeks; turn on **Show all** to see the "
                f"{plural(len(newest_first), 'older session')}.", icon=":material/history:")
        return
    with st.expander("Edit or delete a session", icon=":material/edit:"):
        by_id = {entry.id: entry.session for entry in shown}
        chosen = st.selectbox("Session", list(by_id), format_func=lambda i: session_label(by_id[i], units),
                              key="log_edit_choice")
        if chosen is None:
            return
        edit_session(engine, coach, athlete_id, chosen, by_id[chosen], units)
        delete_session(engine, coach, athlete_id, chosen, by_id[chosen], units)


def edit_session(engine: Engine, coach: str, athlete_id: int, session_id: int, session: Session,
                 units: Units) -> None:
    with st.form(f"log_edit_{session_id}", border=False):
        values = session_fields(f"log_edit_{session_id}", units, session)
        submitted = st.form_submit_button("Save the changes", type="primary", icon=":material/save:",
                                          key="log_edit_save")
    if not submitted:
        return
    problem = form_test_problem(values)
    if problem:
        st.error(problem)
        return
    changed = Session.model_construct(**values)
    with writing(engine):
        store.update_session(engine, coach, athlete_id, session_id, changed, now=now())
        flash("success", f"Saved the changes: {md(session_label(changed, units))}.")
        saved(engine, coach, athlete_id)


def delete_session(engine: Engine, coach: str, athlete_id: int, session_id: int, session: Session,
                   units: Units) -> None:
    if st.button("Delete this session…", icon=":material/delete:", key="log_delete"):
        st.session_state[LOG_CONFIRM_DELETE] = session_id
    if st.session_state.get(LOG_CONFIRM_DELETE) != session_id:
        return
    with st.container(border=True, key="log_confirm_delete_box"):
        st.markdown(f"**Delete {md(session_label(session, units))}?** This can't be undone.")
        yes, no = st.columns(2)
        if yes.button("Yes, delete", type="primary", key="log_delete_confirm"):
            st.session_state.pop(LOG_CONFIRM_DELETE, None)
            with writing(engine):
                store.delete_session(engine, coach, athlete_id, session_id)
                flash("success", f"Deleted {md(session_label(session, units))}.")
                saved(engine, coach, athlete_id)
        if no.button("Cancel", key="log_delete_cancel"):
            st.session_state.pop(LOG_CONFIRM_DELETE, None)
            st.rerun()


# ---------------------------------------------------------------------------------------------
# Planned against done


def planned_against_done() -> None:
    plan = current_plan()
    st.header("Planned against done", anchor=False)
    if plan.today is None:
        st.info("Once sessions or check-ins are logged, the weeks of the plan show here planned against done, "
                "with the last two weeks at a glance.", icon=":material/compare_arrows:")
        return
    if planned_vs_done(plan):
        chart(planned_vs_done_figure, key="planned_vs_done_chart")
    else:
        st.info(f"The plan starts on {plan.days[0].date:%a %d %b %Y}: its weeks show here planned against done "
                "from then. To compare the weeks you have already run, set **Plan starts** (Edit profile, "
                "Running week tab) to when you started.", icon=":material/event:")
    show_changes(plan, key="log_changes")
    st.markdown("**The last two weeks**")
    with st.container(key="log_review"):
        st.markdown("\n".join(f"- {md(line)}" for line in two_week_review(plan)))
    suggestions(plan)


def suggestions(plan: Plan) -> None:
    """The usual distances and pace the log suggests, applied to the plan only when asked."""
    suggestion = suggested_inputs(plan)
    inputs = current_inputs()
    units = inputs.units
    if not suggestion:
        st.caption(f"Log a few unloaded runs with their distance (the last {RECENT_DAYS} days count) and the "
                   "log suggests your usual distances and easy pace for the plan.")
        return
    params = {name: [str(value)] for name, value in suggestion.items()}  # link parameters, as link_params writes them
    on_grid = check_query(params).values  # what the sidebar's widgets will hold
    st.markdown(f"**Your usual runs, from the last {RECENT_DAYS} days of the log**")
    st.markdown("\n".join(
        f"- {md(field_label(name))}: {md(value_text(name, on_grid[name], units))} "
        f"(the plan uses {md(value_text(name, getattr(inputs, name), units))})" for name in on_grid))
    same = all(on_grid[name] == getattr(inputs, name) for name in on_grid)
    if st.button("Use these in the plan", key="log_use_suggestions", icon=":material/tune:", disabled=same,
                 help="The plan already uses these." if same else
                 "The distances go to the sidebar, the easy pace to Edit profile > Plan, and all to the address bar."):
        flash("success", "The plan now uses your usual runs from the log: " + "; ".join(
            f"{md(field_label(name))} {md(value_text(name, on_grid[name], units))}" for name in on_grid) + ".")
        open_in_sidebar(params)


# ---------------------------------------------------------------------------------------------

require_router()
st.title("Training log", anchor=False)
coach = owner()
units = current_inputs().units
try:
    engine = athletes_engine()
    athlete_id, name = whose_log(engine, coach)
    log = refresh_log(engine, coach, athlete_id) if athlete_id is not None else None
    logged = store.logged_sessions(engine, coach, athlete_id)[0] if athlete_id is not None else []
except store.AthleteNotFound:
    st.session_state.pop(OPEN_ATHLETE, None)
    st.session_state.pop(OPEN_ATHLETE_NAME, None)
    forget_log()
    flash("warning", "The athlete that was open is no longer saved (deleted, perhaps in another window).")
    st.rerun()
except Exception as error:  # noqa: BLE001 - any database failure: say so, keep the planner usable
    _LOG.exception("athletes database unavailable")
    st.error(f"The training log can't be reached: {md(type(error).__name__)}. The planner still works; "
             "the log needs the athletes database.", icon=":material/database:")
    st.stop()
show_whose_log(athlete_id, name)
if athlete_id is not None and name == OWN_LOG:
    offer_saved_inputs(engine, coach, athlete_id)
for kind, text in st.session_state.pop(LOG_FLASH, []):
    getattr(st, kind)(text)
for message in log.messages if log else ():
    st.warning(md(message), icon=":material/report:")

session_col, side_col = st.columns([3, 2], gap="large")
with session_col:
    log_session_form(engine, coach, athlete_id, units)
with side_col:
    checkin_box(engine, coach, athlete_id, log)
    import_files(engine, coach, athlete_id)
sessions_table(engine, coach, athlete_id, logged, units)
planned_against_done()
