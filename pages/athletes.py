"""Athletes: save the sidebar's inputs under an athlete's name, reopen them, and see what changed.

Storage is ``core.io.store`` through ``pages._ui.database`` (shared with the Log page). Names and
notes are the coach's own text: they are shown with ``st.text`` / ``st.dataframe`` or escaped, never
rendered as markup.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from core.io import store
from core.planner.models import PlanInputs, next_monday
from core.present.links import link_params
from core.present.problems import resolve_inputs
from core.present.text import value_text
from pages._ui.athlete import Replacement, forget_open_athlete, replace_inputs, unsaved_prompt
from pages._ui.clock import now, time_label, today, zone
from pages._ui.database import athletes_engine, forget_log, owner, read_log
from pages._ui.keys import (
    ATHLETES_FLASH,
    ATHLETES_PENDING_CHOICE,
    ATHLETES_PENDING_NAME,
    CONFIRM_DELETE,
    OPEN_ATHLETE,
    OPEN_ATHLETE_NAME,
)
from pages._ui.plan import (
    current_inputs,
    current_plan,
    md,
    plan_for,
    remember_opened,
    remember_saved,
    show_changes,
    show_review,
)
from pages._ui.presentation import data_table, presenting
from pages._ui.routing import require_router
from pages._ui.sidebar import open_in_sidebar
from pages._ui.wording import (
    NO_SUCH_NAME,
    OPEN_BY_NAME,
    PRESENTING_NO_ROSTER,
    REVIEW_WITH_SAVED,
    REVIEW_WITH_SIDEBAR,
    SAME_NAME_TWICE,
)

HISTORY_SHOWN = 8
_LOG = logging.getLogger("planner.athletes")


def flash(kind: str, text: str) -> None:
    """A message for the next run (after st.rerun)."""
    st.session_state[ATHLETES_FLASH] = (kind, text)


def open_inputs(inputs: Any, athlete: store.Athlete, text: str) -> None:
    """The sidebar and the address bar take the athlete's inputs; this page shows again."""
    st.session_state[OPEN_ATHLETE] = athlete.id
    st.session_state[OPEN_ATHLETE_NAME] = athlete.name
    st.session_state[ATHLETES_PENDING_NAME] = athlete.name
    forget_log()  # the plan reads their log afresh
    remember_opened()
    flash("success", text)
    open_in_sidebar(link_params(inputs))


def ask_then_open(replacement_id: str, inputs: Any, athlete: store.Athlete, text: str, where: str) -> None:
    """Open ``inputs`` as ``athlete``'s, asking first (at ``where``) when the sidebar holds unsaved changes."""
    replace_inputs(Replacement(replacement_id, f"Opening {athlete.name} replaces the sidebar's inputs.",
                               lambda: open_inputs(inputs, athlete, text), where))


def new_athlete() -> None:
    """A new athlete starts from the defaults (in the coach's units, starting next Monday), not
    from whoever was open; nobody is open until it is saved."""
    forget_open_athlete()
    forget_log()
    st.session_state[ATHLETES_PENDING_NAME] = ""
    st.session_state.pop(ATHLETES_PENDING_CHOICE, None)
    flash("success", "New athlete: the sidebar is back to the defaults. Set the inputs, type the name and "
                     "press Save.")
    open_in_sidebar(link_params(PlanInputs(units=current_inputs().units, start_date=next_monday(today()))))


def show_mode(coach: str) -> None:
    if coach == store.LOCAL_OWNER:
        st.info("**Single-user local mode.** Athletes are saved on this computer (in the app's "
                "database) and anyone using this app here sees them. For a shared deployment with "
                "sign-in, see the README.", icon=":material/person:")
        return
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(f"Signed in as {md(coach)}. You see only the athletes you saved.")
    right.button("Sign out", on_click=st.logout, icon=":material/logout:", key="sign_out")


