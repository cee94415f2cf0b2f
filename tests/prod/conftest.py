"""Fixtures of the production-topology tests: the Telegram emulator fixtures come from the
Telegram tests (the handover test drives a chat through the real bridge)."""

from tests.telegram.conftest import make_settings, make_user, telegram_emulator  # noqa: F401
