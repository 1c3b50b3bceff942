"""Gear & safety: the carrier verdict, muscles worked, the pack checklist, form, who should wait."""

import streamlit as st

from core.planner.rules import AGE_BONE_DENSITY_INFO, DISCLAIMER, TRAIL_VEST_LITRES
from core.planner.screening import CARRIER_LABELS, FORM_TEST, MUSCLES_WORKED, form_cues, pack_checklist
from core.planner.units import span
from pages._ui.plan import current_plan, show_finding
from pages._ui.presentation import table_width
from pages._ui.routing import require_router

require_router()
plan = current_plan()
inputs = plan.inputs
st.title("Gear & safety", anchor=False)
st.header(f"Your carrier: {CARRIER_LABELS[inputs.carrier]}", anchor=False)
verdicts = [f for f in plan.findings if f.code.startswith(("carrier_", "pack_"))]
for finding in verdicts:
    show_finding(finding)
muscles = MUSCLES_WORKED[inputs.carrier]
if muscles:
    st.markdown(f"**Muscles worked:** {', '.join(muscles)} (000, 001, 002).")

checklist = pack_checklist(inputs.carrier)  # a backpack's only
if checklist:
    left, right = st.columns(2, gap="large")
    with left:
        st.header("Pack checklist (002)", anchor=False)
        st.table([{"Needs": need, "Why": why} for need, why in checklist], width=table_width())
        st.caption(f"A trail vest with {span(TRAIL_VEST_LITRES)} L capacity is the starting point for light "
                   "loads (002).")
else:
    right = st.container()
with right:
    st.header("The form test", anchor=False)
    st.warning(FORM_TEST)
    st.markdown("**Form cues under load (002)**\n" + "\n".join(f"- {c}" for c in form_cues(inputs.carrier)))

st.header("Who should not run loaded (yet)", anchor=False)
st.table([
    {"Condition": "Beginner without consistent unloaded form", "Backpack": "not yet", "Vest": "not yet", "Source": "002"},
    {"Condition": "Currently building mileage", "Backpack": "not yet", "Vest": "not yet", "Source": "002"},
    {"Condition": "Arthritis or chronic knee/hip/ankle pain", "Backpack": "not yet", "Vest": "not yet", "Source": "002"},
    {"Condition": "Past knee, hip or Achilles injury", "Backpack": "start low", "Vest": "start low", "Source": "002, 004"},
    {"Condition": "Lower back pain or lumbar injury history", "Backpack": "not yet", "Vest": "start low", "Source": "002"},
    {"Condition": f"Age {AGE_BONE_DENSITY_INFO} or more", "Backpack": "bone-density benefit", "Vest": "bone-density benefit", "Source": "002"},
], width=table_width())
yours = [f for f in plan.findings if f.code in ("beginner", "building_mileage", "joint_pain", "lower_back_backpack",
                                                "lower_back_vest", "injury_history", "age_bone_density")]
for finding in yours:
    show_finding(finding)
st.caption(DISCLAIMER)