def save_form(engine: Engine, coach: str) -> None:
    inputs = current_inputs()
    st.header("Save the inputs", anchor=False)
    summary = ", ".join(value_text(n, getattr(inputs, n), inputs.units)
                        for n in ("bodyweight_kg", "carrier", "weeks"))
    st.caption(f"The inputs now: {md(summary)} weeks. Saving under an existing name adds a "
               "new version to that athlete's history; nothing is overwritten.")
    with st.form("save_athlete", border=False):
        name = st.text_input("Athlete's name", max_chars=store.NAME_MAX_CHARS, key="save_name",
                             placeholder="e.g. Ana Ruiz")
        note = st.text_area("Note", max_chars=store.NOTE_MAX_CHARS, key="save_note", height=80,
                            placeholder="e.g. After consultation 3: knee fine, moving to 2 loaded runs")
        submitted = st.form_submit_button("Save", type="primary", icon=":material/save:", key="save_athlete_btn")
    if not submitted:
        return
    try:
        existing = store.find_athlete(engine, coach, name)
        version = store.save(engine, coach, name, inputs, note, now=now())
    except ValueError as error:
        st.error(str(error))
        return
    athlete = store.get_athlete(engine, coach, version.athlete_id)
    st.session_state[OPEN_ATHLETE] = athlete.id
    st.session_state[OPEN_ATHLETE_NAME] = athlete.name
    st.session_state[ATHLETES_PENDING_CHOICE] = athlete.id
    remember_saved(inputs)
    forget_log()  # saved under another name: that athlete's log
    what = f"version {version.number} of" if existing else "new athlete"
    flash("success", f"Saved {what} {md(athlete.name)}.")
    st.rerun()


def athletes_table(listed: list[store.Athlete]) -> None:
    rows = [{"Name": a.name, "Note": a.note, "Last saved": time_label(a.last_saved), "Versions": a.versions}
            for a in listed]
    data_table(
        rows, key="athletes_table", height="content" if len(listed) <= 6 else 250,
        column_config={"Name": st.column_config.TextColumn(width=220),
                       "Note": st.column_config.TextColumn(width=330),
                       "Last saved": st.column_config.TextColumn(width=170),
                       "Versions": st.column_config.NumberColumn(width=80)},
    )


def actions(engine: Engine, coach: str, athlete: store.Athlete, latest: store.Loaded) -> None:
    open_col, rename_col, delete_col = st.columns(3)
    if latest.ok:
        if open_col.button("Open", type="primary", icon=":material/open_in_browser:", key="open_athlete_btn",
                           help="Sets the sidebar and the address bar to this athlete's latest inputs."):
            ask_then_open(f"athlete:{athlete.id}:latest", latest.inputs, athlete,
                          f"Opened {md(athlete.name)} (version {latest.version.number}). The sidebar and the "
                          "address bar now show their inputs.", "actions")
    elif latest.raw is not None and open_col.button(
            "Open the usable values", key="open_repaired_btn", icon=":material/healing:",
            help="Opens every stored value that still fits and the defaults for the others. The stored "
                 "row is not changed; saving adds a new version."):
        repaired, _messages = resolve_inputs({k: v for k, v in latest.raw.items()})
        ask_then_open(f"athlete:{athlete.id}:repaired", repaired, athlete,
                      f"Opened the usable values of {md(athlete.name)}; the fields named above are back to "
                      "their defaults. The stored row is unchanged.", "actions")
    with rename_col.popover("Rename", icon=":material/edit:"):
        new_name = st.text_input("New name", value=athlete.name, max_chars=store.NAME_MAX_CHARS,
                                 key=f"rename_{athlete.id}")
        if st.button("Rename", key=f"rename_btn_{athlete.id}"):
            try:
                store.rename(engine, coach, athlete.id, new_name, now=now())
            except ValueError as error:
                st.error(str(error))
            else:
                if st.session_state.get(OPEN_ATHLETE) == athlete.id:
                    st.session_state[OPEN_ATHLETE_NAME] = store.clean_name(new_name)
                flash("success", f"Renamed to {md(store.clean_name(new_name))}.")
                st.rerun()
    if delete_col.button("Delete…", icon=":material/delete:", key="delete_btn"):
        st.session_state[CONFIRM_DELETE] = athlete.id
    if st.session_state.get(CONFIRM_DELETE) == athlete.id:
        with st.container(border=True, key="confirm_delete_box"):
            st.markdown("**Delete this athlete?** This can't be undone.")
            st.text(f"{athlete.name}: {athlete.versions} saved version{'s' if athlete.versions != 1 else ''} "
                    "will be deleted.")
            yes, no = st.columns(2)
            if yes.button("Yes, delete", type="primary", key="delete_confirm"):
                store.delete(engine, coach, athlete.id)
                st.session_state.pop(CONFIRM_DELETE, None)
                if st.session_state.get(OPEN_ATHLETE) == athlete.id:
                    forget_open_athlete()
                flash("success", f"Deleted {md(athlete.name)} and their saved versions.")
                st.rerun()
            if no.button("Cancel", key="delete_cancel"):
                st.session_state.pop(CONFIRM_DELETE, None)
                st.rerun()


