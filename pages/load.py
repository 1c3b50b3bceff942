"""Load: what the plan asks of the body over time, and what the carried weight costs in energy."""

import streamlit as st

from core.planner.rules import (
    ACSM_ERROR,
    ACSM_MIN_RUNNING_SPEED_M_PER_MIN,
    ACWR_ACUTE_DAYS,
    ACWR_BAND,
    ACWR_CHRONIC_DAYS,
    ATL_DAYS,
    CTL_DAYS,
    HORIZONTAL_COST,
    KCAL_PER_LITRE_O2,
    LOAD_CAVEAT,
    RESTING_VO2,
    SPIKE_FRACTION,
    SPIKE_WINDOW_DAYS,
    VERTICAL_COST,
    source_text,
)
from core.planner.units import KM_PER_MI, fmt_pace, percent
from core.present.load_charts import (
    energy_figure,
    fitness_figure,
    load_summary,
    loaded_runs_table,
    training_load_figure,
)
from core.present.text import form_test_note
from pages._ui.plan import chart, current_plan, show_finding
from pages._ui.routing import require_router

LOAD_CODES = ("acwr_high", "acwr_low", "run_spike")

require_router()
plan = current_plan()
inputs = plan.inputs
units = inputs.units

st.title("Training load and energy", anchor=False)
st.caption(
    f"Every session gets a planned effort and duration: runs at your easy pace of "
    f"{fmt_pace(inputs.easy_pace_min_per_km, units)} (loaded runs {inputs.loaded_slowdown_pct}% slower), "
    "lifts by their minutes. Session load = RPE × minutes (Foster 2001), a loaded run scaled by "
    "(body + load) / body. Change pace and efforts under Edit profile, Plan tab."
)

summary = load_summary(plan)
note = {"delta_color": "off", "delta_arrow": "off"}
cols = st.columns(4)
cols[0].metric("Your week now", f"{summary.routine_au:,.0f} AU", "same runs, no load or lifts", **note,
               help="The week you run today, without load or lifts: it seeds the chronic load so week 1 "
                    "is not a false spike.")
versus = f", {summary.peak_vs_routine:+.0%} on your routine" if summary.peak_vs_routine is not None else ""
cols[1].metric("Heaviest planned week", f"{summary.peak_au:,.0f} AU", f"week {summary.peak_week}{versus}", **note)
cols[2].metric("Highest weekly ratio", f"{summary.highest_ratio:.2f}", f"week {summary.highest_ratio_week}; "
               f"guide band {ACWR_BAND[0]}-{ACWR_BAND[1]}", **note,
               help="The week's average of the daily acute:chronic ratio. " + LOAD_CAVEAT)
if summary.kcal_added_per_loaded_run is not None:
    cols[3].metric("The load adds", f"{summary.kcal_added_per_loaded_run:.0f} kcal", "per loaded run, on average",
                   **note)
else:
    cols[3].metric("The load adds", "—", "no loaded runs in this plan", **note)

findings = [f for f in plan.findings if f.code in LOAD_CODES]
for finding in findings:
    show_finding(finding)
if not any(f.severity == "warn" for f in findings):
    st.success(f"No week leaves the {ACWR_BAND[0]}-{ACWR_BAND[1]} guide band upward and no run is more than "
               f"{percent(SPIKE_FRACTION)} longer than your longest run of the previous {SPIKE_WINDOW_DAYS} days.",
               icon=":material/check_circle:")

chart(training_load_figure, key="training_load_chart")
st.caption(
    f"Acute and chronic loads are exponentially weighted averages over {ACWR_ACUTE_DAYS} and "
    f"{ACWR_CHRONIC_DAYS} days, λ = 2/(N+1) "
    f"(Williams 2017). The shaded {ACWR_BAND[0]}-{ACWR_BAND[1]} band is a guide from Gabbett 2016. "
    f"{LOAD_CAVEAT} Loads are in arbitrary units (AU).  \n*{source_text('Williams 2017; Gabbett 2016')}*"
)

chart(fitness_figure, key="fitness_chart")
st.caption(
    f"Fitness (CTL) and fatigue (ATL) average the daily load with time constants of {CTL_DAYS} and "
    f"{ATL_DAYS} days; "
    "form is yesterday's fitness minus yesterday's fatigue (the TrainingPeaks convention). Negative "
    "form means you are carrying fatigue; deload weeks let it recover.  \n"
    f"*{source_text('Banister 1975')}*"
)

st.header("Energy", anchor=False)
st.write(f"Over {inputs.weeks} weeks your runs cost about **{summary.total_kcal:,.0f} kcal**; the carried load "
         f"adds **{summary.total_kcal_from_load:,.0f} kcal** of that ({summary.share_from_load:.1%})."
         if summary.total_kcal else "This plan has no runs, so no running energy to show.")
chart(energy_figure, key="energy_chart")
if summary.loaded_runs:
    with st.expander(f"Every loaded run ({summary.loaded_runs})"):
        st.dataframe(loaded_runs_table(plan), hide_index=True, key="loaded_runs_table")
    if form_test := form_test_note(plan):
        st.caption(form_test)
else:
    with st.container(border=True, key="energy_empty_state"):
        st.markdown("**No loaded runs in this plan**, so the load adds nothing: the chart shows your running "
                    "energy alone. The reasons are on the Plan page.")
min_kmh = ACSM_MIN_RUNNING_SPEED_M_PER_MIN * 60 / 1000
st.caption(
    f"Energy from the ACSM running equation, VO2 = {RESTING_VO2:g} + {HORIZONTAL_COST:g}·S + "
    f"{VERTICAL_COST:g}·S·G (mL/kg/min), scaled by body + load, at about {KCAL_PER_LITRE_O2:g} kcal per "
    f"litre of oxygen. Level running assumed. Caveats: about ±{ACSM_ERROR:.0%} for an individual, meant "
    f"for running faster than about {min_kmh:.0f} km/h ({min_kmh / KM_PER_MI:.0f} mph), and not validated "
    "for carried loads (a load costs at least this much per kg).  \n"
    f"*{source_text('ACSM')}*"
)
