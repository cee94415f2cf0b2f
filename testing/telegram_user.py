"""A Telegram user played through the emulator's client API, and the bridge running
in-process against the emulator (for tests and benchmarks)."""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from typing import Any

import httpx

from settings.sections import TelegramSettings
from telegram_bridge.app import ALLOWED_UPDATES, announce_commands, build_application
from testing.telegram_emulator import BOT_USER, ApiRecorder, Emulator, EmulatorCompatRequest


@dataclass
class BotMessage:
    message_id: int
    text: str
    parse_mode: str | None
    keyboard: list[list[dict[str, Any]]]

    def button(self, title: str) -> dict[str, Any] | None:
        for row in self.keyboard:
            for button in row:
                if button.get("text") == title:
                    return button
        return None

    @property
    def button_titles(self) -> list[str]:
        return [button.get("text", "") for row in self.keyboard for button in row]


class TelegramUser:
    """Plays one person in a private chat with the bot, through the emulator's client API."""

    def __init__(self, emulator: Emulator, token: str, chat_id: int | None = None) -> None:
        self.emulator = emulator
        self.token = token
        self.chat_id = chat_id or int(uuid.uuid4().int % 10**9) + 10**9
        self.transcript: list[BotMessage] = []
        self._client = httpx.AsyncClient(base_url=emulator.url, timeout=10)

    @property
    def sender_id(self) -> str:
        return f"telegram:{self.chat_id}"

    def _envelope(self, chat_type: str = "private") -> dict[str, Any]:
        return {
            "botToken": self.token,
            "from": {"id": self.chat_id, "is_bot": False, "first_name": "Test"},
            "chat": {"id": self.chat_id, "type": chat_type, "first_name": "Test"},
            "date": int(time.time()),
        }

    async def say(self, text: str) -> None:
        await self._post("/sendMessage", {**self._envelope(), "text": text})

    async def command(self, text: str) -> None:
        length = len(text.split()[0])
        entities = [{"offset": 0, "length": length, "type": "bot_command"}]
        await self._post("/sendCommand", {**self._envelope(), "text": text,
                                           "entities": entities})

    async def send_raw(self, fields: dict[str, Any], chat_type: str = "private") -> None:
        """A message with arbitrary content (sticker, photo, ...) instead of text."""
        await self._post("/sendMessage", {**self._envelope(chat_type), **fields})

    async def click(self, title: str, message: BotMessage | None = None) -> BotMessage:
        """Press the inline button `title` on the latest message that has it."""
        if message is None:
            message = next((m for m in reversed(self.transcript) if m.button(title)), None)
        assert message is not None, f"no button {title!r} in {self.texts()}"
        button = message.button(title)
        assert button is not None
        await self.press(message, button["callback_data"])
        return message

    async def press(self, message: BotMessage, data: str) -> None:
        callback_message = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "from": BOT_USER,
            "chat": {"id": self.chat_id, "type": "private", "first_name": "Test"},
            # Telegram delivers plain text (formatting travels as entities).
            "text": html.unescape(re.sub(r"<[^>]+>", "", message.text)),
            "reply_markup": {"inline_keyboard": message.keyboard},
        }
        envelope = self._envelope()
        await self._post("/sendCallback", {"botToken": self.token, "from": envelope["from"],
                                           "message": callback_message, "data": data})

    async def fetch(self) -> list[BotMessage]:
        """New bot messages in this chat since the last fetch (also added to transcript)."""
        response = await self._client.post("/getUpdates",
                                           json={"token": self.token, "chatId": self.chat_id})
        response.raise_for_status()
        new = []
        for item in response.json().get("result", []):
            message = item["message"]
            markup = message.get("reply_markup") or {}
            if isinstance(markup, str):
                markup = json.loads(markup)
            new.append(BotMessage(
                message_id=int(item["messageId"]),
                text=message.get("text", ""),
                parse_mode=message.get("parse_mode"),
                keyboard=markup.get("inline_keyboard", []),
            ))
        self.transcript.extend(new)
        return new

    async def wait_for(
        self,
        condition: Callable[[list[BotMessage]], bool],
        timeout: float = 60.0,
        what: str = "bot messages",
    ) -> list[BotMessage]:
        """Polls the emulator until `condition(transcript)` holds; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            await self.fetch()
            if condition(self.transcript):
                return self.transcript
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; transcript: {self.texts()}")
            await asyncio.sleep(0.1)

    async def wait_for_new(self, since: int, timeout: float = 60.0,
                           what: str = "an answer") -> list[BotMessage]:
        """Waits for at least one message after index `since` and for the burst to end."""
        await self.wait_for(lambda t: len(t) > since, timeout, what)
        # An answer is several messages sent in a row; wait until no more arrive.
        quiet_since = time.monotonic()
        count = len(self.transcript)
        while time.monotonic() - quiet_since < 0.7:
            await asyncio.sleep(0.1)
            await self.fetch()
            if len(self.transcript) != count:
                count = len(self.transcript)
                quiet_since = time.monotonic()
        return self.transcript[since:]

    def texts(self) -> list[str]:
        return [m.text for m in self.transcript]

    async def _post(self, path: str, body: dict[str, Any]) -> None:
        response = await self._client.post(path, json=body)
        response.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()


# ---------------------------------------------------------------- the bridge in-process


def bridge_settings(emulator: Emulator, rasa_url: str, **overrides: Any) -> TelegramSettings:
    settings = TelegramSettings(
        bot_token=f"{uuid.uuid4().int % 10**9}:TEST{uuid.uuid4().hex}",
        api_base_url=emulator.api_base_url,
        rasa_url=rasa_url,
        backoff_initial=0.2,
        backoff_max=1.0,
        # A loaded CI machine can make Rasa take seconds; only the test about slowness
        # should see the "even geduld" note.
        slow_notice_after=45.0,
    )
    return replace(settings, **overrides)


@dataclass
class RunningBridge:
    application: Any
    settings: TelegramSettings
    recorder: ApiRecorder

    @property
    def bridge(self) -> Any:
        return self.application.bot_data["bridge"]


@contextlib.asynccontextmanager
async def running_bridge(
    settings: TelegramSettings, recorder: ApiRecorder | None = None, polling: bool = True
) -> AsyncIterator[RunningBridge]:
    """The bridge's Application, started in this event loop against the emulator."""
    recorder = recorder or ApiRecorder()
    application = build_application(
        settings,
        request=EmulatorCompatRequest(recorder),
        get_updates_request=EmulatorCompatRequest(recorder),
    )
    await application.initialize()
    await announce_commands(application)
    await application.start()
    if polling and application.updater is not None:
        await application.updater.start_polling(poll_interval=0.0,
                                                allowed_updates=ALLOWED_UPDATES)
    try:
        yield RunningBridge(application, settings, recorder)
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        await application.stop()
        await application.bot_data["bridge"].close()
        await application.shutdown()


def user_texts(tracker: dict[str, Any]) -> list[str]:
    """The user messages in a Rasa tracker, in order."""
    return [event.get("text") or "" for event in tracker.get("events", [])
            if event.get("event") == "user"]


async def start_with_consent(user: Any, start: str = "/start",
                             choice: str = "Ja, dat mag") -> list[BotMessage]:
    """/start, then answer the privacy notice's reading-consent question; the greeting."""
    await user.command(start)
    notice = await user.wait_for_new(len(user.transcript), what="the privacy notice")
    message = next((m for m in notice if m.button(choice)), None)
    assert message is not None, f"no consent button {choice!r}: {user.texts()}"
    before = len(user.transcript)
    await user.click(choice, message)
    return await user.wait_for_new(before, what="the greeting")
