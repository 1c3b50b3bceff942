"""AppTest: what The Check-in page shows for given inputs."""

from __future__ import annotations

from tests.apptest import open_app


def test_checkin_gives_the_day_advice():
    at = open_app("checkin")
    assert "Do the planned session" in at.success[0].value
    at.toggle(key="ready_pain").set_value(True).run()
    assert "mobility or recovery" in at.error[0].value
