"""Hostile links: generated query strings through the URL checker and through the whole app.

Wrong types, huge numbers, NaN, inf, -0, empty values, repeated and unknown keys, unicode (right-to-
left marks, emoji, NUL), 10 kB values, with valid values mixed in. The checker must never raise,
must return valid inputs, and must name every parameter it could not use; the app must open with a
plan or a clear message, never an exception.

CI runs a bounded number of examples (derandomized when ``CI`` is set). Full-size runs:

    FUZZ_EXAMPLES=20000 FUZZ_APP_EXAMPLES=2000 uv run --frozen --extra test pytest tests/present/test_links.py -p no:cacheprovider
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from core import build_plan
from core.planner.models import PlanInputs
from core.planner.units import KG_PER_LB, KM_PER_MI
from core.present.grids import GRIDS, PARAM_NOTATION
from core.present.links import check_query
from core.present.problems import resolve_inputs
from core.present.specs import SPEC_BY_NAME, SPECS, UNITS_NAMES, FieldSpec, option_label
from tests.apptest import APP

PURE_EXAMPLES = max(1, int(os.environ.get("FUZZ_EXAMPLES", "1000")))
APP_EXAMPLES = max(1, int(os.environ.get("FUZZ_APP_EXAMPLES", "25")))
IN_CI = bool(os.environ.get("CI"))
MESSAGE_MAX = 400  # a message quotes at most 40 characters of what it was given

NUMBERISH = ["nan", "NaN", "inf", "-inf", "Infinity", "-0", "-0.0", "0", "1e400", "-1e400", "1e308", "1e-320",
             "99999999999999999999999", "-5", "0x10", "1_000", "80,5", "８０", "٨٠", " 80 ", "80kg", "80 lb", "5 mi",
             "12.0", "12.5", "4", "52", "53", "3", "true", "yes", "2026-02-30", "2026-01-05", "9000-12-31",
             "0001-01-01", "+80", "1e2", ".5"]
UNICODE = ["\u202eevil\u202c", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "🏃‍♀️🎒",
           "a\x00b", "\x00", "\ufeff80", "Ｖｅｓｔ", "ВЕСТ", "\u200b", "<script>alert(1)</script>", "%00", "'\"`;--"]


def _valid_text(spec: FieldSpec) -> st.SearchStrategy[str]:
    """A value the checker should accept, written as the app or a person would write it."""
    units = st.sampled_from(list(UNITS_NAMES))
    if spec.kind in ("mass", "distance", "choice", "multi"):
        options = st.sampled_from(spec.options)
        return st.one_of(options.map(str), st.builds(lambda o, u: option_label(spec, o, u), options, units))
    if spec.kind == "int":
        return st.integers(spec.options[0], spec.options[1]).map(str)
    if spec.kind == "bool":
        return st.sampled_from(["true", "false", "1", "0", "yes", "no", "True"])
    return st.dates().map(lambda d: d.isoformat())  # out-of-range dates must be named, not crash


HOSTILE = st.one_of(
    st.sampled_from(NUMBERISH + UNICODE + ["", " "]),
    st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["9", "a", "é", "🎒", "\u202e"]).map(lambda c: c * 10_000),  # 10 kB values
)
KNOWN_KEYS = [spec.name for spec in SPECS] + ["units"]
KEYS = st.one_of(st.sampled_from(KNOWN_KEYS), st.sampled_from(["", " ", "colour", "bodyweight", "Units",
                                                                  "weeks[]", "\x00", "🎒", "a" * 200]),
                 st.text(max_size=20))


@st.composite
def query(draw) -> dict[str, list[str]]:
    """A parsed query string: key -> every value it was given (repeated keys give several)."""
    params: dict[str, list[str]] = {}
    for key in draw(st.lists(KEYS, max_size=10, unique=True)):
        spec = SPEC_BY_NAME.get(key)
        one = _valid_text(spec) if spec and draw(st.booleans()) else HOSTILE
        if key == "units" and draw(st.booleans()):
            one = st.sampled_from(["metric", "imperial", "Imperial", "METRIC"])
        params[key] = draw(st.lists(one, min_size=1, max_size=3 if draw(st.integers(0, 4)) == 0 else 1))
    return params


def _same(a, b) -> bool:
    if isinstance(a, tuple | list) and isinstance(b, tuple | list):
        return set(a) == set(b)
    return a == b


def _named(messages: list[str], *names: str) -> bool:
    return any(name in message for message in messages for name in names if name)


def _names_parameter(messages: list[str], key: str) -> bool:
    """A message that names URL parameter ``key``: by the sidebar's label, or quoted if the
    planner doesn't know it."""
    spec = SPEC_BY_NAME.get(key)
    label = "Units" if key == "units" else spec.label if spec else None
    return _named(messages, f"Link: {label} " if label else "", f"'{key[:40]}'")


