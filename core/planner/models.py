"""The planner's data: validated inputs, findings, and the plan it returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from core.planner.log import CheckIn, Session
from core.planner.rules import (
    DELOAD_EVERY_RANGE,
    DELOAD_EVERY_WEEKS,
    LOAD_STEP_WEEKS,
    LOADED_RUNS_MAX_PER_WEEK,
    LOADED_RUNS_MIN_PER_WEEK,
    PLAN_WEEKS,
    PROGRESSION_WEEKS_DEFAULT,
)

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = {
    "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
    "fri": "Friday", "sat": "Saturday", "sun": "Sunday",
}
Experience = Literal["beginner", "intermediate", "experienced"]
Injury = Literal["lower_back", "joint_pain", "knee", "achilles", "hip"]
Goal = Literal["general_fitness", "calorie_burn", "strength", "pack_event"]
Carrier = Literal["none", "vest", "backpack", "ankle_weights", "wrist_weights", "dumbbells"]
StrengthSetting = Literal["gym", "home"]
StrengthLevel = Literal["minimal", "standard", "advanced"]
Units = Literal["metric", "imperial"]
Severity = Literal["block", "warn", "info"]
RunType = Literal["rest", "easy", "hard", "long"]
StrengthSlot = Literal["", "A", "B", "plyo"]
CycleStep = Literal["establish", "add reps", "add load", "deload"]
EventKind = Literal["trail_ultra", "ruck", "fastpacking", "obstacle", "race"]
EventStandard = Literal["custom", "goruck_light", "goruck_tough", "foot_march"]
Running = Literal["own", "build"]
Phase = Literal["", "preparation", "build", "specific", "taper", "event"]
"""A day's phase toward the event (docs/rules.md §16); "" in a plan without an event."""
PHASES: tuple[Phase, ...] = ("preparation", "build", "specific", "taper", "event")


def next_monday(today: dt.date) -> dt.date:
    """The Monday after ``today`` (a week ahead when today is a Monday): where a plan with no
    start date starts. ``today`` comes from the caller; the planner never reads a clock.

    >>> next_monday(dt.date(2026, 11, 21)), next_monday(dt.date(2026, 11, 23))
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 30))
    """
    return today + dt.timedelta(days=7 - today.weekday())


FIRST_START_DATE = dt.date(2000, 1, 1)
LAST_START_DATE = dt.date(2099, 12, 31)
"""Plans start in this range: the date picker offers it, and a 52-week plan stays far from the
calendar's end (a date in year 9999 would overflow)."""

LAST_EVENT_DATE = LAST_START_DATE + dt.timedelta(days=7 * 52)
"""An event can be at most a year after the last start date."""

UNDATED_START = dt.date(2000, 1, 3)
"""Where a plan starts when it has neither a start date nor a ``today`` to count from (a plan
built in a notebook with ``build_plan(PlanInputs())``): the first Monday the planner offers, so
an undated plan is the same plan on every day it is built and plainly not a real calendar."""


DAY_CLASHES = {
    "long_rest": "the long-run day ({days}) can't also be a rest day",
    "long_hard": "the long-run day ({days}) can't also be a hard day",
    "hard_rest": "{days} can't be both a hard day and a rest day",
}
"""The clashes ``PlanInputs`` refuses (error type ``days_clash``, ``ctx`` has ``clash`` and ``days``)."""