def named(listed: list[store.Athlete], typed: str) -> store.Athlete | str:
    """The athlete whose whole name is ``typed`` (capitals ignored unless two names differ only in
    them), or the sentence saying there is none; never a list of names."""
    wanted = " ".join(typed.split())
    if wanted in (a.name for a in listed):
        return next(a for a in listed if a.name == wanted)
    alike = [a for a in listed if a.name.casefold() == wanted.casefold()]
    if len(alike) == 1:
        return alike[0]
    return SAME_NAME_TWICE if alike else NO_SUCH_NAME


def open_by_name(engine: Engine, coach: str, listed: list[store.Athlete]) -> None:
    """While presenting: open an athlete by typing their name, without the roster ever being drawn."""
    with st.form("present_open", border=False, clear_on_submit=True):
        name_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
        typed = name_col.text_input(OPEN_BY_NAME, max_chars=store.NAME_MAX_CHARS, key="present_open_name",
                                    placeholder="The athlete's full name", autocomplete="off")
        submitted = button_col.form_submit_button("Open", icon=":material/open_in_browser:",
                                                  key="present_open_btn", width="stretch")
    if submitted and typed.strip():
        found = named(listed, typed)
        if isinstance(found, str):
            st.warning(found, icon=":material/person_search:")
        else:
            latest = store.load(engine, coach, found.id)
            if latest.ok:
                ask_then_open(f"athlete:{found.id}:latest", latest.inputs, found,
                              f"Opened {md(found.name)} (version {latest.version.number}).", "present_open")
            else:
                st.error(md(latest.explanation(zone())), icon=":material/report:")
    unsaved_prompt("present_open")


def review(engine: Engine, coach: str, athlete: store.Athlete, latest: store.Loaded) -> None:
    """The chosen athlete's last two weeks, from their training log: with the plan every page shows
    if they are the open athlete, else with their latest saved inputs."""
    log = read_log(engine, coach, athlete.id)
    if not log.entries:
        st.caption("No training log yet: sessions and check-ins logged on the Log page (with this athlete "
                   "open) show here as the last two weeks at a glance.")
        return
    if st.session_state.get(OPEN_ATHLETE) == athlete.id:
        plan = current_plan()
        inputs_used = REVIEW_WITH_SIDEBAR
    elif latest.inputs is not None:
        plan = plan_for(latest.inputs, log, today())
        inputs_used = REVIEW_WITH_SAVED.format(number=latest.version.number)
    else:
        return
    st.caption(f":material/tune: {inputs_used}")
    show_review(plan, expanded=True, key="athlete_review")
    show_changes(plan, key="athlete_changes")


def history_list(engine: Engine, coach: str, athlete: store.Athlete) -> None:
    units = current_inputs().units
    entries = store.history(engine, coach, athlete.id, units)
    st.header("History", anchor=False)
    shown = entries if st.session_state.get(f"all_versions_{athlete.id}") else entries[:HISTORY_SHOWN]
    for entry in shown:
        version = entry.version
        with st.container(border=True, key=f"version_{version.id}"):
            latest = " · latest" if entry is entries[0] else ""
            invalid = " · :red[no longer fits the planner]" if not entry.valid else ""
            st.markdown(f"**Version {version.number}** · {time_label(version.saved_at)}{latest}{invalid}")
            if version.note:
                st.text(version.note)
            st.markdown("\n".join(f"- {md(line)}" for line in entry.changes))
            if entry.valid and entry is not entries[0]:
                left, right = st.columns(2)
                if left.button("Open this version", key=f"open_version_{version.id}"):
                    loaded = store.load(engine, coach, athlete.id, version.id)
                    ask_then_open(f"version:{version.id}", loaded.inputs, athlete,
                                  f"Opened version {version.number} of {md(athlete.name)}.", f"version:{version.id}")
                if right.button("Restore as newest", key=f"restore_{version.id}",
                                help="Saves this version again as the newest and opens it: the sidebar "
                                     "shows it at once. The history keeps the others."):
                    replace_inputs(Replacement(
                        f"restore:{version.id}",
                        f"Restoring version {version.number} of {athlete.name} replaces the sidebar's inputs.",
                        lambda v=version: restore(engine, coach, athlete, v), f"version:{version.id}"))
            unsaved_prompt(f"version:{version.id}")
    if len(entries) > HISTORY_SHOWN:
        st.toggle(f"Show all {len(entries)} versions", key=f"all_versions_{athlete.id}")


