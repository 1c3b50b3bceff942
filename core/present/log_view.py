"""How the training log reads on the Log page: a session in one line, the logged-sessions table's
rows, and our sentence about a form test given for a session that is not a loaded run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from core.planner.log import Session
from core.planner.units import Units, fmt_distance, fmt_mass

OUTCOMES = {"as planned": "Done as planned", "changed": "Changed", "skipped": "Skipped"}
"""How a session went, as the form offers it and the table shows it."""
KINDS = {"run": "Run", "strength": "Strength"}
FORM_TESTS: dict[bool | None, str] = {None: "Not a loaded run", True: "Passed", False: "Failed"}
IMPORTED = "Imported"
""""How it went" of a session imported from a watch file and not edited since: the file can't
say whether it was the planned session."""
NOT_GIVEN = "—"
"""An effort (RPE) that was not given: a dash in the logged-sessions table, never "None"."""
FORM_TEST_NOT_LOADED = ("The form test is for a loaded run: enter the load you carried, or choose "
                        "\"Not a loaded run\".")
"""A form test given for a session that is not a loaded run (a lift, no load, or skipped)."""


class LoggedEntry(Protocol):
    """A stored session as the table needs it (``core.io.store.LoggedSession`` is one)."""

    @property
    def session(self) -> Session: ...

    @property
    def edited(self) -> bool: ...


def plural(count: int, word: str) -> str:
    """
    >>> plural(1, "session"), plural(3, "session")
    ('1 session', '3 sessions')
    """
    return f"{count} {word}{'' if count == 1 else 's'}"


def session_label(session: Session, units: Units) -> str:
    """A logged session in one line: the date, the kind, the distance and load when there are
    some, and how it went unless as planned.

    >>> import datetime as dt
    >>> session_label(Session(date=dt.date(2026, 12, 2), distance_km=8, minutes=50, load_kg=4), "metric")[11:]
    '2026 · Run · 8 km · carrying 4 kg'
    """
    parts = [f"{session.date:%a %d %b %Y}", KINDS[session.kind]]
    if session.distance_km:
        parts.append(fmt_distance(session.distance_km, units))
    if session.load_kg:
        parts.append(f"carrying {fmt_mass(session.load_kg, units)}")
    if session.outcome != "as planned":
        parts.append(OUTCOMES[session.outcome].lower())
    return " · ".join(parts)


def form_test_problem(values: Mapping[str, Any]) -> str | None:
    """Our sentence when the form's ``values`` (``kind``, ``load_kg``, ``outcome``, ``form_ok``)
    give a form test for a session that is not a loaded run; ``None`` when they don't."""
    if values["form_ok"] is None:
        return None
    if values["kind"] != "run" or values["load_kg"] <= 0 or values["outcome"] == "skipped":
        return FORM_TEST_NOT_LOADED
    return None


def how_it_went(entry: LoggedEntry) -> str:
    """The outcome as the table shows it: a session imported from a watch file and never edited says
    so (the file can't know whether it was the planned session); one the runner edited, theirs."""
    session = entry.session
    if session.source and not entry.edited and session.outcome == "as planned":
        return IMPORTED
    return OUTCOMES[session.outcome]


def table_rows(logged: Iterable[LoggedEntry], units: Units) -> list[dict[str, Any]]:
    """The logged-sessions table, one row per session, in ``units``."""
    return [{
        "Date": entry.session.date,
        "Session": KINDS[entry.session.kind],
        "How it went": how_it_went(entry),
        "Distance": fmt_distance(entry.session.distance_km, units) if entry.session.distance_km else "",
        "Minutes": round(entry.session.minutes),
        "Load": fmt_mass(entry.session.load_kg, units) if entry.session.load_kg else "",
        "RPE": f"{entry.session.rpe:g}" if entry.session.rpe is not None else NOT_GIVEN,
        "Form test": FORM_TESTS[entry.session.form_ok] if entry.session.form_ok is not None else "",
        "Pain": entry.session.pain,
        "Note": entry.session.note,
        "From": entry.session.source or "typed in",
    } for entry in logged]
