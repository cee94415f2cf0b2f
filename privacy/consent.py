"""The reading consent: may an adviser read this conversation?

The channel (widget, Telegram bridge) asks the question before the first message and
sends the answer as message metadata (`consent`); the assistant stores it in the slot
`adviser_consent` (an event in the tracker); the console scopes adviser access by it.
"""

from __future__ import annotations

from typing import Any

METADATA_KEY = "consent"
SLOT = "adviser_consent"
YES = "ja"
ONLY_FOR_HELP = "alleen_hulp"
CHOICES: tuple[str, ...] = (YES, ONLY_FOR_HELP)
QUESTION = "Mag een adviseur meelezen om de dienst beter te maken?"
# Button titles (widget and Telegram) and the console's label for each stored value.
BUTTONS: dict[str, str] = {YES: "Ja, dat mag", ONLY_FOR_HELP: "Alleen als ik om hulp vraag"}
CONSOLE_LABELS: dict[str | None, str] = {
    YES: "meelezen mag",
    ONLY_FOR_HELP: "alleen bij een hulpvraag",
    None: "niet gevraagd",
}


def parse(value: Any) -> str | None:
    """The stored value for what a channel sent, or None when it is not a known choice."""
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    return value if value in CHOICES else None


def transcript_allowed(consent: str | None, handover_requested: bool) -> bool:
    """May an adviser read the transcript (and find it by search, and export it)?

    Yes when the person allowed it, or once they asked for help (a handover): asking an
    adviser for help is the moment "alleen als ik om hulp vraag" refers to. Without an
    answer (old conversations, channels that do not ask) only a handover opens it.
    """
    return consent == YES or bool(handover_requested)
