"""Settings of the Telegram bridge, read from the environment in one place.

Every variable is documented in docs/telegram.md. Nothing here is read at import time:
call `Settings.from_env()` where the process starts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

TELEGRAM_API_DEFAULT = "https://api.telegram.org/bot"
RASA_URL_DEFAULT = "http://127.0.0.1:5005"
MODES = ("polling", "webhook")


class SettingsError(ValueError):
    """A setting is missing or has a value the bridge cannot use."""


@dataclass(frozen=True)
class Settings:
    bot_token: str
    api_base_url: str = TELEGRAM_API_DEFAULT
    rasa_url: str = RASA_URL_DEFAULT
    mode: str = "polling"
    webhook_url: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str = ""
    public_base_url: str = "http://localhost:8000"
    # Rasa may legitimately take seconds (action server, first message after a start).
    rasa_timeout: float = 60.0
    # After this long without an answer the user gets the "even geduld" note once.
    slow_notice_after: float = 8.0
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    # A message that Rasa could not take within this time is given up (user is told).
    retry_max_age: float = 1800.0
    # Parallel calls into Rasa; it is CPU-bound, so more only queue up inside it.
    rasa_concurrency: int = 4
    # Rasa's featurisers get slow on very long input; Telegram allows 4096 characters.
    max_user_text: int = 2000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set; get one from @BotFather")
        web_port = env.get("WEB_PORT", "8000")
        rasa_default = f"http://127.0.0.1:{env['RASA_PORT']}" if env.get("RASA_PORT") else None
        settings = cls(
            bot_token=token,
            api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_API_DEFAULT,
            rasa_url=(env.get("RASA_URL", "").strip() or rasa_default or RASA_URL_DEFAULT)
            .rstrip("/"),
            mode=env.get("TELEGRAM_MODE", "polling").strip().lower() or "polling",
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL", "").strip(),
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "0.0.0.0").strip(),
            webhook_port=_int(env, "TELEGRAM_WEBHOOK_PORT", 8443),
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            public_base_url=(
                env.get("PUBLIC_BASE_URL", "").strip() or f"http://localhost:{web_port}"
            ).rstrip("/"),
            rasa_timeout=_float(env, "TELEGRAM_RASA_TIMEOUT", 60.0),
            slow_notice_after=_float(env, "TELEGRAM_SLOW_NOTICE_AFTER", 8.0),
            backoff_initial=_float(env, "TELEGRAM_BACKOFF_INITIAL", 1.0),
            backoff_max=_float(env, "TELEGRAM_BACKOFF_MAX", 60.0),
            retry_max_age=_float(env, "TELEGRAM_RETRY_MAX_AGE", 1800.0),
            rasa_concurrency=_int(env, "TELEGRAM_RASA_CONCURRENCY", 4),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.mode not in MODES:
            raise SettingsError(f"TELEGRAM_MODE must be one of {MODES}, not {self.mode!r}")
        if self.mode == "webhook":
            if not self.webhook_url.startswith(("https://", "http://")):
                raise SettingsError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL (https)")
            if not 0 < self.webhook_port < 65536:
                raise SettingsError("TELEGRAM_WEBHOOK_PORT must be a TCP port")
            if not self.webhook_secret:
                # Without it anyone who learns the URL can post updates as any chat.
                raise SettingsError("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET")
        if self.webhook_secret and not _valid_secret(self.webhook_secret):
            # Telegram's rule for secret_token: 1-256 characters A-Z a-z 0-9 _ -.
            raise SettingsError("TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ -")
        if self.rasa_concurrency < 1:
            raise SettingsError("TELEGRAM_RASA_CONCURRENCY must be at least 1")
        if self.backoff_initial <= 0 or self.backoff_max < self.backoff_initial:
            raise SettingsError("TELEGRAM_BACKOFF_INITIAL must be > 0 and <= BACKOFF_MAX")


def _valid_secret(secret: str) -> bool:
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    return 0 < len(secret) <= 256 and set(secret) <= allowed


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from exc


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be a number, not {raw!r}") from exc
