"""Every runtime setting of the system, with its embedded default, in one place.

Services get these as environment variables, so each package only reads the
variables it needs. Defaults are meant for `make run` on a developer machine.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Mapping, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV_API_TOKEN = "dev-token-change-me"


def _default_esco_dir() -> Optional[str]:
    candidate = (REPO_ROOT.parent / "shared" / "esco").resolve()
    return str(candidate) if candidate.is_dir() else None


def resolve(env: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """Returns the full settings dict: values from `env` win over defaults."""
    env = dict(os.environ if env is None else env)
    s: Dict[str, str] = {}

    def put(key: str, default: Optional[str]) -> None:
        value = env.get(key) or default
        if value is not None:
            s[key] = str(value)

    put("DATA_DIR", str(REPO_ROOT / "var"))
    data_dir = Path(s["DATA_DIR"])
    if not data_dir.is_absolute():
        data_dir = REPO_ROOT / data_dir
        s["DATA_DIR"] = str(data_dir)
    put("RASA_PORT", "5005")
    put("ACTION_PORT", "5055")
    put("WEB_PORT", "8000")
    put("BIND_HOST", "127.0.0.1")
    put("RASA_API_TOKEN", DEV_API_TOKEN)
    put("RASA_URL", f"http://127.0.0.1:{s['RASA_PORT']}")
    put("RASA_PUBLIC_URL", f"http://localhost:{s['RASA_PORT']}")
    put("ACTION_SERVER_URL", f"http://127.0.0.1:{s['ACTION_PORT']}/webhook")
    put("TRACKER_DB", str(data_dir / "tracker.db"))
    put("TRACKER_STORE_URL", f"sqlite:///{s['TRACKER_DB']}")
    put("DATABASE_URL", f"sqlite:///{data_dir / 'knowledge.db'}")
    put("CONSOLE_DATABASE_URL", f"sqlite:///{data_dir / 'console.db'}")
    put("ESCO_DIR", _default_esco_dir())
    put("ALLOWED_ORIGINS", "*")
    put("PUBLIC_BASE_URL", f"http://localhost:{s['WEB_PORT']}")
    put("RETENTION_DAYS", "90")
    put("MODEL_DIR", str(REPO_ROOT / "models"))
    put("RASA_CONFIG", "config.yml")
    put("TELEGRAM_BOT_TOKEN", None)
    put("TELEGRAM_API_BASE_URL", None)
    put("CONSOLE_SECRET_KEY", None)
    # Quiet, deterministic libraries: TF start-up noise and the SQLAlchemy 2.0 banner
    # say nothing useful to an operator.
    put("TF_CPP_MIN_LOG_LEVEL", "2")
    put("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    # Rasa has no text-length limit; cap request bodies at the HTTP layer (Rasa server
    # only: the action server receives whole trackers, which grow far beyond this).
    put("RASA_REQUEST_MAX_SIZE", "65536")
    return s


def child_env(settings: Mapping[str, str]) -> Dict[str, str]:
    """The environment for a child process: the caller's plus all settings."""
    env = dict(os.environ)
    env.update(settings)
    env["PYTHONPATH"] = str(REPO_ROOT) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    return env
