"""The plan on the wrist: a FIT workout file per planned session (every run and lift; a rest day
has none), written with the ``fit-tool`` library (never byte by byte), one session's file or a zip
of the next weeks'.

A run is a warm-up, the run's distance with a target pace range (a FIT speed target, from the
runner's easy pace: ``core.planner.pace``) and a cool-down; a loaded run has the load and the form
test in the step's notes. A lift is its exercises with reps and sets (FIT exercise categories where
one fits), each set followed by a rest until the lap button. The workout's name starts with what
tells sessions apart on a watch (week and day), and an activity recorded from it carries the name
back, so the log can match it to its planned session (``match_workout``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import zipfile
from dataclasses import dataclass

from fit_tool.fit_file_builder import FitFileBuilder  # type: ignore[import-untyped]
from fit_tool.profile.messages.file_id_message import FileIdMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.workout_message import WorkoutMessage  # type: ignore[import-untyped]
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage  # type: ignore[import-untyped]
from fit_tool.profile.profile_type import (  # type: ignore[import-untyped]
    CalfRaiseExerciseName,
    DeadliftExerciseName,
    ExerciseCategory,
    FileType,
    Intensity,
    LegCurlExerciseName,
    Manufacturer,
    Sport,
    SquatExerciseName,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from core.planner.models import WEEKDAY_NAMES, WEEKDAYS, Exercise, Plan, Weekday
from core.planner.pace import PaceTarget, speed_m_per_s, target_pace
from core.planner.rules import HARD_PACE_FASTER_FRACTION, PACE_BAND_FRACTION, REPS_IN_RESERVE, STRENGTH_RPE
from core.planner.screening import CARRIER_LABELS, FORM_TEST
from core.planner.units import Units, fmt_distance, fmt_mass, fmt_pace, percent, to_kg
from core.present.sessions import PlannedSession, planned_sessions
from core.present.this_week import LIFT_NAMES

WORKOUT_NAME_MAX_CHARS = 24
"""Product choice: a watch lists workouts by name and shows only its start, so names stay short
and begin with what tells them apart ("W3 Wed Loaded 3.5kg"). ASCII only."""
STEP_NAME_MAX_CHARS = 32
"""Product choice: a step's name is the exercise as the Strength page names it (the longest is 30)."""
STRING_MAX_BYTES = 254
"""FIT's hard limit: a string field's size is one byte (255) and includes the terminating zero."""
WORKOUT_KINDS = ("easy", "hard", "long", "loaded", "A", "B", "plyo")
"""The planned sessions that become watch workouts: every run and lift (a rest day has none)."""
RUN_WORKOUT_NAMES = {"easy": "Easy", "hard": "Hard", "long": "Long"}
"""A run's word in the workout's name ("W1 Tue Hard 10km"); ``match_workout`` reads it back."""
SPEED_RESOLUTION_M_PER_S = 0.001
"""FIT's resolution of a speed target (scale 1000): the range is rounded outward to it."""

_SERIAL_NONE = (0, 0xFFFFFFFF)  # FIT's invalid values for a uint32z serial number

