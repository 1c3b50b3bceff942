"""Hand-over files: CSV in the user's units, a JSON profile that reopens the same plan, an
iCalendar file read back by an independent parser, and a printable self-contained report."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pandas as pd
import pytest
import vobject
from hypothesis import given, settings

from core import PlanInputs, build_plan
from core.export import (
    MAX_PROFILE_BYTES,
    PROFILE_FORMAT,
    calendar_events,
    file_stem,
    plan_csv,
    plan_ics,
    profile_json,
    read_profile,
    report_html,
    sidebar_params,
)
from core.fields import SPECS, check_query
from tests.clock import NOW, TODAY
from tests.test_invariants import plan_inputs

MONDAY = dt.date(2026, 11, 23)
STAMP = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def plan_of(**changes):
    return build_plan(PlanInputs(start_date=MONDAY, **changes))


def profile_with(**inputs) -> bytes:
    document = json.loads(profile_json(PlanInputs(start_date=MONDAY)))
    document["inputs"].update(inputs)
    return json.dumps(document).encode()


# --- CSV --------------------------------------------------------------------------------------

def test_csv_has_every_frame_column_in_metric():
    plan = plan_of()
    frame = pd.read_csv(io.StringIO(plan_csv(plan)), keep_default_na=False)
    assert list(frame.columns) == list(plan.to_frame().columns)
    assert len(frame) == 7 * plan.inputs.weeks
    assert frame["load_kg"].max() == pytest.approx(plan.to_frame()["load_kg"].max())
    assert frame["date"].iloc[0] == "2026-11-23"


def test_csv_in_imperial_renames_and_converts_unit_columns():
    plan = plan_of(units="imperial")
    metric = plan.to_frame()
    frame = pd.read_csv(io.StringIO(plan_csv(plan)), keep_default_na=False)
    expected = [re.sub(r"_kg$", "_lb", re.sub(r"_km$", "_mi", c)) for c in metric.columns]
    assert list(frame.columns) == expected
    assert not any(c.endswith(("_kg", "_km")) for c in frame.columns)
    loaded = frame[frame["loaded"]].iloc[0]
    assert loaded["load_lb"] == pytest.approx(3.5 / 0.45359237, abs=1e-3)
    assert loaded["run_mi"] == pytest.approx(4.0 / 1.609344, abs=1e-3)
    others = [c for c in metric.columns if not c.endswith(("_kg", "_km")) and c != "date"]
    pd.testing.assert_frame_equal(frame[others], metric[others], check_dtype=False)


# --- JSON profile -------------------------------------------------------------------------------

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
                              "Using the default, metric."),
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
                        rest_days=(), injuries=("knee", "hip"), start_date=MONDAY, units="imperial")
    params, messages = sidebar_params(inputs)
    check = check_query(params)
    assert messages == [] and check.messages == []
    assert set(check.values) == {s.name for s in SPECS} | {"units"}
    assert PlanInputs.model_validate(check.values) == inputs


def test_sidebar_params_say_when_a_number_moves_to_the_widget_grid():
    params, messages = sidebar_params(PlanInputs(bodyweight_kg=71.23))
    assert check_query(params).values["bodyweight_kg"] == 71.0
    assert messages == ["Bodyweight: 71.2 kg is shown as 71 kg, the nearest value the sidebar offers."]


# --- iCalendar ----------------------------------------------------------------------------------

def expected_event_count(plan) -> int:
    frame = plan.to_frame()
    return int(frame["loaded"].sum() + (frame["run"] == "long").sum()) + len(plan.strength_sessions)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"loaded_runs_per_week": 2, "weeks": 20, "units": "imperial"},
        {"experience": "experienced", "strength_level": "advanced", "weeks": 8},  # plyometrics too
        {"carrier": "ankle_weights"},  # blocked: no loaded runs, strength and long runs remain
    ],
)
def test_ics_parses_with_an_independent_parser_and_has_one_event_per_session(changes):
    plan = plan_of(**changes)
    calendar = vobject.readOne(plan_ics(plan, "Jane Doe", now=STAMP).decode("utf-8"))
    events = calendar.vevent_list
    assert len(events) == expected_event_count(plan) > 0
    assert len({e.uid.value for e in events}) == len(events)
    for event in events:
        start, end = event.dtstart.value, event.dtend.value
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)  # all-day
        assert event.dtstamp.value == STAMP
    loaded = [e for e in events if e.summary.value.startswith("Loaded run")]
    assert len(loaded) == int(plan.to_frame()["loaded"].sum())
    strength = [e for e in events if e.summary.value.startswith(("Strength", "Plyometrics"))]
    assert len(strength) == len(plan.strength_sessions)
    assert "Jane Doe" in calendar.contents["x-wr-calname"][0].value


def test_ics_titles_and_descriptions_read_well():
    plan = plan_of()
    events = {e.dtstart.value: e for e in vobject.readOne(plan_ics(plan, None, now=STAMP).decode()).vevent_list
              if e.summary.value.startswith("Loaded")}
    first = events[dt.date(2026, 11, 25)]
    assert first.summary.value == "Loaded run · 3.5 kg vest · 4 km easy"
    assert "Form test: if the load changes how you run" in first.description.value
    assert "Lean from the ankles" in first.description.value
    strength = next(e for e in vobject.readOne(plan_ics(plan, None, now=STAMP).decode()).vevent_list
                    if e.summary.value.startswith("Strength"))
    assert strength.summary.value == "Strength A · 20 min"
    assert "- Front squat: 2 x 8 (easier: Box squat)" in strength.description.value
    imperial = plan_of(units="imperial")
    titles = [t for _, _, t, _ in calendar_events(imperial)]
    assert "Loaded run · 7.7 lb vest · 2.5 mi easy" in titles and "Long run · 9.9 mi" in titles


def test_ics_uids_are_stable_and_differ_between_athletes():
    plan = plan_of()
    uids = lambda ics: [e.uid.value for e in vobject.readOne(ics.decode()).vevent_list]  # noqa: E731
    assert uids(plan_ics(plan, "Jane", now=STAMP)) == uids(plan_ics(plan, "Jane", now=NOW))
    assert set(uids(plan_ics(plan, "Jane", now=NOW))).isdisjoint(uids(plan_ics(plan, "Ann", now=NOW)))


# --- Report -------------------------------------------------------------------------------------

def test_report_is_self_contained_and_escapes_the_name():
    plan = plan_of()
    page = report_html(plan, '<img src=x onerror="alert(1)"> Jane & Co', today=TODAY)
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Jane &amp; Co" in page
    assert "<img" not in page
    assert page.count("Plotly.newPlot") == 2  # the load chart and the volume chart
    assert page.count("plotly.js v") == 1  # the library is embedded once
    assert not re.search(r"<script[^>]+src=", page)  # nothing loaded from the network
    for words in ("Week by week", "Source: 002", "Start load", "3.5 kg", "Bodyweight", "70 kg", "@media print"):
        assert words in page


def test_report_without_loaded_runs_keeps_the_reasons_and_the_volume_chart():
    page = report_html(plan_of(carrier="dumbbells"), None, today=TODAY)
    assert page.count("Plotly.newPlot") == 1
    assert "Not for you yet" in page and 'class="athlete"' not in page


def test_report_follows_the_units():
    page = report_html(plan_of(units="imperial"), "Jo", today=TODAY)
    assert "7.7 lb" in page and "154.3 lb" in page and "Load (lb)" in page


def test_file_stem_is_safe_for_any_name():
    plan = plan_of()
    assert file_stem(plan, None) == "loaded-plan-2026-11-23"
    assert file_stem(plan, "  Zoë O'Brien  ") == "loaded-plan-zo-o-brien-2026-11-23"
