"""Keeps the bot from sending the same reply three times in a row.

A person who does not get further must not see the same paragraph again and again: the
second repeat is rephrased and offers a way out (buttons, an adviser).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

HUMAN_BUTTON = {"title": "Ik wil een adviseur spreken", "payload": "/request_human"}
DONT_KNOW_BUTTON = {"title": "Weet ik niet", "payload": "/dont_know"}


def last_bot_texts(tracker: Tracker, n: int = 2) -> list[str]:
    """The texts of the last `n` bot messages, newest first."""
    found: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and event.get("text"):
            found.append(str(event["text"]))
            if len(found) >= n:
                break
    return found


def repeats(tracker: Tracker, text: str) -> int:
    """How many of the latest bot messages (in a row) had exactly this text."""
    count = 0
    for previous in last_bot_texts(tracker, 3):
        if previous.strip() != text.strip():
            break
        count += 1
    return count


def fresh(tracker: Tracker, *variants: str, window: int = 4) -> str:
    """The first variant the bot did not send among its last `window` messages (else the
    one used longest ago), so a reply is never the same three times in a row."""
    recent = [t.strip() for t in last_bot_texts(tracker, window)]
    for variant in variants:
        if variant.strip() not in recent:
            return variant
    return max(variants, key=lambda v: recent.index(v.strip()))


def with_way_out(buttons: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The question's buttons plus "Weet ik niet" and the adviser, each once."""
    result = list(buttons or [])
    for extra in (DONT_KNOW_BUTTON, HUMAN_BUTTON):
        if all(b.get("payload") != extra["payload"] for b in result):
            result.append(extra)
    return result
