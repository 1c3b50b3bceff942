"""What every hand-over file shares: the app's name and a safe file name for a plan."""

from __future__ import annotations

import re

from core.planner.models import Plan

APP_NAME = "Loaded running planner"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def file_stem(plan: Plan, athlete: str | None) -> str:
    """A safe file name stem: 'loaded-plan-jane-doe-2026-11-23'.

    >>> import datetime as dt
    >>> from core import PlanInputs, build_plan
    >>> file_stem(build_plan(PlanInputs(start_date=dt.date(2026, 11, 23))), "Jane <Doe>/../")
    'loaded-plan-jane-doe-2026-11-23'
    """
    name = _slug(athlete or "")
    return "-".join(p for p in ("loaded-plan", name, plan.days[0].date.isoformat()) if p)
