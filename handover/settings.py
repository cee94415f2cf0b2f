"""Settings of the live handover, read from the environment in one place.

- HANDOVER_OFFICE_HOURS (default ``ma-vr 09:00-17:00``): when advisers answer in the chat
  (format in handover/office_hours.py).
- HANDOVER_TIMEZONE (``Europe/Amsterdam``): time zone of the office hours.
- HANDOVER_IDLE_MINUTES (30): the assistant takes the conversation back after this many
  minutes without an adviser reply.
- HANDOVER_WEBHOOK_URL (unset): POST a JSON notice of every new handover here.
- HANDOVER_WEBHOOK_SECRET (unset, required with the URL): HMAC-SHA256 key for the
  ``X-Handover-Signature`` header.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from handover.office_hours import OfficeHours, parse_office_hours

DEFAULT_OFFICE_HOURS = "ma-vr 09:00-17:00"


@dataclass(frozen=True)
class HandoverSettings:
    office_hours: OfficeHours
    idle_minutes: float = 30.0
    webhook_url: str = ""
    webhook_secret: str = ""


def load_handover_settings(env: Mapping[str, str] | None = None) -> HandoverSettings:
    env = os.environ if env is None else env
    hours = parse_office_hours(
        env.get("HANDOVER_OFFICE_HOURS", DEFAULT_OFFICE_HOURS),
        env.get("HANDOVER_TIMEZONE", "").strip() or "Europe/Amsterdam",
    )
    raw_idle = env.get("HANDOVER_IDLE_MINUTES", "").strip()
    idle = float(raw_idle) if raw_idle else 30.0
    if idle <= 0:
        raise ValueError("HANDOVER_IDLE_MINUTES must be above 0")
    url = env.get("HANDOVER_WEBHOOK_URL", "").strip()
    secret = env.get("HANDOVER_WEBHOOK_SECRET", "").strip()
    if url and len(secret) < 16:
        raise ValueError("HANDOVER_WEBHOOK_URL needs HANDOVER_WEBHOOK_SECRET (16+ characters)")
    return HandoverSettings(hours, idle, url, secret)
