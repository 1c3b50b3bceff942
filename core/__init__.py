"""The planner: pure, typed, no Streamlit. ``build_plan(PlanInputs(...))`` is the whole API; with a
training log, ``build_plan(inputs, [Session(...), CheckIn(...)], today)``."""

from core.io.activities import Activity, read_activities
from core.planner.log import CheckIn, Session
from core.planner.models import Finding, Plan, PlanInputs, StrengthSession
from core.planner.plan import build_plan

__all__ = ["Activity", "CheckIn", "Finding", "Plan", "PlanInputs", "Session", "StrengthSession", "build_plan",
           "read_activities"]
