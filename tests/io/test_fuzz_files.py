"""Hostile uploaded profiles and hand-edited saved rows (issue 6): whatever the bytes, the planner
answers with valid inputs or clear messages, never an exception, and loading never changes a row.

CI runs a bounded number of examples; ``FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz_files.py``
is the full-size run."""

from __future__ import annotations

import json
import os

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import build_plan
from core.io import store
from core.io.profile import PROFILE_FORMAT, profile_json, read_profile
from core.planner.models import PlanInputs
from core.present.specs import SPECS
from tests.clock import NOW

EXAMPLES = max(1, int(os.environ.get("FUZZ_EXAMPLES", "300")))
FIELDS = [spec.name for spec in SPECS] + ["units"]
JUNK_TEXT = st.sampled_from(["nan", "inf", "-1e400", "", "\x00", "🎒", "<script>alert(1)</script>", "9" * 5000,
                             "Weighted vest", "vest", "2026-02-30", "true", "Mon"])
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
              st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40), JUNK_TEXT),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
INPUTS = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=20)), JSON_VALUES, max_size=12)
PROFILES = st.fixed_dictionaries(
    {"format": st.one_of(st.just(PROFILE_FORMAT), JSON_VALUES), "version": st.one_of(st.just(1), JSON_VALUES),
     "inputs": st.one_of(INPUTS, JSON_VALUES)})
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_answer(inputs, messages) -> None:
    assert isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
    if inputs is None:
        assert messages, "a refused file says why"
    else:
        assert isinstance(inputs, PlanInputs)
        build_plan(inputs)


@SETTINGS
@given(st.binary(max_size=2048))
def test_any_bytes_as_a_profile(data):
    _check_answer(*read_profile(data))


@SETTINGS
@given(PROFILES)
def test_hostile_profiles_open_or_explain(document):
    inputs, messages = read_profile(json.dumps(document).encode())
    _check_answer(inputs, messages)
    raw = document["inputs"]
    if inputs is not None and isinstance(raw, dict):
        for key, value in raw.items():  # every value not used as given is named
            if key in FIELDS and getattr(inputs, key, None) != value and not isinstance(value, (list, str, int, float)):
                assert any(key in m for m in messages), (key, value, messages)
            if key not in FIELDS:
                assert any(key[:20] in m for m in messages) or not key, (key, messages)


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    engine = store.create_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'rows.db'}")
    store.ensure_schema(engine)
    version = store.save(engine, store.LOCAL_OWNER, "Fuzzed runner", PlanInputs(), now=NOW)
    yield engine, version
    engine.dispose()


@SETTINGS
@given(row=st.one_of(st.text(max_size=300), PROFILES.map(json.dumps), INPUTS.map(json.dumps),
                     st.just(profile_json(PlanInputs(bodyweight_kg=80)))))
def test_hand_edited_rows_load_with_messages_and_stay_unchanged(saved, row):
    engine, version = saved
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE plan_versions SET inputs_json = :row WHERE id = :id"),
                     {"row": row, "id": version.id})
    loaded = store.load(engine, store.LOCAL_OWNER, version.athlete_id)
    assert loaded.ok == (loaded.inputs is not None)
    if loaded.inputs is None:
        assert loaded.problems and all(isinstance(p, str) and p for p in loaded.problems)
    else:
        build_plan(loaded.inputs)
    with engine.connect() as conn:  # loading never rewrites or deletes the row
        stored = conn.execute(sa.text("SELECT inputs_json FROM plan_versions WHERE id = :id"),
                              {"id": version.id}).scalar_one()
    assert stored == row
