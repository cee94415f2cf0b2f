"""Helpers for the Telegram bridge tests: the telegram-test-api emulator (npm), a client
that plays a Telegram user against it, and the bridge running in-process against both.

The emulator deviates from the real Bot API in a few ways python-telegram-bot 22 rejects
(see rasa-engineering.md section 5). `EmulatorCompatRequest` fixes those answers in the
tests only; the bridge itself never knows it talks to an emulator.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import re
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.request import HTTPXRequest

from telegram_bridge.app import ALLOWED_UPDATES, announce_commands, build_application
from telegram_bridge.settings import Settings
from testing.ports import free_port  # noqa: F401 - re-exported for the tests

EMULATOR_DIR = Path(__file__).parent / "emulator"
EMULATOR_PACKAGE = EMULATOR_DIR / "node_modules" / "telegram-test-api"
BOT_USER = {"id": 666, "is_bot": True, "first_name": "Bot", "username": "TestNameBot"}
# Methods the bridge uses that the emulator lacks; answered here, and recorded.
UNSUPPORTED_BY_EMULATOR = {"sendChatAction", "setMyCommands"}


# ---------------------------------------------------------------- emulator process


@dataclass
class Emulator:
    url: str
    process: subprocess.Popen
    log: list[str]

    @property
    def api_base_url(self) -> str:
        return f"{self.url}/bot"




# ---------------------------------------------------------------- compat shim


@dataclass
class ApiRecorder:
    """What the bridge asked of the Bot API, and faults to inject into its answers."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # method -> errors (HTTP status, Bot API error body) for its next calls, in order.
    faults: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)

    def methods(self, name: str) -> list[dict[str, Any]]:
        return [params for method, params in self.calls if method == name]

    def flood(self, method: str, retry_after: int) -> None:
        """The next call of `method` hits Telegram's flood limit."""
        self.fail(method, 429, f"Too Many Requests: retry after {retry_after}",
                  {"retry_after": retry_after})

    def fail(self, method: str, code: int, description: str,
             parameters: dict[str, Any] | None = None) -> None:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        self.faults.setdefault(method, []).append((code, body))


class EmulatorCompatRequest(HTTPXRequest):
    """Makes telegram-test-api 4.2.1 answers acceptable to python-telegram-bot 22."""

    def __init__(self, recorder: ApiRecorder) -> None:
        super().__init__(connection_pool_size=16)
        self.recorder = recorder

    async def do_request(self, url, method, request_data=None, **kwargs):  # noqa: ANN001
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        if api_method != "getUpdates":
            self.recorder.calls.append((api_method, params))
        pending_faults = self.recorder.faults.get(api_method)
        if pending_faults:
            code, body = pending_faults.pop(0)
            return code, json.dumps(body).encode()
        if api_method in UNSUPPORTED_BY_EMULATOR:
            return 200, json.dumps({"ok": True, "result": True}).encode()
        code, payload = await super().do_request(url, method, request_data, **kwargs)
        if code != 200:
            return code, payload
        body = json.loads(payload)
        result = body.get("result")
        if api_method == "getMe" and isinstance(result, dict):
            result.setdefault("is_bot", True)
        if result is None and api_method.startswith(("edit", "answer", "delete", "set")):
            body["result"] = True
        for item in result if isinstance(result, list) else [result]:
            if isinstance(item, dict):
                _fix_date(item)
                _fix_date(item.get("message"))
                callback = item.get("callback_query")
                if isinstance(callback, dict):
                    callback.setdefault("chat_instance", "test")
                    _fix_date(callback.get("message"))
        if api_method == "getUpdates" and not result:
            # The emulator answers at once instead of long polling; do not spin the CPU.
            await asyncio.sleep(0.05)
        return code, json.dumps(body).encode()


def _fix_date(message: Any) -> None:
    if not isinstance(message, dict):
        return
    # The emulator stamps bot messages in milliseconds; the Bot API uses seconds.
    if isinstance(message.get("date"), int) and message["date"] > 10**11:
        message["date"] //= 1000
    # It echoes form-encoded JSON fields of sent messages back as strings.
    for key in ("link_preview_options", "entities"):
        if isinstance(message.get(key), str):
            message[key] = json.loads(message[key])


# ---------------------------------------------------------------- a Telegram user


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
                pytest.fail(f"timed out waiting for {what}; transcript: {self.texts()}")
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


def bridge_settings(emulator: Emulator, rasa_url: str, **overrides: Any) -> Settings:
    settings = Settings(
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
    settings: Settings
    recorder: ApiRecorder

    @property
    def bridge(self) -> Any:
        return self.application.bot_data["bridge"]


@contextlib.asynccontextmanager
async def running_bridge(
    settings: Settings, recorder: ApiRecorder | None = None, polling: bool = True
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








# ---------------------------------------------------------------- a switchable way to Rasa


class TcpProxy:
    """A real TCP forwarder to Rasa on its own port: not listening = "Rasa is down",
    listening = "Rasa is back"; `delay` holds each connection first = "Rasa is slow"."""

    def __init__(self, target_url: str, delay: float = 0.0) -> None:
        target = httpx.URL(target_url)
        self.target = (target.host, target.port or 80)
        self.delay = delay
        self.port = free_port()
        self.connections = 0
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for task in list(self._tasks):
            task.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
            await asyncio.gather(_pipe(reader, upstream_writer),
                                 _pipe(upstream_reader, writer))
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            self._tasks.discard(task)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


def user_texts(tracker: dict[str, Any]) -> list[str]:
    """The user messages in a Rasa tracker, in order."""
    return [event.get("text") or "" for event in tracker.get("events", [])
            if event.get("event") == "user"]
