"""Saved athletes: each coach's athletes, a dated history of their plan inputs and their training
log (logged sessions and daily check-ins), in SQL.

Pure SQLAlchemy Core, no Streamlit: every function takes an ``Engine`` (SQLite or PostgreSQL) and
the ``owner`` (the signed-in coach's email, or ``"local"``), and every query is scoped by owner, so
one coach never sees, opens or changes another coach's athletes. The app creates and migrates its
own schema with ``ensure_schema``. Values are always bound parameters, never formatted into SQL.
A stored row is validated by ``PlanInputs`` (or ``Session``, ``CheckIn``) when it is read; one that
no longer validates is reported field by field and left exactly as it is.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from core.planner.log import CheckIn, Session, same_run, without_duplicates
from core.planner.models import PlanInputs
from core.planner.units import Units
from core.present.problems import DAYS_CLASH, in_app_order, problem_reason
from core.present.specs import field_label
from core.present.text import input_changes

SCHEMA_VERSION = 2
"""The schema this code reads and writes; ``ensure_schema`` migrates older databases up to it."""

NAME_MAX_CHARS = 100
NOTE_MAX_CHARS = 2000
LOCAL_OWNER = "local"
"""The owner of every athlete in single-user mode (no sign-in configured)."""

SQLITE_BUSY_TIMEOUT_S = 30
"""How long a SQLite writer waits for another session's write to finish before giving up."""

_WRITE_OPTION = "planner_write"
_PREPARED_FLAG = "_planner_sqlite_prepared"
_SAVE_ATTEMPTS = 3
"""A save that races another session creating the same athlete retries and then finds it."""

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

athletes = sa.Table(
    "athletes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner", sa.String(320), nullable=False),
    sa.Column("name", sa.String(NAME_MAX_CHARS), nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("owner", "name", name="uq_athletes_owner_name"),
)

plan_versions = sa.Table(
    "plan_versions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("inputs_json", sa.Text, nullable=False),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_plan_versions_athlete", "athlete_id", "id"),
)

# Schema version 2: the training log.

session_log = sa.Table(
    "sessions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("session_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_sessions_athlete_date", "athlete_id", "date"),
)
"""One row per logged session: ``session_json`` is ``Session.model_dump_json()``; ``date`` repeats
its date, so a row whose JSON no longer reads can still be named and found by day."""

checkin_log = sa.Table(
    "checkins", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("checkin_json", sa.Text, nullable=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("athlete_id", "date", name="uq_checkins_athlete_date"),
)
"""One check-in per athlete and day (saving that day again replaces it): ``CheckIn.model_dump_json()``."""


class AthleteNotFound(LookupError):
    """No such athlete for this owner (it was deleted, or it belongs to another coach)."""


# ---------------------------------------------------------------------------------------------
# Engine and schema


def engine_options(url: str) -> dict[str, Any]:
    """Keyword arguments for ``create_engine`` (or ``st.connection``) that a URL needs.

    >>> engine_options("sqlite:///data/athletes.db")
    {'connect_args': {'timeout': 30, 'check_same_thread': False}}
    >>> engine_options("postgresql+psycopg://coach@db/planner")
    {'pool_pre_ping': True}
    """
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        # Streamlit runs each session in its own thread; the pool hands a connection to one
        # thread at a time, so sharing across threads is safe.
        return {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}}
    return {"pool_pre_ping": True}  # a shared server may restart; don't hand out dead connections


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with this module's SQLite settings (the app uses ``st.connection``)."""
    engine = sa.create_engine(url, **engine_options(url))
    prepare_engine(engine)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (below) instead of sqlite3's legacy implicit transactions,
    # which start only at the first write and so let a read-then-write race another writer.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, nor it them
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # A write takes the lock up front (IMMEDIATE): two sessions saving at once queue for it
    # (busy_timeout) instead of failing when a read has to be upgraded to a write. Reads don't.
    writes = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def prepare_engine(engine: Engine) -> Engine:
    """Give a SQLite engine WAL mode, a busy timeout and real transactions. Idempotent, so it can
    be called on every run with the engine ``st.connection`` caches; other backends are unchanged.
    Call it before the engine's first connection."""
    # A flag on the engine, not event.contains(): Streamlit re-imports changed modules, and the
    # re-imported listeners would be new functions, registered a second time (a second BEGIN).
    if engine.dialect.name == "sqlite" and not getattr(engine, _PREPARED_FLAG, False):
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        setattr(engine, _PREPARED_FLAG, True)
    return engine


