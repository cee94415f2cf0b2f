"""Dates for people in the Netherlands, whatever time zone the server (container) runs in."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def amsterdam_iso(timestamp: float) -> str:
    """yyyy-mm-dd of `timestamp` in Europe/Amsterdam time."""
    return dt.datetime.fromtimestamp(timestamp, AMSTERDAM).strftime("%Y-%m-%d")


def dutch_date(timestamp: float) -> str:
    """dd-mm-jjjj of `timestamp` in Europe/Amsterdam time (a UTC server would show the
    previous day for everything between midnight and 01:00/02:00 Dutch time)."""
    return dt.datetime.fromtimestamp(timestamp, AMSTERDAM).strftime("%d-%m-%Y")