def check_link(params: dict[str, list[str]]) -> None:
    check = check_query(params)
    assert set(check.values) <= set(KNOWN_KEYS)
    assert all(isinstance(m, str) and 0 < len(m) <= MESSAGE_MAX for m in check.messages), check.messages
    for key in params:
        if key not in check.values:  # dropped: a message names the parameter
            assert _names_parameter(check.messages, key), (key, check.messages)
    # The link the app writes back (normalized, the widgets' own format) reads as the same values.
    again = check_query(check.normalized)
    assert again.values == check.values and not again.messages, (check.normalized, again.messages)

    inputs, repairs = resolve_inputs(check.values)
    assert isinstance(inputs, PlanInputs)
    assert PlanInputs.model_validate(inputs.model_dump()) == inputs
    assert build_plan(inputs).days  # valid inputs make a plan
    assert all(isinstance(m, str) and 0 < len(m) <= MESSAGE_MAX for m in repairs), repairs
    for key, value in check.values.items():
        if not _same(getattr(inputs, key), value):  # repaired: a message names the field or the day clash
            label = SPEC_BY_NAME[key].label if key in SPEC_BY_NAME else key
            assert _named(repairs, label, key) or (key.endswith("_days") and _named(repairs, "day")), \
                (key, value, getattr(inputs, key), repairs)


