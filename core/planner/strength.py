"""Strength sessions: 004's exercise menu, its 4-week cycle, injury modifiers and accessories
(docs/rules.md §7, deloads §8)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core.planner.models import CycleStep, Exercise, Injury, PlanInputs, StrengthLevel, StrengthSetting
from core.planner.progression import age_band
from core.planner.rules import (
    ADDED_REPS,
    BASE_REPS,
    BASE_SETS,
    DELOAD_STRENGTH_FRACTION,
    EXERCISES_PER_LEVEL,
    HOLD_ADDED_SECONDS,
    HOLD_SECONDS,
    REPS_IN_RESERVE,
    STRENGTH_MINUTES,
    STRENGTH_RPE,
)
from core.planner.units import percent


@dataclass(frozen=True)
class MenuItem:
    """One row of 004's exercise menu. Gym options with two variants alternate A / B."""

    pattern: str
    gym: tuple[str, str]
    home: str
    common_mistake: str
    regression: str


MENU: tuple[MenuItem, ...] = (
    MenuItem("Squat", ("Front squat", "Goblet squat"), "Split squat",
             "Knees collapsing inward", "Box squat"),
    MenuItem("Hinge", ("Trap bar deadlift", "Romanian deadlift"), "Single-leg RDL",
             "Back rounding instead of hip hinge", "Kettlebell hinge drill"),
    MenuItem("Unilateral", ("Bulgarian split squat", "Step-up"), "Reverse lunge",
             "Pushing only with rear leg", "Supported split squat"),
    MenuItem("Calves", ("Standing calf raise", "Seated calf raise"), "Bent knee calf raise off step",
             "Bouncing through reps", "Isometric holds"),
    MenuItem("Trunk", ("Pallof press", "Cable anti-rotation"), "Side plank",
             "Rotating torso", "Kneeling anti-rotation hold"),
    MenuItem("Upper body", ("Row", "Push-up or press"), "Band row / push-up",
             "Shrugging shoulders", "Incline push-up"),
)
"""004's exercise menu: pattern, gym option, home option, common mistake, regression."""

SINGLE_LEG_EXERCISES = frozenset({"Split squat", "Single-leg RDL", "Reverse lunge", "Step-up"})
"""Exercises prescribed as reps per side."""

HOLDS = frozenset({"Side plank", "Calf isometric hold"})
"""Exercises held for time, prescribed in seconds (the side plank per side)."""

FORM_CUES: tuple[str, ...] = (
    "Knees track over the second or third toe.",
    "Hips move back in hinge movements.",
    "Keep the trunk stiff during loaded movements.",
    "Keep a stable foot tripod: heel, big toe, little toe.",
)
"""Form cues that matter most (004)."""

PLYO_DRILLS: tuple[tuple[str, int, str], ...] = (
    ("Skipping variations", 3, "20 m"),
    ("Low hurdle hops", 2, "6 contacts"),
    ("Short bounds", 2, "6 contacts"),
)
"""A conservative plyometric micro-dose of low-contact drills after a speed session (004)."""

CYCLE_NOTES: dict[CycleStep, str] = {
    "establish": f"Establish comfortable loads you can lift with {REPS_IN_RESERVE} reps in reserve.",
    "add reps": "Same loads as last week, a few more reps.",
    "add load": "Increase the load slightly, back to the base reps.",
    "deload": f"About {percent(1 - DELOAD_STRENGTH_FRACTION)} fewer sets and minutes; keep the same loads "
              "(intensity).",
}
"""004's four-week structure: establish, add reps, add load, reduce volume."""

INJURY_NOTES: dict[Injury, str] = {
    "knee": "Knee history: favour step-ups, split squats and glute-focused hinges (004).",
    "achilles": "Achilles history: calf isometric holds instead of raises until the tendon "
                "tolerates more (004).",
    "lower_back": "Lower back: the kettlebell hinge drill instead of loaded hinges (004).",
    "hip": "Hip history: supported split squats; progress only when pain-free (004 injury "
           "modifiers).",
    "joint_pain": "Joint pain: box squats to a comfortable depth; see a clinician if pain "
                  "persists (004).",
}


