"""Fixtures for the Telegram bridge tests (helpers in testing/telegram_*.py, tcp_proxy.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from settings.sections import TelegramSettings
from testing.telegram_emulator import Emulator, EmulatorMissing, running_emulator
from testing.telegram_user import TelegramUser, bridge_settings


@pytest.fixture(scope="session")
def telegram_emulator() -> Iterator[Emulator]:
    try:
        with running_emulator() as emulator:
            yield emulator
    except EmulatorMissing as missing:
        pytest.fail(str(missing), pytrace=False)


@pytest.fixture
def make_settings(telegram_emulator: Emulator) -> Callable[..., TelegramSettings]:
    def make(rasa_url: str, **overrides: Any) -> TelegramSettings:
        return bridge_settings(telegram_emulator, rasa_url, **overrides)

    return make

@pytest.fixture
async def make_user(telegram_emulator: Emulator) -> AsyncIterator[Callable[..., TelegramUser]]:
    users: list[TelegramUser] = []

    def make(settings: TelegramSettings, chat_id: int | None = None) -> TelegramUser:
        user = TelegramUser(telegram_emulator, settings.bot_token, chat_id)
        users.append(user)
        return user

    yield make
    for user in users:
        await user.aclose()
