"""Database checks for /healthz: can this process reach every database it needs?"""

from __future__ import annotations

import os
from collections.abc import Mapping

import sqlalchemy as sa

from console.db import sqlite_path


def database_urls(env: Mapping[str, str] | None = None) -> dict[str, str]:
    env = os.environ if env is None else env
    data = env.get("DATA_DIR") or "var"
    tracker = env.get("TRACKER_STORE_URL") or (
        f"sqlite:///{env.get('TRACKER_DB') or os.path.join(data, 'tracker.db')}")
    knowledge = env.get("DATABASE_URL") or f"sqlite:///{os.path.join(data, 'knowledge.db')}"
    console = env.get("CONSOLE_DATABASE_URL") or f"sqlite:///{os.path.join(data, 'console.db')}"
    return {"tracker": tracker, "knowledge": knowledge, "console": console}


def check(url: str) -> str:
    """'ok', 'not created yet' (a SQLite file nobody wrote yet) or the error class."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return "not created yet"
    engine = sa.create_engine(url, future=True, hide_parameters=True,
                              **({"connect_args": {"connect_timeout": 3}}
                                 if url.startswith("postgresql") else {}))
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return "ok"
    except sa.exc.SQLAlchemyError as error:
        return type(error).__name__
    finally:
        engine.dispose()


def check_all(env: Mapping[str, str] | None = None) -> dict[str, str]:
    return {name: check(url) for name, url in database_urls(env).items()}
