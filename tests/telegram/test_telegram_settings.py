"""Bridge settings: defaults, overrides, and clear errors for unusable values."""

from __future__ import annotations

import subprocess
import sys

import pytest

from settings.sections import TELEGRAM_API_DEFAULT, SettingsError, TelegramSettings


def test_defaults_are_long_polling_against_telegram_and_local_rasa():
    # GIVEN only a token
    settings = TelegramSettings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc"})
    # THEN the bridge polls Telegram itself and talks to Rasa on 5005
    assert settings.mode == "polling"
    assert settings.api_base_url == TELEGRAM_API_DEFAULT == "https://api.telegram.org/bot"
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.public_base_url == "http://localhost:8000"


def test_rasa_url_follows_rasa_port_and_explicit_settings_win():
    # GIVEN the run script's RASA_PORT, then an explicit RASA_URL and API root
    from_port = TelegramSettings.from_env({"TELEGRAM_BOT_TOKEN": "1:a", "RASA_PORT": "5305"})
    explicit = TelegramSettings.from_env({
        "TELEGRAM_BOT_TOKEN": "1:a", "RASA_PORT": "5305", "RASA_URL": "http://rasa:5005/",
        "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9000/bot"})
    # THEN both are used, with the trailing slash dropped
    assert from_port.rasa_url == "http://127.0.0.1:5305"
    assert explicit.rasa_url == "http://rasa:5005"
    assert explicit.api_base_url == "http://127.0.0.1:9000/bot"


def test_missing_token_is_an_error_that_names_the_setting():
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN"):
        TelegramSettings.from_env({})


@pytest.mark.parametrize("env, message", [
    ({"TELEGRAM_MODE": "push"}, "TELEGRAM_MODE"),
    ({"TELEGRAM_MODE": "webhook"}, "TELEGRAM_WEBHOOK_URL"),
    ({"TELEGRAM_MODE": "webhook", "TELEGRAM_WEBHOOK_URL": "https://bot.example.nl/tg"},
     "TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_WEBHOOK_SECRET": "has spaces!"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"TELEGRAM_WEBHOOK_PORT": "eighty"}, "TELEGRAM_WEBHOOK_PORT"),
    ({"TELEGRAM_RETRY_MAX_AGE": "soon"}, "TELEGRAM_RETRY_MAX_AGE"),
])
def test_unusable_values_are_rejected_with_the_setting_name(env, message):
    with pytest.raises(SettingsError, match=message):
        TelegramSettings.from_env({"TELEGRAM_BOT_TOKEN": "1:a", **env})


def test_webhook_mode_with_url_and_secret_is_accepted():
    settings = TelegramSettings.from_env({
        "TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_MODE": "webhook",
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.nl/telegram/hook",
        "TELEGRAM_WEBHOOK_PORT": "8088", "TELEGRAM_WEBHOOK_SECRET": "s3cret_-X"})
    assert (settings.mode, settings.webhook_port) == ("webhook", 8088)


def test_module_without_token_exits_with_a_clear_message():
    # GIVEN no token in the environment
    env = {"PATH": "/usr/bin:/bin"}
    # WHEN the bridge is started as a process
    result = subprocess.run([sys.executable, "-m", "telegram_bridge"], env=env,
                            capture_output=True, text=True, timeout=60)
    # THEN it stops at once with exit code 2 and says what is missing
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
