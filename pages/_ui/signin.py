"""Sign-in: with ``[auth]`` in secrets (a shared deployment) nothing shows until a coach signs in,
so each coach's athletes stay theirs. Without it the app is single-user and local."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st


def secrets_section(*path: str) -> Any:
    """A section of secrets.toml, or None; no exception when there is no secrets file."""
    if not st.secrets.load_if_toml_exists():
        return None
    section: Any = st.secrets
    for key in path:
        if key not in section:
            return None
        section = section[key]
    return section


def require_sign_in() -> None:
    auth = secrets_section("auth")
    if auth is None or st.user.get("is_logged_in"):
        return
    providers = [name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value]

    def sign_in() -> None:
        st.title("Loaded running planner", anchor=False)
        st.write("Sign in to plan and to see your athletes.")
        for provider in providers or [None]:
            st.button(f"Sign in with {provider}" if provider else "Sign in", on_click=st.login, args=(provider,),
                      icon=":material/login:", type="primary", key=f"sign_in_{provider}")

    st.navigation([st.Page(sign_in, title="Sign in", icon=":material/login:")], position="hidden").run()
    st.stop()
