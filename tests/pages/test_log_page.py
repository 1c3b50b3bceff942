"""AppTest of the Log page: the empty state, logging a session (and the plan adapting on the Plan
page), importing a real FIT file, bad files, the check-in, editing and deleting, the suggested
usual runs, and whose log it is."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from streamlit.testing.v1 import AppTest

from core import build_plan
from core.io import store
from core.planner.checkin import INCOMPLETE_CHECKIN, READINESS_QUESTIONS
from core.planner.log import Session
from core.planner.models import PlanInputs
from core.present.log_view import IMPORTED, NOT_GIVEN
from core.present.review import changes_timeline
from pages._ui.keys import LOG_UPLOAD_ROUND
from pages._ui.plan import CHANGES_TITLE
from pages._ui.wording import (
    INPUTS_DIFFER,
    INPUTS_SAVED,
    REVIEW_WITH_SAVED,
    REVIEW_WITH_SIDEBAR,
)
from tests.apptest import container_text, open_app, page_path
from tests.clock import NOW, TODAY

DATA = Path(__file__).resolve().parents[1] / "data"
RUN_FIT = DATA / "2013-02-06-12-11-14.fit"
YESTERDAY = TODAY - dt.timedelta(days=1)
OWN = "My training"


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'athletes.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    return url


@pytest.fixture(autouse=True)
def fixed_clock():
    """Every run of the app in these tests is on ``NOW`` (a Friday): "today" and "yesterday" are fixed."""
    with time_machine.travel(NOW, tick=False):
        yield


def texts(at: AppTest) -> str:
    """What a person reads: the page's text with Markdown escapes removed."""
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "text",
                                  "subheader", "title") for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", " ".join(str(p) for p in parts)).replace("**", "")


def unmarked(sentence: str) -> str:
    """One of our sentences as ``texts`` reads it (without Markdown's bold)."""
    return sentence.replace("**", "")


def warnings(at: AppTest) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning]


