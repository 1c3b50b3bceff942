"""A plan toward an event: its length, its phases, the load it asks for and the running built toward it
(docs/rules.md §16). Without an event (``event_date`` is ``None``) none of this changes the plan."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from core.planner.models import PHASES, WEEKDAYS, Finding, Phase, PlanInputs, RunType, Weekday
from core.planner.rules import (
    DELOAD_RUNNING_FRACTION,
    DISTANCE_RESOLUTION_KM,
    EVENT_KINDS_WITH_PACK,
    EVENT_SPLIT_BODYWEIGHT_KG,
    EVENT_STANDARDS_KG,
    LONG_RUN_MINUTES_MAX,
    LONG_RUN_SHARE_MAX,
    PLAN_WEEKS,
    PREPARATION_PART_OF_SHORT_PLAN,
    PREPARATION_WEEKS,
    SPECIFIC_PART_OF_SHORT_PLAN,
    SPECIFIC_WEEKS,
    TAPER_VOLUME_KEPT,
    WEEKLY_VOLUME_STEP,
)

_EPS = 1e-9
EVENT_KIND_LABELS = {
    "trail_ultra": "trail ultra with mandatory kit", "ruck": "ruck or tactical event", "fastpacking": "fastpacking route",
    "obstacle": "obstacle race", "race": "race without a pack",
}
EVENT_STANDARD_LABELS = {
    "custom": "my own figure", "goruck_light": "GORUCK Light", "goruck_tough": "GORUCK Tough",
    "foot_march": "military foot march (12 mi, 35 lb)",
}
PHASE_LABELS: dict[Phase, str] = {
    "": "", "preparation": "Preparation", "build": "Build", "specific": "Specific", "taper": "Taper",
    "event": "Event week",
}
PHASE_MEANING: dict[Phase, str] = {
    "": "",
    "preparation": "a strength base: lifts and unloaded running, no carried load yet",
    "build": "the load progression, one variable at a time",
    "specific": "the pack on the long run every second week, its distance under load growing",
    "taper": "running cut, no new load, lifts lighter",
    "event": "short easy runs, no load, no lifts, then the event",
}


def plan_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def event_weeks(inputs: PlanInputs) -> int | None:
    """How many plan weeks reach the event's week (the event's week included), for dated inputs."""
    if inputs.event_date is None or inputs.start_date is None:
        return None
    return (plan_monday(inputs.event_date) - plan_monday(inputs.start_date)).days // 7 + 1


def fit_to_event(inputs: PlanInputs) -> tuple[PlanInputs, bool, list[Finding]]:
    """The inputs with ``weeks`` running to the event's week, whether the plan builds toward the event,
    and a finding when the event can't be planned for (before the start, too close or too far)."""
    weeks = event_weeks(inputs)
    if weeks is None:
        return inputs, False, []
    assert inputs.event_date is not None and inputs.start_date is not None
    low, high = PLAN_WEEKS
    event = f"Your event on {inputs.event_date:%a %d %b %Y}"
    if weeks < low:
        why = ("is before the plan starts" if inputs.event_date < plan_monday(inputs.start_date) else
               f"is less than {low} weeks after the plan starts")
        return inputs, False, [Finding(
            code="event_out_of_reach", severity="warn", source="002",
            message=f"{event} {why}: too close to build toward, so the plan is {inputs.weeks} weeks without it. "
                    "Set an earlier plan start or a later event (Edit profile, Event tab).",
        )]
    if weeks > high:
        latest = plan_monday(inputs.event_date) - dt.timedelta(days=7 * (high - 1))
        return inputs, False, [Finding(
            code="event_out_of_reach", severity="warn", source="002",
            message=f"{event} is {weeks} weeks after the plan starts, more than the {high} weeks a plan covers: "
                    f"the plan is {inputs.weeks} weeks without it. Start the plan on {latest:%a %d %b %Y} or later "
                    "to build toward it (Edit profile, Running week tab).",
        )]
    return inputs.model_copy(update={"weeks": weeks}), True, []


def is_pack_event(inputs: PlanInputs) -> bool:
    return inputs.event_date is not None and inputs.event_kind in EVENT_KINDS_WITH_PACK


def event_load_kg(inputs: PlanInputs) -> float:
    """The load the event requires: the standard's figure for the runner's bodyweight, else the typed one.

    >>> round(event_load_kg(PlanInputs(event_standard="goruck_light", bodyweight_kg=60)), 2)
    4.54
    >>> round(event_load_kg(PlanInputs(event_standard="goruck_light", bodyweight_kg=68.04)), 2)
    9.07
    """
    if inputs.event_standard == "custom":
        return inputs.event_load_kg
    light, heavy = EVENT_STANDARDS_KG[inputs.event_standard]
    return heavy if inputs.bodyweight_kg >= EVENT_SPLIT_BODYWEIGHT_KG - 1e-6 else light


