"""Adviser messages from the console to the Telegram chat.

An adviser's reply is stored in Rasa's tracker; the web server lists those for Telegram
chats at ``/internal/telegram-outbox`` (handover/telegram_outbox.py). This relay polls that
feed, sends each message to its chat with the adviser's first name, and keeps the id of
the last delivered event in a small file, so a restart neither loses nor repeats messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

import httpx

from telegram_bridge.render import OutgoingMessage, esc
from telegram_bridge.sender import TelegramSender

log = logging.getLogger(__name__)


def adviser_html(item: dict[str, Any]) -> str:
    """How an adviser message looks in Telegram: the name in bold, then the text."""
    text = esc(str(item.get("text") or ""))
    if item.get("kind") != "adviser":
        return text  # the assistant's own "I am back" note
    if item.get("notice"):
        return f"<i>{text}</i>"
    name = esc(str(item.get("adviser_name") or "Adviseur"))
    return f"<b>{name}, adviseur:</b>\n{text}"


class AdviserRelay:
    def __init__(self, sender: TelegramSender, url: str, token: str, interval: float,
                 cursor_file: Path, client: httpx.AsyncClient | None = None) -> None:
        self.sender = sender
        self.url = url
        self.interval = interval
        self.cursor_file = cursor_file
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(10.0, connect=5.0),
            headers={"Authorization": f"Bearer {token}"})
        self._task: asyncio.Task[None] | None = None
        self._warned = False

    def _load_cursor(self) -> int | None:
        try:
            return int(self.cursor_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def _save_cursor(self, value: int) -> None:
        self.cursor_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cursor_file.with_suffix(".tmp")
        tmp.write_text(str(value))
        tmp.replace(self.cursor_file)

    async def poll_once(self) -> int:
        """Deliver what is new; returns the number of messages sent."""
        cursor = self._load_cursor()
        params = {} if cursor is None else {"after": str(cursor)}
        response = await self._client.get(self.url, params=params)
        response.raise_for_status()
        body = response.json()
        sent = 0
        for item in body.get("items") or []:
            await self.sender.send(int(item["chat_id"]), OutgoingMessage(adviser_html(item)))
            # Saved per message: a crash mid-batch repeats nothing already delivered.
            self._save_cursor(int(item["id"]))
            sent += 1
        self._save_cursor(int(body.get("last_id") or cursor or 0))
        return sent

    async def run(self) -> None:
        while True:
            try:
                await self.poll_once()
                self._warned = False
            except (httpx.HTTPError, ValueError, KeyError) as error:
                # The web server restarts or is not up yet: quiet retry, one warning.
                if not self._warned:
                    log.warning("adviser messages not reachable (%s); retrying",
                                type(error).__name__)
                    self._warned = True
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._client.aclose()
