"""Text a person can type or paste, through the athlete store on SQLite and on PostgreSQL: the Big
List of Naughty Strings (``tests/data/blns.json``, MIT) plus control characters, as athlete names,
notes and logged-session notes. Each is saved and read back exactly (a name as ``clean_name`` makes
it), or refused with one sentence of ours, and the outcome is the same on both backends."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.io import store
from core.planner.log import Session
from core.planner.models import PlanInputs
from tests.clock import NOW

CORPUS = Path(__file__).resolve().parents[1] / "data" / "blns.json"
BLNS = json.loads(CORPUS.read_text(encoding="utf-8"))
CONTROLS = [f"Ana{chr(code)}Ruiz" for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
ODD = ["\x00", "\x00\x00", "Ana\x00", "\ud800", "Ana\udfffRuiz", "\ufeffAna", "Ana\u2028Ruiz", "\u202eAna",
       "A" * store.NAME_MAX_CHARS + "\x00", "😀" * 100, "\U0010ffff", "\ufffe"]
TEXTS = [text for text in dict.fromkeys([*BLNS, *CONTROLS, *ODD]) if text]
COACH = "ana@example.com"
REFUSALS = {
    "Give the athlete a name.",
    f"An athlete's name can have at most {store.NAME_MAX_CHARS} characters.",
    f"A note can have at most {store.NOTE_MAX_CHARS} characters.",
}


def outcomes(url: str) -> dict[str, tuple]:
    """What the store does with each text as a name (with the same text as its note) and as a
    logged session's note: ("saved", name, note, log note) read back, or ("refused", sentence)."""
    engine = store.create_engine(url)
    store.ensure_schema(engine)
    log_athlete = store.save(engine, COACH, "Log keeper", PlanInputs(start_date="2026-01-05"), now=NOW).athlete_id
    seen: dict[str, tuple] = {}
    for text in TEXTS:
        try:
            version = store.save(engine, COACH, text, PlanInputs(start_date="2026-01-05"), text, now=NOW)
        except ValueError as error:
            as_name: tuple = ("refused", str(error))
        else:
            athlete = store.get_athlete(engine, COACH, version.athlete_id)
            as_name = ("saved", athlete.name, athlete.note, store.load(engine, COACH, athlete.id).version.note)
        try:
            day = dt.date(2020, 1, 1) + dt.timedelta(days=len(seen))  # one day each: never a duplicate run
            typed = Session.model_construct(**{**Session(date=day).model_dump(), "note": text[:500]})  # as the Log page
            added, _ = store.add_sessions(engine, COACH, log_athlete, [typed], now=NOW)
        except ValueError as error:
            as_log: tuple = ("refused", str(error))
        else:
            newest = max(store.logged_sessions(engine, COACH, log_athlete)[0], key=lambda entry: entry.id)
            as_log = ("saved", newest.session.note) if added == 1 else ("not added",)
        seen[text] = (as_name, as_log)
    engine.dispose()
    return seen


@pytest.fixture(scope="module")
def on_sqlite(tmp_path_factory) -> dict[str, tuple]:
    return outcomes(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'athletes.db'}")


@pytest.fixture(scope="module")
def on_postgresql(postgres_url) -> dict[str, tuple]:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:  # from an empty database
        conn.execute(sa.text("DROP TABLE IF EXISTS checkins, sessions, plan_versions, athletes, schema_version CASCADE"))
    engine.dispose()
    return outcomes(postgres_url)


def test_the_corpus_is_the_published_list():
    digest = hashlib.sha256(CORPUS.read_bytes()).hexdigest()
    assert digest == "b5edb4dffb234fa8b37c6353ec2cbd414ce721a03968d26343a7c276ab360f63"  # tests/data/README.md
    assert len(BLNS) == 515 and "<script>alert(123)</script>" in BLNS


def test_the_same_outcome_on_sqlite_and_postgresql(on_sqlite, on_postgresql):
    differing = {text: (on_sqlite[text], on_postgresql[text]) for text in TEXTS if on_sqlite[text] != on_postgresql[text]}
    assert differing == {}


@pytest.mark.parametrize("backend", ["on_sqlite", "on_postgresql"])
def test_saved_exactly_or_refused_with_our_sentence(backend, request):
    seen = request.getfixturevalue(backend)
    for text, (as_name, as_log) in seen.items():
        if as_name[0] == "saved":
            assert as_name[1:] == (store.clean_name(text), text.strip(), text.strip()), repr(text)
        else:
            assert as_name[1] in REFUSALS or as_name[1].endswith("(U+0000).") or "surrogate" in as_name[1], as_name
        if as_log[0] == "saved":
            assert as_log[1] == text[:500], repr(text)
        else:
            assert as_log[1].startswith("Session 1 can't be logged: "), as_log
    refused = [text for text, (as_name, _log) in seen.items() if as_name[0] == "refused"]
    assert len(refused) < len(seen) / 4  # most hostile text is simply kept