class PlanInputs(BaseModel):
    """Everything the runner tells the planner. Flat and metric: each field is a widget key
    and a URL parameter. ``units`` changes only how numbers are shown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bodyweight_kg: float = Field(70.0, ge=35, le=200, allow_inf_nan=False)
    age: int = Field(35, ge=14, le=90)
    experience: Experience = "intermediate"
    building_mileage: bool = False
    new_to_lifting: bool = False
    """New to strength training: lifting starts alone and loaded runs wait for a strength base
    (docs/rules.md §16: one new stress at a time)."""
    injuries: tuple[Injury, ...] = ()
    goal: Goal = "general_fitness"
    carrier: Carrier = "vest"
    pack_chest_strap: bool = False
    pack_hip_belt: bool = False
    equipment_max_kg: float = Field(10.0, ge=0, le=60, allow_inf_nan=False)
    load_step_kg: float = Field(0.5, ge=0.25, le=5, allow_inf_nan=False)
    strength_setting: StrengthSetting = "gym"
    strength_level: StrengthLevel = "minimal"
    start_date: dt.date | None = Field(None, ge=FIRST_START_DATE, le=LAST_START_DATE)
    """``None``: the Monday after the day the plan is built (``build_plan(..., today=...)``)."""
    weeks: int = Field(12, ge=PLAN_WEEKS[0], le=PLAN_WEEKS[1])
    long_run_day: Weekday = "sun"
    hard_days: tuple[Weekday, ...] = ("tue", "thu")
    rest_days: tuple[Weekday, ...] = ("fri",)
    easy_run_km: float = Field(8.0, ge=1, le=60, allow_inf_nan=False)
    hard_run_km: float = Field(10.0, ge=1, le=60, allow_inf_nan=False)
    long_run_km: float = Field(16.0, ge=1, le=60, allow_inf_nan=False)
    loaded_runs_per_week: int = Field(1, ge=LOADED_RUNS_MIN_PER_WEEK, le=LOADED_RUNS_MAX_PER_WEEK)
    progression_weeks: int = Field(PROGRESSION_WEEKS_DEFAULT, ge=LOAD_STEP_WEEKS[0], le=LOAD_STEP_WEEKS[1])
    deload_every: int = Field(DELOAD_EVERY_WEEKS, ge=DELOAD_EVERY_RANGE[0], le=DELOAD_EVERY_RANGE[1])
    easy_pace_min_per_km: float = Field(6.0, ge=3, le=12, allow_inf_nan=False)
    loaded_slowdown_pct: int = Field(5, ge=0, le=25)
    rpe_easy: int = Field(3, ge=1, le=10)
    rpe_long: int = Field(4, ge=1, le=10)
    rpe_hard: int = Field(7, ge=1, le=10)
    rpe_loaded: int = Field(4, ge=1, le=10)
    rpe_strength: int = Field(6, ge=1, le=10)
    units: Units = "metric"
    event_date: dt.date | None = Field(None, ge=FIRST_START_DATE, le=LAST_EVENT_DATE)
    """The event the plan builds toward (docs/rules.md §16); ``None``: no event, ``weeks`` long."""
    event_kind: EventKind = "trail_ultra"
    event_distance_km: float = Field(50.0, ge=1, le=250, allow_inf_nan=False)
    event_standard: EventStandard = "custom"
    """A published load standard; ``custom``: the load is ``event_load_kg``."""
    event_load_kg: float = Field(0.0, ge=0, le=60, allow_inf_nan=False)
    """The load the event requires (``custom`` standard); 0: the event asks no load."""
    running: Running = "own"
    """"own": the runner follows their own running plan (unloaded runs as entered); "build": the plan
    builds the running toward the event (docs/rules.md §16)."""

    def dated(self, today: dt.date | None) -> PlanInputs:
        """These inputs with the start date filled in: kept if set, else the Monday after
        ``today``, else ``UNDATED_START``.

        >>> PlanInputs().dated(dt.date(2026, 12, 1)).start_date
        datetime.date(2026, 12, 7)
        >>> PlanInputs(start_date=dt.date(2027, 3, 1)).dated(dt.date(2026, 12, 1)).start_date
        datetime.date(2027, 3, 1)
        """
        if self.start_date is not None:
            return self
        start = next_monday(today) if today is not None else UNDATED_START
        return self.model_copy(update={"start_date": min(max(start, FIRST_START_DATE), LAST_START_DATE)})

    @field_validator("injuries", "hard_days", "rest_days", mode="after")
    @classmethod
    def _unique_in_order(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        # Order-free choices: one canonical form, so equal plans hash (and cache) equally.
        if all(v in WEEKDAYS for v in value):
            return tuple(d for d in WEEKDAYS if d in value)
        return tuple(sorted(set(value)))

    @model_validator(mode="after")
    def _days_do_not_clash(self) -> PlanInputs:
        # A structured error (type "days_clash", the clash and its days in ctx), so what the
        # runner reads is worded by core.present.problems, not taken from this exception's text.
        clash: tuple[str, tuple[Weekday, ...]] | None = None
        if self.long_run_day in self.rest_days:
            clash = ("long_rest", (self.long_run_day,))
        elif self.long_run_day in self.hard_days:
            clash = ("long_hard", (self.long_run_day,))
        elif both := tuple(d for d in self.hard_days if d in self.rest_days):
            clash = ("hard_rest", both)
        if clash:
            days = ", ".join(WEEKDAY_NAMES[d] for d in clash[1])
            raise PydanticCustomError("days_clash", DAY_CLASHES[clash[0]], {"clash": clash[0], "days": days})
        return self


class Finding(BaseModel):
    """Why the plan looks as it does: one rule, what it means here, and where it comes from."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    source: str