def week_phases(inputs: PlanInputs, weeks: int) -> list[Phase]:
    """The phase of every week of an event plan: preparation, build, specific (pack events), taper, and the
    event's week, in that order (docs/rules.md §16). Short plans shrink preparation and specific first.

    >>> from collections import Counter
    >>> Counter(week_phases(PlanInputs(event_date=dt.date(2027, 6, 6)), 24))
    Counter({'build': 12, 'specific': 6, 'preparation': 4, 'taper': 1, 'event': 1})
    """
    before = weeks - 2  # the taper week and the event's week
    prep = min(PREPARATION_WEEKS, before // PREPARATION_PART_OF_SHORT_PLAN)
    specific = min(SPECIFIC_WEEKS, (before - prep) // SPECIFIC_PART_OF_SHORT_PLAN) if is_pack_event(inputs) else 0
    build = before - prep - specific
    counts: tuple[tuple[Phase, int], ...] = (("preparation", prep), ("build", build), ("specific", specific),
                                             ("taper", 1), ("event", 1))
    return [phase for phase, n in counts for _ in range(n)]


def phases_in_order(phases: list[Phase]) -> bool:
    """True when the phases never go back (preparation, build, specific, taper, event)."""
    ranks = [PHASES.index(p) for p in phases if p]
    return ranks == sorted(ranks)


@dataclass(frozen=True)
class RunningWeek:
    """The running of one week, in km per run type (built running, or the runner's own)."""

    km: dict[str, float]
    volume: float


_PER_KM = round(1 / DISTANCE_RESOLUTION_KM)


def _tenths(km: float) -> float:
    """Rounded down to 0.1 km, as ``progression.to_tenths`` / 10 (the same float for the same distance)."""
    return math.floor(km / DISTANCE_RESOLUTION_KM + _EPS) / _PER_KM


def long_run_target_km(inputs: PlanInputs) -> float:
    """What the long run of built running grows toward: the event's distance, at most
    ``LONG_RUN_MINUTES_MAX`` at the easy pace, never shorter than the runner's own long run."""
    capped = min(inputs.event_distance_km, LONG_RUN_MINUTES_MAX / inputs.easy_pace_min_per_km)
    return max(inputs.long_run_km, _tenths(capped))


def running_weeks(inputs: PlanInputs, types: dict[Weekday, RunType], phases: list[Phase],
                  deloads: list[bool]) -> list[RunningWeek]:
    """Built running (docs/rules.md §16): from the runner's week, at most ``WEEKLY_VOLUME_STEP`` more a
    week; a deload week keeps ``DELOAD_RUNNING_FRACTION`` of the week before and the week after it returns
    to that week; the long run grows within ``LONG_RUN_SHARE_MAX`` of the week toward
    ``long_run_target_km``, at most 10% a week; the taper keeps ``TAPER_VOLUME_KEPT`` of the peak week,
    every run shorter, none dropped (intensity and frequency kept)."""
    count = {t: sum(1 for d in WEEKDAYS if types[d] == t) for t in ("rest", "easy", "hard", "long")}

    def volume(km: dict[str, float]) -> float:
        return sum(km[t] * n for t, n in count.items())

    usual = {"rest": 0.0, "easy": inputs.easy_run_km, "hard": inputs.hard_run_km, "long": inputs.long_run_km}
    others = volume(usual) - usual["long"] * count["long"]
    target_long = long_run_target_km(inputs) if count["long"] else usual["long"]
    peak_volume = max(volume(usual), target_long / LONG_RUN_SHARE_MAX if count["long"] else 0.0)
    last = dict(usual)  # the last normal week, per run type
    scale = 1.0  # the last normal week's other runs, as a share of the usual ones
    peak = dict(usual)
    weeks: list[RunningWeek] = []
    tapered = 0
    for index, (phase, deload) in enumerate(zip(phases, deloads, strict=True)):
        if phase in ("taper", "event"):
            keep = TAPER_VOLUME_KEPT[min(tapered, len(TAPER_VOLUME_KEPT) - 1)]
            tapered += 1
            km = {t: _tenths(v * keep) for t, v in peak.items()}
        elif deload:
            km = {t: _tenths(v * DELOAD_RUNNING_FRACTION) for t, v in last.items()}
        elif index == 0 or deloads[index - 1]:
            km = dict(last)
        else:
            top = min(volume(last) * (1 + WEEKLY_VOLUME_STEP), max(peak_volume, volume(last)))
            long_km = last["long"]
            if count["long"] and last["long"] < target_long:
                long_km = min(target_long, _tenths(last["long"] * (1 + WEEKLY_VOLUME_STEP)),
                              max(last["long"], _tenths(top * LONG_RUN_SHARE_MAX)))
            room = top - long_km * count["long"]
            grown = min(room / others, scale * (1 + WEEKLY_VOLUME_STEP)) if others > 0 else scale
            scale = max(scale, grown)
            km = {"rest": 0.0, "easy": _tenths(usual["easy"] * scale), "hard": _tenths(usual["hard"] * scale),
                  "long": long_km}
            # The other runs never shrink: the long run gives way if both don't fit under the 10%.
            spare = (top - volume({**km, "long": 0.0})) / count["long"] if count["long"] else 0.0
            km["long"] = max(last["long"], min(km["long"], _tenths(spare)))
            last = km
            if volume(km) >= volume(peak):
                peak = km
        weeks.append(RunningWeek(km, round(volume(km), 6)))
    return weeks
