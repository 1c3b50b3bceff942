"""The one place the app reads the clock; everything below it takes the time as an argument."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from core.io.store import when_label


def zone() -> dt.tzinfo:
    """The browser's time zone when Streamlit knows it (``st.context.timezone``), else UTC."""
    try:
        return ZoneInfo(st.context.timezone) if st.context.timezone else dt.UTC
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def now() -> dt.datetime:
    """Now, in the browser's time zone when Streamlit knows it, so "today" is the runner's today."""
    return dt.datetime.now(zone())


def time_label(value: dt.datetime) -> str:
    """A saved time (stored in UTC) as the coach reads it: in their browser's time zone."""
    return when_label(value, zone())


def today() -> dt.date:
    return now().date()
