"""The readiness check-in: no advice until every question is answered (or pain decides)."""

from __future__ import annotations

import itertools

import pytest

from core.planner.checkin import READINESS_QUESTIONS, UNANSWERED_PROMPT, readiness

KEYS = [key for key, _ in READINESS_QUESTIONS]


def test_the_prompt_counts_the_questions():
    assert UNANSWERED_PROMPT == "Answer the four questions to get today's advice."


@pytest.mark.parametrize("unanswered", range(len(KEYS)))
@pytest.mark.parametrize("trending", [False, True])
def test_no_advice_while_a_question_is_unanswered(unanswered, trending):
    answers: dict[str, bool | None] = dict.fromkeys(KEYS, True)
    answers[KEYS[unanswered]] = None
    assert readiness(answers, severe_pain=False, trending_down=trending) is None
    assert readiness({}, severe_pain=False, trending_down=trending) is None


def test_severe_pain_needs_no_other_answer():
    advice = readiness(dict.fromkeys(KEYS), severe_pain=True, trending_down=False)
    assert advice is not None and advice.verdict == "recover"


@pytest.mark.parametrize("answers", list(itertools.product([True, False], repeat=len(KEYS))))
def test_answered_mostly_yes_goes_otherwise_reduces(answers):
    advice = readiness(dict(zip(KEYS, answers, strict=True)), severe_pain=False, trending_down=False)
    assert advice is not None
    assert advice.verdict == ("go" if sum(answers) * 2 > len(KEYS) else "reduce")
    trending = readiness(dict(zip(KEYS, answers, strict=True)), severe_pain=False, trending_down=True)
    assert trending is not None and trending.verdict == "reduce"
