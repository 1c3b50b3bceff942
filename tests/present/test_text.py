"""One voice: an input's value reads the same wherever it appears (the sidebar's widget, the
report's inputs, the Athletes history, the profile's messages), for every field in both units."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from core import PlanInputs, build_plan
from core.io.plan_csv import plan_csv
from core.io.report import report_html
from core.planner.units import distance_unit, mass_unit
from core.present.specs import SPECS, FieldSpec, option_label
from core.present.text import field_label, headline, input_changes, inputs_rows, value_text
from tests.clock import TODAY


def sample(spec: FieldSpec):
    """A value other than the default, on the field's grid."""
    default = getattr(PlanInputs(), spec.name)
    if spec.name == "long_run_day":
        return "sat"
    if spec.kind == "bool":
        return not default
    if spec.kind == "date":
        return dt.date(2027, 3, 1)
    if spec.kind == "multi":
        return ("wed",) if spec.name.endswith("_days") else ("knee",)
    if spec.kind == "int":
        return spec.options[0] + 1 if default != spec.options[0] + 1 else spec.options[0] + 2
    return next(o for o in reversed(spec.options[: len(spec.options) // 2 + 2]) if o != default)


def inputs_with(spec: FieldSpec, value, units: str) -> PlanInputs:
    changes = {spec.name: value, "units": units}
    if spec.name.startswith("pack_"):
        changes["carrier"] = "backpack"
    if spec.name == "rest_days":
        changes["hard_days"] = ("tue",)
    return PlanInputs(**{"start_date": dt.date(2026, 11, 23), **changes})


CASES = [(spec, units) for spec in SPECS for units in ("metric", "imperial")]


@pytest.mark.parametrize(("spec", "units"), CASES, ids=[f"{s.name}-{u}" for s, u in CASES])
def test_a_value_reads_the_same_in_the_sidebar_report_and_history(spec, units):
    value = sample(spec)
    inputs = inputs_with(spec, value, units)
    text = value_text(spec.name, getattr(inputs, spec.name), units)
    # The sidebar: the widget shows the option label; the text is that label with its unit.
    if spec.kind in ("mass", "distance", "pace"):
        assert text == option_label(spec, value, units)
    elif spec.kind in ("choice", "multi"):
        assert all(option_label(spec, v, units) in text for v in (value if isinstance(value, tuple) else (value,)))
    # The report's inputs table and the rows behind it.
    assert (spec.section, spec.label, text) in inputs_rows(inputs)
    page = report_html(build_plan(inputs), None, figures=[], today=TODAY)
    assert f"<td>{html.escape(field_label(spec.name))}</td><td>{html.escape(text)}</td>" in page
    # The Athletes history reads the saved (JSON) form the same way.
    before = PlanInputs(start_date=dt.date(2026, 11, 23), units=units).model_dump(mode="json")
    after = inputs.model_dump(mode="json")
    line = next(line for line in input_changes(before, after, units) if line.startswith(spec.label + ":"))
    assert line.endswith(f" → {text}") or line.endswith(f"set to {text}"), line  # "set to": from nothing (an event)


@pytest.mark.parametrize("units", ["metric", "imperial"])
def test_csv_headers_and_headline_use_the_same_units(units):
    plan = build_plan(PlanInputs(start_date=dt.date(2026, 11, 23), units=units))
    header = plan_csv(plan).splitlines()[0].split(",")
    assert f"load_{mass_unit(units)}" in header and f"run_{distance_unit(units)}" in header
    facts = dict((label, value) for label, value, _ in headline(plan))
    assert facts["Start load"].endswith(f" {mass_unit(units)}")


def test_eighty_kilograms_read_the_same_in_the_report_and_the_history():
    # The disagreement that started this: "176.4 lb" in the report, "176 lb" in the history.
    inputs = PlanInputs(bodyweight_kg=80, units="imperial", start_date=dt.date(2026, 11, 23))
    page = report_html(build_plan(inputs), None, figures=[], today=TODAY)
    assert "<td>Bodyweight</td><td>176 lb</td>" in page and "176.4" not in page
    assert input_changes({"bodyweight_kg": 70.0}, {"bodyweight_kg": 80.0}, "imperial") == ["Bodyweight: 154 → 176 lb"]


def test_every_refusal_about_an_input_names_where_the_input_really_is():
    from core.present.text import PACK_STRAPS_WHERE, where_to_change

    assert where_to_change("pack_missing_straps") == PACK_STRAPS_WHERE.format(place="in the sidebar (on a phone: Pages and inputs)")
    assert "Edit profile > Goal & equipment" in PACK_STRAPS_WHERE
    assert where_to_change("pack_missing_straps", presenting=True) == \
        PACK_STRAPS_WHERE.format(place="in the bar at the top of the page")
    assert where_to_change("building_mileage") == "Change Currently building mileage under Edit profile > Runner."
    assert where_to_change("equipment_too_small") == \
        "Change Most your equipment holds under Edit profile > Goal & equipment."
    assert where_to_change("disclaimer") is None


def test_imperial_shows_every_mass_in_pounds():
    from core.planner.models import PlanInputs
    from core.present.text import profile_summary

    gear = profile_summary(PlanInputs(units="imperial"))[1]
    assert gear.startswith("Equipment holds 22 lb, in 1.1 lb (0.5 kg) steps")
