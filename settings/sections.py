"""Each part's own settings, as sections of the shared `settings.Settings`.

A section holds only the keys its part reads; shared values (paths, URLs, ESCO) come from
`Settings.from_env`, so every part agrees on them. Documented with the part: docs/web.md,
docs/telegram.md, docs/console.md, docs/knowledge.md.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from settings import REPO_ROOT, Settings, origins, repo_path
from settings.office_hours import OfficeHours, parse_office_hours
from settings.operations import (  # noqa: F401 (the running system's sections, re-exported)
    ActionServerSettings,
    ObservabilitySettings,
    PrivacySettings,
    RasaServerSettings,
    RunnerSettings,
)

# ---------------------------------------------------------------- knowledge


@dataclass(frozen=True)
class KnowledgeSettings:
    """Where the knowledge base reads its data and writes its database."""

    database_url: str
    data_dir: Path
    esco_dir: Path | None
    knowledge_data_dir: Path
    # Operator-kept contacts (issue 23) live outside the rebuilt knowledge database, by
    # default beside the console's tables; empty = no operator store (shipped CSV only).
    contacts_database_url: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> KnowledgeSettings:
        core = Settings.from_env(env)
        own = core.env.get("KNOWLEDGE_DATA_DIR") or str(REPO_ROOT / "knowledge" / "data")
        contacts = core.env.get("CONTACTS_DATABASE_URL") or core.console_database_url
        return cls(database_url=core.database_url, data_dir=core.data_dir,
                   esco_dir=core.esco_dir, knowledge_data_dir=repo_path(own),
                   contacts_database_url=contacts)


# ---------------------------------------------------------------- console

_DEV_SECRET = secrets.token_urlsafe(32)  # per process: dev sessions end on restart


@dataclass(frozen=True)
class ConsoleSettings:
    database_url: str
    secret_key: str
    tracker_store_url: str
    retention_days: float
    public_base_url: str
    # How long an idle console session stays valid, and login throttling.
    session_hours: float = 8.0
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    low_confidence: float = 0.6
    abandon_after_seconds: int = 24 * 3600
    retention_first_run_seconds: float = 30.0  # after start; then every 6 hours
    # CONSOLE_RETENTION=off: a scheduled job (`python -m privacy.retention`) does it instead.
    retention_rounds: bool = True
    extra: dict[str, str] = field(default_factory=dict)
    # Operator-kept contacts (issue 23); empty = this console database.
    contacts_database_url: str = ""
    # Proxies whose X-Forwarded-For names the client (login throttle): TRUSTED_PROXIES,
    # comma-separated addresses or networks; default this machine.
    trusted_proxies: tuple[str, ...] = ("127.0.0.1", "::1")

    @property
    def secure_cookies(self) -> bool:
        return self.public_base_url.lower().startswith("https://")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ConsoleSettings:
        core = Settings.from_env(env)
        return cls(
            database_url=core.console_database_url,
            secret_key=core.env.get("CONSOLE_SECRET_KEY") or _DEV_SECRET,
            tracker_store_url=core.tracker_store_url,
            retention_days=core.retention_days,
            public_base_url=core.public_base_url,
            retention_first_run_seconds=float(
                core.env.get("CONSOLE_RETENTION_FIRST_RUN") or 30),
            retention_rounds=(core.env.get("CONSOLE_RETENTION") or "on").lower() != "off",
            contacts_database_url=core.env.get("CONTACTS_DATABASE_URL") or "",
            trusted_proxies=tuple(p.strip() for p in (
                core.env.get("TRUSTED_PROXIES") or "127.0.0.1,::1").split(",") if p.strip()),
        )


# ---------------------------------------------------------------- web server


@dataclass(frozen=True)
class WebSettings:
    port: int = 8000
    host: str = "127.0.0.1"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_public_url: str = "http://localhost:5005"
    socket_path: str = "/socket.io/"
    allowed_origins: tuple[str, ...] = ("*",)
    public_base_url: str = "http://localhost:8000"
    tracker_store_url: str | None = None
    retention_days: int = 90
    widget_bundle: Path = REPO_ROOT / "web" / "widget" / "dist" / "widget.js"
    extra: Mapping[str, str] = field(default_factory=dict)

    def origin_allowed(self, origin: str | None) -> bool:
        if not origin:
            return False
        return "*" in self.allowed_origins or origin.rstrip("/") in self.allowed_origins

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> WebSettings:
        core = Settings.from_env(env)
        return cls(
            port=core.web_port,
            host=core.bind_host,
            rasa_url=core.rasa_url,
            rasa_public_url=core.rasa_public_url,
            socket_path=core.env.get("RASA_SOCKET_PATH") or "/socket.io/",
            allowed_origins=core.allowed_origins,
            public_base_url=core.public_base_url,
            tracker_store_url=core.tracker_store_url,
            retention_days=int(core.retention_days),
        )


# ---------------------------------------------------------------- Telegram bridge

TELEGRAM_API_DEFAULT = "https://api.telegram.org/bot"
RASA_URL_DEFAULT = "http://127.0.0.1:5005"
MODES = ("polling", "webhook")


class SettingsError(ValueError):
    """A setting is missing or has a value the bridge cannot use."""


@dataclass(frozen=True)
class TelegramSettings:
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
    # Adviser messages (live handover): the web server's feed, polled every interval.
    outbox_url: str = ""
    outbox_token: str = ""
    outbox_interval: float = 1.0
    outbox_cursor_file: str = "var/telegram-outbox.cursor"
    # Shared secret the REST channel of Rasa requires (header X-Internal-Secret).
    internal_secret: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> TelegramSettings:
        env = os.environ if env is None else env
        core = Settings.from_env(env)
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set; get one from @BotFather")
        settings = cls(
            bot_token=token,
            api_base_url=api_base_url(env.get("TELEGRAM_API_BASE_URL", "")),
            rasa_url=core.rasa_url,
            mode=env.get("TELEGRAM_MODE", "polling").strip().lower() or "polling",
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL", "").strip(),
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "0.0.0.0").strip(),
            webhook_port=_int(env, "TELEGRAM_WEBHOOK_PORT", 8443),
            webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            public_base_url=core.public_base_url,
            rasa_timeout=_float(env, "TELEGRAM_RASA_TIMEOUT", 60.0),
            slow_notice_after=_float(env, "TELEGRAM_SLOW_NOTICE_AFTER", 8.0),
            backoff_initial=_float(env, "TELEGRAM_BACKOFF_INITIAL", 1.0),
            backoff_max=_float(env, "TELEGRAM_BACKOFF_MAX", 60.0),
            retry_max_age=_float(env, "TELEGRAM_RETRY_MAX_AGE", 1800.0),
            rasa_concurrency=_int(env, "TELEGRAM_RASA_CONCURRENCY", 4),
            outbox_url=env.get("TELEGRAM_OUTBOX_URL", "").strip()
            or f"http://127.0.0.1:{core.web_port}/internal/telegram-outbox",
            outbox_token=outbox_token(env),
            outbox_interval=_float(env, "TELEGRAM_OUTBOX_INTERVAL", 1.0),
            outbox_cursor_file=str(core.data_dir / "telegram-outbox.cursor"),
            internal_secret=env.get("INTERNAL_API_SECRET", "").strip(),
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


def outbox_token(env: Mapping[str, str] | None = None) -> str:
    """The bearer token of the web server's Telegram outbox (TELEGRAM_OUTBOX_TOKEN).

    Its own secret, so the bridge's container need not hold RASA_API_TOKEN (the key to
    Rasa's whole HTTP API); without it both sides fall back to RASA_API_TOKEN.
    """
    env = os.environ if env is None else env
    return (env.get("TELEGRAM_OUTBOX_TOKEN") or "").strip() or Settings.from_env(env).rasa_api_token


def api_base_url(raw: str) -> str:
    """The Bot API base in python-telegram-bot's form (`<root>/bot`; the token follows).

    Accepts the host root as a local Bot API server documents it (`http://localhost:8081`)
    as well as the `/bot` form; without this the root gives a confusing httpx error.
    """
    url = raw.strip().rstrip("/")
    if not url:
        return TELEGRAM_API_DEFAULT
    return url if url.endswith("/bot") else f"{url}/bot"


# ---------------------------------------------------------------- live handover

DEFAULT_OFFICE_HOURS = "ma-vr 09:00-17:00"


@dataclass(frozen=True)
class HandoverSettings:
    """Live handover (docs/console.md).

    - HANDOVER_OFFICE_HOURS (default ``ma-vr 09:00-17:00``): when advisers answer in the chat
      (format in settings/office_hours.py); HANDOVER_TIMEZONE (``Europe/Amsterdam``).
    - HANDOVER_IDLE_MINUTES (30): the assistant takes the conversation back after this many
      minutes without an adviser reply.
    - HANDOVER_WEBHOOK_URL (unset): POST a JSON notice of every new handover here;
      HANDOVER_WEBHOOK_SECRET (16+ characters, required with the URL) signs it (HMAC-SHA256).
    """

    office_hours: OfficeHours
    idle_minutes: float = 30.0
    webhook_url: str = ""
    webhook_secret: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HandoverSettings:
        env = os.environ if env is None else env
        hours = parse_office_hours(
            env.get("HANDOVER_OFFICE_HOURS", DEFAULT_OFFICE_HOURS),
            env.get("HANDOVER_TIMEZONE", "").strip() or "Europe/Amsterdam",
        )
        idle = _float(env, "HANDOVER_IDLE_MINUTES", 30.0)
        if idle <= 0:
            raise SettingsError("HANDOVER_IDLE_MINUTES must be above 0")
        url = env.get("HANDOVER_WEBHOOK_URL", "").strip()
        secret = env.get("HANDOVER_WEBHOOK_SECRET", "").strip()
        if url and len(secret) < 16:
            raise SettingsError(
                "HANDOVER_WEBHOOK_URL needs HANDOVER_WEBHOOK_SECRET (16+ characters)")
        return cls(hours, idle, url, secret)


def load_handover_settings(env: Mapping[str, str] | None = None) -> HandoverSettings:
    return HandoverSettings.from_env(env)


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


# ---------------------------------------------------------------- widget socket channel


@dataclass(frozen=True)
class SocketChannelSettings:
    """The Rasa socket.io channel (bot/channels/socketio.py, README "Settings").

    - SOCKETIO_REDIS_URL: python-socketio's Redis client manager, so an emit on any Rasa
      instance reaches a socket held by another one. Unset and REDIS_HOST set: built from
      REDIS_HOST/REDIS_PORT/REDIS_PASSWORD (the lock store's Redis). Neither: one process.
    - SOCKET_BURST (30), SOCKET_MESSAGES_PER_MINUTE (60): one token bucket per socket for
      every message and every ``adviser_sync``; MAX_TURNS_PER_SESSION (300).
    - ALLOWED_ORIGINS (``*``): the shared setting, parsed once by `settings.origins`.
    """

    redis_url: str = ""
    burst: float = 30.0
    per_minute: float = 60.0
    max_turns: int = 300
    allowed_origins: tuple[str, ...] = ("*",)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> SocketChannelSettings:
        env = os.environ if env is None else env
        url = env.get("SOCKETIO_REDIS_URL", "").strip()
        host = env.get("REDIS_HOST", "").strip()
        if not url and host:
            from urllib.parse import quote

            password = env.get("REDIS_PASSWORD", "").strip()
            auth = f":{quote(password, safe='')}@" if password else ""
            url = f"redis://{auth}{host}:{_int(env, 'REDIS_PORT', 6379)}/0"
        return cls(redis_url=url,
                   burst=_float(env, "SOCKET_BURST", 30.0),
                   per_minute=_float(env, "SOCKET_MESSAGES_PER_MINUTE", 60.0),
                   max_turns=_int(env, "MAX_TURNS_PER_SESSION", 300),
                   allowed_origins=origins(env.get("ALLOWED_ORIGINS", "")))
