"""Each unit system's own grid: every value on it round-trips through the widget, the link and a
saved profile unchanged, and a number between two of its values moves only the safe way."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.io.profile import profile_json, read_profile, sidebar_params
from core.planner.models import PlanInputs
from core.planner.units import KG_PER_LB, KM_PER_MI
from core.present.grids import GRIDS, number_label, number_text
from core.present.links import check_query, link_params
from core.present.specs import SPEC_BY_NAME
from pages._ui.sidebar import TYPED, from_widget, shown

UNITS = ("metric", "imperial")


@st.composite
def grid_values(draw):
    """(field, unit system of the grid, the other one shown, metric value) for a value on a grid."""
    name = draw(st.sampled_from(sorted(GRIDS)))
    system = draw(st.sampled_from(UNITS))
    shown_units = draw(st.sampled_from(UNITS))
    grid = GRIDS[name][system]
    return name, system, shown_units, grid.metric(draw(st.sampled_from(grid.shown_values())))


def inputs_with(name: str, value: float, units: str) -> PlanInputs:
    return PlanInputs(**{name: value, "units": units})


@settings(max_examples=400, deadline=None)
@given(grid_values())
def test_a_grid_value_round_trips_through_widget_link_and_profile(case):
    name, system, units, value = case
    spec = SPEC_BY_NAME[name]
    # The widget: a typed number shows the grid value and reads back the same metric value.
    if name in TYPED and system == units:
        assert from_widget(spec, shown(spec, value, units), units) == value
    # The link: written in the grid's own notation, read back exactly, without a message.
    param, text = number_text(name, value, units)
    check = check_query({"units": [units], param: [text]})
    assert check.values[name] == value and check.messages == []
    # The whole link and a saved profile, in either units.
    inputs = inputs_with(name, value, units)
    assert check_query(link_params(inputs)).values[name] == value
    opened, messages = read_profile(profile_json(inputs))
    assert opened is not None and getattr(opened, name) == value and messages == []
    params, moved = sidebar_params(opened)
    assert moved == [] and check_query(params).values[name] == value


@pytest.mark.parametrize(
    ("name", "units", "typed", "expected"),
    [
        ("bodyweight_kg", "imperial", 199, 199 * KG_PER_LB),
        ("bodyweight_kg", "imperial", 199.9, 199 * KG_PER_LB),  # down: a lighter runner, lighter loads
        ("bodyweight_kg", "metric", 72.37, 72.3),
        ("equipment_max_kg", "imperial", 5, 5 * KG_PER_LB),
        ("easy_run_km", "imperial", 6, 6 * KM_PER_MI),
        ("long_run_km", "imperial", 20, 20 * KM_PER_MI),
        ("long_run_km", "imperial", 19.99, 19.9 * KM_PER_MI),
        ("hard_run_km", "metric", 6.45, 6.4),
    ],
)
def test_typed_numbers_land_on_their_unit_systems_grid_the_safe_way(name, units, typed, expected):
    assert from_widget(SPEC_BY_NAME[name], typed, units) == pytest.approx(expected, abs=1e-12)


def test_what_the_issue_could_not_pick_before_can_be_picked_now():
    # 199 lb, a 5 lb vest capacity, a 20 mi long run and a 6 mi easy run are on imperial's grids;
    # the default plate step reads in pounds, then as the 0.5 kg plate it is.
    for name, shown_value in (("bodyweight_kg", 199), ("equipment_max_kg", 5), ("long_run_km", 20),
                              ("easy_run_km", 6)):
        assert shown_value in GRIDS[name]["imperial"].shown_values()
    assert number_label("load_step_kg", 0.5, "imperial") == "1.1 lb (0.5 kg)"
    assert [number_label("load_step_kg", GRIDS["load_step_kg"]["metric"].metric(v), "metric")
            for v in GRIDS["load_step_kg"]["metric"].shown_values()] == [
        "0.25 kg", "0.5 kg", "1 kg", "1.25 kg", "2 kg", "2.5 kg", "5 kg"]
    assert [number_label("load_step_kg", GRIDS["load_step_kg"]["imperial"].metric(v), "imperial")
            for v in GRIDS["load_step_kg"]["imperial"].shown_values()] == [
        "1 lb", "1.25 lb", "2.5 lb", "5 lb", "10 lb"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(GRIDS)), st.sampled_from(UNITS), st.floats(0, 1))
def test_a_number_between_steps_moves_the_safe_way_and_stays_valid(name, units, fraction):
    grid = GRIDS[name][units]
    values = grid.shown_values()
    low, high = values[0], values[-1]
    metric = grid.metric(low + fraction * (high - low))
    snapped = grid.snap(metric)
    assert grid.holds(snapped)
    PlanInputs(**{name: snapped})  # always a valid input
    tolerance = 1e-6 * max(1.0, abs(metric))  # within it, a number counts as on the grid
    if grid.safe == "down":
        assert snapped <= metric + tolerance
    elif grid.safe == "up":
        assert snapped >= metric - tolerance
    else:
        step = grid.metric(grid.step)
        assert math.isclose(snapped, metric, abs_tol=step / 2 + 1e-9)