def _create_tables_v1(conn: Connection) -> None:
    for table in (athletes, plan_versions):
        table.create(conn, checkfirst=True)


def _create_tables_v2(conn: Connection) -> None:
    # Only adds tables: the athletes and versions of a version-1 database are not touched.
    for table in (session_log, checkin_log):
        table.create(conn, checkfirst=True)


MIGRATIONS: tuple[tuple[int, Callable[[Connection], None]], ...] = (
    (1, _create_tables_v1),
    (2, _create_tables_v2),
)
"""(version, step): each step moves a database from the version before it to ``version``."""


def current_schema_version(engine: Engine) -> int:
    """The schema version recorded in the database (0 for an empty database)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("schema_version"):
            return 0
        return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0


def ensure_schema(engine: Engine) -> int:
    """Create or migrate the tables up to ``SCHEMA_VERSION`` in one transaction; safe to call on
    every start, and from several app processes at once. Returns the version now in the database.

    Raises ``RuntimeError`` if the database was written by a newer version of the app.
    """
    with _write(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Replicas starting together take turns; the lock ends with the transaction.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": 5_202_611})
        schema_version.create(conn, checkfirst=True)
        version = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"The athletes database is at schema version {version}, newer than this app "
                f"understands ({SCHEMA_VERSION}). Update the app before using this database."
            )
        for target, step in MIGRATIONS:
            if target > version:
                step(conn)
        if version == 0:
            conn.execute(schema_version.insert().values(id=1, version=SCHEMA_VERSION))
        elif version < SCHEMA_VERSION:
            conn.execute(schema_version.update().where(schema_version.c.id == 1).values(version=SCHEMA_VERSION))
        return SCHEMA_VERSION


# ---------------------------------------------------------------------------------------------
# What the functions return


@dataclass(frozen=True)
class Athlete:
    """One saved athlete, as the list shows it."""

    id: int
    name: str
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime
    last_saved: dt.datetime
    versions: int


@dataclass(frozen=True)
class Version:
    """One saved version of an athlete's inputs. ``number`` counts from 1 per athlete."""

    id: int
    athlete_id: int
    number: int
    saved_at: dt.datetime
    note: str
    inputs_json: str


