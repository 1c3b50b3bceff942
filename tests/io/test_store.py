"""The athlete store on SQLite and on a real PostgreSQL server: saving, history, bad rows, concurrent
saves, durability and per-coach scoping."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.io import store
from core.planner.models import PlanInputs
from core.present.links import check_query, link_params
from core.present.specs import SPECS
from core.present.text import input_changes
from tests.clock import NOW

ROOT = Path(__file__).resolve().parents[1]
COACH, OTHER = "ana@example.com", "ben@example.com"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'athletes.db'}"
    url = request.getfixturevalue("postgres_url")
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # every test starts from an empty database
        conn.execute(sa.text("DROP TABLE IF EXISTS checkins, sessions, plan_versions, athletes, schema_version CASCADE"))
    engine.dispose()
    return url


def inputs(**changes) -> PlanInputs:
    return PlanInputs(start_date="2026-01-05", **changes)


def stored_text(engine, version_id: int) -> str:
    with engine.connect() as conn:
        return conn.execute(sa.select(store.plan_versions.c.inputs_json)
                            .where(store.plan_versions.c.id == version_id)).scalar_one()


def hand_edit(engine, version_id: int, text: str) -> None:
    with engine.begin() as conn:
        conn.execute(store.plan_versions.update().where(store.plan_versions.c.id == version_id)
                     .values(inputs_json=text))


# --- schema ---------------------------------------------------------------------------------


def test_schema_is_created_once_and_records_its_version(engine):
    assert store.current_schema_version(engine) == store.SCHEMA_VERSION
    assert store.ensure_schema(engine) == store.SCHEMA_VERSION  # idempotent
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(store.schema_version)).scalar() == 1
        assert {"athletes", "plan_versions"} <= set(sa.inspect(conn).get_table_names())


def test_a_migration_step_runs_once_on_an_older_database(engine, monkeypatch):
    ran = []

    def add_column(conn):
        ran.append(True)
        conn.execute(sa.text("ALTER TABLE athletes ADD COLUMN club VARCHAR(50)"))

    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, (store.SCHEMA_VERSION + 1, add_column)))
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    store.save(engine, COACH, "Ana", inputs(), now=NOW)
    assert store.ensure_schema(engine) == store.SCHEMA_VERSION
    assert store.ensure_schema(engine) == store.SCHEMA_VERSION
    assert ran == [True] and store.current_schema_version(engine) == store.SCHEMA_VERSION
    assert [a.name for a in store.list_athletes(engine, COACH)] == ["Ana"]  # data kept


def test_a_database_from_a_newer_app_is_refused(engine):
    with engine.begin() as conn:
        conn.execute(store.schema_version.update().values(version=store.SCHEMA_VERSION + 5))
    with pytest.raises(RuntimeError, match="newer than this app"):
        store.ensure_schema(engine)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    engine = store.create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store.SQLITE_BUSY_TIMEOUT_S * 1000
    assert store.prepare_engine(engine) is engine  # idempotent: no second set of listeners


def test_preparing_again_after_the_module_is_reimported_adds_no_second_begin(tmp_path, monkeypatch):
    # Streamlit re-imports changed modules while the engine stays cached in st.connection.
    import importlib.util

    engine = store.create_engine(f"sqlite:///{tmp_path / 'a.db'}")
    spec = importlib.util.spec_from_file_location("store_imported_again", store.__file__)
    reloaded = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, reloaded)
    spec.loader.exec_module(reloaded)
    reloaded.prepare_engine(engine)
    reloaded.ensure_schema(engine)
    reloaded.save(engine, COACH, "Ana", inputs(), now=NOW)
    assert [a.name for a in reloaded.list_athletes(engine, COACH)] == ["Ana"]


# --- save, load, history, restore, rename, delete ------------------------------------------


def test_save_creates_then_adds_versions(engine):
    first = store.save(engine, COACH, "  Ana   Ruiz ", inputs(), note="First consultation", now=NOW)
    second = store.save(engine, COACH, "Ana Ruiz", inputs(bodyweight_kg=72), note="Lost the knee pain", now=NOW)
    assert (first.number, second.number) == (1, 2) and first.athlete_id == second.athlete_id
    [athlete] = store.list_athletes(engine, COACH)
    assert (athlete.name, athlete.note, athlete.versions) == ("Ana Ruiz", "Lost the knee pain", 2)
    assert athlete.last_saved == second.saved_at and athlete.last_saved.tzinfo is not None
    latest = store.load(engine, COACH, athlete.id)
    assert latest.ok and latest.inputs == inputs(bodyweight_kg=72) and latest.version.number == 2
    third = store.save(engine, COACH, "Ana Ruiz", inputs(bodyweight_kg=72), now=NOW)  # no note: the last one stays
    assert third.note == "" and store.get_athlete(engine, COACH, athlete.id).note == "Lost the knee pain"
    older = store.load(engine, COACH, athlete.id, first.id)
    assert older.inputs == inputs() and older.version.note == "First consultation"


def test_list_is_sorted_by_name_and_counts_versions(engine):
    for name in ("carla", "Ben", "ana"):
        store.save(engine, COACH, name, inputs(), now=NOW)
    store.save(engine, COACH, "Ben", inputs(weeks=16), now=NOW)
    listed = store.list_athletes(engine, COACH)
    assert [(a.name, a.versions) for a in listed] == [("ana", 1), ("Ben", 2), ("carla", 1)]


@pytest.mark.parametrize("name", ["", "   ", "x" * (store.NAME_MAX_CHARS + 1)])
def test_bad_names_are_refused(engine, name):
    with pytest.raises(ValueError):
        store.save(engine, COACH, name, inputs(), now=NOW)
    assert store.list_athletes(engine, COACH) == []


def test_names_and_notes_are_bound_parameters_not_sql(engine):
    name = "Robert'); DROP TABLE athletes;--"
    note = "<script>alert(1)</script> 100% \"quoted\" :red[x] $x$"
    version = store.save(engine, COACH, name, inputs(), note=note, now=NOW)
    [athlete] = store.list_athletes(engine, COACH)
    assert (athlete.name, athlete.note) == (name, note)
    assert store.find_athlete(engine, COACH, name).id == version.athlete_id


def test_history_is_newest_first_with_what_changed(engine):
    store.save(engine, COACH, "Ana", inputs(), note="start", now=NOW)
    store.save(engine, COACH, "Ana", inputs(bodyweight_kg=72, carrier="backpack", hard_days=("mon", "wed")), now=NOW)
    store.save(engine, COACH, "Ana", inputs(bodyweight_kg=72, carrier="backpack", hard_days=("mon", "wed")), now=NOW)
    athlete = store.find_athlete(engine, COACH, "Ana")
    entries = store.history(engine, COACH, athlete.id)
    assert [e.version.number for e in entries] == [3, 2, 1]
    assert entries[0].changes == ("No input changed.",)
    assert entries[1].changes == ("Bodyweight: 70 → 72 kg", "What you would carry: Weighted vest → Backpack",
                                  "Hard days (intervals, tempo): Tue, Thu → Mon, Wed")
    assert entries[2].changes == ("First save.",) and entries[2].version.note == "start"
    imperial = store.history(engine, COACH, athlete.id, units="imperial")
    assert imperial[1].changes[0] == "Bodyweight: 154 → 159 lb"


@pytest.mark.parametrize(
    ("before", "after", "line"),
    [
        ({"bodyweight_kg": 70.0}, {"bodyweight_kg": 72.5}, "Bodyweight: 70 → 72.5 kg"),
        ({"long_run_km": 16.0}, {"long_run_km": 21.0}, "Usual long run: 16 → 21 km"),
        ({"load_step_kg": 0.5}, {"load_step_kg": 1.25}, "Smallest weight step: 0.5 → 1.25 kg"),
        ({"building_mileage": False}, {"building_mileage": True}, "Currently building mileage: no → yes"),
        ({"injuries": []}, {"injuries": ["knee"]}, "Injuries and pain: none → Past knee injury"),
        ({"weeks": 12}, {"weeks": 20}, "Plan length (weeks): 12 → 20"),
        ({"units": "metric"}, {"units": "imperial"}, "Units: Metric → Imperial"),
        ({"start_date": "2026-01-05"}, {"start_date": "2026-02-02"}, "Plan starts: 2026-01-05 → 2026-02-02"),
        ({"long_run_day": "sun"}, {"long_run_day": "sat"}, "Long-run day: Sun → Sat"),
        ({}, {"weeks": 20}, "Plan length (weeks): set to 20"),
        ({"colour": "red"}, {}, "Colour: removed (was red)"),
    ],
)
def test_diff_lines_use_the_sidebar_words(before, after, line):
    assert input_changes(before, after) == [line]


def test_restore_saves_an_earlier_version_as_the_newest(engine):
    first = store.save(engine, COACH, "Ana", inputs(), now=NOW)
    store.save(engine, COACH, "Ana", inputs(bodyweight_kg=80), now=NOW)
    restored = store.restore(engine, COACH, first.athlete_id, first.id, now=NOW)
    assert restored.number == 3 and "Restored version 1" in restored.note
    assert store.load(engine, COACH, first.athlete_id).inputs == inputs()
    entries = store.history(engine, COACH, first.athlete_id)
    assert len(entries) == 3 and entries[0].changes == ("Bodyweight: 80 → 70 kg",)


def test_rename_keeps_the_history_and_refuses_a_taken_name(engine):
    ana = store.save(engine, COACH, "Ana", inputs(), now=NOW)
    store.save(engine, COACH, "Ben", inputs(), now=NOW)
    renamed = store.rename(engine, COACH, ana.athlete_id, "Ana Ruiz", now=NOW)
    assert renamed.name == "Ana Ruiz" and renamed.versions == 1
    with pytest.raises(ValueError, match="already have an athlete called 'Ben'"):
        store.rename(engine, COACH, ana.athlete_id, "Ben", now=NOW)
    assert store.get_athlete(engine, COACH, ana.athlete_id).name == "Ana Ruiz"


def test_delete_removes_the_athlete_and_every_version(engine):
    ana = store.save(engine, COACH, "Ana", inputs(), now=NOW)
    store.save(engine, COACH, "Ana", inputs(weeks=20), now=NOW)
    ben = store.save(engine, COACH, "Ben", inputs(), now=NOW)
    assert store.delete(engine, COACH, ana.athlete_id) == 2
    assert [a.name for a in store.list_athletes(engine, COACH)] == ["Ben"]
    with engine.connect() as conn:
        left = conn.execute(sa.select(store.plan_versions.c.athlete_id)).scalars().all()
    assert left == [ben.athlete_id]
    with pytest.raises(store.AthleteNotFound):
        store.load(engine, COACH, ana.athlete_id)


# --- stored rows that no longer validate ----------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (lambda d: d | {"bodyweight_kg": 500}, "Bodyweight (bodyweight_kg) must be at most 200 kg (stored: 500)."),
        (lambda d: d | {"colour": "red"}, "Colour (colour) is not a planner setting (stored: 'red')."),
        (lambda d: d | {"carrier": "sandbag"}, "What you would carry (carrier)"),
        (lambda d: d | {"long_run_day": "fri"}, "Days: the long-run day (Friday) can't also be a rest day"),
        (lambda d: "{not json", "not valid JSON"),
    ],
)
def test_a_bad_stored_row_opens_with_a_message_and_is_kept(engine, edit, words):
    import json

    good = store.save(engine, COACH, "Ana", inputs(), now=NOW)
    broken = edit(json.loads(stored_text(engine, good.id)))
    text = broken if isinstance(broken, str) else json.dumps(broken)
    hand_edit(engine, good.id, text)
    loaded = store.load(engine, COACH, good.athlete_id)
    assert not loaded.ok and loaded.inputs is None
    assert words in loaded.message and "kept unchanged" in loaded.message and "'Ana'" in loaded.message
    assert stored_text(engine, good.id) == text  # loading never rewrites or deletes the row
    assert store.list_athletes(engine, COACH)[0].versions == 1
    assert store.history(engine, COACH, good.athlete_id)[0].valid is False
    with pytest.raises(ValueError, match="can't be restored"):
        store.restore(engine, COACH, good.athlete_id, good.id, now=NOW)
    fixed = store.save(engine, COACH, "Ana", inputs(weeks=16), now=NOW)  # saving again adds a version...
    assert store.load(engine, COACH, good.athlete_id).inputs == inputs(weeks=16)
    assert stored_text(engine, good.id) == text  # ...and the broken one is still there
    assert fixed.number == 2


def test_a_row_with_an_unknown_field_keeps_its_raw_values_for_repair(engine):
    good = store.save(engine, COACH, "Ana", inputs(bodyweight_kg=90), now=NOW)
    hand_edit(engine, good.id, stored_text(engine, good.id)[:-1] + ', "colour": "red"}')
    loaded = store.load(engine, COACH, good.athlete_id)
    assert loaded.raw["bodyweight_kg"] == 90 and loaded.raw["colour"] == "red"


# --- concurrency and durability -------------------------------------------------------------


def _save_together(engine, jobs: list[tuple[str, str, PlanInputs]], rounds: int) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(jobs))

    def work(owner: str, name: str, plan: PlanInputs) -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(rounds):
                store.save(engine, owner, name, plan, now=NOW)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_two_sessions_saving_different_athletes_at_once_both_persist(engine):
    errors = _save_together(engine, [(COACH, "Ana", inputs(weeks=16)), (COACH, "Ben", inputs(weeks=20))], 15)
    assert errors == []
    listed = {a.name: a.versions for a in store.list_athletes(engine, COACH)}
    assert listed == {"Ana": 15, "Ben": 15}
    ana, ben = (store.find_athlete(engine, COACH, n) for n in ("Ana", "Ben"))
    assert store.load(engine, COACH, ana.id).inputs.weeks == 16
    assert store.load(engine, COACH, ben.id).inputs.weeks == 20


def test_two_sessions_creating_the_same_athlete_make_one_athlete(engine):
    errors = _save_together(engine, [(COACH, "Ana", inputs()), (COACH, "Ana", inputs(weeks=20))], 5)
    assert errors == []
    [athlete] = store.list_athletes(engine, COACH)
    assert athlete.versions == 10


def test_saved_data_survives_a_new_engine(db_url):
    engine = store.create_engine(db_url)
    store.ensure_schema(engine)
    store.save(engine, COACH, "Ana", inputs(bodyweight_kg=81), now=NOW)
    engine.dispose()
    again = store.create_engine(db_url)
    store.ensure_schema(again)
    [athlete] = store.list_athletes(again, COACH)
    assert store.load(again, COACH, athlete.id).inputs.bodyweight_kg == 81
    again.dispose()


def test_a_save_survives_the_process_being_killed_right_after(db_url):
    script = textwrap.dedent(f"""
        import datetime as dt, os, signal
        from core.io import store
        from core.planner.models import PlanInputs
        engine = store.create_engine({db_url!r})
        store.ensure_schema(engine)
        store.save(engine, {COACH!r}, "Killed", PlanInputs(weeks=30), now=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
        os.kill(os.getpid(), signal.SIGKILL)  # no clean shutdown, no engine.dispose()
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr.decode()
    engine = store.create_engine(db_url)
    athlete = store.find_athlete(engine, COACH, "Killed")
    assert athlete is not None and store.load(engine, COACH, athlete.id).inputs.weeks == 30
    engine.dispose()


# --- scoping by coach -----------------------------------------------------------------------


def test_a_coach_never_sees_or_changes_another_coachs_athletes(engine):
    mine = store.save(engine, COACH, "Ana", inputs(bodyweight_kg=60), now=NOW)
    theirs = store.save(engine, OTHER, "Ana", inputs(bodyweight_kg=90), now=NOW)  # same name, other coach
    assert mine.athlete_id != theirs.athlete_id
    assert [a.id for a in store.list_athletes(engine, COACH)] == [mine.athlete_id]
    assert [a.id for a in store.list_athletes(engine, OTHER)] == [theirs.athlete_id]
    assert store.list_athletes(engine, store.LOCAL_OWNER) == []
    for attempt in (
        lambda: store.load(engine, COACH, theirs.athlete_id),
        lambda: store.load(engine, COACH, mine.athlete_id, theirs.id),
        lambda: store.get_athlete(engine, COACH, theirs.athlete_id),
        lambda: store.history(engine, COACH, theirs.athlete_id),
        lambda: store.rename(engine, COACH, theirs.athlete_id, "Stolen", now=NOW),
        lambda: store.restore(engine, COACH, theirs.athlete_id, theirs.id, now=NOW),
        lambda: store.restore(engine, COACH, mine.athlete_id, theirs.id, now=NOW),
        lambda: store.delete(engine, COACH, theirs.athlete_id),
    ):
        with pytest.raises(store.AthleteNotFound):
            attempt()
    theirs_now = store.load(engine, OTHER, theirs.athlete_id)
    assert theirs_now.athlete.name == "Ana" and theirs_now.inputs.bodyweight_kg == 90
    assert theirs_now.athlete.versions == 1
    store.save(engine, COACH, "Ana", inputs(bodyweight_kg=61), now=NOW)  # updates only my Ana
    assert store.load(engine, OTHER, theirs.athlete_id).athlete.versions == 1


# --- inputs and the link --------------------------------------------------------------------


def test_link_params_cover_every_sidebar_field_and_round_trip():
    plan = inputs(bodyweight_kg=82.5, carrier="backpack", pack_hip_belt=True, injuries=("knee", "hip"),
                  hard_days=("mon",), rest_days=(), units="imperial", weeks=20, load_step_kg=1.25,
                  event_date=dt.date(2027, 6, 5), event_load_kg=7.5, running="build")
    params = link_params(plan)
    assert set(params) == {spec.name for spec in SPECS} | {"units"}
    check = check_query(params)
    assert check.messages == []
    assert PlanInputs.model_validate(check.values) == plan
