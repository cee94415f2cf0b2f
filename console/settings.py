"""Console settings, read from the environment in one place (never at import time)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from conversation_store.settings import tracker_store_url

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
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def secure_cookies(self) -> bool:
        return self.public_base_url.lower().startswith("https://")


def load_settings() -> ConsoleSettings:
    data_dir = Path(os.environ.get("DATA_DIR") or "var")
    web_port = os.environ.get("WEB_PORT") or "8000"
    return ConsoleSettings(
        database_url=os.environ.get("CONSOLE_DATABASE_URL")
        or f"sqlite:///{data_dir / 'console.db'}",
        secret_key=os.environ.get("CONSOLE_SECRET_KEY") or _DEV_SECRET,
        tracker_store_url=tracker_store_url(),
        retention_days=float(os.environ.get("RETENTION_DAYS") or 90),
        public_base_url=os.environ.get("PUBLIC_BASE_URL") or f"http://localhost:{web_port}",
        retention_first_run_seconds=float(os.environ.get("CONSOLE_RETENTION_FIRST_RUN") or 30),
    )
