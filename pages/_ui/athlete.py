"""Never losing unsaved changes silently: anything that replaces the sidebar's inputs (opening an
athlete, a version, a profile, a new athlete) asks first when they hold changes not saved yet,
with three answers: save them, discard them, or cancel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from core.io import store
from pages._ui.clock import now
from pages._ui.database import athletes_engine, signed_in_owner
from pages._ui.keys import DECLINED_REPLACEMENTS, OPEN_ATHLETE, OPEN_ATHLETE_NAME, PENDING_REPLACEMENT
from pages._ui.plan import changes_not_saved, current_inputs, md, open_athlete_name, remember_saved


@dataclass(frozen=True)
class Replacement:
    """Something that replaces the sidebar's inputs: ``run`` does it (and reruns the app)."""

    id: str
    """What is opened, e.g. ``athlete:3:latest`` or ``profile:<file id>``."""
    sentence: str
    """What it does, as the question says it: "Opening Ben replaces the sidebar's inputs."."""
    run: Callable[[], None]
    where: str
    """Where the question shows: the place on the page that asked (``unsaved_prompt(where)``)."""


def replace_inputs(replacement: Replacement) -> None:
    """Run ``replacement`` now when nothing unsaved would be lost; otherwise keep it and let
    ``unsaved_prompt`` ask the coach (save, discard, cancel)."""
    st.session_state.get(DECLINED_REPLACEMENTS, set()).discard(replacement.id)
    if not changes_not_saved():
        st.session_state.pop(PENDING_REPLACEMENT, None)
        replacement.run()
        return
    st.session_state[PENDING_REPLACEMENT] = replacement


def declined(replacement_id: str) -> bool:
    return replacement_id in st.session_state.get(DECLINED_REPLACEMENTS, set())


def _save_changes(name: str, pending: Replacement) -> bool:
    """Save the sidebar's inputs under ``name`` (a new version, or a new athlete); a sentence on failure."""
    coach = signed_in_owner()
    if coach is None:
        st.error("Sign in to save: the changes are still in the sidebar.")
        return False
    try:
        version = store.save(athletes_engine(), coach, name, current_inputs(),
                             f"Saved before: {pending.sentence}", now=now())
    except ValueError as error:
        st.error(str(error))
        return False
    if st.session_state.get(OPEN_ATHLETE) in (None, version.athlete_id):
        remember_saved(current_inputs())
    return True


def unsaved_prompt(where: str) -> None:
    """The question, where it was asked (once per place and run), when something asked to replace
    inputs that hold unsaved changes: the changes listed, then save them first, discard them, or
    cancel."""
    pending: Replacement | None = st.session_state.get(PENDING_REPLACEMENT)
    if pending is None or pending.where != where:
        return
    changes = changes_not_saved()
    if not changes:  # changed back in the meantime: nothing to lose
        st.session_state.pop(PENDING_REPLACEMENT)
        pending.run()
        return
    name = open_athlete_name()
    with st.container(border=True, key="unsaved_prompt"):
        whose = f"the plan of **{md(name)}**" if name else "the sidebar's plan (no athlete is open)"
        count = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
        st.markdown(f":material/warning: **Unsaved changes.** {md(pending.sentence)} It would lose {count} "
                    f"to {whose}:")
        st.markdown("\n".join(f"- {md(line)}" for line in changes))
        save_as = name or st.text_input("Save them as (athlete's name)", key="unsaved_save_name",
                                        max_chars=store.NAME_MAX_CHARS, placeholder="e.g. Ana Ruiz")
        save, discard, cancel = st.columns(3)
        saving = save.button("Save first", key="unsaved_save", type="primary", icon=":material/save:",
                             width="stretch")
        if saving and _save_changes(save_as, pending):
            st.session_state.pop(PENDING_REPLACEMENT)
            pending.run()
        if discard.button("Discard", key="unsaved_discard", icon=":material/delete_sweep:",
                          width="stretch"):
            st.session_state.pop(PENDING_REPLACEMENT)
            pending.run()
        if cancel.button("Cancel", key="unsaved_cancel", icon=":material/close:", width="stretch"):
            st.session_state.pop(PENDING_REPLACEMENT)
            st.session_state.setdefault(DECLINED_REPLACEMENTS, set()).add(pending.id)
            st.rerun()


def forget_open_athlete() -> None:
    """No athlete is open any more (a new athlete started, or the open one deleted)."""
    st.session_state.pop(OPEN_ATHLETE, None)
    st.session_state.pop(OPEN_ATHLETE_NAME, None)
    remember_saved(None)
