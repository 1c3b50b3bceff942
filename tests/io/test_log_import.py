"""Watch files into the log: runs and lifts become sessions, everything else is named, never lost silently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from core import PlanInputs, build_plan
from core.io.log_import import sessions_from_files

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_run_and_a_walk_give_one_session_and_say_what_was_left_out():
    run = (DATA / "2013-02-06-12-11-14.fit").read_bytes()
    walk = (DATA / "garmin-fenix-5-walk.fit").read_bytes()
    seen: list[float] = []
    read = sessions_from_files([("run.fit", run), ("walk.fit", walk), ("notes.txt", b"hello")], seen.append)
    assert len(read.sessions) == 1 and read.sessions[0].kind == "run"
    assert read.sessions[0].distance_km == 4.835 and read.sessions[0].source == "run.fit"
    assert any("Left out what is neither a run nor a strength session (walk: 1)" in m for m in read.messages)
    assert any(m.startswith("notes.txt") for m in read.messages)
    assert seen and seen == sorted(seen) and seen[-1] <= 1.0


# ------------------------------------------------------------------ activities done from our workouts


def activity_from_workout(workout_name: str | None, start: dt.datetime, km: float, minutes: float,
                          strength: bool = False) -> bytes:
    """A small activity FIT file as a Garmin watch writes one after a workout (it names the workout
    in a ``workout`` message). Built with fit-tool here: no public activity file carries our
    workout names."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.activity_message import ActivityMessage
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.session_message import SessionMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

    millis = round(start.timestamp() * 1000)
    end = millis + round(minutes * 60_000)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 0x1234
    file_id.time_created = millis
    messages: list = [file_id]
    if workout_name is not None:
        workout = WorkoutMessage()
        workout.workout_name = workout_name
        workout.sport = Sport.TRAINING if strength else Sport.RUNNING
        messages.append(workout)
    session = SessionMessage()
    session.timestamp = end
    session.start_time = millis
    session.sport = Sport.TRAINING if strength else Sport.RUNNING
    if strength:
        session.sub_sport = SubSport.STRENGTH_TRAINING
    session.total_elapsed_time = minutes * 60
    session.total_timer_time = minutes * 60
    session.total_distance = km * 1000
    activity = ActivityMessage()
    activity.timestamp = end
    activity.num_sessions = 1
    messages += [session, activity]
    builder = FitFileBuilder(auto_define=True)
    builder.add_all(messages)
    return bytes(builder.build().to_bytes())


PLAN = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23)))
WED = dt.datetime(2026, 11, 25, 7, 0, tzinfo=dt.UTC)


def test_a_run_done_from_our_loaded_run_workout_is_logged_as_that_loaded_run():
    data = activity_from_workout("W1 Wed Loaded 3.5kg", WED, 4.1, 26)
    read = sessions_from_files([("wed.fit", data)], plan=PLAN)
    assert len(read.sessions) == 1
    session = read.sessions[0]
    assert (session.date, session.kind, session.distance_km, session.load_kg) == (WED.date(), "run", 4.1, 3.5)
    assert session.loaded and session.form_ok is None and session.note == "W1 Wed Loaded 3.5kg"
    assert read.matched == ("W1 Wed Loaded 3.5kg",)
    assert read.matched_text() == ("Matched 1 activity to its planned session by the workout's name "
                                   "(W1 Wed Loaded 3.5kg); a loaded run is logged with the load its workout "
                                   "asked for: edit it if you carried something else.")
    assert read.messages == ()


def test_the_match_needs_our_workout_name_and_a_plan_that_has_the_session():
    unnamed = activity_from_workout(None, WED, 4.1, 26)
    someone_elses = activity_from_workout("Tempo Tuesday", WED, 4.1, 26)
    named = activity_from_workout("W1 Wed Loaded 3.5kg", WED, 4.1, 26)
    for files, plan in ([("a.fit", unnamed)], PLAN), ([("b.fit", someone_elses)], PLAN), ([("c.fit", named)], None):
        read = sessions_from_files(files, plan=plan)
        assert [s.load_kg for s in read.sessions] == [0.0] and read.matched == () and read.matched_text() is None
    beyond = activity_from_workout("W13 Wed Loaded 3.5kg", WED, 4.1, 26)  # a 12-week plan has no week 13
    assert sessions_from_files([("d.fit", beyond)], plan=PLAN).sessions[0].load_kg == 0.0


def test_a_lift_done_from_our_strength_workout_is_logged_as_a_lift_and_pounds_are_read_as_pounds():
    lift = activity_from_workout("W1 Tue Strength A", dt.datetime(2026, 11, 24, 18, tzinfo=dt.UTC), 0, 21,
                                 strength=True)
    imperial = activity_from_workout("W1 Wed Loaded 7.7lb", WED, 4.0, 27)
    read = sessions_from_files([("tue.fit", lift), ("wed.fit", imperial)],
                               plan=build_plan(PlanInputs(start_date=dt.date(2026, 11, 23), units="imperial")))
    assert [(s.kind, s.load_kg) for s in read.sessions] == [("strength", 0.0), ("run", 3.49)]
    assert read.matched_text().startswith("Matched 2 activities to their planned sessions by the workout's name")


def test_runs_done_from_our_easy_hard_and_long_run_workouts_are_logged_as_those_unloaded_runs():
    easy = activity_from_workout("W1 Mon Easy 8km", dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC), 8.2, 48)
    hard = activity_from_workout("W1 Tue Hard 10km", dt.datetime(2026, 11, 24, 7, tzinfo=dt.UTC), 10.1, 55)
    long = activity_from_workout("W1 Sun Long 16km", dt.datetime(2026, 11, 29, 8, tzinfo=dt.UTC), 15.4, 95)
    read = sessions_from_files([("mon.fit", easy), ("tue.fit", hard), ("sun.fit", long)], plan=PLAN)
    assert [(s.kind, s.distance_km, s.load_kg) for s in read.sessions] == [
        ("run", 8.2, 0.0), ("run", 10.1, 0.0), ("run", 15.4, 0.0)]
    assert read.matched == ("W1 Mon Easy 8km", "W1 Tue Hard 10km", "W1 Sun Long 16km")
    assert read.matched_text() == ("Matched 3 activities to their planned sessions by the workout's name "
                                   "(W1 Mon Easy 8km, W1 Tue Hard 10km, W1 Sun Long 16km).")