def ran(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def log_session(at: AppTest, *, day: dt.date = YESTERDAY, distance: float = 6.0, minutes: float = 40,
                load: float = 0.0, form=None, pain: bool = False, kind: str = "run", rpe: int | None = None,
                note: str = "") -> AppTest:
    at.date_input(key="log_session_date").set_value(day)
    at.radio(key="log_session_kind").set_value(kind)
    at.number_input(key="log_session_distance").set_value(distance)
    at.number_input(key="log_session_minutes").set_value(minutes)
    at.number_input(key="log_session_load").set_value(load)
    at.radio(key="log_session_form").set_value(form)
    at.checkbox(key="log_session_pain").set_value(pain)
    if rpe is not None:
        at.segmented_control(key="log_session_rpe").set_value(rpe)
    at.text_input(key="log_session_note").input(note)
    at.button(key="log_session_save").click()
    return ran(at)


def upload_key(at: AppTest) -> str:
    """The uploader's key: a new one after every finished import (an empty uploader)."""
    return f"log_upload_{at.session_state.get(LOG_UPLOAD_ROUND, 0)}"


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    uploader = at.file_uploader(key=upload_key(at))
    for name, data in files:
        uploader.upload(name, data)
    ran(at)
    at.button(key="log_import").click()
    return ran(at)


def own_athlete(engine) -> store.Athlete:
    athlete = store.find_athlete(engine, store.LOCAL_OWNER, OWN)
    assert athlete is not None
    return athlete


def logged(engine) -> list[Session]:
    return [entry.session for entry in store.logged_sessions(engine, store.LOCAL_OWNER, own_athlete(engine).id)[0]]


def test_an_empty_log_says_how_to_add_sessions_and_saves_nothing(engine):
    at = open_app("log")
    assert at.title[0].value == "Training log"
    page = texts(at)
    assert "Your own training log. Nothing is saved until you log or import something" in page
    assert "No sessions yet. Log one above in a few taps, or import your watch's files" in page
    assert "Once sessions or check-ins are logged, the weeks of the plan show here" in page
    assert not at.dataframe and not at.get("plotly_chart")
    assert at.button(key="log_import").disabled  # nothing uploaded yet
    assert store.list_athletes(engine, store.LOCAL_OWNER) == []  # looking creates no athlete


def test_a_loaded_run_with_a_failed_form_test_lowers_the_load_on_the_plan_page(engine):
    at = open_app("log")
    at = log_session(at, distance=5.0, minutes=35, load=5.0, form=False, rpe=6)
    assert "Logged: Thu 19 Nov 2026 · Run · 5 km · carrying 5 kg." in texts(at)
    [session] = logged(engine)
    assert (session.date, session.distance_km, session.load_kg, session.form_ok, session.rpe, session.source) == \
        (YESTERDAY, 5.0, 5.0, False, 6, "")
    # Created with the sidebar's inputs and opened: every page now shows this athlete's plan.
    assert at.session_state["open_athlete_name"] == OWN
    assert store.load(engine, store.LOCAL_OWNER, own_athlete(engine).id).inputs == at.session_state["inputs"]
    table = at.dataframe[0].value
    assert list(table["Load"]) == ["5 kg"] and list(table["Form test"]) == ["Failed"]

    expected = build_plan(at.session_state["inputs"], [session], TODAY)
    [failed] = [c for c in changes_timeline(expected) if c.why.startswith("The form test failed")]
    assert failed.why == "The form test failed on Thu 19 Nov with 5 kg"
    assert_timeline(at, "log_changes", failed)  # the Log page lists what the log changed
    at.switch_page(page_path("plan"))
    at = ran(at)
    assert_timeline(at, "plan_changes", failed)  # and so does the Plan page
    assert any("Plan of **My training**" in c.value for c in at.caption)
    [expander] = [e for e in at.expander if e.label == "The last two weeks"]
    review = " ".join(m.value for m in expander.markdown)
    assert "Form test: passed 0 of 1" in review.replace("\\", "") and "failed on Thu 19 Nov" in review.replace("\\", "")


def assert_timeline(at: AppTest, key: str, row) -> None:
    """The timeline box ``key`` lists ``row``: from when, what, why and until when."""
    shown = container_text(at, key)
    assert CHANGES_TITLE in shown
    for part in (row.start, row.what, row.why, row.until):
        assert part in shown, (part, shown)


def test_pain_makes_recovery_days_and_the_timeline_says_until_when(engine):
    at = open_app("log", start_date="2026-11-16")  # the plan started on Monday
    at = log_session(at, distance=6.0, minutes=40, load=3.5, form=True, pain=True)
    [session] = logged(engine)
    assert session.pain
    expected = build_plan(at.session_state["inputs"], [session], TODAY)
    rows = {r.what.split(":")[0]: r for r in changes_timeline(expected)}
    recovery = rows["Recovery days"]
    assert recovery.start == "Fri 20 Nov" and recovery.why == "Pain was logged on Thu 19 Nov"
    assert recovery.until.startswith("You log a session without pain")
    assert_timeline(at, "log_changes", recovery)
    at.switch_page(page_path("plan"))
    at = ran(at)
    assert_timeline(at, "plan_changes", recovery)
    today = [d for d in expected.days if d.date == TODAY]
    assert today and today[0].recovery and today[0].run_km == 0


def test_a_form_test_on_an_unloaded_run_gets_our_sentence_and_logs_nothing(engine):
    at = log_session(open_app("log"), load=0.0, form=True)
    assert "The form test is for a loaded run: enter the load you carried" in texts(at)
    assert store.list_athletes(engine, store.LOCAL_OWNER) == []


def test_distances_and_loads_are_typed_in_the_users_units(engine):
    at = open_app("log", units="Imperial")
    assert at.number_input(key="log_session_distance").label == "Distance (mi)"
    assert at.number_input(key="log_session_load").label == "Load carried (lb)"
    at = log_session(at, distance=5.0, load=10.0, form=True)
    [session] = logged(engine)
    assert session.distance_km == pytest.approx(8.047, abs=1e-3) and session.load_kg == pytest.approx(4.536, abs=1e-3)
    table = at.dataframe[0].value
    assert list(table["Distance"]) == ["5 mi"] and list(table["Load"]) == ["10 lb"]


def test_importing_a_real_fit_file_logs_the_run_once(engine):
    at = upload(open_app("log"), (RUN_FIT.name, RUN_FIT.read_bytes()))
    page = texts(at)
    assert "Imported 1 session; 0 were already in the log." in page
    assert "Sessions older than 8 weeks (1 of them) show with Show all." in page
    [session] = logged(engine)
    assert (session.date, session.kind, session.source) == (dt.date(2013, 2, 6), "run", RUN_FIT.name)
    assert session.distance_km == pytest.approx(4.835, abs=1e-3)
    assert "Nothing logged in the last 8 weeks" in texts(at)  # a 2013 run: older than the table's weeks
    at.toggle(key="log_show_all").set_value(True)
    at = ran(at)
    table = at.dataframe[0].value
    assert list(table["Distance"]) == ["4.8 km"] and list(table["From"]) == [RUN_FIT.name]
    assert at.button(key="log_import").disabled  # the uploader is empty again: nothing to import twice
    at = upload(at, (RUN_FIT.name, RUN_FIT.read_bytes()))  # the same file again
    assert "Imported 0 sessions; 1 was already in the log." in texts(at)
    assert len(logged(engine)) == 1


def test_an_imported_run_says_imported_and_an_effort_not_given_is_a_dash(engine):
    at = upload(open_app("log"), (RUN_FIT.name, RUN_FIT.read_bytes()))
    at.toggle(key="log_show_all").set_value(True)
    table = ran(at).dataframe[0].value
    assert list(table["How it went"]) == [IMPORTED] and list(table["RPE"]) == [NOT_GIVEN]
    assert "None" not in table.astype(str).to_numpy().ravel().tolist()
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):  # the runner completes it later
        at = log_session(at, day=dt.date(2013, 2, 6), distance=4.8, minutes=0, load=4.0, form=True, rpe=6)
    table = at.dataframe[0].value
    assert list(table["How it went"]) == ["Done as planned"] and list(table["RPE"]) == ["6"]


