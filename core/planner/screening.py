"""Who may carry what: carrier verdicts (docs/rules.md §2) and who should not run loaded yet (§1)."""

from __future__ import annotations

from core.planner.models import Carrier, Finding, PlanInputs
from core.planner.rules import (
    AGE_BONE_DENSITY_INFO,
    BONE_DENSITY_STUDY_YEARS,
    DISCLAIMER,
    JOINT_LOAD_BW_MULTIPLE,
    MILEAGE_RULE_FRACTION,
    RECHECK_AFTER_WEEKS,
)
from core.planner.units import cardinal, percent, span

PACK_EVENT_GOALS = frozenset({"pack_event"})
"""Goals for which a backpack is the right tool (002: trail ultra with mandatory kit,
military/tactical events, fastpacking, obstacle events)."""

CARRIER_LABELS: dict[str, str] = {
    "none": "nothing",
    "vest": "weighted vest",
    "backpack": "backpack",
    "ankle_weights": "ankle weights",
    "wrist_weights": "wrist weights",
    "dumbbells": "dumbbells in hand",
}

MUSCLES_WORKED: dict[str, tuple[str, ...]] = {
    "ankle_weights": ("glutes", "hamstrings", "quads", "hip flexors"),
    "wrist_weights": ("biceps", "triceps", "shoulders", "back", "core"),
    "vest": ("glutes", "hamstrings", "quads", "hip flexors", "back", "core"),
    "backpack": (
        "erector spinae", "rhomboids", "trapezius", "postural back muscles", "core", "quads",
        "calves",
    ),
    "dumbbells": (),
    "none": (),
}
"""Muscles worked by each carrier (000, 001, 002)."""

PACK_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("Chest (sternum) strap", "keeps the shoulder straps in place and the pack from bouncing sideways"),
    ("Hip belt on the iliac crest", "snug enough to move weight to the hips, not so tight it compresses the hip flexors"),
    ("Load high and close to the back", "the further the load sits from the spine, the more you lean"),
    ("Minimal bounce", "a frame or load-lifter straps; a bouncing pack sends unpredictable forces to the spine"),
    ("Breathable back panel", "for longer runs"),
)
"""What a pack needs before it is run with (002). A trail vest of ``TRAIL_VEST_LITRES`` is the
starting point for light loads (002)."""

FORM_TEST = (
    "Form test: if the load changes how you run (leaning from the waist, a shorter stride, a "
    "dropped cadence, hunched shoulders), it is too heavy for that session. Take weight out."
)
"""002: 'If the weight changes your running mechanics ... it's too heavy.'"""

FORM_CUES: tuple[str, ...] = (
    "Lean from the ankles, not the waist.",
    "Shorter stride, keep your cadence.",
    "Squeeze the shoulder blades back.",
    "Hip belt snug on the iliac crest.",
)
"""Form cues under load (002). The hip-belt cue is for a backpack only: see ``form_cues``."""

CARRIES_FOR_RUNNING = frozenset({"vest", "backpack"})

NEVER_FOR_RUNNING: frozenset[Carrier] = frozenset({"ankle_weights", "wrist_weights", "dumbbells"})
"""Carriers that are never for running, whoever the runner (000, 001, 002): their verdict is not
'not yet' but 'not for running'."""

NEVER_FOR_RUNNING_CODES = frozenset(f"carrier_{carrier}" for carrier in NEVER_FOR_RUNNING)
"""The codes of those carriers' block findings (see ``carrier_findings``)."""


def form_cues(carrier: Carrier) -> tuple[str, ...]:
    """The form cues under load for ``carrier``: the hip-belt cue only for a backpack.

    >>> form_cues("vest")[-1], form_cues("backpack")[-1]
    ('Squeeze the shoulder blades back.', 'Hip belt snug on the iliac crest.')
    """
    return FORM_CUES if carrier == "backpack" else tuple(c for c in FORM_CUES if "Hip belt" not in c)


def pack_checklist(carrier: Carrier) -> tuple[tuple[str, str], ...]:
    """What a pack needs before it is run with, for ``carrier``: nothing unless it is a backpack."""
    return PACK_CHECKLIST if carrier == "backpack" else ()


def carrier_findings(inputs: PlanInputs) -> list[Finding]:
    """The verdict on what the runner proposes to carry (docs/rules.md §2)."""
    carrier: Carrier = inputs.carrier
    if carrier == "vest":
        return [Finding(
            code="carrier_vest", severity="info", source="000, 002",
            message="A weighted vest is the recommended carrier: the load sits at your centre "
                    "of mass, so your gait changes least.",
        )]
    if carrier == "none":
        return [Finding(
            code="carrier_none", severity="info", source="004",
            message="No carrier chosen: the plan has no loaded runs; the strength plan still applies.",
        )]
    if carrier == "ankle_weights":
        return [Finding(
            code="carrier_ankle_weights", severity="block", source="000, 001, 002",
            message="Ankle weights are not for running: they change your gait and load the knees "
                    "and ankles (shin splints). Use them in strength work instead: hamstring curls "
                    "and reverse clamshells.",
        )]
    if carrier == "wrist_weights":
        return [Finding(
            code="carrier_wrist_weights", severity="block", source="000, 002 (001 disagrees)",
            message="Wrist weights are not for running (000 and 002 advise against them; 001 "
                    "finds them acceptable at a minimal weight: the sources disagree, so we take "
                    "the conservative side). Use them for shoulder raises in strength work.",
        )]
    if carrier == "dumbbells":
        return [Finding(
            code="carrier_dumbbells", severity="block", source="001",
            message="Don't run holding dumbbells: it is uncomfortable, and on a treadmill your "
                    "hands must be free for the kill switch.",
        )]
    # Backpack.
    findings: list[Finding] = []
    missing = [
        name for name, has in (("a chest (sternum) strap", inputs.pack_chest_strap),
                               ("a hip belt", inputs.pack_hip_belt)) if not has
    ]
    if missing:
        findings.append(Finding(
            code="pack_missing_straps", severity="block", source="002",
            message=f"Your pack has no {' and no '.join(m.removeprefix('a ') for m in missing)}: "
                    "a pack without both bounces, and a pack that bounces is not appropriate for "
                    "running at any weight. A pack with both straps (or a vest) lifts this.",
        ))
    if inputs.goal in PACK_EVENT_GOALS:
        findings.append(Finding(
            code="carrier_backpack_event", severity="info", source="002",
            message="You are preparing for a pack event, so running with a backpack is the "
                    "specific training you need. Keep the load high and tight against your back.",
        ))
    else:
        findings.append(Finding(
            code="carrier_backpack_not_event", severity="warn", source="002",
            message="A backpack is only the right tool for pack events (trail ultra with "
                    "mandatory kit, tactical events, fastpacking, obstacle races). The load sits "
                    "behind your centre of mass and makes you lean from the waist: a vest is safer.",
        ))
    return findings