@settings(max_examples=PURE_EXAMPLES, deadline=None, derandomize=IN_CI, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(query())
def test_checker_never_raises_keeps_what_it_can_and_names_the_rest(params):
    check_link(params)


@pytest.mark.parametrize("params", [
    {"bodyweight_kg": ["nan"], "weeks": ["inf"], "age": ["-0"], "easy_run_km": ["1e400"]},
    {"weeks": ["12", "12"], "carrier": [""], "units": ["metric", "imperial"]},
    {"bodyweight_kg": ["9" * 10_000], "\u202ecarrier": ["vest"], "🎒": ["\x00"]},
    {"long_run_day": ["fri"], "rest_days": ["fri", "sun"], "hard_days": ["sun", "fri"]},
    {"start_date": ["0001-01-01"]},
    {"start_date": ["9000-12-31"], "weeks": ["52"]},
    {"start_date": ["9999-12-31"], "weeks": ["52"]},
])
def test_hand_picked_hostile_links(params):
    check_link(params)


def test_start_date_near_the_end_of_the_calendar_is_named():
    # Once a bug: a plan running past 9999-12-31 overflowed in build_plan. Start dates are bounded.
    check = check_query({"start_date": ["9999-12-31"], "weeks": ["52"]})
    assert "start_date" not in check.values and any("Link: Plan starts" in m for m in check.messages)


def _open(params: dict[str, list[str]]):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    for key, values in params.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    return at.run()


@pytest.fixture(autouse=True)
def _throwaway_database(monkeypatch, tmp_path_factory):
    # Pages that keep athletes never touch the developer's data/ from a test.
    path = tmp_path_factory.getbasetemp() / "fuzz-athletes.db"
    monkeypatch.setenv("PLANNER_DATABASE_URL", f"sqlite:///{path}")


# No shrinking through AppTest: at about a second a run it can take many minutes; the failing link
# is printed as found.
@settings(max_examples=APP_EXAMPLES, deadline=None, derandomize=IN_CI, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(query())
def test_app_opens_any_link_with_a_plan_or_a_clear_message(params):
    at = _open(params)
    assert not at.exception, (params, [e.value for e in at.exception])
    assert at.title, "the page shows nothing"
    shown = [w.value for w in at.warning] + [e.value for e in at.error] + [e.value for e in at.sidebar.error]
    plan_shown = any("plan-headline" in block.proto.body for block in at.html)
    assert plan_shown, (params, shown)
    check = check_query(params)
    for key in params:
        if key not in check.values:  # each unusable parameter is named on the page
            assert _names_parameter(shown, key), (key, shown)
    inputs = at.session_state["inputs"]
    for key, value in check.values.items():  # each usable one is used, or the page says why not
        if key.startswith("pack_") and inputs.carrier != "backpack":
            continue  # pack straps only count for a backpack, by design
        label = SPEC_BY_NAME[key].label if key in SPEC_BY_NAME else key
        assert _same(getattr(inputs, key), value) or _named(shown, label, key) or key.endswith("_days"), \
            (key, value, getattr(inputs, key), shown)


def test_app_uses_a_start_date_years_away():
    # Once a bug: st.date_input only took dates within 10 years of its default and dropped the rest
    # silently; the picker now spans the same range as PlanInputs.
    at = _open({"start_date": ["2040-01-02"]})
    assert not at.exception, [e.value for e in at.exception]
    assert str(at.session_state["inputs"].start_date) == "2040-01-02"


@pytest.mark.parametrize(
    ("params", "value", "message"),
    [
        ({"bodyweight_kg": ["55.37"]}, 55.3,
         "Link: Bodyweight 55.37 kg is between two of the sidebar's steps. Using 55.3 kg (rounded down, the safe side)."),
        ({"bodyweight_lb": ["199.6"], "units": ["Imperial"]}, 199 * KG_PER_LB,
         "Link: Bodyweight 199.6 lb is between two of the sidebar's steps. Using 199 lb (rounded down, the safe side)."),
        ({"bodyweight_lb": ["199"]}, 199 * KG_PER_LB, None),  # imperial notation in a metric link: exact
        ({"easy_run_mi": ["6"], "units": ["Imperial"]}, 6 * KM_PER_MI, None),
        ({"load_step_kg": ["0.3"]}, 0.5,
         "Link: Smallest weight step 0.3 kg is between two of the sidebar's steps. Using 0.5 kg (the next plate up: "
         "loads round down to it, the safe side)."),
        ({"load_step_lb": ["2.5"]}, 2.5 * KG_PER_LB, None),
        ({"load_step_kg": ["2.5 lb"], "units": ["Imperial"]}, 2.5 * KG_PER_LB, None),  # an older link's lb plate
        ({"easy_pace_min_per_mi": ["9:35"]}, GRIDS["easy_pace_min_per_km"]["imperial"].metric(round(9 + 35 / 60, 6)), None),
        ({"bodyweight_kg": ["198 lb"], "units": ["Imperial"]}, 90.0, None),  # the widget's own label: exact
        ({"bodyweight_kg": ["80"], "units": ["imperial"]}, 80.0, None),  # a metric number in an imperial link
        ({"easy_run_km": ["8.45"]}, 8.4,
         "Link: Usual easy run 8.45 km is between two of the sidebar's steps. Using 8.4 km (rounded down, the safe side)."),
        ({"hard_days": [""]}, (), None),  # no hard days is a choice, not an error
        ({"rest_days": ["", ""]}, (), None),
    ],
)
def test_links_are_read_exactly_or_rounded_down_and_say_so(params, value, message):
    check = check_query(params)
    name = PARAM_NOTATION.get(next(k for k in params if k != "units"), (next(k for k in params if k != "units"),))[0]
    assert check.values[name] == value
    assert check.messages == ([message] if message else [])
    again = check_query(check.normalized)  # the address bar the app writes reads back the same
    assert again.values == check.values and not again.messages


def test_an_empty_choice_is_written_as_an_empty_parameter():
    assert check_query({"hard_days": [""]}).normalized["hard_days"] == [""]
