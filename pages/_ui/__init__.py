"""What the pages share and Streamlit never routes: the sidebar's inputs, the URL check, sign-in,
presentation mode, the cached plan, the clock, session-state keys and the routing workaround."""