def test_a_typed_in_session_completes_the_imported_run_of_that_day(engine):
    at = upload(open_app("log"), (RUN_FIT.name, RUN_FIT.read_bytes()))
    at = log_session(at, day=dt.date(2013, 2, 6), distance=4.8, minutes=0, load=4.0, form=True)
    assert "It completes the run imported from 2013-02-06-12-11-14.fit that day." in texts(at)
    [session] = logged(engine)
    assert (session.load_kg, session.form_ok, session.distance_km) == (4.0, True, 4.8)
    assert session.minutes == pytest.approx(43.8)  # the watch's time, not the 0 typed


def test_bad_files_get_their_sentence_and_the_good_ones_still_import(engine):
    workout = DATA / "WorkoutIndividualSteps.fit"
    at = upload(open_app("log"), ("broken.fit", b"\x0e\x10this is not a fit file"),
                (workout.name, workout.read_bytes()), (RUN_FIT.name, RUN_FIT.read_bytes()))
    said = warnings(at)
    assert any(w.startswith("broken.fit could not be read") for w in said), said
    assert "WorkoutIndividualSteps.fit has no recorded activity in it (it may be a workout, course or settings " \
           "file)." in said
    assert "Imported 1 session; 0 were already in the log." in texts(at)
    assert not at.exception


def test_only_bad_files_import_nothing_and_say_why(engine):
    at = upload(open_app("log"), ("empty.fit", b""), ("walk.fit", (DATA / "garmin-fenix-5-walk.fit").read_bytes()))
    said = warnings(at)
    assert "Nothing to import: no run or strength session was found in these files." in said
    assert "empty.fit is empty." in said
    assert any("Left out what is neither a run nor a strength session (walk: 1)" in w for w in said), said
    assert store.list_athletes(engine, store.LOCAL_OWNER) == []


