"""Check-in: today's readiness decision and the heavy-legs troubleshooter."""

import streamlit as st

from core.planner.checkin import ADVICE_ONLY, HEAVY_LEGS, READINESS_QUESTIONS, UNANSWERED_PROMPT, readiness
from core.planner.rules import DISCLAIMER, REVIEW_EVERY_WEEKS
from core.planner.units import cardinal
from pages._ui.routing import page_link, require_router

require_router()
st.title("Daily check-in", anchor=False)
st.caption("Answer honestly; mostly yes means do the planned session (004).")
with st.container(border=True, key="checkin_advice_only"):
    st.markdown(f":material/info: {ADVICE_ONLY}")
    page_link("pages/log.py", "Save today's check-in on the Log page", key="checkin_to_log")


@st.fragment
def the_answers() -> None:
    """The questions and the decision: answering reruns only this part of the page."""
    left, right = st.columns(2, gap="large")
    with left:
        # Each question starts unanswered: the page never answers for the runner.
        answers = {key: st.segmented_control(question, (True, False), format_func=lambda yes: "Yes" if yes else "No",
                                             key=f"ready_{key}")
                   for key, question in READINESS_QUESTIONS}
        trending = st.toggle("Have these signals been trending down for several days?", key="ready_trending")
        pain = st.toggle("Severe soreness or pain today?", key="ready_pain")
    with right:
        advice = readiness(answers, severe_pain=pain, trending_down=trending)
        if advice is None:
            st.info(UNANSWERED_PROMPT, icon=":material/help:")
        else:
            box = {"go": st.success, "reduce": st.warning, "recover": st.error}[advice.verdict]
            box(f"**{advice.headline}**  \n{advice.detail}  \n*Source: {advice.source}*")
        st.markdown("**Track weekly (004):** easy-run effort at a set pace, interval splits, key-lift loads, calf "
                    "and Achilles tolerance, sleep, morning resting HR, HRV trend. "
                    f"Review every {cardinal(REVIEW_EVERY_WEEKS)} weeks.")


the_answers()

st.header("Heavy legs? Check these, in order", anchor=False)
st.markdown("\n".join(f"{n}. **{cause}**: {what} *({source})*" for n, (cause, what, source) in
                      enumerate(HEAVY_LEGS, start=1)))  # one list, in the order to check
st.caption(DISCLAIMER)
