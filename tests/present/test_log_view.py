"""How the training log reads: a session in one line, the table's rows, the form-test sentence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from core.planner.log import Session
from core.present.log_view import (
    FORM_TEST_NOT_LOADED,
    IMPORTED,
    NOT_GIVEN,
    form_test_problem,
    how_it_went,
    session_label,
    table_rows,
)

DAY = dt.date(2026, 12, 2)  # a Wednesday


@dataclass(frozen=True)
class Entry:
    session: Session
    edited: bool = False


@pytest.mark.parametrize(("session", "units", "label"), [
    (Session(date=DAY, distance_km=8, minutes=50), "metric", "Wed 02 Dec 2026 · Run · 8 km"),
    (Session(date=DAY, distance_km=8, minutes=50, load_kg=4), "metric", "Wed 02 Dec 2026 · Run · 8 km · carrying 4 kg"),
    (Session(date=DAY, kind="strength", minutes=20), "metric", "Wed 02 Dec 2026 · Strength"),
    (Session(date=DAY, distance_km=0, minutes=0, outcome="skipped"), "metric", "Wed 02 Dec 2026 · Run · skipped"),
    (Session(date=DAY, distance_km=8.04672, minutes=50, outcome="changed"), "imperial",
     "Wed 02 Dec 2026 · Run · 5 mi · changed"),
])
def test_a_session_in_one_line(session, units, label):
    assert session_label(session, units) == label


@pytest.mark.parametrize(("values", "problem"), [
    ({"form_ok": None, "kind": "strength", "load_kg": 0, "outcome": "as planned"}, None),
    ({"form_ok": True, "kind": "run", "load_kg": 4, "outcome": "as planned"}, None),
    ({"form_ok": False, "kind": "run", "load_kg": 4, "outcome": "changed"}, None),
    ({"form_ok": True, "kind": "run", "load_kg": 0, "outcome": "as planned"}, FORM_TEST_NOT_LOADED),
    ({"form_ok": True, "kind": "strength", "load_kg": 4, "outcome": "as planned"}, FORM_TEST_NOT_LOADED),
    ({"form_ok": False, "kind": "run", "load_kg": 4, "outcome": "skipped"}, FORM_TEST_NOT_LOADED),
])
def test_a_form_test_only_for_a_loaded_run(values, problem):
    assert form_test_problem(values) == problem


@pytest.mark.parametrize(("entry", "shown"), [
    (Entry(Session(date=DAY, distance_km=8, minutes=50, source="run.fit")), IMPORTED),
    (Entry(Session(date=DAY, distance_km=8, minutes=50, source="run.fit"), edited=True), "Done as planned"),
    (Entry(Session(date=DAY, distance_km=8, minutes=50, source="run.fit", outcome="changed")), "Changed"),
    (Entry(Session(date=DAY, distance_km=8, minutes=50)), "Done as planned"),
])
def test_how_it_went_says_imported_until_edited(entry, shown):
    assert how_it_went(entry) == shown


def test_table_rows_in_the_runners_units_with_a_dash_for_no_effort():
    rows = table_rows([Entry(Session(date=DAY, distance_km=8.04672, minutes=49.6, load_kg=4.5359237, form_ok=True)),
                       Entry(Session(date=DAY, kind="strength", minutes=20, rpe=6.5))], "imperial")
    assert rows[0]["Distance"] == "5 mi" and rows[0]["Load"] == "10 lb"
    assert (rows[0]["Minutes"], rows[0]["RPE"], rows[0]["Form test"], rows[0]["From"]) == (50, NOT_GIVEN, "Passed",
                                                                                            "typed in")
    assert (rows[1]["Session"], rows[1]["Distance"], rows[1]["RPE"], rows[1]["Form test"]) == ("Strength", "", "6.5", "")
