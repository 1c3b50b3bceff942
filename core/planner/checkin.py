"""Day-to-day decisions: the readiness check and the heavy-legs troubleshooter (docs/rules.md §11)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from core.planner.rules import (
    FATIGUE_GATE_DAYS,
    REPS_IN_RESERVE,
    REVIEW_EVERY_WEEKS,
    STRENGTH_RPE,
    STRENGTH_SESSIONS_PER_WEEK,
)
from core.planner.units import cardinal

Verdict = Literal["go", "reduce", "recover"]

READINESS_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("slept_well", "Did you sleep reasonably well?"),
    ("soreness_mild", "Is soreness mild and improving, not increasing?"),
    ("resting_hr_normal", "Is your morning resting heart rate near normal?"),
    ("hrv_stable", "Is your HRV trend stable over the last several days?"),
)
"""004's quick readiness decision tree."""

UNANSWERED_PROMPT = f"Answer the {cardinal(len(READINESS_QUESTIONS))} questions to get today's advice."
"""What the Check-in says until every readiness question has an answer: it never assumes one."""
INCOMPLETE_CHECKIN = f"Answer all {len(READINESS_QUESTIONS)} questions to save today's check-in."
"""What the Log page says to a check-in saved with a question unanswered: nothing is saved."""
ADVICE_ONLY = ("These answers give advice for today only: they are not saved, and the plan does not read them. "
               "The check-in the plan reads is the one saved on the Log page.")
"""The Check-in page, above its questions: which of the two check-ins counts."""
SAVED_CHECKIN_COUNTS = (f"This is the check-in the plan reads (004): {cardinal(FATIGUE_GATE_DAYS)} days in a row "
                        "with mostly \"no\" (today's counts) make the next hard run easy, the next loaded run "
                        "shorter with its load held, and the next lift lighter. The Check-in page only gives "
                        "advice for today and saves nothing.")
"""The Log page's check-in, before today's is saved."""


@dataclass(frozen=True)
class Advice:
    verdict: Verdict
    headline: str
    detail: str
    source: str = "004"


def readiness(answers: Mapping[str, bool | None], severe_pain: bool, trending_down: bool) -> Advice | None:
    """004: mostly yes -> do the planned session; fatigue signals trending down for several
    days -> reduce load or shorten; severe soreness or pain -> mobility or recovery instead.

    ``answers`` holds each question's answer, None while unanswered: no advice (None) until every
    question is answered, except that severe pain is enough on its own.

    >>> readiness({"slept_well": True, "soreness_mild": True, "resting_hr_normal": True,
    ...            "hrv_stable": False}, severe_pain=False, trending_down=False).verdict
    'go'
    >>> readiness({"slept_well": True}, severe_pain=False, trending_down=False) is None
    True
    >>> readiness({}, severe_pain=True, trending_down=False).verdict
    'recover'
    """
    if severe_pain:
        return Advice("recover", "Swap today's session for mobility or recovery work.",
                      "Severe soreness or pain: don't lift or run loaded today. If pain persists, see a clinician.")
    if any(answers.get(key) is None for key, _ in READINESS_QUESTIONS):
        return None
    yes = sum(bool(answers.get(key)) for key, _ in READINESS_QUESTIONS)
    if trending_down or yes * 2 <= len(READINESS_QUESTIONS):
        return Advice("reduce", "Reduce the load or shorten the session.",
                      "Your fatigue signals point down. Take weight out of the vest, shorten the loaded run, "
                      f"or drop a set; review the trend over {cardinal(REVIEW_EVERY_WEEKS)} weeks, not one day.")
    return Advice("go", "Do the planned session.",
                  f"Most signals are good. Keep the planned load and effort (RPE {STRENGTH_RPE}, "
                  f"{REPS_IN_RESERVE} reps in reserve).")


HEAVY_LEGS: tuple[tuple[str, str, str], ...] = (
    ("The load itself", "Under load, first suspect the load: do the form test. If you lean from the waist, "
     "shorten your stride or drop your cadence, take weight out.", "002"),
    ("Form", "Stay light on your feet, land with the feet under the body, don't overstride, and don't trade "
     "form for pace.", "003"),
    ("Warm-up and cool-down", "A brisk walk and leg swings before; stretching after.", "003"),
    ("Fuel, hydration, iron", "Eat enough carbohydrate, drink enough, and ask about iron if heaviness persists.", "003"),
    ("Strength", "Squats and lunges build the legs that carry you: keep your "
     f"{cardinal(STRENGTH_SESSIONS_PER_WEEK)} sessions.", "003, 004"),
    ("Shoes", "Check their weight, fit and support.", "003"),
    ("Circulation", "Sitting all day? Move before you run.", "003"),
    ("See a doctor", "Numbness, tingling, or joint pain with swelling are for a clinician, not a training plan.", "003"),
)
"""What to check when legs feel heavy (003), in the order to check them under load."""