def test_the_checkin_needs_every_answer_then_saves(engine):
    at = open_app("log")
    assert all(at.segmented_control(key=f"log_ready_{key}").value is None for key, _ in READINESS_QUESTIONS)
    at.button(key="log_checkin_save").click()
    at = ran(at)
    assert INCOMPLETE_CHECKIN in warnings(at)
    assert store.list_athletes(engine, store.LOCAL_OWNER) == []
    for (key, _), answer in zip(READINESS_QUESTIONS, (True, False, False, True), strict=True):
        at.segmented_control(key=f"log_ready_{key}").set_value(answer)
    at.button(key="log_checkin_save").click()
    at = ran(at)
    assert "Saved today's check-in (Fri 20 Nov)." in texts(at)
    assert "Saved for today: 2 of 4 answers yes. Saving again replaces it." in texts(at)
    [checkin], problems = store.checkins(engine, store.LOCAL_OWNER, own_athlete(engine).id)
    assert problems == [] and checkin.date == TODAY
    assert (checkin.slept_well, checkin.soreness_mild, checkin.resting_hr_normal, checkin.hrv_stable) == \
        (True, False, False, True)


@pytest.fixture
def own_log(engine) -> int:
    """The runner's own log with two runs: the page opens it."""
    version = store.save(engine, store.LOCAL_OWNER, OWN, PlanInputs(start_date=dt.date(2026, 11, 2)), now=NOW)
    store.add_sessions(engine, store.LOCAL_OWNER, version.athlete_id, [
        Session(date=dt.date(2026, 11, 17), distance_km=8, minutes=50, note="Easy"),
        Session(date=YESTERDAY, distance_km=5, minutes=35, load_kg=3.5, form_ok=True, note="Vest"),
    ], now=NOW)
    return version.athlete_id


def test_an_existing_own_log_is_opened_and_listed_newest_first(own_log):
    at = open_app("log")
    page = texts(at)
    assert "Opened your own log, My training" in page
    assert "Your own training log, kept as the athlete My training on the Athletes page" in page
    assert at.session_state["open_athlete"] == own_log
    table = at.dataframe[0].value
    assert list(table["Note"]) == ["Vest", "Easy"]
    assert [str(d)[:10] for d in table["Date"]] == ["2026-11-19", "2026-11-17"]
    # The sidebar keeps its inputs (a link's would stay) until the runner opens the saved ones, and
    # both lines say so: the plan's line at the top counts the change, never "saved".
    assert any("Plan of **My training** (1 unsaved change: save them on the Athletes page)" in c.value
               for c in at.caption), [c.value for c in at.caption]
    assert unmarked(INPUTS_DIFFER.format(name=OWN, changes="1 change")) in page  # the start date
    assert not at.get("plotly_chart")  # the sidebar's plan starts next Monday: no week to compare yet
    assert "The plan starts on Mon 23 Nov 2026" in page
    at.button(key="log_open_saved_inputs").click()
    at = ran(at)
    assert at.session_state["inputs"].start_date == dt.date(2026, 11, 2)
    assert "differ from the ones saved" not in texts(at)
    assert unmarked(INPUTS_SAVED.format(name=OWN)) in texts(at)
    assert any("Plan of **My training** (saved on the Athletes page)" in c.value for c in at.caption)
    assert at.get("plotly_chart")  # planned against done, from 2 Nov
    assert "Running: 13 km done of" in texts(at)


def test_editing_a_session_saves_the_change(engine, own_log):
    at = open_app("log")
    entries, _ = store.logged_sessions(engine, store.LOCAL_OWNER, own_log)
    easy = next(e for e in entries if e.session.note == "Easy")
    at.selectbox(key="log_edit_choice").set_value(easy.id)
    at = ran(at)
    assert at.number_input(key=f"log_edit_{easy.id}_distance").value == 8.0
    at.number_input(key=f"log_edit_{easy.id}_distance").set_value(9.5)
    at.checkbox(key=f"log_edit_{easy.id}_pain").set_value(True)
    at.button(key="log_edit_save").click()
    at = ran(at)
    assert "Saved the changes: Tue 17 Nov 2026 · Run · 9.5 km." in texts(at)
    [changed] = [e.session for e in store.logged_sessions(engine, store.LOCAL_OWNER, own_log)[0] if e.id == easy.id]
    assert (changed.distance_km, changed.pain, changed.note) == (9.5, True, "Easy")
    assert "9.5 km" in list(at.dataframe[0].value["Distance"])


