"""The rules' numbers and sources: every citation in the code is in ``SOURCES``, docs/rules.md
and rules.py name the same constants and sections, and what the findings quote is what the
constants say and what the plan does (docs/rules.md)."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import math
import re
from pathlib import Path

import pytest

from core import PlanInputs, build_plan
from core.planner import rules
from core.planner.load import BASELINE_WEEKS, spike_runs
from core.planner.models import WEEKDAYS
from core.planner.plan import baseline_loads, training_load_findings, weekly_ratios
from core.planner.progression import ceiling_fraction
from core.planner.rules import (
    ACWR_BAND,
    CEILING_FRACTION_BW_GENERAL,
    CEILING_FRACTION_BW_MAX,
    DELOAD_LOADED_DISTANCE_FRACTION,
    DELOAD_LOADED_RUNS,
    MAX_LOAD_STEP_KG,
    SOURCES,
    SPIKE_FRACTION,
    SPIKE_HAZARD_RATIO,
    SPIKE_HR_UPPER_FRACTION,
    SPIKE_STUDY_RUNNERS,
    SPIKE_WINDOW_DAYS,
    START_FRACTION_BW,
    VEST_START_MAX_KG,
    cited_sources,
    source_text,
)
from core.planner.units import fmt_distance, fmt_mass, mass, ordinal, percent, percent_range
from core.planner.week import run_types

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "rules.md"
CODE_FILES = sorted([*ROOT.glob("core/**/*.py"), *ROOT.glob("pages/**/*.py")])
MONDAY = dt.date(2026, 11, 23)

NAME_YEAR = re.compile(r"\b([A-Z][A-Za-z]+) ((?:19|20)\d\d)\b")
"""An author-year citation: 'Bosquet 2007'."""
SEED_CODE = re.compile(r"\b00\d\b")
"""A source article: '002'."""
CITING = ("Finding", "Advice")
"""What carries a ``source`` citation: a finding, and the check-in's advice."""


# --- Sources: every citation in the code is known -------------------------------------------------

def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in CODE_FILES]


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def cited_in_texts() -> dict[str, set[str]]:
    """Every author-year and seed code written in a string of the code (texts, f-strings,
    docstrings), with where it was written."""
    found: dict[str, set[str]] = {}
    for path, tree in _trees():
        skip = _sources_dict_nodes(tree) if path == ROOT / "core" / "planner" / "rules.py" else set()
        for node in ast.walk(tree):
            if id(node) in skip or not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for match in NAME_YEAR.finditer(node.value):
                found.setdefault(match.group(0), set()).add(where)
            for match in SEED_CODE.finditer(node.value):
                found.setdefault(match.group(0), set()).add(where)
    return found


def _sources_dict_nodes(tree: ast.Module) -> set[int]:
    """The nodes inside ``SOURCES = {...}``: journal names in its citations ('Med 2025') are not
    citations of their own."""
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "SOURCES":
            assert node.value is not None
            return {id(n) for n in ast.walk(node.value)}
    raise AssertionError("rules.py has no SOURCES")


