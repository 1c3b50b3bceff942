"""AppTest: what The Deloads page shows for given inputs."""

from __future__ import annotations

from tests.apptest import chart, open_app


def test_deloads_page_marks_deload_weeks():
    at = open_app("deloads", deload_every="3")
    spec = chart(at, "volume_chart")
    shaded = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert [round(s["x0"] + 0.5) for s in shaded] == [3, 6, 9, 12]
    assert at.table[0].value.shape[0] == 3
