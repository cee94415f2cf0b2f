"""Settings of the web server, read from the environment when asked (never at import)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional, Tuple

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


def _origins(raw: str) -> Tuple[str, ...]:
    items = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
    return ("*",) if not items or "*" in items else items


@dataclass(frozen=True)
class Settings:
    port: int = 8000
    host: str = "127.0.0.1"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_public_url: str = "http://localhost:5005"
    socket_path: str = "/socket.io/"
    allowed_origins: Tuple[str, ...] = ("*",)
    public_base_url: str = "http://localhost:8000"
    tracker_store_url: Optional[str] = None
    retention_days: int = 90
    widget_bundle: Path = PACKAGE_DIR / "widget" / "dist" / "widget.js"
    extra: Mapping[str, str] = field(default_factory=dict)

    def origin_allowed(self, origin: Optional[str]) -> bool:
        if not origin:
            return False
        return "*" in self.allowed_origins or origin.rstrip("/") in self.allowed_origins


def load(env: Optional[Mapping[str, str]] = None) -> Settings:
    """Settings from `env` (default: the process environment), with `make run` defaults."""
    env = os.environ if env is None else env
    port = int(env.get("WEB_PORT") or 8000)
    rasa_port = env.get("RASA_PORT") or "5005"
    return Settings(
        port=port,
        host=env.get("BIND_HOST") or "127.0.0.1",
        rasa_url=env.get("RASA_URL") or f"http://127.0.0.1:{rasa_port}",
        rasa_public_url=(env.get("RASA_PUBLIC_URL") or f"http://localhost:{rasa_port}").rstrip("/"),
        socket_path=env.get("RASA_SOCKET_PATH") or "/socket.io/",
        allowed_origins=_origins(env.get("ALLOWED_ORIGINS") or "*"),
        public_base_url=(env.get("PUBLIC_BASE_URL") or f"http://localhost:{port}").rstrip("/"),
        tracker_store_url=env.get("TRACKER_STORE_URL") or None,
        retention_days=int(env.get("RETENTION_DAYS") or 90),
    )