ADVICE_FOR_LOADED_RUNNING = frozenset({"carrier_backpack_event", "injury_history", "lower_back_vest"})
"""Advice that presumes loaded running: beside a block it would contradict the plan (issue 23)."""
ONCE_OPEN = "Once loaded running is open to you: "


def once_open(findings: list[Finding]) -> list[Finding]:
    """``findings`` as they read beside a block: advice for loaded running says it applies once the
    block lifts, so no message contradicts the plan beside it."""
    if not any(f.severity == "block" for f in findings):
        return findings
    return [f.model_copy(update={"message": ONCE_OPEN + f.message[0].lower() + f.message[1:]})
            if f.code in ADVICE_FOR_LOADED_RUNNING else f for f in findings]


def runner_findings(inputs: PlanInputs) -> list[Finding]:
    """Who should not run loaded yet, and who should start carefully (docs/rules.md §1).

    Only applies when the runner proposes a vest or backpack: every other carrier is already
    out for running.
    """
    if inputs.carrier not in CARRIES_FOR_RUNNING:
        return []
    carrier = CARRIER_LABELS[inputs.carrier]
    injuries = set(inputs.injuries)
    findings: list[Finding] = []
    if inputs.experience == "beginner":
        findings.append(Finding(
            code="beginner", severity="block", source="002",
            message="Not yet: build consistent unloaded running form first. Loaded running is "
                    "for runners whose unloaded form is settled; the strength plan is how you "
                    f"prepare. Check again after {RECHECK_AFTER_WEEKS} weeks of consistent unloaded "
                    "running: then set your experience to intermediate.",
        ))
    if inputs.building_mileage:
        findings.append(Finding(
            code="building_mileage", severity="block", source="002",
            message=f"Not while you are building mileage: the {percent(MILEAGE_RULE_FRACTION)} rule and "
                    "loaded running stress the same connective tissue. Add load once your weekly "
                    f"distance is stable: check again after {RECHECK_AFTER_WEEKS} weeks at a steady "
                    "weekly distance, then untick 'Currently building mileage'.",
        ))
    if "joint_pain" in injuries:
        findings.append(Finding(
            code="joint_pain", severity="block", source="002",
            message="Not with arthritis or chronic knee, hip or ankle pain: running already loads "
                    f"your joints with {span(JOINT_LOAD_BW_MULTIPLE)} times your bodyweight every stride, "
                    "and carried weight adds to it. See a clinician first; the strength plan still "
                    "applies where it doesn't hurt.",
        ))
    if "lower_back" in injuries:
        if inputs.carrier == "backpack":
            findings.append(Finding(
                code="lower_back_backpack", severity="block", source="002",
                message="Not with a backpack when you have lower back pain or a lumbar injury "
                        "history: the pack makes you lean from the waist and loads the lower "
                        "back. A vest keeps the load central.",
            ))
        else:
            findings.append(Finding(
                code="lower_back_vest", severity="warn", source="002",
                message="Lower back history: the vest keeps the load central, but start at the "
                        "low end and stop if your back complains.",
            ))
    history = [name for key, name in (("knee", "knee"), ("hip", "hip"), ("achilles", "Achilles"))
               if key in injuries]
    if history:
        findings.append(Finding(
            code="injury_history", severity="warn", source="002, 004",
            message=f"Past {', '.join(history)} injury: start at the low end of the load range "
                    f"with your {carrier} and watch how the area tolerates each step. The "
                    "strength plan adapts its exercises.",
        ))
    if inputs.goal == "calorie_burn":
        findings.append(Finding(
            code="calorie_burn_goal", severity="info", source="002",
            message="For calorie burn, more unloaded running (a little more volume or intensity) burns "
                    "more predictably, and with less joint risk, than adding weight. Keep any load "
                    "light.",
        ))
    if inputs.age >= AGE_BONE_DENSITY_INFO:
        findings.append(Finding(
            code="age_bone_density", severity="info", source="002",
            message=f"From {AGE_BONE_DENSITY_INFO}, loaded impact can help maintain bone density (a "
                    f"{cardinal(BONE_DENSITY_STUDY_YEARS)}-year weighted-vest walking study).",
        ))
    return findings


def disclaimer() -> Finding:
    return Finding(code="disclaimer", severity="info", source="000, 004", message=DISCLAIMER)


def form_test() -> Finding:
    return Finding(code="form_test", severity="info", source="002", message=FORM_TEST)
