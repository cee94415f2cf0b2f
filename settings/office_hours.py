"""When advisers answer in the chat: the HANDOVER_OFFICE_HOURS setting.

Format: segments separated by ``;``, each ``<days> <HH:MM>-<HH:MM>`` with Dutch day
abbreviations (``ma di wo do vr za zo``), a single day or a range: ``ma-vr 09:00-17:00``
or ``ma-do 09:00-17:00; vr 09:00-12:00``. ``altijd`` means always, ``nooit`` (or empty)
means advisers never answer live. Times are local time in HANDOVER_TIMEZONE.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_SEGMENT = re.compile(
    r"^(?P<first>ma|di|wo|do|vr|za|zo)(?:-(?P<last>ma|di|wo|do|vr|za|zo))?\s+"
    r"(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$"
)


@dataclass(frozen=True)
class Segment:
    days: tuple[int, ...]  # 0 = Monday
    start: dt.time
    end: dt.time | None  # None = until midnight ("24:00")

    def contains(self, moment: dt.datetime) -> bool:
        if moment.weekday() not in self.days:
            return False
        now = moment.time()
        return self.start <= now and (self.end is None or now < self.end)


def _time(text: str) -> dt.time | None:
    hours, minutes = (int(part) for part in text.split(":"))
    if hours == 24 and minutes == 0:
        return None
    return dt.time(hours, minutes)


@dataclass(frozen=True)
class OfficeHours:
    segments: tuple[Segment, ...]
    timezone: ZoneInfo
    always: bool = False

    def is_open(self, moment: dt.datetime | None = None) -> bool:
        if self.always:
            return True
        local = (moment or dt.datetime.now(dt.timezone.utc)).astimezone(self.timezone)
        return any(segment.contains(local) for segment in self.segments)

    def describe(self) -> str:
        """Plain Dutch: "maandag tot en met vrijdag van 9.00 tot 17.00 uur"."""
        if self.always:
            return "altijd"
        parts = []
        for segment in self.segments:
            first, last = segment.days[0], segment.days[-1]
            days = DAY_NAMES[first] if first == last else (
                f"{DAY_NAMES[first]} tot en met {DAY_NAMES[last]}")
            end = "24.00" if segment.end is None else _clock(segment.end)
            parts.append(f"{days} van {_clock(segment.start)} tot {end} uur")
        return " en ".join(parts)


def _clock(value: dt.time) -> str:
    return f"{value.hour}.{value.minute:02d}"


def parse_office_hours(text: str | None, timezone: str = "Europe/Amsterdam") -> OfficeHours:
    """Parse the setting; raises ValueError with a Dutch-free technical message on bad input."""
    zone = ZoneInfo(timezone)
    value = (text or "").strip().lower()
    if value == "altijd":
        return OfficeHours((), zone, always=True)
    if value in ("", "nooit"):
        return OfficeHours((), zone)
    segments = []
    for raw in value.split(";"):
        match = _SEGMENT.match(" ".join(raw.split()))
        if not match:
            raise ValueError(f"HANDOVER_OFFICE_HOURS: cannot read segment {raw.strip()!r}")
        first = DAYS.index(match["first"])
        last = DAYS.index(match["last"] or match["first"])
        if last < first:
            raise ValueError(f"HANDOVER_OFFICE_HOURS: day range runs backwards in {raw!r}")
        start, end = _time(match["start"]), _time(match["end"])
        if start is None or (end is not None and end <= start):
            raise ValueError(f"HANDOVER_OFFICE_HOURS: times out of order in {raw!r}")
        segments.append(Segment(tuple(range(first, last + 1)), start, end))
    return OfficeHours(tuple(segments), zone)
