"""The router: page config, sign-in, presentation mode, the shared inputs (the sidebar, or the
key-input bar when presenting; they write the address bar), and the pages."""

import streamlit as st

from pages._ui.plan import show_input_messages, show_whose_plan
from pages._ui.presentation import presentation_toggle
from pages._ui.routing import run_page, settle_navigation
from pages._ui.sidebar import shared_inputs
from pages._ui.signin import require_sign_in

st.set_page_config(page_title="Loaded running planner", page_icon=":material/backpack:", layout="wide")
settle_navigation()
require_sign_in()
presentation_toggle()
shared_inputs()
show_whose_plan()
show_input_messages()
run_page()
