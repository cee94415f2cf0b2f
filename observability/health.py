"""Database checks for /healthz: can this process reach every database it needs?

Cheap enough to poll every few seconds: the URLs come from the settings (resolved once per
process), and each database keeps one small cached engine, so a check is one trivial query
on a pooled connection instead of a new engine and a new connection every time.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from settings.operations import ObservabilitySettings

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _own_settings() -> ObservabilitySettings:
    return ObservabilitySettings.from_env()


def database_urls(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The databases to check; from this process's settings unless `env` is given."""
    own = _own_settings() if env is None else ObservabilitySettings.from_env(env)
    return {"tracker": own.tracker_store_url, "knowledge": own.database_url,
            "console": own.console_database_url}


def _sqlite_file(url: str) -> Path | None:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _engine(url: str) -> Engine:
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            # One connection is all a health check needs; pre-ping replaces a connection
            # that a database restart broke, so the check after a restart is right again.
            options = ({"connect_args": {"connect_timeout": 3}, "pool_size": 1,
                        "max_overflow": 0, "pool_timeout": 3}
                       if url.startswith("postgresql") else {})
            engine = sa.create_engine(url, future=True, hide_parameters=True,
                                      pool_pre_ping=True, **options)
            _ENGINES[url] = engine
        return engine


def check(url: str) -> str:
    """'ok', 'not created yet' (a SQLite file nobody wrote yet) or the error class."""
    path = _sqlite_file(url)
    if path is not None and not path.exists():
        return "not created yet"  # connecting would create an empty file
    try:
        with _engine(url).connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return "ok"
    except sa.exc.SQLAlchemyError as error:
        return type(error).__name__


def check_all(env: Mapping[str, str] | None = None) -> dict[str, str]:
    return {name: check(url) for name, url in database_urls(env).items()}


def cached_engines() -> int:
    """How many engines the checks hold (one per database checked so far)."""
    return len(_ENGINES)
