"""The FIT workout files, read back by two independent decoders (fitdecode and Garmin's own
garmin_fit_sdk) and compared with Garmin's example workout files for structure."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import PlanInputs, build_plan
from core.io.workouts import (
    STEP_NAME_MAX_CHARS,
    STRING_MAX_BYTES,
    WORKOUT_NAME_MAX_CHARS,
    exercise_category,
    match_workout,
    workout_fit,
    workout_name,
    workout_sessions,
    workouts_in,
    workouts_zip,
)
from core.planner.models import WEEKDAY_NAMES
from core.planner.screening import FORM_TEST
from core.planner.strength import session_exercises
from core.planner.units import fmt_distance, fmt_mass
from core.present.sessions import planned_sessions
from tests.clock import NOW
from tests.strategies import plan_inputs

DATA = Path(__file__).resolve().parents[1] / "data"
GARMIN_EXAMPLES = {  # SHA-256 as listed in tests/data/README.md
    "WorkoutIndividualSteps.fit": "bb46dcfbb60b6b069cc624ecd2899c83dda7188c65b4d33332d699bcfca21e54",
    "WorkoutRepeatSteps.fit": "a6a050b1c3cd0a62b5bfd361a303a848e3716a49c4f49f5f25e615dfdab76872",
}
MONDAY = dt.date(2026, 11, 23)


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def read_fitdecode(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    """(message name, fields) in file order; raises on any error (CRC checked)."""
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                             error_handling=fitdecode.ErrorHandling.RAISE) as reader:
        return [(frame.name, {f.name: f.value for f in frame.fields}) for frame in reader
                if frame.frame_type == fitdecode.FIT_FRAME_DATA]


def read_garmin(data: bytes) -> dict[str, list[dict[str, Any]]]:
    """Garmin's decoder: the file must be FIT, pass its integrity check and decode with no error."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def decoded(data: bytes, ours: bool = True) -> tuple[dict, list[dict], list[dict]]:
    """(workout, steps by fitdecode, steps by Garmin's SDK), after checking both decoders agree."""
    frames = read_fitdecode(data)
    garmin = read_garmin(data)
    assert [name for name, _ in frames][:2] == ["file_id", "workout"]
    assert {name for name, _ in frames[2:]} == {"workout_step"}
    assert frames[0][1]["type"] == garmin["file_id_mesgs"][0]["type"] == "workout"
    workout = frames[1][1]
    assert garmin["workout_mesgs"][0]["wkt_name"] == workout["wkt_name"]
    steps = [fields for _, fields in frames[2:]]
    g_steps = garmin["workout_step_mesgs"]
    assert len(steps) == len(g_steps)
    assert workout["num_valid_steps"] == garmin["workout_mesgs"][0]["num_valid_steps"]
    # Ours count every step; Garmin's repeat example has 5 steps and says 4 (its repeat step uncounted).
    assert workout["num_valid_steps"] == len(steps) if ours else workout["num_valid_steps"] <= len(steps)
    for ours, theirs in zip(steps, g_steps, strict=True):
        for field in ("message_index", "wkt_step_name", "duration_type", "intensity", "notes",
                      "duration_distance", "duration_reps", "duration_step", "repeat_steps", "exercise_category"):
            assert ours.get(field) == theirs.get(field), field
    return workout, steps, g_steps


def fit_of(plan, kind: str, week: int = 1, ordinal: int = 1) -> tuple[Any, bytes]:
    session = next(s for s in workout_sessions(plan) if (s.kind, s.week, s.ordinal) == (kind, week, ordinal))
    return session, workout_fit(plan, session, now=NOW, calendar_id="athlete-7")


# ------------------------------------------------------------------ Garmin's examples


@pytest.mark.parametrize("example", GARMIN_EXAMPLES)
def test_garmin_example_workouts_decode_with_both_decoders(example):
    data = (DATA / example).read_bytes()
    assert hashlib.sha256(data).hexdigest() == GARMIN_EXAMPLES[example]  # Garmin's file, unchanged
    workout, steps, _ = decoded(data, ours=False)
    assert workout["wkt_name"].startswith("Example")
    assert [s["message_index"] for s in steps] == list(range(len(steps)))


