"""Scenario B against A: which inputs changed, the differences table and the two-line chart."""

from __future__ import annotations

import datetime as dt

import pytest

from core import PlanInputs, build_plan
from core.present.compare import (
    B_FIELDS,
    b_link,
    changed_inputs,
    compare_figure,
    differences_table,
    read_b_link,
    scenario_b,
)

A = PlanInputs(start_date=dt.date(2026, 11, 23))


def rows(changes: dict, a: PlanInputs = A) -> dict[str, tuple[str, str, bool]]:
    b, messages = scenario_b(a, changes)
    assert messages == []
    table = differences_table(build_plan(a), build_plan(b))
    return {r.What: (r.A, r.B, r.Differs) for r in table.itertuples()}


def differing(changes: dict, a: PlanInputs = A) -> set[str]:
    return {what for what, (_, _, differs) in rows(changes, a).items() if differs}


def test_b_is_a_copy_of_a_until_changed():
    b, messages = scenario_b(A, {})
    assert b == A and messages == [] and changed_inputs(A, b) == []
    assert differing({}) == set()


def test_b_keeps_a_units_and_other_inputs():
    a = A.model_copy(update={"units": "imperial", "bodyweight_kg": 82.0})
    b, _ = scenario_b(a, {"carrier": "backpack", "units": "metric", "not_a_field": 1})
    assert b.units == "imperial" and b.bodyweight_kg == 82.0 and b.carrier == "backpack"
    assert changed_inputs(a, b) == [("What you would carry", "Weighted vest", "Backpack")]


def test_b_change_that_does_not_fit_falls_back_to_a():
    a = A.model_copy(update={"weeks": 20})
    b, messages = scenario_b(a, {"weeks": 99, "deload_every": 3})
    assert b.weeks == 20 and b.deload_every == 3
    assert len(messages) == 1 and "Plan length" in messages[0]


@pytest.mark.parametrize(
    ("changes", "expected", "same"),
    [
        # a step every 2 weeks instead of 3: heavier sooner, same start
        ({"progression_weeks": 2}, {"Peak load", "Loaded distance (total)", "Finding: ceiling"},
         {"Start load", "Ceiling", "Loaded runs (total)", "Strength sessions", "Deload weeks"}),
        # two loaded runs a week: twice the loaded runs and more loaded km
        ({"loaded_runs_per_week": 2}, {"Loaded runs (total)", "Loaded distance (total)"},
         {"Start load", "Ceiling", "Strength sessions"}),
        # a backpack without straps is refused: no load at all, and the block is listed
        ({"carrier": "backpack"}, {"Loaded running", "Start load", "Peak load", "Ceiling reached",
                                   "Finding: pack missing straps", "Finding: carrier backpack not event"},
         {"Strength sessions", "Deload weeks"}),
        # deload every 3rd week
        ({"deload_every": 3}, {"Deload weeks", "Finding: deload alignment"}, {"Start load", "Ceiling"}),
        # a heavier runner starts heavier (capped at 4.5 kg in a vest) with a higher ceiling
        ({"bodyweight_kg": 100.0}, {"Start load", "Ceiling", "Peak load", "Finding: start load"},
         {"Strength sessions", "Deload weeks"}),
        # 5 lb plates: nothing below 2.27 kg steps
        ({"load_step_kg": 2.267962}, {"Start load"}, {"Loaded running", "Strength sessions"}),
        ({"weeks": 24}, {"Plan length", "Strength sessions", "Ceiling reached", "Loaded runs (total)"}, {"Start load"}),
    ],
)
def test_differences_that_matter_are_marked(changes, expected, same):
    found = differing(changes)
    assert expected <= found, found
    assert not same & found, same & found


def test_table_values_read_in_the_user_units():
    table = rows({"progression_weeks": 2}, A.model_copy(update={"units": "imperial"}))
    assert table["Start load"][:2] == ("7.7 lb (5.0% of bodyweight)", "7.7 lb (5.0% of bodyweight)")
    assert table["Peak load"][0].startswith("12.1 lb") and table["Peak load"][1].startswith("14.3 lb")
    assert table["Loaded distance (total)"][0].endswith(" mi")


def test_ceiling_week_and_blocked_scenario_values():
    table = rows({"weeks": 24, "progression_weeks": 2})
    assert table["Ceiling reached"] == ("not within 12 weeks", "week 14", True)
    blocked = rows({"carrier": "dumbbells"})
    assert blocked["Loaded running"] == ("yes", "no (carrier dumbbells)", True)
    assert blocked["Start load"][1] == "—" and blocked["Loaded runs (total)"][1] == "0"
    finding = blocked["Finding: carrier dumbbells"]
    assert finding[0] == "—" and finding[1].startswith("Not for running: ")  # never for running, for anyone


