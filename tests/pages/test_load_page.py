"""AppTest: what The Load page shows for given inputs."""

from __future__ import annotations

from core.present.text import FORM_TEST_NOTE
from tests.apptest import chart, open_app, texts, trace


def test_load_page_chart_reacts_to_the_carried_load():
    def loaded_day_loads(at):
        spec = chart(at, "training_load_chart")
        bars = trace(spec, "Daily load")
        return bars["y"]

    light = open_app("load", bodyweight_kg="70")
    heavy = open_app("load", bodyweight_kg="100")
    none = open_app("load", carrier="Nothing")
    # Heavier runner, heavier vest (3.5 -> 4.5 kg start, 7 -> 10 kg ceiling): the loaded runs' session
    # load is scaled by (body + load) / body, so the series differ only on loaded days.
    assert loaded_day_loads(light) != loaded_day_loads(heavy)
    energy_light, energy_none = chart(light, "energy_chart"), chart(none, "energy_chart")
    assert sum(trace(energy_light, "Added by the carried load")["y"]) > 0
    assert sum(trace(energy_none, "Added by the carried load")["y"]) == 0
    assert "the carried load adds **0 kcal**" in texts(none)
    ratio = trace(chart(light, "training_load_chart"), "Acute:chronic")["y"]
    assert all(0.5 < r < 2 for r in ratio)
    page = texts(light)
    assert "do not predict injury" in page and "Foster 2001" in page and "±7%" in page


def test_load_page_flags_a_jump_and_names_its_sources():
    at = open_app("load", easy_run_km="1", hard_run_km="1", long_run_km="1", rpe_strength="9",
                  strength_level="Standard")
    warning = " ".join(w.value for w in at.warning)
    assert "acute:chronic load ratio reaches" in warning and "Williams 2017" in warning


def test_load_inputs_are_in_the_link_and_change_the_plan():
    slow = open_app("load", easy_pace_min_per_km="7:00")
    fast = open_app("load", easy_pace_min_per_km="5:00")
    assert "7:00 /km" in texts(slow) and "5:00 /km" in texts(fast)
    assert sum(trace(chart(slow, "training_load_chart"), "Daily load")["y"]) > sum(trace(chart(fast, "training_load_chart"), "Daily load")["y"])
    imperial = open_app("load", units="Imperial", easy_pace_min_per_km="9:39 /mi")
    assert "9:39 /mi" in texts(imperial)


def test_the_form_test_sits_next_to_the_loaded_runs_table():
    vest = open_app("load")
    assert len(vest.dataframe) == 1  # the loaded runs table (the charts' numbers are drawn once opened)
    assert FORM_TEST_NOTE.endswith("(002)")
    assert FORM_TEST_NOTE in [c.value for c in vest.caption]
    for carrier in ("none", "ankle_weights"):
        assert FORM_TEST_NOTE not in texts(open_app("load", carrier=carrier))