@dataclass(frozen=True)
class Loaded:
    """An athlete's version as read back: ``inputs`` when it validates; otherwise ``None`` with
    one sentence per problem in ``problems`` (naming each field) and whatever JSON could be read
    in ``raw`` (so a page can offer to open the values that are still usable)."""

    athlete: Athlete
    version: Version
    inputs: PlanInputs | None
    problems: tuple[str, ...] = ()
    raw: Mapping[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.inputs is not None

    @property
    def message(self) -> str:
        """What a coach reads when the stored row no longer fits the planner (times in UTC)."""
        return self.explanation()

    def explanation(self, zone: dt.tzinfo = dt.UTC) -> str:
        """``message`` with the saved time in the coach's time zone ``zone``."""
        if self.ok:
            return ""
        return (
            f"The saved inputs of '{self.athlete.name}' (version {self.version.number}, "
            f"{when_label(self.version.saved_at, zone)}) no longer fit the planner: "
            + " ".join(self.problems)
            + " The saved row is kept unchanged."
        )


@dataclass(frozen=True)
class HistoryEntry:
    """A version with what changed since the version before it."""

    version: Version
    changes: tuple[str, ...] = field(default_factory=tuple)
    valid: bool = True


# ---------------------------------------------------------------------------------------------
# Reading and writing


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def when_label(value: dt.datetime, zone: dt.tzinfo = dt.UTC) -> str:
    """A saved time as a coach reads it, in the coach's time zone ``zone`` (the app passes the
    browser's), with the zone's abbreviation.

    >>> from zoneinfo import ZoneInfo
    >>> saved = dt.datetime(2026, 3, 2, 9, 5, tzinfo=dt.UTC)
    >>> when_label(saved), when_label(saved, ZoneInfo("Europe/Madrid")), when_label(saved, ZoneInfo("America/New_York"))
    ('2026-03-02 09:05 UTC', '2026-03-02 10:05 CET', '2026-03-02 04:05 EST')
    """
    return _utc(value).astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def clean_name(name: str) -> str:
    """An athlete's name as stored: trimmed, one line, not empty, at most ``NAME_MAX_CHARS``.

    >>> clean_name("  Ana   Ruiz ")
    'Ana Ruiz'
    """
    text = " ".join(str(name).split())
    if not text:
        raise ValueError("Give the athlete a name.")
    if len(text) > NAME_MAX_CHARS:
        raise ValueError(f"An athlete's name can have at most {NAME_MAX_CHARS} characters.")
    return _storable(text, "An athlete's name")


def _clean_note(note: str | None) -> str:
    text = (note or "").strip()
    if len(text) > NOTE_MAX_CHARS:
        raise ValueError(f"A note can have at most {NOTE_MAX_CHARS} characters.")
    return _storable(text, "A note")


def _storable(text: str, what: str) -> str:
    """``text`` if every backend stores it as it is, else our sentence: PostgreSQL refuses NUL in
    text (SQLite keeps it), and a lone UTF-16 surrogate is not a character either can store.

    >>> _storable("Ana\\x00", "A note")
    Traceback (most recent call last):
    ValueError: A note can't contain the NUL character (U+0000).
    """
    if "\x00" in text:
        raise ValueError(f"{what} can't contain the NUL character (U+0000).")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"{what} can't contain U+{ord(text[error.start]):04X}, half of a UTF-16 surrogate "
                         "pair, which is not a character.") from None
    return text


@contextmanager
def _write(engine: Engine) -> Iterator[Connection]:
    """One write transaction (BEGIN IMMEDIATE on SQLite): commits on success, rolls back on error."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


def _athlete_query(owner: str) -> sa.Select:
    counts = (
        sa.select(
            plan_versions.c.athlete_id,
            sa.func.count(plan_versions.c.id).label("versions"),
            sa.func.max(plan_versions.c.saved_at).label("last_saved"),
        )
        .group_by(plan_versions.c.athlete_id)
        .subquery()
    )
    return (
        sa.select(athletes, counts.c.versions, counts.c.last_saved)
        .join(counts, counts.c.athlete_id == athletes.c.id, isouter=True)
        .where(athletes.c.owner == owner)
    )


def _athlete(row: Any) -> Athlete:
    return Athlete(
        id=row.id, name=row.name, note=row.note or "", created_at=_utc(row.created_at),
        updated_at=_utc(row.updated_at), last_saved=_utc(row.last_saved or row.updated_at),
        versions=row.versions or 0,
    )


def list_athletes(engine: Engine, owner: str) -> list[Athlete]:
    """This owner's athletes, by name, with their note, last save and number of versions."""
    query = _athlete_query(owner).order_by(sa.func.lower(athletes.c.name), athletes.c.id)
    with engine.connect() as conn:
        return [_athlete(row) for row in conn.execute(query)]


def get_athlete(engine: Engine, owner: str, athlete_id: int) -> Athlete:
    with engine.connect() as conn:
        return _get_athlete(conn, owner, athlete_id)


def _get_athlete(conn: Connection, owner: str, athlete_id: int) -> Athlete:
    row = conn.execute(_athlete_query(owner).where(athletes.c.id == athlete_id)).first()
    if row is None:
        raise AthleteNotFound(f"No athlete with id {athlete_id} for this coach.")
    return _athlete(row)


def find_athlete(engine: Engine, owner: str, name: str) -> Athlete | None:
    """This owner's athlete called ``name`` (after trimming), if there is one."""
    with engine.connect() as conn:
        row = conn.execute(_athlete_query(owner).where(athletes.c.name == clean_name(name))).first()
    return _athlete(row) if row else None


