"""The JSON profile: it reopens the same plan, and an untrusted file gets named problems."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings

from core import PlanInputs, build_plan
from core.io.profile import MAX_PROFILE_BYTES, PROFILE_FORMAT, profile_json, read_profile, sidebar_params
from core.present.links import check_query
from core.present.specs import SPECS
from tests.clock import NOW
from tests.strategies import plan_inputs

MONDAY = dt.date(2026, 11, 23)
STAMP = NOW


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def profile_with(**inputs) -> bytes:
    document = json.loads(profile_json(PlanInputs(start_date=MONDAY)))
    document["inputs"].update(inputs)
    return json.dumps(document).encode()


def test_profile_is_marked_and_readable():
    document = json.loads(profile_json(PlanInputs()))
    assert document["format"] == PROFILE_FORMAT and document["version"] == 1
    assert set(document["inputs"]) == set(PlanInputs.model_fields)


@pytest.mark.parametrize("units", ["metric", "imperial"])
def test_profile_round_trips_to_the_same_plan(units):
    inputs = PlanInputs(bodyweight_kg=83.7, carrier="backpack", pack_chest_strap=True, pack_hip_belt=True,
                        goal="pack_event", hard_days=("mon", "wed"), injuries=("knee",), weeks=20,
                        start_date=dt.date(2027, 3, 3), units=units)
    read, messages = read_profile(profile_json(inputs).encode())
    assert messages == []
    assert read == inputs
    assert build_plan(read) == build_plan(inputs)


@settings(max_examples=150, deadline=None)
@given(plan_inputs())
def test_any_profile_round_trips_to_an_identical_plan(inputs):
    read, messages = read_profile(profile_json(inputs).encode("utf-8"))
    assert messages == []
    assert read == inputs
    assert build_plan(read) == build_plan(inputs)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "The file is empty"),
        (b"   \n", "The file is empty"),
        (b"bodyweight_kg=80", "not valid JSON: it breaks off or goes wrong at line 1, column 1."),
        (b'{"format": ', "not valid JSON"),
        (b"[1, 2, 3]", "holds a JSON array, not a planner profile"),
        (b'"hello"', "holds JSON a string"),
        (b"42", "holds JSON a number"),
        (b"null", "holds JSON null"),
        (b'{"inputs": {}}', 'it has no "format"'),
        (b'{"format": "something-else", "inputs": {}}', "\"format\" 'something-else'"),
        (json.dumps({"format": PROFILE_FORMAT, "version": 2, "inputs": {}}).encode(), "newer version"),
        (json.dumps({"format": PROFILE_FORMAT, "version": "1", "inputs": {}}).encode(), '"version" is \'1\''),
        (json.dumps({"format": PROFILE_FORMAT, "version": True, "inputs": {}}).encode(), '"version" is true'),
        (json.dumps({"format": PROFILE_FORMAT, "version": 1}).encode(), 'no "inputs" object'),
        (json.dumps({"format": PROFILE_FORMAT, "version": 1, "inputs": [1]}).encode(), 'no "inputs" object'),
        (b"\xff\xfe{\x00}\x00", "not UTF-8 text (byte 1"),
        (b'{"a": 1, "a": 2}', "the key 'a' appears twice"),
        (b'{"format": NaN}', "NaN is not a number a profile can hold"),
        (b"[" * 5000 + b"]" * 5000, "not a usable JSON profile"),
        (b" " * (MAX_PROFILE_BYTES + 1), "a planner profile is at most 64 KB"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data, words):
    inputs, messages = read_profile(data)
    assert inputs is None
    assert len(messages) == 1 and words in messages[0], messages


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("bodyweight_kg", 500, "Bodyweight (bodyweight_kg): 500 cannot be used; it must be at most 200 kg. "
                               "Using the default, 70 kg."),
        ("bodyweight_kg", "80", "Bodyweight (bodyweight_kg): '80' cannot be used; it must be a number."),
        ("bodyweight_kg", True, "Bodyweight (bodyweight_kg): true cannot be used; it must be a number."),
        ("weeks", 12.5, "Plan length (weeks) (weeks): 12.5 cannot be used; it must be a whole number."),
        ("weeks", 3, "Plan length (weeks) (weeks): 3 cannot be used; it must be at least 4. Using the default, 12."),
        ("carrier", "Weighted vest", "What you would carry (carrier): 'Weighted vest' cannot be used; it must be "
                                     "one of vest, backpack, ankle_weights, wrist_weights, dumbbells, none."),
        ("hard_days", "mon", "Hard days (intervals, tempo) (hard_days): 'mon' cannot be used; it must be a list."),
        ("hard_days", ["mon", "someday"], "Hard days (intervals, tempo) (hard_days) (item 2): [\"mon\", \"someday\"] "
                                          "cannot be used; it must be one of mon, tue, wed, thu, fri, sat, sun."),
        ("start_date", "next week", "Plan starts (start_date): 'next week' cannot be used; it must be a date like "
                                    "2026-01-05. Using the default, the Monday after today."),
        ("units", "furlongs", "Units (units): 'furlongs' cannot be used; it must be one of metric, imperial. "
                              "Using the default, Metric."),
        ("age", None, "Age (years) (age): null cannot be used; it must be a whole number. Using the default, 35."),
    ],
)
def test_bad_fields_are_named_and_fall_back_to_their_default(field, value, words):
    inputs, messages = read_profile(profile_with(**{field: value}))
    assert inputs is not None
    assert getattr(inputs, field) == getattr(PlanInputs(), field)  # the default, not the bad value
    assert any(words in m for m in messages), messages


def test_good_fields_survive_next_to_bad_ones():
    inputs, messages = read_profile(profile_with(bodyweight_kg=90, weeks="twelve", colour="red"))
    assert inputs.bodyweight_kg == 90 and inputs.weeks == 12
    assert len(messages) == 2
    assert "'colour' is not a planner setting and was ignored." in messages


def test_whole_number_floats_are_accepted_for_whole_number_fields():
    inputs, messages = read_profile(profile_with(weeks=16.0))
    assert inputs.weeks == 16 and messages == []


def test_day_clash_is_repaired_and_explained():
    inputs, messages = read_profile(profile_with(long_run_day="fri", rest_days=["fri"]))
    assert inputs.long_run_day == "fri" and "fri" not in inputs.rest_days
    assert messages == ["The long-run day (Friday) can't also be a rest day: the plan treats it as Friday long "
                        "run; hard Tuesday, Thursday."]


def test_missing_fields_take_defaults_and_say_so():
    data = json.dumps({"format": PROFILE_FORMAT, "version": 1,
                       "inputs": {"bodyweight_kg": 80, "start_date": "2026-11-23"}}).encode()
    inputs, messages = read_profile(data)
    assert inputs.bodyweight_kg == 80 and inputs.weeks == 12
    assert len(messages) == 1 and messages[0].startswith("Not in the file, so the default is used: Age (years) (35)")


def test_unknown_top_level_keys_are_noted_and_a_bom_is_fine():
    document = json.loads(profile_json(PlanInputs()))
    document["saved_by"] = "coach"
    inputs, messages = read_profile(b"\xef\xbb\xbf" + json.dumps(document).encode())
    assert inputs == PlanInputs.model_validate(document["inputs"])
    assert messages == ["'saved_by' at the top of the file is not part of a profile and was ignored."]


def test_sidebar_params_are_read_back_by_the_link_checker():
    inputs = PlanInputs(bodyweight_kg=83.5, carrier="backpack", pack_hip_belt=True, hard_days=("mon",),
                        rest_days=(), injuries=("knee", "hip"), start_date=MONDAY, units="imperial",
                        event_date=MONDAY + dt.timedelta(days=7 * 20 + 5), event_kind="ruck",
                        event_standard="goruck_tough", running="build")
    params, messages = sidebar_params(inputs)
    check = check_query(params)
    assert messages == [] and check.messages == []
    assert set(check.values) == {s.name for s in SPECS} | {"units"}
    assert PlanInputs.model_validate(check.values) == inputs


def test_sidebar_params_say_when_a_number_moves_to_the_widget_grid():
    params, messages = sidebar_params(PlanInputs(bodyweight_kg=71.23))
    assert check_query(params).values["bodyweight_kg"] == 71.2
    assert messages == ["Bodyweight: 71.23 kg is used as 71.2 kg, the sidebar's step below it, the safe side."]