def test_our_files_have_the_structure_of_garmins_examples():
    """The messages Garmin's own examples use, in their order, with the fields a watch reads; our
    repeat step (a lift's sets) is built as Garmin's example repeat is."""
    example = read_fitdecode((DATA / "WorkoutRepeatSteps.fit").read_bytes())
    _, ours = fit_of(plan_of(), "A")
    mine = read_fitdecode(ours)
    assert [name for name, _ in mine][:2] == [name for name, _ in example][:2] == ["file_id", "workout"]
    for (_, garmin_id), (_, our_id) in [(example[0], mine[0])]:
        assert set(garmin_id) <= set(our_id) | {"garmin_product"} and {"type", "serial_number", "time_created"} <= set(our_id)
    garmin_step_fields = set().union(*(f for name, f in example if name == "workout_step"))
    our_step_fields = set().union(*(f for name, f in mine if name == "workout_step"))
    assert {"message_index", "wkt_step_name", "duration_type", "target_type", "intensity"} <= garmin_step_fields
    assert {"message_index", "wkt_step_name", "duration_type", "target_type", "intensity"} <= our_step_fields
    garmin_repeat = next(f for name, f in example if f.get("duration_type") == "repeat_until_steps_cmplt")
    our_repeat = next(f for name, f in mine if f.get("duration_type") == "repeat_until_steps_cmplt")
    assert {"duration_step", "repeat_steps", "target_type"} <= set(garmin_repeat) & set(our_repeat)
    assert our_repeat["duration_step"] < our_repeat["message_index"]  # back to an earlier step, as Garmin's


# ------------------------------------------------------------------ loaded runs


@pytest.mark.parametrize(("changes", "week", "name", "load", "distance"), [
    ({}, 1, "W1 Wed Loaded 3.5kg", "3.5 kg", 4000.0),
    ({"units": "imperial"}, 1, "W1 Wed Loaded 7.7lb", "7.7 lb", 4000.0),
    ({}, 4, "W4 Wed Loaded 3.5kg", "3.5 kg", 2800.0),  # a deload week: the loaded run is shorter
    ({"bodyweight_kg": 90, "units": "imperial"}, 12, None, None, None),
    ({"carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True, "goal": "pack_event",
      "bodyweight_kg": 80}, 6, None, None, None),
])
def test_a_loaded_run_is_warm_up_the_loaded_distance_and_cool_down(changes, week, name, load, distance):
    plan = plan_of(**changes)
    session, data = fit_of(plan, "loaded", week)
    units, day = plan.inputs.units, session.day
    workout, steps, _ = decoded(data)
    expected_name = (f"W{week} {WEEKDAY_NAMES[day.weekday][:3]} Loaded "
                     f"{fmt_mass(day.load_kg, units).replace(' ', '')}")
    assert workout["wkt_name"] == (name or expected_name) == expected_name
    assert workout["sport"] == "running" and workout["wkt_description"] == FORM_TEST
    assert [s["intensity"] for s in steps] == ["warmup", "active", "cooldown"]
    assert [s["duration_type"] for s in steps] == ["open", "distance", "open"]
    assert steps[1]["duration_distance"] == (distance or round(day.run_km * 1000, 2))
    carrier = "backpack" if plan.inputs.carrier == "backpack" else "weighted vest"
    assert steps[1]["notes"] == (f"Carry {load or fmt_mass(day.load_kg, units)} in your {carrier}, "
                                 f"{fmt_distance(day.run_km, units)} at an easy effort (RPE 4). {FORM_TEST}")
    assert steps[1]["wkt_step_name"] == (f"Carry {fmt_mass(day.load_kg, units)} "
                                         f"{fmt_distance(day.run_km, units)}").replace(" kg", "kg").replace(
        " lb", "lb").replace(" km", "km").replace(" mi", "mi")
    assert steps[0]["notes"].startswith("A brisk walk and leg swings (003).")


# ------------------------------------------------------------------ lifts


