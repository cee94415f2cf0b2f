"""Fixtures for the Telegram bridge tests (helpers in tests/telegram/support.py)."""

from __future__ import annotations

import queue
import shutil
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from telegram_bridge.settings import Settings
from tests.telegram.support import (
    EMULATOR_DIR,
    EMULATOR_PACKAGE,
    Emulator,
    TelegramUser,
    bridge_settings,
    free_port,
)


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
