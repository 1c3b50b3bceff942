"""AppTest: what The Deloads page shows for given inputs."""

from __future__ import annotations

from core.present.text import FORM_TEST_NOTE
from tests.apptest import chart, open_app, texts


def test_deloads_page_marks_deload_weeks():
    at = open_app("deloads", deload_every="3")
    spec = chart(at, "volume_chart")
    shaded = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert [round(s["x0"] + 0.5) for s in shaded] == [3, 6, 9, 12]
    assert at.table[0].value.shape[0] == 3


def test_the_form_test_sits_next_to_the_volume_chart_when_there_are_loaded_runs():
    assert FORM_TEST_NOTE in [c.value for c in open_app("deloads", carrier="vest").caption]
    assert FORM_TEST_NOTE in texts(open_app("deloads", carrier="backpack", pack_chest_strap="true",
                                            pack_hip_belt="true", goal="pack_event"))
    for carrier in ("none", "ankle_weights"):
        assert FORM_TEST_NOTE not in texts(open_app("deloads", carrier=carrier))
