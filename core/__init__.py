"""The planner: pure, typed, no Streamlit. ``build_plan(PlanInputs(...))`` is the whole API."""

from core.io.activities import Activity, read_activities
from core.planner.models import Finding, Plan, PlanInputs, StrengthSession
from core.planner.plan import build_plan

__all__ = ["Activity", "Finding", "Plan", "PlanInputs", "StrengthSession", "build_plan", "read_activities"]
