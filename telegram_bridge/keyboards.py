"""Inline keyboards: Rasa buttons as Telegram rows, payloads squeezed into callback_data."""

from __future__ import annotations

import base64
import hashlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from telegram_bridge.html_text import safe_url

CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit for callback_data


@dataclass(frozen=True)
class Button:
    title: str
    callback_data: str = ""
    url: str = ""


class CallbackTable:
    """Maps Rasa button payloads to callback_data that fits Telegram's 64-byte limit.

    Short payloads pass through unchanged, so buttons keep working after a restart. Longer
    ones get a key from their hash; the table is per process and bounded, so a very old
    button can come back unknown: `resolve` then returns None and the caller says so.
    """

    PREFIX = "#"

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        if len(payload.encode()) <= CALLBACK_DATA_LIMIT and not payload.startswith(self.PREFIX):
            return payload
        digest = hashlib.sha256(payload.encode()).digest()[:15]
        key = self.PREFIX + base64.urlsafe_b64encode(digest).decode()
        self._payloads[key] = payload
        self._payloads.move_to_end(key)
        while len(self._payloads) > self._capacity:
            self._payloads.popitem(last=False)
        return key

    def resolve(self, data: str) -> str | None:
        if not data.startswith(self.PREFIX):
            return data
        return self._payloads.get(data)


def keyboard(buttons: Any, table: CallbackTable) -> tuple[tuple[Button, ...], ...]:
    """Inline keyboard rows: short titles two per row, long titles on their own row."""
    parsed: list[Button] = []
    for raw in buttons if isinstance(buttons, list) else []:
        if not isinstance(raw, Mapping) or not str(raw.get("title") or "").strip():
            continue
        title = str(raw["title"]).strip()[:64]
        url = safe_url(raw.get("url"))
        if url:
            parsed.append(Button(title=title, url=url))
            continue
        payload = str(raw.get("payload") or title)
        parsed.append(Button(title=title, callback_data=table.encode(payload)))
    rows: list[tuple[Button, ...]] = []
    pending: list[Button] = []
    for button in parsed:
        if len(button.title) > 18:
            if pending:
                rows.append(tuple(pending))
                pending = []
            rows.append((button,))
            continue
        pending.append(button)
        if len(pending) == 2:
            rows.append(tuple(pending))
            pending = []
    if pending:
        rows.append(tuple(pending))
    return tuple(rows)