# Exercise names as the planner prescribes them (core.planner.strength) -> FIT category, and the
# FIT exercise name where FIT has exactly that exercise. Anything else falls back to its pattern.
_EXERCISES: dict[str, tuple[ExerciseCategory, object]] = {
    "Front squat": (ExerciseCategory.SQUAT, SquatExerciseName.BARBELL_FRONT_SQUAT),
    "Goblet squat": (ExerciseCategory.SQUAT, SquatExerciseName.GOBLET_SQUAT),
    "Box squat": (ExerciseCategory.SQUAT, None),
    "Step-up": (ExerciseCategory.SQUAT, None),
    "Split squat": (ExerciseCategory.LUNGE, None),
    "Bulgarian split squat": (ExerciseCategory.LUNGE, None),
    "Supported split squat": (ExerciseCategory.LUNGE, None),
    "Reverse lunge": (ExerciseCategory.LUNGE, None),
    "Trap bar deadlift": (ExerciseCategory.DEADLIFT, DeadliftExerciseName.TRAP_BAR_DEADLIFT),
    "Romanian deadlift": (ExerciseCategory.DEADLIFT, DeadliftExerciseName.ROMANIAN_DEADLIFT),
    "Single-leg RDL": (ExerciseCategory.DEADLIFT, None),
    "Kettlebell hinge drill": (ExerciseCategory.DEADLIFT, None),
    "Standing calf raise": (ExerciseCategory.CALF_RAISE, CalfRaiseExerciseName.STANDING_CALF_RAISE),
    "Seated calf raise": (ExerciseCategory.CALF_RAISE, CalfRaiseExerciseName.SEATED_CALF_RAISE),
    "Side plank": (ExerciseCategory.PLANK, None),
    "Row": (ExerciseCategory.ROW, None),
    "Band row / push-up": (ExerciseCategory.ROW, None),
    "Push-up or press": (ExerciseCategory.PUSH_UP, None),
    "Incline push-up": (ExerciseCategory.PUSH_UP, None),
    "Hamstring curl (ankle weights)": (ExerciseCategory.LEG_CURL, LegCurlExerciseName.LEG_CURL),
    "Reverse clamshell (ankle weights)": (ExerciseCategory.HIP_STABILITY, None),
    "Shoulder raise (wrist weights)": (ExerciseCategory.LATERAL_RAISE, None),
}
_PATTERNS: dict[str, ExerciseCategory] = {
    "Squat": ExerciseCategory.SQUAT, "Hinge": ExerciseCategory.DEADLIFT, "Unilateral": ExerciseCategory.LUNGE,
    "Calves": ExerciseCategory.CALF_RAISE, "Trunk": ExerciseCategory.CORE, "Upper body": ExerciseCategory.ROW,
    "Plyometric": ExerciseCategory.PLYO, "Accessory": ExerciseCategory.TOTAL_BODY,
}


def exercise_category(exercise: Exercise) -> tuple[ExerciseCategory, object]:
    """The FIT exercise category (and FIT's exercise name, or None) of one of our exercises.

    >>> from core.planner.models import Exercise
    >>> e = Exercise(pattern="Calves", name="Calf isometric hold", sets=2, reps="8", rpe="6-8",
    ...              reps_in_reserve="1-3", regression="", common_mistake="")
    >>> exercise_category(e)
    (<ExerciseCategory.CALF_RAISE: 1>, None)
    """
    name = exercise.name.removesuffix(" (glute focus)")
    return _EXERCISES.get(name, (_PATTERNS.get(exercise.pattern, ExerciseCategory.TOTAL_BODY), None))


@dataclass(frozen=True)
class RepCount:
    """How a set is counted on the watch: ``reps`` repetitions, or (``reps`` None) until the lap
    button, for a set measured otherwise ("20 m")."""

    reps: int | None
    per_side: bool


def rep_count(reps: str) -> RepCount:
    """
    >>> rep_count("8"), rep_count("10 per side"), rep_count("6 contacts"), rep_count("20 m")
    (RepCount(reps=8, per_side=False), RepCount(reps=10, per_side=True), RepCount(reps=6, per_side=False), RepCount(reps=None, per_side=False))
    """
    match = re.fullmatch(r"(\d+)( per side| contacts)?", reps.strip())
    if not match:
        return RepCount(None, False)
    return RepCount(int(match.group(1)), match.group(2) == " per side")


def _compact(text: str) -> str:
    """A value without the space before its unit, for a watch's short names: '3.5kg'."""
    return text.replace(" ", "")


def workout_sessions(plan: Plan) -> list[PlannedSession]:
    """The plan's sessions that have a watch workout, in date order."""
    return [s for s in planned_sessions(plan) if s.kind in WORKOUT_KINDS]


def workout_name(plan: Plan, session: PlannedSession) -> str:
    """The workout's name on the watch: week, day, what and the load (a loaded run) or the distance
    (another run).

    >>> from core import PlanInputs, build_plan
    >>> plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23)))
    >>> [workout_name(plan, s) for s in workout_sessions(plan)[:5]]
    ['W1 Mon Easy 8km', 'W1 Tue Hard 10km', 'W1 Tue Strength A', 'W1 Wed Loaded 3.5kg', 'W1 Thu Hard 10km']
    """
    day = WEEKDAY_NAMES[session.day.weekday][:3]
    units = plan.inputs.units
    if session.kind == "loaded":
        what = f"Loaded {_compact(fmt_mass(session.day.load_kg, units))}"
    elif session.kind in RUN_WORKOUT_NAMES:
        what = f"{RUN_WORKOUT_NAMES[session.kind]} {_compact(fmt_distance(session.day.run_km, units))}"
    else:
        what = LIFT_NAMES[session.kind]
    return f"W{session.week} {day} {what}"