def source_arguments() -> dict[str, set[str]]:
    """Every ``source=`` of a finding or advice and every ``source_text(...)`` argument written in
    the code, including both arms of a conditional, and the ``source`` field defaults."""
    found: dict[str, set[str]] = {}
    for path, tree in _trees():
        for node in ast.walk(tree):
            values: list[str] = []
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                if name in CITING:
                    values += [s for k in node.keywords if k.arg == "source" for s in _strings(k.value)]
                if name == "source_text":
                    values += [s for arg in node.args for s in _strings(arg)]
            elif isinstance(node, ast.ClassDef) and node.name in CITING:
                values += [s for item in node.body if isinstance(item, ast.AnnAssign)
                           and isinstance(item.target, ast.Name) and item.target.id == "source"
                           and item.value is not None for s in _strings(item.value)]
            for value in values:
                found.setdefault(value, set()).add(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_scan_finds_the_citations_it_should():
    # If the scan found nothing it would pass for the wrong reason: these are known to be there.
    texts, arguments = cited_in_texts(), source_arguments()
    assert {"Bosquet 2007", "Frandsen 2025", "Foster 2001", "002", "004"} <= set(texts)
    assert {"Williams 2017; Gabbett 2016", "Banister 1975", "ACSM", "Frandsen 2025",
            "000, 002 (001 disagrees)"} <= set(arguments)
    assert "Med 2025" not in texts, "journal names inside SOURCES are not citations"


def test_every_citation_written_in_the_code_is_in_sources():
    unknown = {cite: sorted(where) for cite, where in cited_in_texts().items() if cite not in SOURCES}
    assert not unknown, unknown


def test_every_source_argument_resolves_part_by_part():
    unknown = {}
    for value, where in source_arguments().items():
        parts = cited_sources(value)
        assert parts, (value, where)
        missing = [p for p in parts if p not in SOURCES]
        if missing:
            unknown[value] = (missing, sorted(where))
    assert not unknown, unknown


@pytest.mark.parametrize(
    ("source", "parts"),
    [
        ("004", ["004"]),
        ("002, 000", ["002", "000"]),
        ("000, 002 (001 disagrees)", ["000", "002", "001"]),
        ("Williams 2017; Gabbett 2016; Lolli 2019; Impellizzeri 2020",
         ["Williams 2017", "Gabbett 2016", "Lolli 2019", "Impellizzeri 2020"]),
        ("Bosquet 2007", ["Bosquet 2007"]),
        ("Nobody 1999", ["Nobody 1999"]),  # unknown parts are kept as written, so the test above sees them
    ],
)
def test_cited_sources_splits_like_source_text(source, parts):
    assert cited_sources(source) == parts
    text = source_text(source)
    for part in parts:
        assert (f"{part}: {SOURCES[part]}" if part in SOURCES else part) in text


def test_bosquet_is_cited_in_full():
    assert SOURCES["Bosquet 2007"].startswith("Bosquet L, Montpetit J, Arvisais D, Mujika I.")
    assert "Med Sci Sports Exerc 2007;39(8):1358" in SOURCES["Bosquet 2007"]


def test_the_spike_study_has_one_cohort_size():
    # The finding, the citation and the docs all quote SPIKE_STUDY_RUNNERS.
    size = f"{SPIKE_STUDY_RUNNERS:,}"
    assert size in SOURCES["Frandsen 2025"]
    assert size in DOCS.read_text(encoding="utf-8")
    for path in CODE_FILES:
        assert "5,205" not in path.read_text(encoding="utf-8"), f"{path}: quote SPIKE_STUDY_RUNNERS instead"


# --- docs/rules.md and rules.py agree ------------------------------------------------------------

def _doc_sections() -> dict[int, str]:
    return {int(m.group(1)): m.group(2).strip()
            for m in re.finditer(r"^## (\d+)\. (.+)$", DOCS.read_text(encoding="utf-8"), re.MULTILINE)}


def test_rules_py_sections_are_the_docs_sections():
    text = (ROOT / "core" / "planner" / "rules.py").read_text(encoding="utf-8")
    assert "docs/rules.md" in (rules.__doc__ or "")
    comments = {int(n): title.strip() for n, title in
                re.findall(r"^# --- docs/rules\.md §(\d+) (.+?) -+$", text, re.MULTILINE)}
    assert comments, "rules.py's section comments name docs/rules.md sections"
    assert comments == _doc_sections()


def test_every_section_the_code_cites_exists():
    sections = _doc_sections()
    cited = set()
    for path in CODE_FILES:
        for first, last in re.findall(r"docs/rules\.md §(\d+)(?:-§(\d+))?", path.read_text(encoding="utf-8")):
            cited.update(range(int(first), int(last or first) + 1))
    assert cited and cited <= set(sections), cited - set(sections)


def test_docs_name_every_rule_constant_and_only_real_ones():
    named = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DOCS.read_text(encoding="utf-8")))
    constants = {name for name in vars(rules) if name.isupper()}
    assert constants - named == set(), "constants missing from docs/rules.md"
    assert named - constants == set(), "docs/rules.md names constants rules.py does not have"