class Change(BaseModel):
    """One change the log made to the plan, for the timeline: from when, what, why, until when
    (docs/rules.md §14). ``finding()`` is the same change as a finding."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    start: dt.date
    what: str
    why: str
    until: str
    source: str

    def finding(self) -> Finding:
        return Finding(code=self.code, severity=self.severity, source=self.source,
                       message=f"From {self.start:%a %d %b}: {self.what}, because {self.why}. Until {self.until}.")


class Exercise(BaseModel):
    """One exercise prescription inside a strength session."""

    model_config = ConfigDict(frozen=True)

    pattern: str
    name: str
    sets: int
    reps: str
    rpe: str
    reps_in_reserve: str
    regression: str
    common_mistake: str
    note: str = ""


class StrengthSession(BaseModel):
    """One strength (A/B) or plyometric session on one day of the plan."""

    model_config = ConfigDict(frozen=True)

    week: int
    date: dt.date
    weekday: Weekday
    label: StrengthSlot
    cycle_step: CycleStep
    minutes: int
    exercises: tuple[Exercise, ...]


@dataclass(frozen=True, slots=True)
class Day:
    """One calendar day of the plan (one row of ``Plan.to_frame()``). A plain dataclass: a
    52-week plan builds 364 of them per slider move, and nothing here needs validating."""

    week: int
    date: dt.date
    weekday: Weekday
    run: RunType
    run_km: float
    loaded: bool
    load_kg: float
    load_pct_bw: float
    strength: StrengthSlot
    strength_minutes: int
    deload: bool
    minutes: float
    rpe: float
    session_load: float
    kcal: float
    recovery: bool = False
    """A recovery day the log asked for (pain: docs/rules.md §14): no run, no lift; walk and mobility."""
    phase: Phase = ""
    """The phase toward the event ("" without one; docs/rules.md §16)."""
    loaded_km: float = 0.0
    """The part of the run carried under load: the whole run for a loaded run, the first part of a
    loaded long run (the specific phase's heavy carry), 0 unloaded."""
    event: bool = False
    """The event's day: the event itself, not a training run."""


FRAME_COLUMNS = (
    "week", "date", "weekday", "run", "run_km", "loaded", "load_kg", "load_pct_bw",
    "strength", "strength_minutes", "deload", "minutes", "rpe", "session_load", "kcal", "recovery",
    "phase", "loaded_km", "event",
)
"""``minutes``: planned minutes of running and lifting; ``rpe``: their minutes-weighted session
RPE; ``session_load``: RPE x minutes, a loaded run scaled by (body + load) / body (Foster 2001);
``kcal``: running energy by the ACSM equation (docs/rules.md §9-§10)."""


class Plan(BaseModel):
    """The planner's answer: every day, every strength session, and the reasons."""

    model_config = ConfigDict(frozen=True)

    inputs: PlanInputs
    days: tuple[Day, ...]
    strength_sessions: tuple[StrengthSession, ...]
    findings: tuple[Finding, ...]
    loaded_running: bool
    start_load_kg: float
    ceiling_kg: float
    ceiling_week: int | None
    loaded_days: tuple[Weekday, ...]
    strength_days: tuple[Weekday, ...]
    plyo_day: Weekday | None
    baseline_loads: tuple[float, ...]
    """The runner's routine before the plan, Monday to Sunday: the same week without load or
    lifts, as daily session loads. It seeds the chronic load so week 1 is not a false spike."""
    log: tuple[Session | CheckIn, ...] = ()
    """The training log the plan was built from (sessions and check-ins before ``today``)."""
    today: dt.date | None = None
    """The day the plan was re-planned from: days before it are history. ``None``: not adapted."""
    changes: tuple[Change, ...] = ()
    """What the log changed, in date order (the timeline on the Plan and Log pages)."""
    event_date: dt.date | None = None
    """The event the plan builds toward (its last week holds it); ``None``: no event, or one out of reach."""
    loads_done: tuple[float | None, ...] = ()
    """Per day of ``days``: the logged session load of a day before ``today`` when the log is long
    enough to count (``None``: the planned load counts). Empty without a log."""

    def daily_loads(self) -> list[float]:
        """The session load of every day as the load science counts it: logged before ``today``
        (with enough history), planned after."""
        if not self.loads_done:
            return [d.session_load for d in self.days]
        return [d.session_load if done is None else done for d, done in zip(self.days, self.loads_done, strict=True)]

    def to_frame(self) -> pd.DataFrame:
        """One row per day with the columns in ``FRAME_COLUMNS``."""
        return pd.DataFrame(
            {c: [getattr(d, c) for d in self.days] for c in FRAME_COLUMNS},
            columns=list(FRAME_COLUMNS),
        )

    def findings_by_severity(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity == severity]

    @property
    def blocked(self) -> bool:
        return any(f.severity == "block" for f in self.findings)
