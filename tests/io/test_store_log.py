"""The training log in the athlete store, on SQLite and on a real PostgreSQL server: logged sessions
and daily check-ins with the athlete, duplicates skipped, per-coach scoping, stored rows that no
longer read, and the migration of a schema-version-1 database."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import event, given, settings
from hypothesis import strategies as st

from core.io import store
from core.planner.log import CheckIn, Session, without_duplicates
from core.planner.models import PlanInputs
from tests.clock import NOW

V1_DB = Path(__file__).resolve().parents[1] / "data" / "athletes-schema-v1.db"
COACH, OTHER = "ana@example.com", "ben@example.com"
LATER = NOW + dt.timedelta(hours=3)
ALL_TABLES = "checkins, sessions, plan_versions, athletes, schema_version"

D1, D2, D3 = dt.date(2026, 1, 5), dt.date(2026, 1, 6), dt.date(2026, 1, 8)
IMPORTED = Session(date=D1, distance_km=8.04, minutes=47.5, note="Morning Run", source="run.fit")
TYPED = Session(date=D1, distance_km=8.0, minutes=48, load_kg=10, rpe=5, form_ok=True)  # the same run
STRENGTH = Session(date=D2, kind="strength", minutes=40, rpe=6)
LONG = Session(date=D3, distance_km=18, minutes=110, note="Long run")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'athletes.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # every test starts from an empty database
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {ALL_TABLES} CASCADE"))
    engine.dispose()
    return url


def athlete(engine, owner: str = COACH, name: str = "Ana") -> int:
    return store.save(engine, owner, name, PlanInputs(start_date="2026-01-05"), now=NOW).athlete_id


def rows(engine, table: sa.Table) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(sa.select(table).order_by(table.c.id))]


def hand_edit_session(engine, session_id: int, text: str) -> None:
    with engine.begin() as conn:
        conn.execute(store.session_log.update().where(store.session_log.c.id == session_id)
                     .values(session_json=text))


def checkin(date: dt.date, *noes: str) -> CheckIn:
    answers = {key: key not in noes for key in ("slept_well", "soreness_mild", "resting_hr_normal", "hrv_stable")}
    return CheckIn(date=date, **answers)


# --- schema ---------------------------------------------------------------------------------


def test_a_fresh_database_has_the_log_tables_at_version_2(engine):
    assert store.SCHEMA_VERSION == 2 and store.current_schema_version(engine) == 2
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        assert {"athletes", "plan_versions", "sessions", "checkins"} <= set(inspector.get_table_names())
        for table in ("sessions", "checkins"):
            [fk] = inspector.get_foreign_keys(table)
            assert fk["referred_table"] == "athletes" and fk["options"].get("ondelete") == "CASCADE"
        assert [u["column_names"] for u in inspector.get_unique_constraints("checkins")] == [["athlete_id", "date"]]


# --- sessions: add, list, update, delete ----------------------------------------------------


def test_sessions_round_trip_add_list_update_delete(engine):
    ana = athlete(engine)
    assert store.add_sessions(engine, COACH, ana, [LONG, IMPORTED, STRENGTH], now=NOW) == (3, 0)
    logged, problems = store.logged_sessions(engine, COACH, ana)
    assert problems == []
    assert [entry.session for entry in logged] == [IMPORTED, STRENGTH, LONG]  # by date
    assert len({entry.id for entry in logged}) == 3
    long_id = logged[2].id

    shorter = LONG.model_copy(update={"distance_km": 16.5, "pain": True, "outcome": "changed"})
    store.update_session(engine, COACH, ana, long_id, shorter, now=LATER)
    moved = STRENGTH.model_copy(update={"date": D3})
    store.update_session(engine, COACH, ana, logged[1].id, moved, now=LATER)
    logged, _ = store.logged_sessions(engine, COACH, ana)
    assert [entry.session for entry in logged] == [IMPORTED, shorter, moved]  # by date, then as added
    assert logged[1].id == long_id
    with engine.connect() as conn:
        row = conn.execute(sa.select(store.session_log).where(store.session_log.c.id == long_id)).one()
    assert store._utc(row.created_at) == NOW and store._utc(row.updated_at) == LATER
    assert Session.model_validate_json(row.session_json) == shorter

    store.delete_session(engine, COACH, ana, long_id)
    assert [entry.session for entry in store.logged_sessions(engine, COACH, ana)[0]] == [IMPORTED, moved]
    with pytest.raises(store.AthleteNotFound):
        store.delete_session(engine, COACH, ana, long_id)  # gone
    with pytest.raises(store.AthleteNotFound):
        store.update_session(engine, COACH, ana, long_id, LONG, now=LATER)


def test_a_session_says_whether_it_was_edited_since_it_was_logged(engine):
    ana = athlete(engine)
    store.add_sessions(engine, COACH, ana, [IMPORTED, LONG], now=NOW)
    imported, long = store.logged_sessions(engine, COACH, ana)[0]
    assert not imported.edited and not long.edited
    store.update_session(engine, COACH, ana, imported.id, TYPED.model_copy(update={"source": "run.fit"}), now=LATER)
    assert [e.edited for e in store.logged_sessions(engine, COACH, ana)[0]] == [True, False]


def test_the_same_import_twice_is_skipped_and_counted(engine):
    ana = athlete(engine)
    week = [IMPORTED, STRENGTH, LONG]
    assert store.add_sessions(engine, COACH, ana, week, now=NOW) == (3, 0)
    assert store.add_sessions(engine, COACH, ana, week, now=LATER) == (0, 3)
    # the same file with one new activity: only that one is added
    tempo = Session(date=D2, distance_km=10, minutes=50, source="run.fit")
    assert store.add_sessions(engine, COACH, ana, [*week, tempo], now=LATER) == (1, 3)
    assert len(store.logged_sessions(engine, COACH, ana)[0]) == 4


def test_a_file_and_a_typed_in_entry_of_the_same_run_are_logged_once(engine):
    ana = athlete(engine)
    assert store.add_sessions(engine, COACH, ana, [TYPED], now=NOW) == (1, 0)
    assert store.add_sessions(engine, COACH, ana, [IMPORTED], now=LATER) == (0, 1)  # the watch file later
    assert [e.session for e in store.logged_sessions(engine, COACH, ana)[0]] == [TYPED]


def test_duplicates_within_one_call_are_skipped_and_the_typed_in_entry_is_kept(engine):
    ana = athlete(engine)
    again = IMPORTED.model_copy(update={"source": "export.zip/run.fit"})
    assert store.add_sessions(engine, COACH, ana, [IMPORTED, again, TYPED, STRENGTH], now=NOW) == (2, 2)
    assert [e.session for e in store.logged_sessions(engine, COACH, ana)[0]] == [TYPED, STRENGTH]


def test_an_empty_import_adds_nothing(engine):
    ana = athlete(engine)
    assert store.add_sessions(engine, COACH, ana, [], now=NOW) == (0, 0)
    assert store.logged_sessions(engine, COACH, ana) == ([], [])


def test_a_session_that_does_not_validate_is_refused_with_our_sentence(engine):
    ana = athlete(engine)
    broken = Session.model_construct(**(LONG.model_dump() | {"distance_km": 500.0, "kind": "swim"}))
    with pytest.raises(ValueError, match=r"Session 2 can't be logged: Kind \(kind\) must be one of 'run' or "
                                         r"'strength' \(given: 'swim'\)\. Distance \(distance_km\) must be at "
                                         r"most 400 \(given: 500\.0\)\."):
        store.add_sessions(engine, COACH, ana, [STRENGTH, broken], now=NOW)
    assert store.logged_sessions(engine, COACH, ana) == ([], [])  # nothing of the call was logged
    with pytest.raises(ValueError, match="not a single value"):
        store.add_sessions(engine, COACH, ana, LONG, now=NOW)  # type: ignore[arg-type]
    store.add_sessions(engine, COACH, ana, [LONG], now=NOW)
    [entry] = store.logged_sessions(engine, COACH, ana)[0]
    with pytest.raises(ValueError, match="can't be logged"):
        store.update_session(engine, COACH, ana, entry.id, broken, now=NOW)
    assert store.logged_sessions(engine, COACH, ana)[0] == [entry]


def test_text_is_stored_as_bound_parameters(engine):
    ana = athlete(engine)
    odd = Session(date=D1, distance_km=5, note="Robert'); DROP TABLE sessions;-- 100% \"quoted\" ü",
                  source="C:\\runs\\it's.fit")
    store.add_sessions(engine, COACH, ana, [odd], now=NOW)
    assert [e.session for e in store.logged_sessions(engine, COACH, ana)[0]] == [odd]


# --- check-ins ------------------------------------------------------------------------------


def test_a_checkin_is_kept_per_date_and_saving_that_date_again_replaces_it(engine):
    ana = athlete(engine)
    store.save_checkin(engine, COACH, ana, checkin(D2, "slept_well"), now=NOW)
    store.save_checkin(engine, COACH, ana, checkin(D1), now=NOW)
    store.save_checkin(engine, COACH, ana, checkin(D2, "hrv_stable", "soreness_mild"), now=LATER)
    read, problems = store.checkins(engine, COACH, ana)
    assert problems == []
    assert read == [checkin(D1), checkin(D2, "hrv_stable", "soreness_mild")]
    assert read[1].noes == 2
    stored = rows(engine, store.checkin_log)
    assert len(stored) == 2
    assert {store._utc(row[4]) for row in stored if row[2] == D2} == {LATER}
    ben = athlete(engine, name="Ben")  # the same date for another athlete is another check-in
    store.save_checkin(engine, COACH, ben, checkin(D2), now=NOW)
    assert store.checkins(engine, COACH, ben)[0] == [checkin(D2)]
    assert store.checkins(engine, COACH, ana)[0][1] == checkin(D2, "hrv_stable", "soreness_mild")


def test_a_checkin_that_does_not_validate_is_refused(engine):
    ana = athlete(engine)
    broken = CheckIn.model_construct(date=D1, slept_well="maybe", soreness_mild=True, resting_hr_normal=True,
                                     hrv_stable=True)
    with pytest.raises(ValueError, match=r"The check-in can't be saved: Slept well \(slept_well\)"):
        store.save_checkin(engine, COACH, ana, broken, now=NOW)
    assert store.checkins(engine, COACH, ana) == ([], [])


# --- the log as the planner reads it --------------------------------------------------------


def test_training_log_is_deduplicated_and_in_date_order(engine):
    ana = athlete(engine)
    store.add_sessions(engine, COACH, ana, [LONG, IMPORTED], now=NOW)
    [imported, _long] = store.logged_sessions(engine, COACH, ana)[0]
    # an edit can make two stored rows the same run; the planner still sees it once (the typed one)
    store.add_sessions(engine, COACH, ana, [STRENGTH], now=NOW)
    store.update_session(engine, COACH, ana, store.logged_sessions(engine, COACH, ana)[0][1].id,
                         TYPED, now=LATER)
    store.save_checkin(engine, COACH, ana, checkin(D3, "slept_well"), now=NOW)
    store.save_checkin(engine, COACH, ana, checkin(D1), now=NOW)
    sessions, read, problems = store.training_log(engine, COACH, ana)
    assert problems == [] and isinstance(sessions, tuple) and isinstance(read, tuple)
    assert len(store.logged_sessions(engine, COACH, ana)[0]) == 3
    assert sessions == (TYPED, LONG)
    assert sessions == tuple(without_duplicates([imported.session, TYPED, LONG]))
    assert read == (checkin(D1), checkin(D3, "slept_well"))


# --- scoping by coach -----------------------------------------------------------------------


def test_another_coach_can_not_read_or_change_my_athletes_log(engine):
    mine = athlete(engine, COACH, "Ana")
    theirs = athlete(engine, OTHER, "Ana")  # the same name, another coach
    store.add_sessions(engine, COACH, mine, [LONG], now=NOW)
    store.save_checkin(engine, COACH, mine, checkin(D1), now=NOW)
    [entry] = store.logged_sessions(engine, COACH, mine)[0]
    for attempt in (
        lambda: store.logged_sessions(engine, OTHER, mine),
        lambda: store.add_sessions(engine, OTHER, mine, [STRENGTH], now=NOW),
        lambda: store.add_sessions(engine, OTHER, mine, [], now=NOW),
        lambda: store.update_session(engine, OTHER, mine, entry.id, STRENGTH, now=NOW),
        lambda: store.delete_session(engine, OTHER, mine, entry.id),
        lambda: store.save_checkin(engine, OTHER, mine, checkin(D1, "slept_well"), now=NOW),
        lambda: store.checkins(engine, OTHER, mine),
        lambda: store.training_log(engine, OTHER, mine),
        lambda: store.logged_sessions(engine, store.LOCAL_OWNER, mine),
        # the other coach's own athlete can't reach my session by its id
        lambda: store.update_session(engine, OTHER, theirs, entry.id, STRENGTH, now=NOW),
        lambda: store.delete_session(engine, OTHER, theirs, entry.id),
    ):
        with pytest.raises(store.AthleteNotFound):
            attempt()
    assert store.training_log(engine, COACH, mine) == ((LONG,), (checkin(D1),), [])
    assert store.training_log(engine, OTHER, theirs) == ((), (), [])


def test_a_session_of_another_athlete_can_not_be_changed_through_mine(engine):
    ana, ben = athlete(engine, name="Ana"), athlete(engine, name="Ben")
    store.add_sessions(engine, COACH, ben, [LONG], now=NOW)
    [bens] = store.logged_sessions(engine, COACH, ben)[0]
    with pytest.raises(store.AthleteNotFound, match=f"No logged session {bens.id} of athlete {ana}"):
        store.update_session(engine, COACH, ana, bens.id, STRENGTH, now=NOW)
    with pytest.raises(store.AthleteNotFound):
        store.delete_session(engine, COACH, ana, bens.id)
    assert store.logged_sessions(engine, COACH, ben)[0] == [bens]
    assert store.logged_sessions(engine, COACH, ana) == ([], [])


def test_deleting_an_athlete_deletes_its_sessions_and_checkins(engine):
    ana, ben = athlete(engine, name="Ana"), athlete(engine, name="Ben")
    for who in (ana, ben):
        store.add_sessions(engine, COACH, who, [IMPORTED, LONG], now=NOW)
        store.save_checkin(engine, COACH, who, checkin(D1), now=NOW)
    assert store.delete(engine, COACH, ana) == 1
    assert {row[1] for row in rows(engine, store.session_log)} == {ben}
    assert {row[1] for row in rows(engine, store.checkin_log)} == {ben}
    assert len(store.training_log(engine, COACH, ben)[0]) == 2
    with pytest.raises(store.AthleteNotFound):
        store.training_log(engine, COACH, ana)


def test_two_sessions_importing_the_same_file_at_once_log_it_once(engine):
    ana = athlete(engine)
    week = [IMPORTED, STRENGTH, LONG, Session(date=D2, distance_km=6, minutes=35, source="run.fit")]
    results: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def work(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            results.append(store.add_sessions(engine, COACH, ana, week, now=NOW))
            store.save_checkin(engine, COACH, ana, checkin(D1, *(("slept_well",) if number % 2 else ())), now=NOW)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(results) == [(0, 4), (0, 4), (0, 4), (4, 0)]
    assert len(store.logged_sessions(engine, COACH, ana)[0]) == 4
    assert len(store.checkins(engine, COACH, ana)[0]) == 1


# --- stored rows that no longer read --------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda d: "not json", "The stored text is not valid JSON."),
        (lambda d: d | {"distance_km": 500}, "Distance (distance_km) must be at most 400 (stored: 500)."),
        (lambda d: d | {"kind": "swim"}, "Kind (kind) must be one of 'run' or 'strength' (stored: 'swim')."),
        (lambda d: d | {"colour": "red"}, "Colour (colour) is not a field of a logged session (stored: 'red')."),
        (lambda d: {k: v for k, v in d.items() if k != "date"}, "Date (date) is missing."),
        (lambda d: [d], "The stored value must be a JSON object with the fields of a logged session."),
    ],
)
def test_a_junk_session_row_is_named_and_left_unchanged(engine, edit, words):
    ana = athlete(engine)
    store.add_sessions(engine, COACH, ana, [IMPORTED, LONG], now=NOW)
    [good, bad] = store.logged_sessions(engine, COACH, ana)[0]
    broken = edit(json.loads(bad.session.model_dump_json()))
    text = broken if isinstance(broken, str) else json.dumps(broken)
    hand_edit_session(engine, bad.id, text)
    before = rows(engine, store.session_log)

    logged, problems = store.logged_sessions(engine, COACH, ana)
    assert logged == [good]
    [message] = problems
    assert message.startswith(f"Logged session of 2026-01-08 (id {bad.id}) could not be read: ")
    assert words in message and message.endswith(" The stored row is kept unchanged.")
    sessions, _checkins, log_problems = store.training_log(engine, COACH, ana)
    assert sessions == (IMPORTED,) and log_problems == problems
    # another import still works, and the junk row is neither compared, changed nor removed
    assert store.add_sessions(engine, COACH, ana, [LONG, IMPORTED], now=LATER) == (1, 1)
    assert rows(engine, store.session_log)[:2] == before
    # it can be mended by an update
    store.update_session(engine, COACH, ana, bad.id, LONG, now=LATER)
    assert store.logged_sessions(engine, COACH, ana)[1] == []


def test_a_junk_checkin_row_is_named_and_left_unchanged(engine):
    ana = athlete(engine)
    store.save_checkin(engine, COACH, ana, checkin(D1), now=NOW)
    store.save_checkin(engine, COACH, ana, checkin(D2), now=NOW)
    text = json.dumps(checkin(D2).model_dump(mode="json") | {"hrv_stable": "sometimes"})
    with engine.begin() as conn:
        conn.execute(store.checkin_log.update().where(store.checkin_log.c.date == D2).values(checkin_json=text))
    before = rows(engine, store.checkin_log)
    read, [message] = store.checkins(engine, COACH, ana)
    assert read == [checkin(D1)]
    assert message.startswith("Check-in of 2026-01-06 (id ") and "could not be read: Hrv stable (hrv_stable) " \
        "must be true or false (stored: 'sometimes')." in message
    assert message.endswith("The stored row is kept unchanged.")
    assert store.training_log(engine, COACH, ana)[1:] == ((checkin(D1),), [message])
    assert rows(engine, store.checkin_log) == before
    store.save_checkin(engine, COACH, ana, checkin(D2, "slept_well"), now=LATER)  # saving that day mends it
    assert store.checkins(engine, COACH, ana) == ([checkin(D1), checkin(D2, "slept_well")], [])


# --- migration from schema version 1 --------------------------------------------------------

V1_ATHLETES = {
    ("ana@example.com", "Ana Ruiz"): [
        PlanInputs(start_date="2026-01-05"),
        PlanInputs(start_date="2026-01-05", bodyweight_kg=72, carrier="backpack", hard_days=("mon", "wed")),
    ],
    ("ben@example.com", "Ben Okafor"): [
        PlanInputs(start_date="2026-02-02", weeks=16, experience="experienced", equipment_max_kg=20),
        PlanInputs(start_date="2026-02-02", weeks=20, experience="experienced", equipment_max_kg=20,
                   injuries=("knee",)),
    ],
}
"""What ``tests/data/athletes-schema-v1.db`` holds (see tests/data/README.md)."""


def _all_v1_rows(engine) -> tuple[list[tuple], list[tuple], list[tuple]]:
    return rows(engine, store.athletes), rows(engine, store.plan_versions), rows(engine, store.schema_version)


def _check_upgraded(engine, athletes_before: list[tuple], versions_before: list[tuple]) -> None:
    assert store.current_schema_version(engine) == 2
    athletes_after, versions_after, schema_after = _all_v1_rows(engine)
    assert athletes_after == athletes_before and versions_after == versions_before  # not a byte changed
    assert schema_after == [(1, 2)]
    for (owner, name), versions in V1_ATHLETES.items():
        found = store.find_athlete(engine, owner, name)
        assert found is not None and found.versions == 2
        history = store.history(engine, owner, found.id)[::-1]
        assert [store.load(engine, owner, found.id, e.version.id).inputs for e in history] == versions
        assert all(entry.valid for entry in history)
        # the log works for an athlete from before it existed
        assert store.training_log(engine, owner, found.id) == ((), (), [])
        assert store.add_sessions(engine, owner, found.id, [IMPORTED, LONG, TYPED], now=NOW) == (2, 1)
        store.save_checkin(engine, owner, found.id, checkin(D1, "slept_well"), now=NOW)
        assert store.training_log(engine, owner, found.id) == ((TYPED, LONG), (checkin(D1, "slept_well"),), [])
    assert store.ensure_schema(engine) == 2  # and again: nothing more to do
    assert _all_v1_rows(engine)[:2] == (athletes_before, versions_before)


def test_a_schema_v1_sqlite_file_upgrades_without_losing_a_row(tmp_path):
    path = tmp_path / "athletes.db"
    shutil.copyfile(V1_DB, path)
    engine = store.create_engine(f"sqlite:///{path}")
    assert store.current_schema_version(engine) == 1
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) == {"schema_version", "athletes", "plan_versions"}
    athletes_before, versions_before, _ = _all_v1_rows(engine)
    assert len(athletes_before) == 2 and len(versions_before) == 4
    assert store.ensure_schema(engine) == 2
    _check_upgraded(engine, athletes_before, versions_before)
    # deleting an upgraded athlete takes its log with it
    ana = store.find_athlete(engine, COACH, "Ana Ruiz")
    assert store.delete(engine, COACH, ana.id) == 2
    assert {row[1] for row in rows(engine, store.session_log)} == {store.find_athlete(engine, OTHER, "Ben Okafor").id}
    engine.dispose()


def test_a_schema_v1_database_upgrades_on_each_backend(db_url):
    engine = store.create_engine(db_url)
    with store._write(engine) as conn:  # a database as version 1 of the app left it
        store.schema_version.create(conn)
        store._create_tables_v1(conn)
        conn.execute(store.schema_version.insert().values(id=1, version=1))
    for (owner, name), versions in V1_ATHLETES.items():
        for plan in versions:
            store.save(engine, owner, name, plan, note="v1", now=NOW)
    assert store.current_schema_version(engine) == 1
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("sessions") and not sa.inspect(conn).has_table("checkins")
    athletes_before, versions_before, _ = _all_v1_rows(engine)
    assert store.ensure_schema(engine) == 2
    _check_upgraded(engine, athletes_before, versions_before)
    engine.dispose()


# --- property: an import added twice is stored once -----------------------------------------

WINDOW = (dt.date(2026, 1, 5), dt.date(2026, 1, 5) + dt.timedelta(days=59))
DATES = st.one_of(st.sampled_from((WINDOW[0], WINDOW[0] + dt.timedelta(days=1))),
                  st.dates(min_value=WINDOW[0], max_value=WINDOW[1]))
DISTANCES = st.one_of(st.sampled_from((0.0, 5.0, 5.2, 10.0, 10.4, 40.0)),
                      st.floats(0, 40, allow_nan=False, allow_infinity=False))
SESSIONS = st.builds(
    Session,
    date=DATES,
    kind=st.sampled_from(("run", "run", "strength")),
    distance_km=DISTANCES,
    minutes=st.one_of(st.sampled_from((0.0, 30.0, 33.0, 60.0)), st.floats(0, 300, allow_nan=False)),
    load_kg=st.one_of(st.just(0.0), st.floats(0, 20, allow_nan=False)),
    rpe=st.one_of(st.none(), st.floats(0, 10, allow_nan=False)),
    form_ok=st.one_of(st.none(), st.booleans()),
    pain=st.booleans(),
    outcome=st.sampled_from(("as planned", "changed", "skipped")),
    note=st.text(max_size=20),
    source=st.sampled_from(("", "", "run.fit", "activities.csv")),
)
_names = itertools.count()


@st.composite
def imports(draw) -> list[Session]:
    """A list of sessions as a file or a form gives them, often repeating one (the same run twice)."""
    base = draw(st.lists(SESSIONS, max_size=10))
    repeats = draw(st.lists(st.sampled_from(base), max_size=4)) if base else []
    return draw(st.permutations(base + repeats))


@settings(max_examples=50, deadline=None)
@given(sessions=imports())
def test_sessions_added_twice_are_stored_as_once(tmp_path_factory, sessions):
    # One SQLite file for the whole property; each example logs into a fresh athlete.
    path = tmp_path_factory.getbasetemp() / "property-athletes.db"
    engine = store.create_engine(f"sqlite:///{path}")
    store.ensure_schema(engine)
    ana = athlete(engine, name=f"Runner {next(_names)}")
    added, skipped = store.add_sessions(engine, COACH, ana, sessions, now=NOW)
    assert added + skipped == len(sessions) and (added > 0) == (len(sessions) > 0)
    event("the import repeats a run" if skipped else "every run once")
    once = store.logged_sessions(engine, COACH, ana)
    assert store.add_sessions(engine, COACH, ana, sessions, now=LATER) == (0, len(sessions))
    assert store.logged_sessions(engine, COACH, ana) == once
    stored = [entry.session for entry in once[0]]
    assert once[1] == [] and all(s in sessions for s in stored)
    engine.dispose()