_NAME = re.compile(
    r"W(?P<week>\d{1,2}) (?P<day>Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
    r"(?:Loaded (?P<load>\d+(?:\.\d+)?)(?P<unit>kg|lb)|(?P<lift>Strength A|Strength B|Plyometrics)"
    r"|(?P<run>Easy|Hard|Long) \d+(?:\.\d+)?(?:km|mi))"
)
_LIFT_KINDS = {name: kind for kind, name in LIFT_NAMES.items()}
_RUN_KINDS = {name: kind for kind, name in RUN_WORKOUT_NAMES.items()}
_DAYS: dict[str, Weekday] = {WEEKDAY_NAMES[d][:3]: d for d in WEEKDAYS}


@dataclass(frozen=True)
class WorkoutMatch:
    """A recorded activity matched to its planned session by the workout's name."""

    session: PlannedSession
    load_kg: float
    """What the workout told the runner to carry (0 for a lift or an unloaded run): the name says it, so a plan
    adapted since the file was made does not change what was carried."""


def match_workout(plan: Plan, name: str) -> WorkoutMatch | None:
    """The planned session a recorded activity was done from, by the name the workout gave it,
    or None when the name is not one of our workouts' or the plan has no such session.

    >>> from core import PlanInputs, build_plan
    >>> plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23)))
    >>> m = match_workout(plan, "W1 Wed Loaded 3.5kg")
    >>> m.session.key, m.load_kg
    ('w1-loaded-1', 3.5)
    >>> match_workout(plan, "W1 Thu Loaded 3.5kg").session.date  # moved since: the week's only loaded run
    datetime.date(2026, 11, 25)
    >>> m = match_workout(plan, "W1 Sun Long 16km")  # the distance is not read: the plan may have changed it
    >>> m.session.key, m.load_kg
    ('w1-long-1', 0.0)
    >>> match_workout(plan, "Morning Run") is None, match_workout(plan, "W13 Wed Loaded 3.5kg") is None
    (True, True)
    """
    found = _NAME.fullmatch(name.strip())
    if not found:
        return None
    week, weekday = int(found["week"]), _DAYS[found["day"]]
    kind = "loaded" if found["load"] else _RUN_KINDS[found["run"]] if found["run"] else _LIFT_KINDS[found["lift"]]
    same_kind = [s for s in workout_sessions(plan) if s.week == week and s.kind == kind]
    # The day first; a session moved to another day since the file was made is still the week's
    # only one of its kind.
    session = next((s for s in same_kind if s.day.weekday == weekday), None)
    if session is None and len(same_kind) == 1:
        session = same_kind[0]
    if session is None:
        return None
    units: Units = "imperial" if found["unit"] == "lb" else "metric"
    load_kg = round(to_kg(float(found["load"]), units), 2) if found["load"] else 0.0
    return WorkoutMatch(session, load_kg)


# ------------------------------------------------------------------ writing the files


def _fits(text: str, max_chars: int | None = None) -> str:
    """A string as FIT can hold it: within ``max_chars`` and FIT's byte limit (cut at a character)."""
    if max_chars is not None:
        text = text[:max_chars]
    while len(text.encode("utf-8")) > STRING_MAX_BYTES:
        text = text[:-1]
    return text


def _step(name: str, intensity: Intensity, notes: str = "") -> WorkoutStepMessage:
    step = WorkoutStepMessage()
    step.workout_step_name = _fits(name, STEP_NAME_MAX_CHARS)
    step.intensity = intensity
    if notes:
        step.notes = _fits(notes)
    return step


def _open(step: WorkoutStepMessage) -> WorkoutStepMessage:
    """Until the lap button, at no target."""
    step.duration_type = WorkoutStepDuration.OPEN
    step.duration_value = 0
    step.target_type = WorkoutStepTarget.OPEN
    step.target_value = 0
    return step


def pace_range_text(target: PaceTarget, units: Units) -> str:
    """A target pace range as a runner reads it, quick end first.

    >>> from core.planner.pace import target_pace
    >>> from core.planner.models import PlanInputs
    >>> pace_range_text(target_pace(PlanInputs(easy_pace_min_per_km=6.0), "easy"), "metric")
    '5:42-6:18 /km'
    """
    return f"{fmt_pace(target.fast, units, suffix=False)}-{fmt_pace(target.slow, units)}"