def restore(engine: Engine, coach: str, athlete: store.Athlete, version: store.Version) -> None:
    """Save ``version`` again as the newest and open it: the sidebar shows the restored inputs at once."""
    restored = store.restore(engine, coach, athlete.id, version.id, now=now())
    loaded = store.load(engine, coach, athlete.id, restored.id)
    open_inputs(loaded.inputs, athlete, f"Restored version {version.number} as version {restored.number}: "
                                        "the sidebar and the address bar now show it.")


require_router()
st.title("Athletes", anchor=False)
coach = owner()
show_mode(coach)
try:
    engine = athletes_engine()
    listed = store.list_athletes(engine, coach)
except Exception as error:  # noqa: BLE001 - any database failure: say so, keep the planner usable
    _LOG.exception("athletes database unavailable")
    st.error(f"The athletes database can't be reached: {md(type(error).__name__)}. The planner still works; "
             "saving athletes needs the database.", icon=":material/database:")
    st.stop()
for key, target in ((ATHLETES_PENDING_NAME, "save_name"), (ATHLETES_PENDING_CHOICE, "athlete_choice")):
    if key in st.session_state:  # set before the widgets below exist this run
        st.session_state[target] = st.session_state.pop(key)
if ATHLETES_FLASH in st.session_state:
    kind, text = st.session_state.pop(ATHLETES_FLASH)
    getattr(st, kind)(text)

open_id = st.session_state.get(OPEN_ATHLETE)
if presenting():  # a client may be watching: only the open athlete, never the roster or others' notes
    st.caption(f":material/visibility_off: {PRESENTING_NO_ROSTER}")
    open_by_name(engine, coach, listed)
    listed = [a for a in listed if a.id == open_id]
# The button sits right after the heading, not at the row's right end: the table's toolbar (search,
# download, full screen) appears above its top right corner on hover and covered it there.
with st.container(horizontal=True, vertical_alignment="center", key="athletes_heading"):
    st.header("Saved athletes", anchor=False, width="content")
    new_clicked = st.button("New athlete", key="new_athlete_btn", icon=":material/person_add:",
                            help="Starts from the defaults, not from the athlete who is open; save it "
                                 "under a new name.")
if new_clicked:
    replace_inputs(Replacement("new", "Starting a new athlete puts the defaults in the sidebar.", new_athlete,
                               "new"))
unsaved_prompt("new")
if listed:
    athletes_table(listed)
elif presenting():
    st.info("No athlete is open.", icon=":material/person_off:")
else:
    st.info("No athletes saved yet. Set the inputs in the sidebar and under Edit profile, type the athlete's "
            "name below and press **Save**.", icon=":material/group_add:")
athlete_col, save_col = st.columns([3, 2], gap="large")
with save_col:
    save_form(engine, coach)
if not listed:
    st.stop()
with athlete_col:
    by_id = {a.id: a for a in listed}
    if st.session_state.get("athlete_choice") not in by_id:
        st.session_state.athlete_choice = open_id if open_id in by_id else listed[0].id
    chosen = st.selectbox("Choose an athlete", list(by_id), format_func=lambda i: by_id[i].name,
                          key="athlete_choice")
    athlete = by_id[chosen]
    latest = store.load(engine, coach, athlete.id)
    if not latest.ok:
        st.error(md(latest.explanation(zone())), icon=":material/report:")
    actions(engine, coach, athlete, latest)
    unsaved_prompt("actions")
    review(engine, coach, athlete, latest)
    history_list(engine, coach, athlete)