def test_deleting_a_session_asks_first(engine, own_log):
    at = open_app("log")
    entries, _ = store.logged_sessions(engine, store.LOCAL_OWNER, own_log)
    vest = next(e for e in entries if e.session.note == "Vest")
    at.selectbox(key="log_edit_choice").set_value(vest.id)
    at.button(key="log_delete").click()
    at = ran(at)
    assert "Delete Thu 19 Nov 2026 · Run · 5 km · carrying 3.5 kg? This can't be undone." in texts(at)
    assert len(store.logged_sessions(engine, store.LOCAL_OWNER, own_log)[0]) == 2
    at.button(key="log_delete_cancel").click()
    at = ran(at)
    assert "This can't be undone" not in texts(at)
    at.button(key="log_delete").click()
    at = ran(at)
    at.button(key="log_delete_confirm").click()
    at = ran(at)
    assert "Deleted Thu 19 Nov 2026 · Run · 5 km · carrying 3.5 kg." in texts(at)
    assert [e.session.note for e in store.logged_sessions(engine, store.LOCAL_OWNER, own_log)[0]] == ["Easy"]
    assert list(at.dataframe[0].value["Note"]) == ["Easy"]


def test_the_suggested_usual_runs_go_to_the_sidebar_only_when_asked(engine, own_log):
    store.add_sessions(engine, store.LOCAL_OWNER, own_log, [
        Session(date=dt.date(2026, 11, 10), distance_km=7.3, minutes=44),
        Session(date=dt.date(2026, 11, 15), distance_km=14.2, minutes=90),
    ], now=NOW)
    at = open_app("log")
    assert at.text_input(key="easy_run_km").value == "8"  # the default, untouched
    page = texts(at)
    assert "Usual easy run: 7.6 km (the plan uses 8 km)" in page  # median of 7.3 and 8 km, rounded down
    assert "Usual long run: 14.2 km (the plan uses 16 km)" in page
    at.button(key="log_use_suggestions").click()
    at = ran(at)
    assert at.text_input(key="easy_run_km").value == "7.6"
    assert at.text_input(key="long_run_km").value == "14.2"
    assert "The plan now uses your usual runs from the log" in texts(at)
    assert at.button(key="log_use_suggestions").disabled  # the sidebar holds them now


def test_an_open_athletes_log_and_their_review_on_the_athletes_page(engine):
    version = store.save(engine, store.LOCAL_OWNER, "Ana", PlanInputs(start_date=dt.date(2026, 11, 2)), now=NOW)
    store.add_sessions(engine, store.LOCAL_OWNER, version.athlete_id, [
        Session(date=YESTERDAY, distance_km=5, minutes=35, load_kg=4, form_ok=False)], now=NOW)
    at = open_app("athletes")
    assert REVIEW_WITH_SAVED.format(number=1) in [c.value.split(": ", 1)[-1] for c in at.caption]
    [review] = [e for e in at.expander if e.label == "The last two weeks"]
    assert "failed on Thu 19 Nov with 4 kg" in " ".join(m.value for m in review.markdown).replace("\\", "")
    assert "The form test failed on Thu 19 Nov with 4 kg" in container_text(at, "athlete_changes")
    at.button(key="open_athlete_btn").click()
    at = ran(at)
    assert REVIEW_WITH_SIDEBAR in [c.value.split(": ", 1)[-1] for c in at.caption]
    at.switch_page(page_path("log"))
    at = ran(at)
    assert "Training log of Ana" in texts(at)
    assert "The form test failed on Thu 19 Nov with 4 kg" in container_text(at, "log_changes")
    at.switch_page(page_path("plan"))
    at = ran(at)
    assert "The form test failed on Thu 19 Nov with 4 kg" in container_text(at, "plan_changes")
    assert store.find_athlete(engine, store.LOCAL_OWNER, OWN) is None  # Ana's log, not a new one
