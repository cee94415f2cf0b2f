"""Turn Rasa REST replies into Telegram messages (HTML parse mode).

Pure functions and one small table; no network, no python-telegram-bot objects, so every
rule is unit-tested directly. The parts live in `html_text` (escaping, splitting),
`cards` (payload renderers), `keyboards` (buttons) and `labels`; this module puts one
Rasa answer together and re-exports the names the bridge and the tests use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from telegram_bridge.cards import MAX_FUNDING, MAX_ROUTES, render_custom
from telegram_bridge.html_text import (
    MESSAGE_LIMIT,
    esc,
    link,
    safe_url,
    split_html,
    text_to_html,
    utf16_len,
)
from telegram_bridge.keyboards import CALLBACK_DATA_LIMIT, Button, CallbackTable, keyboard

__all__ = [
    "CALLBACK_DATA_LIMIT", "MAX_FUNDING", "MAX_ROUTES", "MESSAGE_LIMIT", "Button",
    "CallbackTable", "OutgoingMessage", "esc", "keyboard", "render_custom", "render_replies",
    "split_html", "text_to_html", "utf16_len",
]


@dataclass(frozen=True)
class OutgoingMessage:
    """One Telegram message: HTML text (parse_mode HTML) and an optional inline keyboard."""

    html: str
    keyboard: tuple[tuple[Button, ...], ...] = field(default=())


def render_replies(
    replies: Iterable[Any], table: CallbackTable, limit: int = MESSAGE_LIMIT
) -> list[OutgoingMessage]:
    """All Telegram messages for one Rasa answer, in order, each within the size limit.

    The assistant sends advice as text plus a `custom` payload, which REST returns as two
    entries: the text (with its buttons) and then the payload. The text is the plain copy
    for channels that cannot render payloads, so a card that renders replaces the text
    right before it and keeps that text's buttons under it. Payloads without content
    (no items, `fallback`) render nothing and the text stays.
    """
    drafts: list[_Draft] = []
    for reply in replies:
        if not isinstance(reply, Mapping):
            continue
        text = reply.get("text")
        rows = keyboard(reply.get("buttons"), table)
        body = text_to_html(text) if isinstance(text, str) and text.strip() else ""
        if body or rows:
            drafts.append(_Draft(body or "Maak een keuze:", rows))
        if safe_url(reply.get("image")):
            drafts.append(_Draft(link("Bekijk de afbeelding", reply["image"]), closed=True))
        card = render_custom(reply.get("custom"))
        if not card:
            continue
        if drafts and not drafts[-1].closed:
            drafts[-1].body = card
            drafts[-1].closed = True
        else:
            drafts.append(_Draft(card, closed=True))
    messages: list[OutgoingMessage] = []
    for draft in drafts:
        chunks = split_html(draft.body, limit)
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            messages.append(OutgoingMessage(chunk, draft.rows if last else ()))
    return messages


@dataclass
class _Draft:
    body: str
    rows: tuple[tuple[Button, ...], ...] = ()
    closed: bool = False  # holds a card (or an image): a following card stands alone