def test_docs_list_every_source():
    table = set(re.findall(r"^\| ([^|]+?) \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE))
    assert set(SOURCES) <= table, set(SOURCES) - table


# --- What the findings quote is what the rules and the plan say ---------------------------------

PACK = {"carrier": "backpack", "pack_chest_strap": True, "pack_hip_belt": True}
CASES = {
    "default": {},
    "plates 2.5 kg": {"load_step_kg": 2.5, "weeks": 24},
    "imperial": {"units": "imperial", "bodyweight_kg": 81},
    "5 lb plates, imperial": {"units": "imperial", "load_step_kg": 5 * 0.45359237, "weeks": 30,
                              "bodyweight_kg": 110, "equipment_max_kg": 20},
    "two loaded runs": {"loaded_runs_per_week": 2, "progression_weeks": 2, "weeks": 16},
    "pack event": {**PACK, "goal": "pack_event", "bodyweight_kg": 90, "equipment_max_kg": 20, "weeks": 30},
    "blocked carrier": {"carrier": "ankle_weights"},
    "deload every 3": {"deload_every": 3, "weeks": 15},
    "heavy lifting, light running": {"easy_run_km": 1, "hard_run_km": 1, "long_run_km": 1, "rpe_strength": 9,
                                     "strength_level": "standard"},
}


def plan_for(fields):
    return build_plan(PlanInputs(start_date=MONDAY, **fields))


def finding(plan, code):
    found = [f for f in plan.findings if f.code == code]
    assert len(found) == 1, (code, [f.code for f in plan.findings])
    return found[0]


def quoted_mass(text: str) -> tuple[float, str]:
    number, unit = text.split()
    return float(number), unit


@pytest.mark.parametrize("name", CASES)
def test_every_finding_cites_known_sources(name):
    plan = plan_for(CASES[name])
    for f in plan.findings:
        assert all(part in SOURCES for part in cited_sources(f.source)), (f.code, f.source)
    assert plan.findings[-1].message == rules.DISCLAIMER


@pytest.mark.parametrize("name", [n for n in CASES if n != "blocked carrier"])
def test_start_and_ceiling_findings_quote_the_rules_and_the_plan(name):
    plan = plan_for(CASES[name])
    inputs, units = plan.inputs, plan.inputs.units
    assert plan.loaded_running
    start = finding(plan, "start_load").message
    assert start.startswith(f"Start at {fmt_mass(plan.start_load_kg, units)}: {percent(START_FRACTION_BW)} "
                            "of bodyweight")
    assert plan.start_load_kg <= START_FRACTION_BW * inputs.bodyweight_kg + 1e-9
    if inputs.carrier == "vest":
        assert f"at most {fmt_mass(VEST_START_MAX_KG, units)} for a vest" in start
        assert plan.start_load_kg <= VEST_START_MAX_KG + 1e-6  # loads are stored to 6 decimals

    ceiling = finding(plan, "ceiling").message
    fraction = CEILING_FRACTION_BW_MAX if inputs.goal == "pack_event" else CEILING_FRACTION_BW_GENERAL
    assert ceiling_fraction(inputs) == fraction
    assert ceiling.startswith(f"Ceiling {fmt_mass(plan.ceiling_kg, units)}: {percent(fraction)} of bodyweight")
    if inputs.goal != "pack_event":
        assert f"({percent(CEILING_FRACTION_BW_MAX)} is for pack events)" in ceiling
    assert max(d.load_kg for d in plan.days) <= plan.ceiling_kg + 1e-9


@pytest.mark.parametrize("name", [n for n in CASES if n != "blocked carrier"])
def test_the_quoted_load_step_is_the_step_the_plan_takes(name):
    plan = plan_for(CASES[name])
    inputs, units = plan.inputs, plan.inputs.units
    message = finding(plan, "ceiling").message
    match = (re.search(r"Add one (\S+ \w+) step at most every (\d+) weeks", message)
             or re.search(r"Add at most (\S+ \w+) every (\d+) weeks", message))
    assert match, message
    amount, unit = quoted_mass(match.group(1))
    every = int(match.group(2))
    assert unit == ("lb" if units == "imperial" else "kg")
    weekly = [max((d.load_kg for d in plan.days[i:i + 7] if d.loaded), default=0.0)
              for i in range(0, len(plan.days), 7)]
    rises = [(week, b - a) for week, (a, b) in enumerate(zip(weekly, weekly[1:], strict=False), 2) if b > a + 1e-9]
    assert rises, "the table's cases all step up at least once"
    for _, rise in rises:
        assert mass(rise, units) <= amount + 0.05, (rise, message)
    weeks_with_a_rise = [1] + [week for week, _ in rises]
    assert all(b - a >= every for a, b in zip(weeks_with_a_rise, weeks_with_a_rise[1:], strict=False))
    # However big the plate, the average stays within 1 kg per chosen interval (docs/rules.md §4).
    total, span_weeks = weekly[rises[-1][0] - 1] - weekly[0], rises[-1][0] - 1
    assert total <= MAX_LOAD_STEP_KG * math.ceil(span_weeks / inputs.progression_weeks) + 1e-9
    if inputs.load_step_kg > MAX_LOAD_STEP_KG:
        assert f"one {fmt_mass(inputs.load_step_kg, units)} step" in message
        assert f"no more than {fmt_mass(MAX_LOAD_STEP_KG, units)} every {inputs.progression_weeks} weeks" in message
    else:
        assert match.group(1) == fmt_mass(MAX_LOAD_STEP_KG, units) and every == inputs.progression_weeks


@pytest.mark.parametrize("name", [n for n in CASES if n != "blocked carrier"])
def test_deloads_are_the_weeks_the_finding_names_with_the_quoted_cut(name):
    plan = plan_for(CASES[name])
    every = plan.inputs.deload_every
    assert finding(plan, "deload_alignment").message.startswith(f"Every {ordinal(every)} week is a deload")
    deload_weeks = sorted({d.week for d in plan.days if d.deload})
    assert deload_weeks == list(range(every, plan.inputs.weeks + 1, every))
    for week in deload_weeks:
        loaded = [d for d in plan.days if d.week == week and d.loaded]
        before = [d for d in plan.days if d.week == week - 1 and d.loaded]
        assert len(loaded) == DELOAD_LOADED_RUNS
        assert loaded[0].load_kg == before[0].load_kg, "a deload holds the load"
        assert loaded[0].run_km <= DELOAD_LOADED_DISTANCE_FRACTION * before[0].run_km + 1e-9


def test_two_loaded_runs_a_week_outside_deloads():
    plan = plan_for(CASES["two loaded runs"])
    assert len(plan.loaded_days) == 2
    for week in range(1, plan.inputs.weeks + 1):
        runs = [d for d in plan.days if d.week == week and d.loaded]
        assert len(runs) == (DELOAD_LOADED_RUNS if runs[0].deload else 2)


def test_a_blocked_carrier_quotes_no_load():
    plan = plan_for(CASES["blocked carrier"])
    assert plan.blocked and not plan.loaded_running
    assert {"start_load", "ceiling", "form_test"}.isdisjoint(f.code for f in plan.findings)
    assert finding(plan, "carrier_ankle_weights").severity == "block"
    assert plan.strength_sessions


def test_the_ratio_finding_quotes_the_band_and_the_plan():
    plan = plan_for(CASES["heavy lifting, light running"])
    low, high = ACWR_BAND
    warning = finding(plan, "acwr_high").message
    assert f"above the {low}-{high} guide band" in warning and rules.LOAD_CAVEAT in warning
    peak = max(weekly_ratios(plan.days, plan.baseline_loads))
    assert peak > high and f"reaches {peak:.2f}" in warning


@pytest.mark.parametrize("units", ["metric", "imperial"])
def test_the_spike_finding_quotes_frandsen_and_flags_real_spikes(units):
    # Plans never lengthen a run past the routine, so make one: week 3's Saturday run doubled.
    plan = plan_for({"units": units})
    inputs = plan.inputs
    types = run_types(inputs)
    days = list(plan.days)
    index = next(i for i, d in enumerate(days) if d.week == 3 and d.weekday == "sat")
    days[index] = dataclasses.replace(days[index], run_km=days[index].run_km * 2.5)
    (spike,) = [f for f in training_load_findings(inputs, types, tuple(days), baseline_loads(inputs, types))
                if f.code == "run_spike"]
    assert spike.source == "Frandsen 2025"
    message = spike.message
    assert message.startswith(f"1 run more than {percent(SPIKE_FRACTION)} longer than the longest run of the "
                              f"previous {SPIKE_WINDOW_DAYS} days: week 3 Sat "
                              f"({fmt_distance(days[index].run_km, units)})")
    assert f"In {SPIKE_STUDY_RUNNERS:,} runners" in message
    assert f"({percent_range(SPIKE_FRACTION, SPIKE_HR_UPPER_FRACTION)} longer: hazard ratio {SPIKE_HAZARD_RATIO:g})" in message
    # The flagged run is a spike by the rule's own definition (after the runner's routine), and the
    # unchanged plan has none.
    usual = {"rest": 0.0, "easy": inputs.easy_run_km, "hard": inputs.hard_run_km, "long": inputs.long_run_km}
    history = [usual[types[d]] for d in WEEKDAYS] * BASELINE_WEEKS
    def in_plan(series):
        return [i - len(history) for i in spike_runs(history + series) if i >= len(history)]

    assert in_plan([d.run_km for d in days]) == [index]
    assert in_plan([d.run_km for d in plan.days]) == []
