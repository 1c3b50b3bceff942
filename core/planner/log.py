"""The training log: what the runner actually did (sessions) and how they felt (daily check-ins).
Pure data; the adaptation rules that read it are in ``core.planner.adapt``."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

SessionKind = Literal["run", "strength"]
Outcome = Literal["as planned", "changed", "skipped"]

READINESS_KEYS = ("slept_well", "soreness_mild", "resting_hr_normal", "hrv_stable")
"""The four check-in questions of 004, as keyed in ``core.planner.checkin.READINESS_QUESTIONS``."""


class ActivityLike(Protocol):
    """What ``Session.from_activity`` needs of an imported activity (``core.io.activities.Activity``)."""

    @property
    def start(self) -> dt.datetime: ...
    @property
    def sport(self) -> str: ...
    @property
    def distance_km(self) -> float: ...
    @property
    def minutes(self) -> float: ...
    @property
    def rpe(self) -> float | None: ...
    @property
    def name(self) -> str: ...
    @property
    def source(self) -> str: ...


class Session(BaseModel):
    """One logged session. ``load_kg`` is what was carried (0 for an unloaded run); ``form_ok`` is
    the form test on a loaded run (``None``: not a loaded run, or not answered)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    kind: SessionKind = "run"
    distance_km: float = Field(0.0, ge=0, le=400, allow_inf_nan=False)
    minutes: float = Field(0.0, ge=0, le=24 * 60, allow_inf_nan=False)
    load_kg: float = Field(0.0, ge=0, le=60, allow_inf_nan=False)
    rpe: float | None = Field(None, ge=0, le=10, allow_inf_nan=False)
    form_ok: bool | None = None
    pain: bool = False
    outcome: Outcome = "as planned"
    note: str = Field("", max_length=500)
    source: str = Field("", max_length=300)
    """Where it came from: a file name for an import, empty for a session typed in."""

    @classmethod
    def from_activity(cls, activity: ActivityLike) -> Session:
        """A logged session from an imported watch file (a run, or a strength workout).

        >>> from types import SimpleNamespace
        >>> a = SimpleNamespace(start=dt.datetime(2026, 1, 5, 7, tzinfo=dt.UTC), sport="run", distance_km=8.04,
        ...                     minutes=47.5, rpe=None, name="Morning Run", source="run.fit")
        >>> s = Session.from_activity(a)
        >>> s.date, s.kind, s.distance_km, s.minutes, s.load_kg, s.note
        (datetime.date(2026, 1, 5), 'run', 8.04, 47.5, 0.0, 'Morning Run')
        """
        kind: SessionKind = "strength" if activity.sport == "strength" else "run"
        return cls(
            date=activity.start.date(), kind=kind, distance_km=round(max(activity.distance_km, 0.0), 3),
            minutes=round(max(activity.minutes, 0.0), 1),
            rpe=activity.rpe if activity.rpe is not None and 0 <= activity.rpe <= 10 else None,
            note=activity.name[:500], source=activity.source[:300],
        )

    @property
    def loaded(self) -> bool:
        return self.kind == "run" and self.load_kg > 0 and self.outcome != "skipped"

    @property
    def done(self) -> bool:
        return self.outcome != "skipped"


class CheckIn(BaseModel):
    """One day's readiness check-in (004): each question answered yes (``True``) or no."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    slept_well: bool
    soreness_mild: bool
    resting_hr_normal: bool
    hrv_stable: bool

    @property
    def noes(self) -> int:
        return sum(not getattr(self, key) for key in READINESS_KEYS)


def same_run(a: Session, b: Session) -> bool:
    """The same activity logged twice (imported twice, or a file and a manual entry): same day and
    kind, and distances within 5% (or both zero, e.g. two strength sessions of that day)."""
    if a.date != b.date or a.kind != b.kind:
        return False
    if a.distance_km == b.distance_km == 0:
        return abs(a.minutes - b.minutes) <= max(5.0, 0.1 * max(a.minutes, b.minutes))
    longer = max(a.distance_km, b.distance_km)
    return abs(a.distance_km - b.distance_km) <= 0.05 * longer


def without_duplicates(sessions: list[Session]) -> list[Session]:
    """``sessions`` with each activity once, in date order. A session typed in wins over an import of
    the same run (it carries the load, the form test and pain, which a watch file does not)."""
    kept: dict[tuple[dt.date, str], list[Session]] = {}
    for session in sorted(sessions, key=lambda s: (s.date, s.source != "")):
        same_day = kept.setdefault((session.date, session.kind), [])
        twin = next((i for i, k in enumerate(same_day) if same_run(k, session)), None)
        if twin is None:
            same_day.append(session)
            continue
        # A duplicate never hides a warning sign: pain in either copy, and a failed form test or the
        # load carried in either copy that was done, are kept; a session done in either copy was done.
        first = same_day[twin]
        done = [c for c in (first, session) if c.done] or [first]
        worse = {"pain": first.pain or session.pain,
                 "form_ok": False if any(c.form_ok is False for c in done) else first.form_ok,
                 "load_kg": max(c.load_kg for c in done),
                 "outcome": session.outcome if first.outcome == "skipped" else first.outcome}
        if worse != {"pain": first.pain, "form_ok": first.form_ok, "load_kg": first.load_kg, "outcome": first.outcome}:
            same_day[twin] = first.model_copy(update=worse)
    return [s for key in sorted(kept) for s in kept[key]]
