"""The fixed time every test passes in: no test depends on the day it runs."""

import datetime as dt

NOW = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
TODAY = NOW.date()