def cycle_step(week: int, deload_every: int) -> CycleStep:
    """Where a week sits in the strength cycle: the first week establishes loads, the deload
    week closes the block, and the weeks between alternate adding reps and adding load (004;
    docs/rules.md §8 for cycles other than 4 weeks).

    >>> [cycle_step(w, 4) for w in range(1, 6)]
    ['establish', 'add reps', 'add load', 'deload', 'establish']
    """
    position = (week - 1) % deload_every + 1
    if position == deload_every:
        return "deload"
    if position == 1:
        return "establish"
    return "add reps" if position % 2 == 0 else "add load"


def session_minutes(level: StrengthLevel, step: CycleStep) -> int:
    """20-30 minutes (004), about 40% less in a deload week."""
    minutes = STRENGTH_MINUTES[level]
    return round(minutes * DELOAD_STRENGTH_FRACTION) if step == "deload" else minutes


def _sets_reps(level: StrengthLevel, step: CycleStep) -> tuple[int, int]:
    """Sets and reps; a deload keeps about ``DELOAD_STRENGTH_FRACTION`` of the volume (sets x reps),
    dropping a set where two or more are left and trimming the reps to match.

    >>> _sets_reps("minimal", "deload"), _sets_reps("standard", "deload"), _sets_reps("standard", "add reps")
    ((2, 5), (2, 7), (3, 10))
    """
    sets = BASE_SETS[level]
    if step == "deload":
        fewer = sets - max(1, round(sets * (1 - DELOAD_STRENGTH_FRACTION)))
        kept = fewer if fewer >= 2 else sets
        return kept, max(1, round(sets * BASE_REPS * DELOAD_STRENGTH_FRACTION / kept))
    if step == "add reps":
        return sets, BASE_REPS + ADDED_REPS
    return sets, BASE_REPS


def _dose(name: str, reps: int, step: CycleStep, per_side: bool) -> str:
    """'8' or '8 per side'; a hold in seconds: '20-30 s' (the add-reps week holds longer)."""
    if name in HOLDS:
        low, high = HOLD_SECONDS
        extra = HOLD_ADDED_SECONDS if step == "add reps" else 0
        text = f"{low + extra}-{high + extra} s"
    else:
        text = str(reps)
    return f"{text} per side" if per_side or name == "Side plank" else text


def _exercise_name(item: MenuItem, setting: StrengthSetting, variant: int,
                   injuries: frozenset[str]) -> tuple[str, str]:
    """The exercise for this pattern, and a note when an injury modifier chose it."""
    name = item.gym[variant] if setting == "gym" else item.home
    if item.pattern == "Squat" and "knee" in injuries:
        return "Split squat", INJURY_NOTES["knee"]
    if item.pattern == "Squat" and "joint_pain" in injuries:
        return item.regression, INJURY_NOTES["joint_pain"]
    if item.pattern == "Unilateral" and "knee" in injuries:
        return "Step-up", INJURY_NOTES["knee"]
    if item.pattern == "Unilateral" and "hip" in injuries:
        return item.regression, INJURY_NOTES["hip"]
    if item.pattern == "Hinge" and "lower_back" in injuries:
        return item.regression, INJURY_NOTES["lower_back"]
    if item.pattern == "Hinge" and "knee" in injuries:
        return f"{name} (glute focus)", INJURY_NOTES["knee"]
    if item.pattern == "Calves" and "achilles" in injuries:
        return "Calf isometric hold", INJURY_NOTES["achilles"]
    return name, ""


@lru_cache(maxsize=512)
def session_exercises(
    setting: StrengthSetting,
    level: StrengthLevel,
    injuries: tuple[str, ...],
    carrier: str,
    label: str,
    step: CycleStep,
    pack: bool = False,
) -> tuple[Exercise, ...]:
    """The exercises of one session. Sessions A and B use the gym menu's two variants. ``pack``: a plan
    toward a pack event adds 002's posterior-chain work for loaded posture."""
    if label == "plyo":
        return tuple(
            Exercise(pattern="Plyometric", name=name, sets=sets, reps=reps,
                     rpe="fast, light contacts", reps_in_reserve="stop before form fades",
                     regression="Skipping in place", common_mistake="Heavy, noisy landings",
                     note="Low contacts only: a micro-dose after the speed session (004).")
            for name, sets, reps in PLYO_DRILLS
        )
    variant = 0 if label == "A" else 1
    injured = frozenset(injuries)
    sets, reps = _sets_reps(level, step)
    exercises = []
    for item in MENU[:EXERCISES_PER_LEVEL[level]]:
        name, note = _exercise_name(item, setting, variant, injured)
        per_side = item.pattern == "Unilateral" or name in SINGLE_LEG_EXERCISES
        exercises.append(Exercise(
            pattern=item.pattern, name=name, sets=sets, reps=_dose(name, reps, step, per_side),
            rpe=STRENGTH_RPE, reps_in_reserve=REPS_IN_RESERVE,
            regression=item.regression, common_mistake=item.common_mistake, note=note,
        ))
    exercises = _one_split_squat(exercises)
    exercises.extend(_accessories(carrier, sets, str(reps)))
    if pack:
        exercises.extend(_posterior_chain(label, sets, reps, step))
    return tuple(exercises)


