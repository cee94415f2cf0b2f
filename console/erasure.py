"""Removal of the console's rows about erased senders (called by privacy/erase.py)."""

from __future__ import annotations

import time

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import PER_SENDER_TABLES, console_engine, conv_index, erased
from privacy.pseudonym import pseudonym
from settings.sections import ConsoleSettings

# Console databases opened by console apps in this process (besides the configured one).
_KNOWN_URLS: set[str] = set()


def remember_database(url: str) -> None:
    _KNOWN_URLS.add(url)


def forget_databases() -> None:
    """Forget remembered databases (tests start and stop their own servers)."""
    _KNOWN_URLS.clear()


def erase_console_rows(sender_ids: list[str], upto_event_id: int = 0) -> int:
    """Delete tags, notes, handover status, outcome labels and index rows; rows deleted.

    A tombstone per sender (pseudonymised) keeps an index refresh running at the same time
    from writing the conversation back (see `sweep_tombstoned`).
    """
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
                _write_tombstones(conn, chunk, upto_event_id)
                for table in PER_SENDER_TABLES:
                    result = conn.execute(sa.delete(table).where(table.c.sender_id.in_(chunk)))
                    deleted += result.rowcount or 0
    return deleted


def _write_tombstones(conn: sa.engine.Connection, sender_ids: list[str], upto: int) -> None:
    now = time.time()
    hashes = {pseudonym(s) for s in sender_ids}
    conn.execute(sa.delete(erased).where(erased.c.sender_hash.in_(hashes)))
    conn.execute(sa.insert(erased), [
        {"sender_hash": h, "upto_event_id": upto, "erased_at": now} for h in sorted(hashes)])


def sweep_tombstoned(engine: Engine, sender_ids: list[str]) -> int:
    """Delete index rows of `sender_ids` that an erasure covered; rows deleted.

    Run after every index write: whichever of erasure and refresh commits last, the row
    is gone (a conversation that went on after its erasure has newer event ids and stays).
    """
    removed = 0
    with engine.begin() as conn:
        for start in range(0, len(sender_ids), 500):
            chunk = sender_ids[start : start + 500]
            by_hash = {pseudonym(s): s for s in chunk}
            stones = conn.execute(sa.select(erased.c.sender_hash, erased.c.upto_event_id)
                                  .where(erased.c.sender_hash.in_(by_hash))).all()
            for sender_hash, upto in stones:
                covered = conv_index.c.last_event_id <= upto if upto else sa.true()
                result = conn.execute(sa.delete(conv_index).where(
                    conv_index.c.sender_id == by_hash[sender_hash], covered))
                removed += result.rowcount or 0
    return removed


def expire_tombstones(engine: Engine, older_than: float) -> int:
    with engine.begin() as conn:
        return conn.execute(sa.delete(erased).where(erased.c.erased_at < older_than)).rowcount or 0
