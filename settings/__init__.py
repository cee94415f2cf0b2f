"""Every runtime setting of the system, resolved in one place: `Settings.from_env()`.

All settings are environment variables with embedded defaults meant for `make run` on a
developer machine (README.md, "Settings"). This module resolves the shared ones once:
paths relative to the repo root, the derived URLs (RASA_URL, PUBLIC_BASE_URL, ...), and
whether ESCO data is there. Each part reads its own keys as a section of this object
(`settings.sections`), so no part re-derives a shared value its own way.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_API_TOKEN = "dev-token-change-me"
ESCO_MARKER = "occupations_nl.csv"


def repo_path(value: str | Path) -> Path:
    """Relative paths are relative to the repo root, wherever the process was started."""
    path = Path(value)
    return path if path.is_absolute() else REPO_ROOT / path


def default_esco_dir() -> Path | None:
    """`<repo>/../shared/esco` when it holds the ESCO export, else None."""
    candidate = (REPO_ROOT.parent / "shared" / "esco").resolve()
    return candidate if (candidate / ESCO_MARKER).is_file() else None


def _esco_dir(env: Mapping[str, str]) -> Path | None:
    if "ESCO_DIR" in env:
        # An explicitly empty ESCO_DIR means "run without ESCO" (curated list only).
        return repo_path(env["ESCO_DIR"]) if env["ESCO_DIR"].strip() else None
    return default_esco_dir()


def origins(raw: str) -> tuple[str, ...]:
    """ALLOWED_ORIGINS ("*" or comma-separated origins): the one parser of it."""
    items = tuple(o.strip().rstrip("/") for o in raw.split(",") if o.strip())
    return ("*",) if not items or "*" in items else items


@dataclass(frozen=True)
class Settings:
    """The shared settings; `env` keeps the raw variables for the parts' own keys."""

    data_dir: Path
    rasa_port: int
    action_port: int
    web_port: int
    bind_host: str
    rasa_api_token: str
    rasa_url: str
    rasa_public_url: str
    action_server_url: str
    public_base_url: str
    tracker_db: Path
    tracker_store_url: str
    database_url: str
    console_database_url: str
    esco_dir: Path | None
    allowed_origins: tuple[str, ...]
    retention_days: float
    model_dir: Path
    rasa_config: str
    env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from `env` (default: the process environment); set values win."""
        env = dict(os.environ if env is None else env)

        def get(key: str, default: str) -> str:
            return (env.get(key) or "").strip() or default

        data_dir = repo_path(get("DATA_DIR", "var"))
        rasa_port, web_port = int(get("RASA_PORT", "5005")), int(get("WEB_PORT", "8000"))
        action_port = int(get("ACTION_PORT", "5055"))
        tracker_db = repo_path(get("TRACKER_DB", str(data_dir / "tracker.db")))
        return cls(
            data_dir=data_dir,
            rasa_port=rasa_port,
            action_port=action_port,
            web_port=web_port,
            bind_host=get("BIND_HOST", "127.0.0.1"),
            rasa_api_token=get("RASA_API_TOKEN", DEV_API_TOKEN),
            rasa_url=get("RASA_URL", f"http://127.0.0.1:{rasa_port}").rstrip("/"),
            rasa_public_url=get("RASA_PUBLIC_URL", f"http://localhost:{rasa_port}").rstrip("/"),
            action_server_url=get("ACTION_SERVER_URL", f"http://127.0.0.1:{action_port}/webhook"),
            public_base_url=get("PUBLIC_BASE_URL", f"http://localhost:{web_port}").rstrip("/"),
            tracker_db=tracker_db,
            tracker_store_url=get("TRACKER_STORE_URL", f"sqlite:///{tracker_db}"),
            database_url=get("DATABASE_URL", f"sqlite:///{data_dir / 'knowledge.db'}"),
            console_database_url=get("CONSOLE_DATABASE_URL",
                                     f"sqlite:///{data_dir / 'console.db'}"),
            esco_dir=_esco_dir(env),
            allowed_origins=origins(get("ALLOWED_ORIGINS", "*")),
            retention_days=float(get("RETENTION_DAYS", "90")),
            model_dir=repo_path(get("MODEL_DIR", "models")),
            rasa_config=get("RASA_CONFIG", "config.yml"),
            env=env,
        )

    def as_env(self) -> dict[str, str]:
        """The resolved settings as environment variables, for child processes."""
        env = self.env
        out = {
            "DATA_DIR": str(self.data_dir),
            "RASA_PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "WEB_PORT": str(self.web_port),
            "BIND_HOST": self.bind_host,
            # The action server stays private unless told otherwise (it gets whole trackers).
            "ACTION_BIND_HOST": env.get("ACTION_BIND_HOST") or "127.0.0.1",
            "RASA_API_TOKEN": self.rasa_api_token,
            "RASA_URL": self.rasa_url,
            "RASA_PUBLIC_URL": self.rasa_public_url,
            "ACTION_SERVER_URL": self.action_server_url,
            "TRACKER_DB": str(self.tracker_db),
            "TRACKER_STORE_URL": self.tracker_store_url,
            "DATABASE_URL": self.database_url,
            "CONSOLE_DATABASE_URL": self.console_database_url,
            "ALLOWED_ORIGINS": env.get("ALLOWED_ORIGINS") or "*",
            "PUBLIC_BASE_URL": self.public_base_url,
            "RETENTION_DAYS": env.get("RETENTION_DAYS") or "90",
            "MODEL_DIR": str(self.model_dir),
            "RASA_CONFIG": self.rasa_config,
            # Quiet, deterministic libraries: TF start-up noise and the SQLAlchemy 2.0
            # banner say nothing useful to an operator.
            "TF_CPP_MIN_LOG_LEVEL": env.get("TF_CPP_MIN_LOG_LEVEL") or "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": env.get("SQLALCHEMY_SILENCE_UBER_WARNING") or "1",
            # Rasa has no text-length limit; cap request bodies at the HTTP layer (Rasa
            # server only: the action server receives whole trackers, far beyond this).
            "RASA_REQUEST_MAX_SIZE": env.get("RASA_REQUEST_MAX_SIZE") or "65536",
            # The REST channel's shared secret must reach the Rasa server and the bridge.
            "INTERNAL_API_SECRET": env.get("INTERNAL_API_SECRET", "").strip(),
        }
        out["ESCO_DIR"] = str(self.esco_dir) if self.esco_dir else ""
        for key in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "CONSOLE_SECRET_KEY"):
            if env.get(key):
                out[key] = env[key]
        return out


@functools.lru_cache(maxsize=1)
def current() -> Settings:
    """The process's settings, resolved once (services read the environment at start)."""
    return Settings.from_env()


def resolve(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The full settings as variables: values from `env` win over defaults."""
    return Settings.from_env(env).as_env()


def child_env(settings: Mapping[str, str]) -> dict[str, str]:
    """The environment for a child process: the caller's plus all settings."""
    env = dict(os.environ)
    env.update(settings)
    env["PYTHONPATH"] = str(REPO_ROOT) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    return env
