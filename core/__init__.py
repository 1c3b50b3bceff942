"""The planner: pure, typed, no Streamlit. ``build_plan(PlanInputs(...))`` is the whole API."""

from core.planner.models import Finding, Plan, PlanInputs, StrengthSession
from core.planner.plan import build_plan

__all__ = ["Finding", "Plan", "PlanInputs", "StrengthSession", "build_plan"]
