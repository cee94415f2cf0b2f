"""Fixtures for the Telegram bridge tests: the telegram-test-api emulator (npm), a client
that plays a Telegram user against it, and the bridge running in-process against both.

The emulator deviates from the real Bot API in a few ways python-telegram-bot 22 rejects
(see rasa-engineering.md section 5). `EmulatorCompatRequest` fixes those answers in the
tests only; the bridge itself never knows it talks to an emulator.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.request import HTTPXRequest

from telegram_bridge.app import ALLOWED_UPDATES, announce_commands, build_application
from telegram_bridge.settings import Settings

EMULATOR_DIR = Path(__file__).parent / "emulator"
EMULATOR_PACKAGE = EMULATOR_DIR / "node_modules" / "telegram-test-api"
BOT_USER = {"id": 666, "is_bot": True, "first_name": "Bot", "username": "TestNameBot"}
# Methods the bridge uses that the emulator lacks; answered here, and recorded.
UNSUPPORTED_BY_EMULATOR = {"sendChatAction", "setMyCommands"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- emulator process


@dataclass
class Emulator:
    url: str
    process: subprocess.Popen
    log: list[str]

    @property
    def api_base_url(self) -> str:
        return f"{self.url}/bot"


@pytest.fixture(scope="session")
def telegram_emulator() -> Iterator[Emulator]:
    if not EMULATOR_PACKAGE.is_dir():
        pytest.fail(
            "telegram-test-api is not installed: run `npm ci --prefix tests/telegram/emulator`"
            " (or `make setup-test`)",
            pytrace=False,
        )
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed; the Telegram emulator needs Node.js >= 12",
                    pytrace=False)
    port = free_port()
    process = subprocess.Popen(
        [node, "server.js", str(port)],
        cwd=EMULATOR_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line.rstrip())
            lines.put(line.rstrip())

    threading.Thread(target=pump, daemon=True).start()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                pytest.fail(f"the Telegram emulator did not start: {log}", pytrace=False)
            if line.startswith("READY"):
                break
        yield Emulator(url=f"http://127.0.0.1:{port}", process=process, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


# ---------------------------------------------------------------- compat shim


@dataclass
class ApiRecorder:
    """What the bridge asked of the Bot API, and faults to inject into its answers."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # method -> list of retry_after seconds; each entry fails one call with HTTP 429.
    floods: dict[str, list[int]] = field(default_factory=dict)

    def methods(self, name: str) -> list[dict[str, Any]]:
        return [params for method, params in self.calls if method == name]


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
        pending_floods = self.recorder.floods.get(api_method)
        if pending_floods:
            retry_after = pending_floods.pop(0)
            body = {"ok": False, "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after}}
            return 429, json.dumps(body).encode()
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
    # The emulator stamps bot messages in milliseconds; the Bot API uses seconds.
    if isinstance(message, dict) and isinstance(message.get("date"), int):
        if message["date"] > 10**11:
            message["date"] //= 1000


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
            "text": message.text,
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


@pytest.fixture
def start_bridge() -> Callable[..., Any]:
    return running_bridge


@pytest.fixture
def make_settings(telegram_emulator: Emulator) -> Callable[..., Settings]:
    def make(rasa_url: str, **overrides: Any) -> Settings:
        return bridge_settings(telegram_emulator, rasa_url, **overrides)

    return make


@pytest.fixture
async def make_user(telegram_emulator: Emulator) -> AsyncIterator[Callable[..., TelegramUser]]:
    users: list[TelegramUser] = []

    def make(settings: Settings, chat_id: int | None = None) -> TelegramUser:
        user = TelegramUser(telegram_emulator, settings.bot_token, chat_id)
        users.append(user)
        return user

    yield make
    for user in users:
        await user.aclose()