def speed_range(target: PaceTarget) -> tuple[float, float]:
    """(low, high) in m/s as the FIT speed target holds them: rounded outward to FIT's resolution,
    so the range still holds every pace of the target.

    >>> from core.planner.pace import target_pace
    >>> from core.planner.models import PlanInputs
    >>> speed_range(target_pace(PlanInputs(easy_pace_min_per_km=6.0), "easy"))  # 2.778 m/s
    (2.645, 2.924)
    """
    steps = 1 / SPEED_RESOLUTION_M_PER_S
    return (math.floor(speed_m_per_s(target.slow) * steps) / steps,
            math.ceil(speed_m_per_s(target.fast) * steps) / steps)


def _distance(step: WorkoutStepMessage, km: float, target: PaceTarget) -> WorkoutStepMessage:
    """The run's distance at a custom speed range (FIT: target_value 0, then the low and high)."""
    step.duration_type = WorkoutStepDuration.DISTANCE
    step.duration_distance = round(km * 1000, 2)  # metres, whatever the units shown
    step.target_type = WorkoutStepTarget.SPEED
    step.target_value = 0
    step.custom_target_speed_low, step.custom_target_speed_high = speed_range(target)
    return step


def _run_steps(plan: Plan, session: PlannedSession) -> list[WorkoutStepMessage]:
    inputs, day = plan.inputs, session.day
    units = inputs.units
    km = fmt_distance(day.run_km, units)
    target = target_pace(inputs, day.run, day.loaded)
    paces = pace_range_text(target, units)
    band = percent(PACE_BAND_FRACTION)
    if session.kind == "loaded":
        load = fmt_mass(day.load_kg, units)
        # The notes are full (the form test); the target is on the step, the watch shows it.
        main = _step(f"Carry {_compact(load)} {_compact(km)}", Intensity.ACTIVE,
                     f"Carry {load} in your {CARRIER_LABELS[inputs.carrier]}, {km} at an easy effort "
                     f"(RPE {inputs.rpe_loaded}). {FORM_TEST}")
        start, finish = "Press lap to start the loaded distance.", "Load off: walk, then stretch (003)."
    elif session.kind == "hard":
        main = _step(f"Tempo or intervals {_compact(km)}", Intensity.ACTIVE,
                     f"Tempo or intervals at RPE {inputs.rpe_hard}, {km} in all. Target {paces}: "
                     f"{percent(HARD_PACE_FASTER_FRACTION)} quicker than your easy pace, give or take {band}, "
                     "a steady tempo; in intervals run the repeats faster and recover easy.")
        start, finish = "Press lap to start the run.", "Walk, then stretch (003)."
    else:
        effort = (f"at an easy effort (RPE {inputs.rpe_long})" if session.kind == "long"
                  else f"easy (RPE {inputs.rpe_easy})")
        main = _step(f"{RUN_WORKOUT_NAMES[session.kind]} {_compact(km)}", Intensity.ACTIVE,
                     f"{km} {effort}, {paces}: your easy pace, give or take {band}. "
                     "On hills and hot days, go by effort.")
        start, finish = "Press lap to start the run.", "Walk, then stretch (003)."
    return [
        _open(_step("Warm-up", Intensity.WARMUP, f"A brisk walk and leg swings (003). {start}")),
        _distance(main, day.run_km, target),
        _open(_step("Cool-down", Intensity.COOLDOWN, f"{finish} Press lap to finish.")),
    ]


def _run_description(plan: Plan, session: PlannedSession) -> str:
    """What the watch shows for the whole run: the form test under load, else the day's effort."""
    inputs = plan.inputs
    if session.kind == "loaded":
        return FORM_TEST
    if session.kind == "hard":
        return f"Tempo or intervals at RPE {inputs.rpe_hard}. Hard days hard, easy days easy (004)."
    what = (f"Long run at an easy effort (RPE {inputs.rpe_long})" if session.kind == "long"
            else f"Easy effort (RPE {inputs.rpe_easy})")
    return f"{what}: you could talk in sentences. Hard days hard, easy days easy (004)."


