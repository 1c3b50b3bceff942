"""The athletes database the pages share: the engine (``st.connection``), whose athletes these are
(``owner``), and the open athlete's training log, kept in session state so a rerun (a slider
moved) reads it from memory, not from the database.

Storage is ``core.io.store`` through ``st.connection("athletes", type="sql")``: SQLite in ``data/`` by
default, or the URL in ``PLANNER_DATABASE_URL`` or in ``[connections.athletes]`` in secrets.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine

from core.io import store
from core.planner.log import CheckIn, Session
from pages._ui.keys import ATHLETE_LOG, OPEN_ATHLETE
from pages._ui.signin import secrets_section

DATABASE_ENV = "PLANNER_DATABASE_URL"
DEFAULT_DATABASE = Path(__file__).resolve().parents[2] / "data" / "athletes.db"
_LOG = logging.getLogger("planner.database")


def signed_in_owner() -> str | None:
    """Whose athletes these are, or ``None`` when sign-in is configured and nobody (with an email)
    is signed in. Never stops the page: the plan every page shows uses it."""
    if secrets_section("auth") is None:
        return store.LOCAL_OWNER
    email = st.user.get("email") if st.user.get("is_logged_in") else None
    return str(email).strip().lower() if email else None


def owner() -> str:
    """Whose athletes these are: the signed-in coach (app.py requires sign-in when [auth] is set).
    A page that shows athletes calls it first; it stops the page with a sentence when nobody is."""
    if secrets_section("auth") is None:
        return store.LOCAL_OWNER
    if not st.user.get("is_logged_in"):  # app.py asks first; a page never relies on that alone
        st.info("Sign in to see your athletes.", icon=":material/lock:")
        st.button("Sign in", on_click=st.login, icon=":material/login:", type="primary", key="athletes_sign_in")
        st.stop()
    coach = signed_in_owner()
    if coach is None:
        st.error("Your sign-in did not include an email address, which the app needs to keep each "
                 "coach's athletes apart. Ask your administrator to add the 'email' scope.")
        st.stop()
    return coach


@st.cache_resource(show_spinner=False)
def _schema_ready(url: str, _engine: Engine) -> int:
    # Once per process and database: create or migrate the tables.
    return store.ensure_schema(_engine)


def athletes_engine() -> Engine:
    url = os.environ.get(DATABASE_ENV, "").strip()
    configured = secrets_section("connections", "athletes")
    kwargs: dict[str, Any] = {}
    if url:
        kwargs["url"] = url
    elif configured is None:
        DEFAULT_DATABASE.parent.mkdir(parents=True, exist_ok=True)
        url = kwargs["url"] = f"sqlite:///{DEFAULT_DATABASE}"
    else:
        url = str(configured.get("url", ""))
    if url:
        kwargs.update(store.engine_options(url))
    engine = st.connection("athletes", type="sql", **kwargs).engine
    store.prepare_engine(engine)
    _schema_ready(engine.url.render_as_string(hide_password=True), engine)
    return engine


# ---------------------------------------------------------------------------------------------
# The open athlete's training log


@dataclass(frozen=True)
class AthleteLog:
    """An athlete's log as the planner reads it, with a fingerprint for the plan's cache key."""

    athlete_id: int
    sessions: tuple[Session, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    messages: tuple[str, ...] = ()
    """One sentence per stored row that could not be read (or the database failing)."""
    fingerprint: str = field(default="", compare=False)

    @property
    def entries(self) -> tuple[Session | CheckIn, ...]:
        return (*self.sessions, *self.checkins)


def _fingerprint(entries: Sequence[Session | CheckIn]) -> str:
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(type(entry).__name__.encode())
        digest.update(entry.model_dump_json().encode())
    return digest.hexdigest()


def read_log(engine: Engine, coach: str, athlete_id: int) -> AthleteLog:
    """An athlete's log from the database. Raises ``store.AthleteNotFound`` as the store does."""
    sessions, checkins, messages = store.training_log(engine, coach, athlete_id)
    return AthleteLog(athlete_id, sessions, checkins, tuple(messages), _fingerprint((*sessions, *checkins)))


def refresh_log(engine: Engine, coach: str, athlete_id: int) -> AthleteLog:
    """Read the athlete's log again and keep it for the plan (after every write to it)."""
    log = read_log(engine, coach, athlete_id)
    st.session_state[ATHLETE_LOG] = log
    return log


def forget_log() -> None:
    """Drop the kept log: the next plan reads the open athlete's log again (an athlete opened)."""
    st.session_state.pop(ATHLETE_LOG, None)


def open_log() -> AthleteLog | None:
    """The open athlete's log, read once and then kept in session state; ``None`` with no athlete
    open. A database that can't be reached gives an empty log with a sentence: the plan still shows."""
    athlete_id = st.session_state.get(OPEN_ATHLETE)
    if athlete_id is None:
        return None
    kept = st.session_state.get(ATHLETE_LOG)
    if isinstance(kept, AthleteLog) and kept.athlete_id == athlete_id:
        return kept
    coach = signed_in_owner()
    if coach is None:
        return None
    try:
        log = read_log(athletes_engine(), coach, athlete_id)
    except store.AthleteNotFound:
        log = AthleteLog(athlete_id, messages=("The open athlete is no longer in the database: the plan "
                                               "does not use a training log.",))
    except Exception as error:  # noqa: BLE001 - any database failure: the plan still shows, without the log
        _LOG.exception("training log unavailable")
        log = AthleteLog(athlete_id, messages=(f"The training log can't be read ({type(error).__name__}): "
                                               "the plan does not use it until it can.",))
    st.session_state[ATHLETE_LOG] = log
    return log


# ---------------------------------------------------------------------------------------------
# Importing watch files