@pytest.mark.parametrize(("changes", "kind", "week", "expected"), [
    ({}, "A", 1, [("Front squat", 8, 2, "squat"), ("Trap bar deadlift", 8, 2, "deadlift"),
                  ("Bulgarian split squat", 8, 2, "lunge"), ("Standing calf raise", 8, 2, "calf_raise")]),
    ({}, "B", 2, [("Goblet squat", 10, 2, "squat"), ("Romanian deadlift", 10, 2, "deadlift"),
                  ("Step-up", 10, 2, "squat"), ("Seated calf raise", 10, 2, "calf_raise")]),
    ({}, "A", 4, [("Front squat", 8, 1, "squat"), ("Trap bar deadlift", 8, 1, "deadlift"),  # deload: fewer sets
                  ("Bulgarian split squat", 8, 1, "lunge"), ("Standing calf raise", 8, 1, "calf_raise")]),
    ({"strength_setting": "home", "strength_level": "advanced", "units": "imperial"}, "A", 1,
     [("Split squat", 8, 3, "lunge"), ("Single-leg RDL", 8, 3, "deadlift"), ("Reverse lunge", 8, 3, "lunge"),
      ("Bent knee calf raise off step", 8, 3, "calf_raise"), ("Side plank", 8, 3, "plank"),
      ("Band row / push-up", 8, 3, "row")]),
    ({"experience": "experienced", "strength_level": "advanced"}, "plyo", 1,
     [("Skipping variations", None, 3, "plyo"), ("Low hurdle hops", 6, 2, "plyo"), ("Short bounds", 6, 2, "plyo")]),
])
def test_a_lift_lists_its_exercises_with_reps_sets_and_fit_categories(changes, kind, week, expected):
    plan = plan_of(**changes)
    session, data = fit_of(plan, kind, week)
    workout, steps, _ = decoded(data)
    assert workout["wkt_name"] == f"W{week} {WEEKDAY_NAMES[session.day.weekday][:3]} " + (
        "Plyometrics" if kind == "plyo" else f"Strength {kind}")
    assert workout["sport"] == "training" and workout["sub_sport"] == "strength_training"
    work = [s for s in steps if s["intensity"] == "active" and s["duration_type"] != "repeat_until_steps_cmplt"]
    assert len(work) == len(session.lift.exercises)
    for (name, reps, sets, category), step in zip(expected, work, strict=False):
        assert step["wkt_step_name"] == name and step["exercise_category"] == category
        assert step.get("duration_reps") == reps
        assert step["duration_type"] == ("reps" if reps else "open")
        index = step["message_index"]
        assert steps[index + 1]["intensity"] == "rest"
        repeat = steps[index + 2] if index + 2 < len(steps) else {}
        if sets > 1:
            assert repeat["duration_type"] == "repeat_until_steps_cmplt"
            assert (repeat["duration_step"], repeat["repeat_steps"]) == (index, sets)
        else:
            assert repeat.get("duration_type") != "repeat_until_steps_cmplt" or repeat["duration_step"] != index
    if kind == "plyo":
        assert work[0]["notes"].startswith("3 x 20 m. Easier: Skipping in place.")


def test_the_fit_exercise_names_are_the_exercises_fit_has():
    _, data = fit_of(plan_of(), "A")
    names = {s["wkt_step_name"]: s.get("exercise_name") for s in read_garmin(data)["workout_step_mesgs"]}
    # Garmin's profile: squat 8 = barbell front squat, deadlift 17 = trap bar deadlift, calf raise 18 = standing.
    assert (names["Front squat"], names["Trap bar deadlift"], names["Standing calf raise"]) == (8, 17, 18)
    assert names["Bulgarian split squat"] is None  # no exact FIT exercise: the category only


def test_every_exercise_the_planner_prescribes_has_a_fit_category_of_its_own():
    injuries = ((), ("knee",), ("achilles",), ("lower_back",), ("hip",), ("joint_pain",), ("knee", "lower_back"))
    seen = set()
    for setting in ("gym", "home"):
        for level in ("minimal", "standard", "advanced"):
            for hurt in injuries:
                for carrier in ("vest", "ankle_weights", "wrist_weights"):
                    for label in ("A", "B", "plyo"):
                        for exercise in session_exercises(setting, level, hurt, carrier, label, "establish"):
                            category, _ = exercise_category(exercise)
                            seen.add((exercise.name, category.name))
                            assert category.name not in ("TOTAL_BODY", "UNKNOWN"), exercise.name
    assert len(seen) >= 25


# ------------------------------------------------------------------ names, limits, the zip


def test_every_workout_of_a_long_plan_decodes_and_its_name_leads_back_to_its_session():
    plan = plan_of(weeks=52, loaded_runs_per_week=2, experience="experienced", strength_level="advanced",
                   bodyweight_kg=120, equipment_max_kg=20, units="imperial")
    sessions = workout_sessions(plan)
    assert len(sessions) > 200
    names = set()
    for session in sessions:
        workout, steps, _ = decoded(workout_fit(plan, session, now=NOW))
        names.add(workout["wkt_name"])
        assert match_workout(plan, workout["wkt_name"]).session == session
    assert len(names) == len(sessions)  # every workout tells itself apart on the watch