def _lift_steps(session: PlannedSession) -> list[WorkoutStepMessage]:
    assert session.lift is not None
    steps: list[WorkoutStepMessage] = []
    for exercise in session.lift.exercises:
        count = rep_count(exercise.reps)
        category, fit_name = exercise_category(exercise)
        notes = f"{exercise.sets} x {exercise.reps}. Easier: {exercise.regression}."
        if exercise.note:
            notes += f" {exercise.note}"
        first = len(steps)
        work = _step(exercise.name, Intensity.ACTIVE, notes)
        if count.reps is None:
            _open(work)
        else:
            work.duration_type = WorkoutStepDuration.REPS
            work.duration_reps = count.reps
            work.target_type = WorkoutStepTarget.OPEN
            work.target_value = 0
        work.exercise_category = category.value
        if fit_name is not None:
            work.exercise_name = fit_name.value  # type: ignore[attr-defined]
        steps.append(work)
        steps.append(_open(_step("Rest", Intensity.REST, "Rest until you are ready, then press lap.")))
        if exercise.sets > 1:
            repeat = _step(f"{exercise.sets} sets", Intensity.ACTIVE)
            repeat.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
            repeat.duration_step = first
            repeat.target_type = WorkoutStepTarget.OPEN
            repeat.target_repeat_steps = exercise.sets
            steps.append(repeat)
    return steps


def _serial(calendar_id: str, session: PlannedSession) -> int:
    """A serial number per athlete and session, so a watch keeps each file apart (it tells files
    by their file_id) and a re-made file of the same session replaces the old one."""
    digest = int.from_bytes(hashlib.sha256(f"{calendar_id}|{session.key}".encode()).digest()[:4], "big")
    return digest if digest not in _SERIAL_NONE else 1


def workout_fit(plan: Plan, session: PlannedSession, *, now: dt.datetime, calendar_id: str = "plan") -> bytes:
    """One planned run or lift as a FIT workout file. ``now`` is when the file is made;
    ``calendar_id`` names the athlete (not their typed name), as for the calendar."""
    if session.kind not in WORKOUT_KINDS:
        raise ValueError(f"A {session.kind} session has no watch workout.")
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = _serial(calendar_id, session)
    file_id.time_created = round(now.astimezone(dt.UTC).timestamp() * 1000)

    workout = WorkoutMessage()
    workout.workout_name = _fits(workout_name(plan, session), WORKOUT_NAME_MAX_CHARS)
    if session.lift is None:
        steps = _run_steps(plan, session)
        workout.sport = Sport.RUNNING
        description = _run_description(plan, session)
    else:
        steps = _lift_steps(session)
        workout.sport = Sport.TRAINING
        workout.sub_sport = SubSport.STRENGTH_TRAINING
        description = (f"{session.lift.cycle_step.capitalize()} week. Effort RPE {STRENGTH_RPE}, stop with "
                       f"{REPS_IN_RESERVE} reps in reserve. Never to failure."
                       if session.kind != "plyo" else "Fast, light contacts; stop before form fades (004).")
    workout.workout_description = _fits(description)
    for index, step in enumerate(steps):
        step.message_index = index
    workout.num_valid_steps = len(steps)

    builder = FitFileBuilder(auto_define=True)
    builder.add(file_id)
    builder.add(workout)
    builder.add_all(steps)
    return bytes(builder.build().to_bytes())


def workout_file_name(session: PlannedSession) -> str:
    """'2026-11-25-w1-loaded-1.fit': sorts by date in a folder, and tells sessions apart."""
    return f"{session.date.isoformat()}-{session.key}.fit"


def workouts_in(plan: Plan, start: dt.date, weeks: int) -> list[PlannedSession]:
    """The workouts dated from ``start`` for ``weeks`` weeks (``start`` comes from the caller)."""
    end = start + dt.timedelta(weeks=weeks)
    return [s for s in workout_sessions(plan) if start <= s.date < end]


def workouts_zip(plan: Plan, start: dt.date, weeks: int, *, now: dt.datetime, calendar_id: str = "plan") -> bytes:
    """A zip of the FIT workouts from ``start`` for ``weeks`` weeks, one file per session."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for session in workouts_in(plan, start, weeks):
            info = zipfile.ZipInfo(workout_file_name(session), date_time=session.date.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, workout_fit(plan, session, now=now, calendar_id=calendar_id))
    return buffer.getvalue()
