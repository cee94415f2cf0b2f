"""The privacy notice on /start and the reading-consent choice, before any profiling.

The choice travels to the assistant as message metadata (`consent`) together with the
greeting, so the assistant stores it (slot `adviser_consent`) before the first question.
"""

from __future__ import annotations

import html

import settings
from privacy import consent
from telegram_bridge.keyboards import Button, CallbackTable
from telegram_bridge.render import OutgoingMessage

PREFIX = "consent:"
GREETING = "/greet"


def notice_text(retention_days: int) -> str:
    return (
        "Welkom bij de Overstapcoach Techniek! Ik stel je een paar vragen over je werk en "
        "wat je leuk vindt. Daarna vertel ik welke technische beroepen bij je passen.\n\n"
        f"Wat ik bewaar: je antwoorden in dit gesprek, hoogstens {retention_days} dagen. "
        "Met /verwijder wis je alles, wanneer je wilt.\n\n"
        f"{consent.QUESTION}"
    )


def notice(table: CallbackTable, campaign: str | None = None) -> OutgoingMessage:
    """The notice with one button per choice; the campaign of a deep link rides along."""
    days = int(settings.current().retention_days)
    buttons = tuple(
        Button(title=title, callback_data=table.encode(f"{PREFIX}{value}:{campaign or ''}"))
        for value, title in consent.BUTTONS.items()
    )
    return OutgoingMessage(html.escape(notice_text(days), quote=False),
                           keyboard=tuple((b,) for b in buttons))


def parse_choice(payload: str | None) -> tuple[str, str | None] | None:
    """(choice, campaign) for a consent button's payload, else None."""
    if not payload or not payload.startswith(PREFIX):
        return None
    value, _, campaign = payload[len(PREFIX):].partition(":")
    choice = consent.parse(value)
    return (choice, campaign or None) if choice else None


def greeting_metadata(choice: str, campaign: str | None) -> dict[str, str]:
    metadata = {consent.METADATA_KEY: choice}
    if campaign:
        metadata["campaign"] = campaign
    return metadata