def test_names_and_notes_stay_within_their_limits():
    longest = plan_of(weeks=52, bodyweight_kg=200, equipment_max_kg=60, units="imperial", carrier="backpack",
                      pack_chest_strap=True, pack_hip_belt=True, goal="pack_event", strength_level="advanced",
                      strength_setting="home", injuries=("knee",))
    for session in workout_sessions(longest):
        workout, steps, _ = decoded(workout_fit(longest, session, now=NOW))
        name = workout["wkt_name"]
        assert len(name) <= WORKOUT_NAME_MAX_CHARS and name.isascii()
        for step in steps:
            assert len(step["wkt_step_name"]) <= STEP_NAME_MAX_CHARS
            assert len(step.get("notes", "").encode()) <= STRING_MAX_BYTES
        assert len(workout["wkt_description"].encode()) <= STRING_MAX_BYTES
    assert max(len(workout_name(longest, s)) for s in workout_sessions(longest)) == len("W52 Wed Loaded 66.1lb")


def test_file_ids_tell_sessions_and_athletes_apart_and_carry_the_time_passed_in():
    plan = plan_of()
    first, second = workout_sessions(plan)[:2]

    def file_id(session, calendar_id="athlete-7"):
        return read_fitdecode(workout_fit(plan, session, now=NOW, calendar_id=calendar_id))[0][1]

    assert file_id(first)["serial_number"] == file_id(first)["serial_number"] != file_id(second)["serial_number"]
    assert file_id(first)["serial_number"] != file_id(first, "athlete-8")["serial_number"]
    assert file_id(first)["time_created"] == NOW
    assert file_id(first)["manufacturer"] == "development"


def test_a_run_or_rest_day_has_no_watch_workout():
    plan = plan_of()
    easy = next(s for s in planned_sessions(plan) if s.kind == "easy")
    with pytest.raises(ValueError, match="A easy session has no watch workout"):
        workout_fit(plan, easy, now=NOW)


@pytest.mark.parametrize(("start", "weeks", "count"), [
    (MONDAY, 2, 6),                        # two weeks: a loaded run and two lifts each
    (dt.date(2026, 11, 26), 1, 3),         # from a Thursday: B, then next week's A and loaded run
    (dt.date(2027, 6, 1), 4, 0),           # after the plan
])
def test_the_zip_holds_the_workouts_of_the_next_weeks(start, weeks, count):
    plan = plan_of()
    archive = zipfile.ZipFile(io.BytesIO(workouts_zip(plan, start, weeks, now=NOW, calendar_id="athlete-7")))
    expected = workouts_in(plan, start, weeks)
    assert len(expected) == count
    assert archive.namelist() == [f"{s.date.isoformat()}-{s.key}.fit" for s in expected]
    for member, session in zip(archive.namelist(), expected, strict=True):
        assert start <= session.date < start + dt.timedelta(weeks=weeks)
        workout, _, _ = decoded(archive.read(member))
        assert workout["wkt_name"] == workout_name(plan, session)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=plan_inputs(), pick=st.data())
def test_property_any_planned_sessions_file_decodes_with_both_decoders(inputs, pick):
    plan = build_plan(inputs)
    sessions = workout_sessions(plan)
    assert sessions or not plan.strength_sessions
    if not sessions:
        return
    # The first, the last and one drawn session of each plan (all of a plan: the 52-week test above).
    chosen = {0, len(sessions) - 1, pick.draw(st.integers(0, len(sessions) - 1), label="session")}
    for index in chosen:
        session = sessions[index]
        workout, steps, _ = decoded(workout_fit(plan, session, now=NOW))
        assert len(workout["wkt_name"]) <= WORKOUT_NAME_MAX_CHARS
        assert match_workout(plan, workout["wkt_name"]).session == session
        assert all(len(s.get("notes", "").encode()) <= STRING_MAX_BYTES for s in steps)
        if session.kind == "loaded":
            assert steps[1]["duration_distance"] == pytest.approx(session.day.run_km * 1000, abs=0.01)
        else:
            assert sum(s["intensity"] == "rest" for s in steps) == len(session.lift.exercises)
