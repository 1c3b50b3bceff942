"""AppTest: what The Check-in page shows for given inputs."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.planner.checkin import ADVICE_ONLY, READINESS_QUESTIONS, SAVED_CHECKIN_COUNTS, UNANSWERED_PROMPT
from tests.apptest import container_text, open_app, page_path


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    """The Log page the link opens reads its own athletes database, never data/."""
    url = f"sqlite:///{tmp_path / 'athletes.db'}"
    monkeypatch.setenv("PLANNER_DATABASE_URL", url)
    return url


def answer(at: AppTest, *answers: bool) -> AppTest:
    for (key, _), value in zip(READINESS_QUESTIONS, answers, strict=True):
        at.segmented_control(key=f"ready_{key}").set_value(value)
    return at.run()


def advice(at: AppTest) -> list[str]:
    return [e.value for kind in ("success", "warning", "error") for e in getattr(at, kind)]


def test_checkin_starts_unanswered_with_no_advice():
    at = open_app("checkin")
    assert all(at.segmented_control(key=f"ready_{key}").value is None for key, _ in READINESS_QUESTIONS)
    assert advice(at) == []
    assert UNANSWERED_PROMPT == "Answer the four questions to get today's advice."
    assert [i.value for i in at.info] == [UNANSWERED_PROMPT]
    # three answers are not enough
    at.segmented_control(key="ready_slept_well").set_value(True).run()
    at.segmented_control(key="ready_soreness_mild").set_value(True).run()
    at.segmented_control(key="ready_resting_hr_normal").set_value(True).run()
    assert advice(at) == [] and [i.value for i in at.info] == [UNANSWERED_PROMPT]


def test_checkin_gives_the_day_advice_once_answered():
    at = answer(open_app("checkin"), True, True, True, False)
    assert not at.info and not at.warning and not at.error
    assert "Do the planned session" in at.success[0].value
    answer(at, True, False, True, False)
    assert not at.success and "Reduce the load or shorten the session" in at.warning[0].value
    answer(at, True, True, True, True)
    at.toggle(key="ready_trending").set_value(True).run()
    assert not at.success and "Reduce the load" in at.warning[0].value
    at.toggle(key="ready_pain").set_value(True).run()
    assert "mobility or recovery" in at.error[0].value


def test_severe_pain_is_an_answer_on_its_own():
    at = open_app("checkin")
    at.toggle(key="ready_pain").set_value(True).run()
    assert "mobility or recovery" in at.error[0].value
    assert not at.info and not at.success


def test_checkin_keeps_the_heavy_legs_troubleshooter():
    at = open_app("checkin")
    assert "Heavy legs? Check these, in order" in [s.value for s in at.header]
    assert any("do the form test" in m.value for m in at.markdown)


def test_the_page_says_its_answers_are_advice_only_and_links_to_the_saved_check_in(engine):
    at = answer(open_app("checkin"), False, False, False, True)
    assert ADVICE_ONLY in container_text(at, "checkin_advice_only")
    assert "not saved" in ADVICE_ONLY and "the Log page" in ADVICE_ONLY
    [link] = at.get("page_link")
    assert link.proto.page == "log" and link.proto.label == "Save today's check-in on the Log page"
    at.switch_page(page_path("log")).run()  # where the link goes: the check-in the plan reads
    assert not at.exception and SAVED_CHECKIN_COUNTS in [c.value for c in at.caption]