def test_projected_load_rows_appear_when_the_plan_has_them():
    table = rows({"loaded_runs_per_week": 2})
    if "session_load" in build_plan(A).to_frame().columns:
        assert table["Projected session load (total)"][2]
    else:
        assert "Projected session load (total)" not in table


def test_b_fields_are_plan_inputs():
    assert set(B_FIELDS) <= set(PlanInputs.model_fields)


def test_chart_has_both_progressions_with_their_deloads():
    b, _ = scenario_b(A, {"progression_weeks": 2, "deload_every": 3})
    fig = compare_figure(build_plan(A), build_plan(b))
    traces = {t.name: t for t in fig.data}
    a_line, b_line = traces["A: load (kg)"], traces["B: load (kg)"]
    assert a_line.line.color != b_line.line.color and a_line.line.dash != b_line.line.dash
    assert list(a_line.y[:2]) == [3.5, 3.5] and max(b_line.y) > max(a_line.y)
    assert list(traces["A: deload weeks"].x) == [4, 8, 12]
    assert list(traces["B: deload weeks"].x) == [3, 6, 9, 12]
    shaded = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [round(s.x0 + 0.5) for s in shaded] == [12]  # only weeks both scenarios deload
    assert fig.layout.yaxis.title.text == "Load (kg)"


def test_chart_for_a_blocked_b_says_so_and_follows_units():
    a = A.model_copy(update={"units": "imperial"})
    b, _ = scenario_b(a, {"carrier": "ankle_weights"})
    fig = compare_figure(build_plan(a), build_plan(b))
    names = [t.name for t in fig.data]
    assert "A: load (lb)" in names and "B: no loaded runs" in names
    assert set(next(t for t in fig.data if t.name == "B: no loaded runs").y) == {0.0}


@pytest.mark.parametrize(
    ("a", "changes", "link"),
    [
        (A, {}, {}),
        (A, {"progression_weeks": 2, "weeks": 16}, {"b_progression_weeks": ["2"], "b_weeks": ["16"]}),
        (A, {"carrier": "backpack", "pack_hip_belt": True},
         {"b_carrier": ["Backpack"], "b_pack_hip_belt": ["true"]}),
        # a number is written in the notation of the grid it sits on: 90 kg stays kg, 200 lb is lb
        (A.model_copy(update={"units": "imperial"}), {"bodyweight_kg": 90.0}, {"b_bodyweight_kg": ["90"]}),
        (A.model_copy(update={"units": "imperial"}), {"bodyweight_kg": 200 * 0.45359237},
         {"b_bodyweight_lb": ["200"]}),
        (A, {"load_step_kg": 1.0, "equipment_max_kg": 20.0},
         {"b_equipment_max_kg": ["20"], "b_load_step_kg": ["1"]}),
    ],
)
def test_b_link_holds_only_what_differs_and_reads_back(a, changes, link):
    b, _ = scenario_b(a, changes)
    assert b_link(a, b) == link
    read, messages = read_b_link(link, a)
    assert messages == [] and scenario_b(a, read)[0] == b


@pytest.mark.parametrize(
    ("params", "changes", "messages"),
    [
        ({"b_weeks": ["99"]}, {},
         ["Link: Scenario B's Plan length (weeks) '99' is not a whole number from 4 to 52. B uses A's value, 12."]),
        ({"b_carrier": ["sandbag"], "b_goal": ["Strength"]}, {"goal": "strength"},
         ["Link: Scenario B's What you would carry 'sandbag' is not one of Weighted vest, Backpack, Ankle weights, "
          "Wrist weights, Dumbbells in hand, Nothing. B uses A's value, Weighted vest."]),
        ({"b_bodyweight_kg": ["80.37"]}, {"bodyweight_kg": 80.3},
         ["Link: Scenario B's Bodyweight 80.37 kg is between two of the sidebar's steps. Using 80.3 kg "
          "(rounded down, the safe side)."]),
        ({"b_age": ["40"], "b_": ["1"]}, {},
         ["Link: 'b_age' is not one of scenario B's settings and was ignored.",
          "Link: 'b_' is not one of scenario B's settings and was ignored."]),
        ({"b_weeks": ["12"], "b_deload_every": ["4"]}, {}, []),  # A's own values: no change, no message
        ({"b_weeks": ["16", "20"]}, {},
         ["Link: Scenario B's Plan length (weeks) is given 2 times; expected a whole number from 4 to 52. "
          "B uses A's value, 12."]),
        ({"weeks": ["16"], "bodyweight_kg": ["abc"]}, {}, []),  # A's parameters are the sidebar's business
    ],
)
def test_read_b_link_keeps_what_it_can_and_says_what_it_cannot(params, changes, messages):
    assert read_b_link(params, A) == (changes, messages)