def _add_version(conn: Connection, athlete_id: int, inputs_json: str, note: str, when: dt.datetime) -> int:
    result = conn.execute(
        plan_versions.insert().values(athlete_id=athlete_id, saved_at=when, inputs_json=inputs_json, note=note)
    )
    return _inserted_id(result)


def _inserted_id(result: sa.CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None  # always set after a single-row insert
    return int(key[0])


def save(engine: Engine, owner: str, name: str, inputs: PlanInputs, note: str = "", *, now: dt.datetime) -> Version:
    """Save ``inputs`` under this owner's athlete ``name``: create the athlete if it is new, and add
    a new version either way (nothing is overwritten). One transaction. The version keeps ``note``;
    the athlete's note (shown in the list) becomes it unless it is empty. ``now`` is the time of the
    save, from the caller's clock (stored in UTC). Returns the new version."""
    name, note = clean_name(name), _clean_note(note)
    inputs_json = PlanInputs.model_validate(inputs).model_dump_json()
    when = _utc(now)
    for attempt in range(_SAVE_ATTEMPTS):
        try:
            with _write(engine) as conn:
                athlete_id = conn.execute(
                    sa.select(athletes.c.id).where(athletes.c.owner == owner, athletes.c.name == name)
                ).scalar()
                if athlete_id is None:
                    athlete_id = _inserted_id(conn.execute(athletes.insert().values(
                        owner=owner, name=name, note=note, created_at=when, updated_at=when,
                    )))
                else:
                    kept = {"note": note} if note else {}  # a save without a note keeps the last one
                    conn.execute(athletes.update().where(athletes.c.id == athlete_id)
                                 .values(updated_at=when, **kept))
                version_id = _add_version(conn, athlete_id, inputs_json, note, when)
                return _get_version(conn, owner, athlete_id, version_id)
        except IntegrityError:
            # Another session created this athlete between our read and our insert (PostgreSQL;
            # SQLite's BEGIN IMMEDIATE serializes writers): the next attempt finds it.
            if attempt == _SAVE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _versions(conn: Connection, owner: str, athlete_id: int) -> list[Version]:
    rows = conn.execute(
        sa.select(plan_versions)
        .join(athletes, athletes.c.id == plan_versions.c.athlete_id)
        .where(athletes.c.owner == owner, plan_versions.c.athlete_id == athlete_id)
        .order_by(plan_versions.c.id)
    ).all()
    return [
        Version(id=row.id, athlete_id=row.athlete_id, number=number, saved_at=_utc(row.saved_at),
                note=row.note or "", inputs_json=row.inputs_json)
        for number, row in enumerate(rows, start=1)
    ]


def _get_version(conn: Connection, owner: str, athlete_id: int, version_id: int | None) -> Version:
    versions = _versions(conn, owner, athlete_id)
    if not versions:
        raise AthleteNotFound(f"No saved versions for athlete {athlete_id} for this coach.")
    if version_id is None:
        return versions[-1]
    for version in versions:
        if version.id == version_id:
            return version
    raise AthleteNotFound(f"No version {version_id} of athlete {athlete_id} for this coach.")


def load(engine: Engine, owner: str, athlete_id: int, version_id: int | None = None) -> Loaded:
    """An athlete's latest version (or ``version_id``), validated. Never changes the database.

    Raises ``AthleteNotFound`` for an athlete or version this owner doesn't have."""
    with engine.connect() as conn:
        athlete = _get_athlete(conn, owner, athlete_id)
        version = _get_version(conn, owner, athlete_id, version_id)
    inputs, problems, raw = validate_inputs_json(version.inputs_json)
    return Loaded(athlete, version, inputs, problems, raw)


def validate_inputs_json(text: str) -> tuple[PlanInputs | None, tuple[str, ...], dict[str, Any] | None]:
    """(inputs, problems, raw): the stored text as ``PlanInputs``, or ``None`` and one sentence per
    problem naming its field, plus the JSON object if the text was one.

    >>> for problem in validate_inputs_json('{"colour": "red", "bodyweight_kg": 500}')[1]:
    ...     print(problem)
    Bodyweight (bodyweight_kg) must be at most 200 kg (stored: 500).
    Colour (colour) is not a planner setting (stored: 'red').
    """
    try:
        raw = json.loads(text)
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        raw = None
    try:
        return PlanInputs.model_validate_json(text), (), raw
    except ValidationError as error:
        return None, tuple(_problem(p) for p in in_app_order(error.errors())), raw


def _problem(problem: Mapping[str, Any]) -> str:
    location = problem.get("loc") or ()
    name = str(location[0]) if location else ""
    if problem.get("type") == "json_invalid":
        return "The stored text is not valid JSON."
    reason = problem_reason(problem)
    if not name:
        return f"Days: {reason}." if problem.get("type") == DAYS_CLASH else f"Stored inputs: {reason}."
    stored = f" (stored: {_short(problem.get('input'))})" if problem.get("type") != "missing" else ""
    return f"{field_label(name, with_key=True)} {reason}{stored}."


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def history(engine: Engine, owner: str, athlete_id: int, units: Units = "metric") -> list[HistoryEntry]:
    """Every version of an athlete, newest first, each with what changed since the one before.

    Raises ``AthleteNotFound`` for an athlete this owner doesn't have."""
    with engine.connect() as conn:
        _get_athlete(conn, owner, athlete_id)
        versions = _versions(conn, owner, athlete_id)
    entries: list[HistoryEntry] = []
    previous: dict[str, Any] | None = None
    for version in versions:
        inputs, _problems, raw = validate_inputs_json(version.inputs_json)
        current = inputs.model_dump(mode="json") if inputs else (raw or {})
        changes = ("First save.",) if previous is None else tuple(input_changes(previous, current, units))
        entries.append(HistoryEntry(version, changes or ("No input changed.",), inputs is not None))
        previous = current
    return entries[::-1]


def rename(engine: Engine, owner: str, athlete_id: int, new_name: str, *, now: dt.datetime) -> Athlete:
    """Rename this owner's athlete. Raises ``ValueError`` if the owner already has that name."""
    new_name = clean_name(new_name)
    try:
        with _write(engine) as conn:
            _get_athlete(conn, owner, athlete_id)
            conn.execute(
                athletes.update().where(athletes.c.id == athlete_id, athletes.c.owner == owner)
                .values(name=new_name, updated_at=_utc(now))
            )
            return _get_athlete(conn, owner, athlete_id)
    except IntegrityError:
        raise ValueError(f"You already have an athlete called {new_name!r}.") from None


def delete(engine: Engine, owner: str, athlete_id: int) -> int:
    """Delete this owner's athlete, every saved version of it and its training log (sessions and
    check-ins). Returns the versions deleted."""
    with _write(engine) as conn:
        _get_athlete(conn, owner, athlete_id)
        # Versions and the log first and explicitly: a SQLite connection without foreign keys on
        # would otherwise keep them.
        count = conn.execute(plan_versions.delete().where(plan_versions.c.athlete_id == athlete_id)).rowcount
        conn.execute(session_log.delete().where(session_log.c.athlete_id == athlete_id))
        conn.execute(checkin_log.delete().where(checkin_log.c.athlete_id == athlete_id))
        conn.execute(athletes.delete().where(athletes.c.id == athlete_id, athletes.c.owner == owner))
        return count


def restore(engine: Engine, owner: str, athlete_id: int, version_id: int, *, now: dt.datetime) -> Version:
    """Save an earlier version again as the newest one (the history keeps everything in between).

    Raises ``ValueError`` if that version no longer validates (it would only be copied broken)."""
    with _write(engine) as conn:
        _get_athlete(conn, owner, athlete_id)
        old = _get_version(conn, owner, athlete_id, version_id)
        inputs, problems, _raw = validate_inputs_json(old.inputs_json)
        if inputs is None:
            raise ValueError(f"Version {old.number} can't be restored: " + " ".join(problems))
        when = _utc(now)
        note = f"Restored version {old.number} of {when_label(old.saved_at)}."
        new_id = _add_version(conn, athlete_id, inputs.model_dump_json(), note, when)
        conn.execute(athletes.update().where(athletes.c.id == athlete_id).values(updated_at=when))
        return _get_version(conn, owner, athlete_id, new_id)


# ---------------------------------------------------------------------------------------------
# The training log: logged sessions and daily check-ins


@dataclass(frozen=True)
class LoggedSession:
    """A stored session with its row id (what ``update_session`` and ``delete_session`` take)."""

    id: int
    session: Session
    edited: bool = False
    """Changed with ``update_session`` since it was logged (an imported run the runner completed)."""


_LOG_BOUNDS = {
    "less_than_equal": ("le", "must be at most {}"),
    "less_than": ("lt", "must be less than {}"),
    "greater_than_equal": ("ge", "must be at least {}"),
    "greater_than": ("gt", "must be more than {}"),
    "string_too_long": ("max_length", "can have at most {} characters"),
}


def _log_problems(error: ValidationError, model: type[Session] | type[CheckIn], shown: str) -> tuple[str, ...]:
    """One sentence per problem of a session or check-in, naming its field, in the model's field
    order (never pydantic's own order). ``shown`` introduces the value: "stored" or "given"."""
    fields = list(model.model_fields)
    what = "a logged session" if model is Session else "a check-in"

    def order(problem: Mapping[str, Any]) -> tuple[int, str]:
        location = problem.get("loc") or ()
        name = str(location[0]) if location else ""
        return (fields.index(name) if name in fields else len(fields), name)

    sentences = []
    for problem in sorted(error.errors(), key=order):
        location = problem.get("loc") or ()
        name, kind, ctx = (str(location[0]) if location else ""), problem.get("type"), problem.get("ctx") or {}
        if kind == "json_invalid":
            sentences.append("The stored text is not valid JSON.")
            continue
        if not name:
            sentences.append(f"The {shown} value must be a JSON object with the fields of {what}.")
            continue
        if kind in _LOG_BOUNDS:
            key, words = _LOG_BOUNDS[kind]
            limit = ctx.get(key)
            reason = words.format(f"{limit:g}" if isinstance(limit, int | float) else limit)
        elif kind == "literal_error":
            reason = f"must be one of {ctx.get('expected', 'the choices')}"
        elif kind == "extra_forbidden":
            reason = f"is not a field of {what}"
        else:
            reason = problem_reason(problem)
        value = f" ({shown}: {_short(problem.get('input'))})" if kind != "missing" else ""
        sentences.append(f"{field_label(name, with_key=True)} {reason}{value}.")
    return tuple(sentences)


def _given_session(session: Session, number: int) -> Session:
    # Validated again from its values: a ``Session`` built with ``model_construct`` (or a dict)
    # is checked like one typed in, and refused with our sentence rather than stored broken.
    values = dict(session) if isinstance(session, Session) else session  # the values as they are
    try:
        return Session.model_validate(values)
    except ValidationError as error:
        raise ValueError(
            f"Session {number} can't be logged: " + " ".join(_log_problems(error, Session, "given"))
        ) from None


def _given_checkin(checkin: CheckIn) -> CheckIn:
    values = dict(checkin) if isinstance(checkin, CheckIn) else checkin
    try:
        return CheckIn.model_validate(values)
    except ValidationError as error:
        raise ValueError("The check-in can't be saved: " + " ".join(_log_problems(error, CheckIn, "given"))) from None


def _check_athlete(conn: Connection, owner: str, athlete_id: int, *, lock: bool = False) -> None:
    """Raise ``AthleteNotFound`` unless ``owner`` has ``athlete_id``. ``lock`` holds the athlete's
    row until the transaction ends (PostgreSQL; SQLite's BEGIN IMMEDIATE already serializes
    writers), so two imports into one athlete can't both add the same run."""
    query = sa.select(athletes.c.id).where(athletes.c.id == athlete_id, athletes.c.owner == owner)
    if lock:
        query = query.with_for_update(key_share=True)  # FOR NO KEY UPDATE: versions can still be added
    if conn.execute(query).first() is None:
        raise AthleteNotFound(f"No athlete with id {athlete_id} for this coach.")


def _session_rows(conn: Connection, owner: str, athlete_id: int,
                  dates: Iterable[dt.date] | None = None) -> Sequence[Any]:
    query = (
        sa.select(session_log.c.id, session_log.c.date, session_log.c.session_json,
                  (session_log.c.updated_at != session_log.c.created_at).label("edited"))
        .join(athletes, athletes.c.id == session_log.c.athlete_id)
        .where(athletes.c.owner == owner, session_log.c.athlete_id == athlete_id)
        .order_by(session_log.c.date, session_log.c.id)
    )
    if dates is not None:
        query = query.where(session_log.c.date.in_(sorted(set(dates))))
    return conn.execute(query).all()


def _read_sessions(rows: Iterable[Any]) -> tuple[list[LoggedSession], list[str]]:
    logged: list[LoggedSession] = []
    problems: list[str] = []
    for row in rows:
        try:
            logged.append(LoggedSession(row.id, Session.model_validate_json(row.session_json), bool(row.edited)))
        except ValidationError as error:
            problems.append(
                f"Logged session of {row.date.isoformat()} (id {row.id}) could not be read: "
                + " ".join(_log_problems(error, Session, "stored")) + " The stored row is kept unchanged."
            )
    return logged, problems


def _read_checkins(conn: Connection, owner: str, athlete_id: int) -> tuple[list[CheckIn], list[str]]:
    rows = conn.execute(
        sa.select(checkin_log.c.id, checkin_log.c.date, checkin_log.c.checkin_json)
        .join(athletes, athletes.c.id == checkin_log.c.athlete_id)
        .where(athletes.c.owner == owner, checkin_log.c.athlete_id == athlete_id)
        .order_by(checkin_log.c.date, checkin_log.c.id)
    ).all()
    read: list[CheckIn] = []
    problems: list[str] = []
    for row in rows:
        try:
            read.append(CheckIn.model_validate_json(row.checkin_json))
        except ValidationError as error:
            problems.append(
                f"Check-in of {row.date.isoformat()} (id {row.id}) could not be read: "
                + " ".join(_log_problems(error, CheckIn, "stored")) + " The stored row is kept unchanged."
            )
    return read, problems


def add_sessions(engine: Engine, owner: str, athlete_id: int, sessions: Sequence[Session], *,
                 now: dt.datetime) -> tuple[int, int]:
    """Log ``sessions`` for this owner's athlete, except those already logged: a session that is
    ``same_run`` as a stored one, or as another one of ``sessions``, is skipped (within one call a
    session typed in is kept over an import of the same run). One transaction; ``now`` is the time
    of the import, from the caller's clock. Returns (added, skipped as duplicates).

    A stored row that no longer reads is not compared (and not changed). Raises ``AthleteNotFound``
    for an athlete this owner doesn't have, ``ValueError`` for a session that doesn't validate
    (then nothing is logged)."""
    if isinstance(sessions, Session | str | bytes):
        raise ValueError("Give a list of sessions to log, not a single value.")
    given = [_given_session(session, number) for number, session in enumerate(sessions, start=1)]
    when = _utc(now)
    with _write(engine) as conn:
        _check_athlete(conn, owner, athlete_id, lock=True)
        stored, _unreadable = _read_sessions(_session_rows(conn, owner, athlete_id, (s.date for s in given)))
        kept = [logged.session for logged in stored]
        new: set[int] = set()
        # Typed-in sessions first (stable): they carry the load, form test and pain an import lacks.
        for index in sorted(range(len(given)), key=lambda i: given[i].source != ""):
            if not any(same_run(given[index], other) for other in kept):
                kept.append(given[index])
                new.add(index)
        if new:
            conn.execute(session_log.insert(), [
                {"athlete_id": athlete_id, "date": given[i].date, "session_json": given[i].model_dump_json(),
                 "created_at": when, "updated_at": when}
                for i in sorted(new)  # in the order given
            ])
    return len(new), len(given) - len(new)


def logged_sessions(engine: Engine, owner: str, athlete_id: int) -> tuple[list[LoggedSession], list[str]]:
    """(sessions, problems): every stored session of this owner's athlete, by date, each with its
    row id, as stored (duplicates included, so each can be edited or deleted). A row that no longer
    validates is left out and named in ``problems``; it is never changed. Raises ``AthleteNotFound``
    for an athlete this owner doesn't have."""
    with engine.connect() as conn:
        _check_athlete(conn, owner, athlete_id)
        return _read_sessions(_session_rows(conn, owner, athlete_id))


def update_session(engine: Engine, owner: str, athlete_id: int, session_id: int, session: Session, *,
                   now: dt.datetime) -> None:
    """Replace a logged session of this owner's athlete with ``session`` (also the way to mend a
    stored row that no longer reads). Raises ``AthleteNotFound`` for an athlete this owner doesn't
    have or a session id that isn't that athlete's, ``ValueError`` for a session that doesn't
    validate."""
    session = _given_session(session, 1)
    with _write(engine) as conn:
        _check_athlete(conn, owner, athlete_id)
        changed = conn.execute(
            session_log.update()
            .where(session_log.c.id == session_id, session_log.c.athlete_id == athlete_id)
            .values(date=session.date, session_json=session.model_dump_json(), updated_at=_utc(now))
        ).rowcount
        if not changed:
            raise AthleteNotFound(f"No logged session {session_id} of athlete {athlete_id} for this coach.")


def delete_session(engine: Engine, owner: str, athlete_id: int, session_id: int) -> None:
    """Delete one logged session of this owner's athlete. Raises ``AthleteNotFound`` for an athlete
    this owner doesn't have or a session id that isn't that athlete's."""
    with _write(engine) as conn:
        _check_athlete(conn, owner, athlete_id)
        deleted = conn.execute(
            session_log.delete().where(session_log.c.id == session_id, session_log.c.athlete_id == athlete_id)
        ).rowcount
        if not deleted:
            raise AthleteNotFound(f"No logged session {session_id} of athlete {athlete_id} for this coach.")


def save_checkin(engine: Engine, owner: str, athlete_id: int, checkin: CheckIn, *, now: dt.datetime) -> None:
    """Save this owner's athlete's check-in for its date, replacing that date's check-in if there
    is one (one atomic insert-or-update on the unique athlete and date). ``now`` is the time of the
    save. Raises ``AthleteNotFound`` for an athlete this owner doesn't have, ``ValueError`` for a
    check-in that doesn't validate."""
    checkin = _given_checkin(checkin)
    values = {"athlete_id": athlete_id, "date": checkin.date, "checkin_json": checkin.model_dump_json(),
              "saved_at": _utc(now)}
    with _write(engine) as conn:
        _check_athlete(conn, owner, athlete_id)
        # INSERT ... ON CONFLICT DO UPDATE, which both backends have (SQLite since 3.24): atomic, so
        # two saves of one day race safely.
        insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(checkin_log)
        conn.execute(insert.values(**values).on_conflict_do_update(
            index_elements=[checkin_log.c.athlete_id, checkin_log.c.date],
            set_={"checkin_json": insert.excluded.checkin_json, "saved_at": insert.excluded.saved_at},
        ))


def checkins(engine: Engine, owner: str, athlete_id: int) -> tuple[list[CheckIn], list[str]]:
    """(check-ins, problems): this owner's athlete's check-ins by date. A row that no longer
    validates is left out and named in ``problems``; it is never changed. Raises
    ``AthleteNotFound`` for an athlete this owner doesn't have."""
    with engine.connect() as conn:
        _check_athlete(conn, owner, athlete_id)
        return _read_checkins(conn, owner, athlete_id)


def training_log(engine: Engine, owner: str, athlete_id: int
                 ) -> tuple[tuple[Session, ...], tuple[CheckIn, ...], list[str]]:
    """(sessions, check-ins, problems): this owner's athlete's log as the planner reads it, both in
    date order, sessions with each activity once (``without_duplicates``), and one sentence per
    stored row that no longer reads (left out, never changed). Raises ``AthleteNotFound`` for an
    athlete this owner doesn't have."""
    with engine.connect() as conn:
        _check_athlete(conn, owner, athlete_id)
        logged, session_problems = _read_sessions(_session_rows(conn, owner, athlete_id))
        read, checkin_problems = _read_checkins(conn, owner, athlete_id)
    sessions = without_duplicates([entry.session for entry in logged])
    return tuple(sessions), tuple(read), session_problems + checkin_problems
