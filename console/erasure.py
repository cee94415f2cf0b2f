"""Removal of the console's rows about erased senders (called by conversation_store hooks)."""

from __future__ import annotations

import sqlalchemy as sa

from console.db import PER_SENDER_TABLES, console_engine
from settings.sections import ConsoleSettings

# Console databases opened by console apps in this process (besides the configured one).
_KNOWN_URLS: set[str] = set()


def remember_database(url: str) -> None:
    _KNOWN_URLS.add(url)


def forget_databases() -> None:
    """Forget remembered databases (tests start and stop their own servers)."""
    _KNOWN_URLS.clear()


def erase_console_rows(sender_ids: list[str]) -> int:
    """Delete tags, notes, handover status, outcome labels and index rows; rows deleted."""
    if not sender_ids:
        return 0
    deleted = 0
    for url in {ConsoleSettings.from_env().database_url, *_KNOWN_URLS}:
        engine = console_engine(url, create=False)
        if engine is None:
            continue
        with engine.begin() as conn:
            for start in range(0, len(sender_ids), 500):
                chunk = sender_ids[start : start + 500]
                for table in PER_SENDER_TABLES:
                    result = conn.execute(sa.delete(table).where(table.c.sender_id.in_(chunk)))
                    deleted += result.rowcount or 0
    return deleted