POSTERIOR_CHAIN = {
    "A": (("Superman", "Arms at the sides", "Cranking the neck up"),
          ("Bird-dog", "Arm or leg only", "Rotating the hips")),
    "B": (("Prone hip extension", "Smaller range", "Arching the lower back"),
          ("Bird-dog", "Arm or leg only", "Rotating the hips")),
}
"""The back exercises 002 names for holding posture under a pack: superman, bird-dog, prone hip
extension (two a session, so each session stays within its minutes)."""


def _posterior_chain(label: str, sets: int, reps: int, step: CycleStep) -> list[Exercise]:
    return [Exercise(pattern="Posterior chain", name=name, sets=sets,
                     reps=_dose(name, reps, step, name == "Bird-dog"),
                     rpe=STRENGTH_RPE, reps_in_reserve=REPS_IN_RESERVE, regression=regression,
                     common_mistake=mistake, note="For posture under the pack (002).")
            for name, regression, mistake in POSTERIOR_CHAIN.get(label, ())]


def strength_level_for(inputs: PlanInputs) -> StrengthLevel:
    """The strength plan the runner chose, at most standard under 18 and from 65 (docs/rules.md §17:
    no plyometric micro-dose and no heavy advanced variants without a coach watching)."""
    if inputs.strength_level == "advanced" and age_band(inputs):
        return "standard"
    return inputs.strength_level


def _one_split_squat(exercises: list[Exercise]) -> list[Exercise]:
    """One exercise per movement a session: when the squat slot and the single-leg slot are both split
    squats (home, with a hip history's supported split squat), the squat becomes the bilateral box squat."""
    split = [e for e in exercises if "split squat" in e.name.lower()]
    if len(split) < 2:
        return exercises
    squat = next(item for item in MENU if item.pattern == "Squat")
    return [e.model_copy(update={"name": squat.regression, "reps": e.reps.removesuffix(" per side"),
                                 "note": "One split squat a session: the box squat keeps the squat pattern."})
            if e.pattern == "Squat" and e in split else e for e in exercises]


def _accessories(carrier: str, sets: int, reps: str) -> list[Exercise]:
    """Ankle or wrist weights the runner owns become strength accessories (000)."""
    common = dict(sets=sets, rpe=STRENGTH_RPE, reps_in_reserve=REPS_IN_RESERVE,
                  note="Accessory with the weights you own (000).")
    if carrier == "ankle_weights":
        return [
            Exercise(pattern="Accessory", name="Hamstring curl (ankle weights)", reps=f"{reps} per side",
                     regression="Unweighted curl", common_mistake="Arching the lower back", **common),
            Exercise(pattern="Accessory", name="Reverse clamshell (ankle weights)", reps=f"{reps} per side",
                     regression="Unweighted clamshell", common_mistake="Rolling the pelvis back",
                     **common),
        ]
    if carrier == "wrist_weights":
        return [Exercise(pattern="Accessory", name="Shoulder raise (wrist weights)", reps=reps,
                         regression="Unweighted raise", common_mistake="Shrugging shoulders",
                         **common)]
    return []


def wants_plyo(inputs: PlanInputs) -> bool:
    """Advanced plans add a plyometric micro-dose, only for experienced runners with a strength
    base (004); product choice: not with an Achilles history or joint pain (plyometrics load
    those tissues most)."""
    return (strength_level_for(inputs) == "advanced" and inputs.experience == "experienced"
            and not {"achilles", "joint_pain"} & set(inputs.injuries))
