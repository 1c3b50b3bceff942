"""The one place the app reads the clock; everything below it takes the time as an argument."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st


def now() -> dt.datetime:
    """Now, in the browser's time zone when Streamlit knows it, so "today" is the runner's today."""
    try:
        zone = ZoneInfo(st.context.timezone) if st.context.timezone else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    return dt.datetime.now(zone)


def today() -> dt.date:
    return now().date()
