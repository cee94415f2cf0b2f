"""Read side of Rasa's SQL tracker store (SQLite or PostgreSQL through SQLAlchemy 1.4, 2.0 API).

Rasa owns the `events` table: outside Rasa we only read it, except for the two privacy
operations (erasure of one conversation, retention) which delete whole conversations in one
transaction, the way rasa-engineering.md section 6 describes.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from conversation_store.schema import events as EVENTS


@dataclass(frozen=True)
class EventRow:
    """One row of the tracker store with its `data` JSON already parsed."""

    id: int
    sender_id: str
    type_name: str
    timestamp: float | None
    intent_name: str | None
    action_name: str | None
    data: dict[str, Any]


def _sqlite_file(url: str) -> Path | None:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _load(data: str | None) -> dict[str, Any]:
    if not data:
        return {}
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def replay_slots(event_dicts: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Slot values after applying slot, restart and reset events in order."""
    slots: dict[str, Any] = {}
    for event in event_dicts:
        kind = event.get("event")
        if kind == "slot" and event.get("name"):
            slots[event["name"]] = event.get("value")
        elif kind in ("restart", "reset_slots"):
            slots = {}
    return slots


class Store:
    """Read access (plus whole-conversation deletion) to one tracker store."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._table_seen = False
        self._file = _sqlite_file(url)

    # -- plumbing -------------------------------------------------------------------------
    def has_table(self) -> bool:
        """False on a fresh install (no database file or no `events` table yet)."""
        if self._table_seen:
            return True
        if self._file is not None and not self._file.exists():
            return False
        self._table_seen = sa.inspect(self.engine).has_table("events")
        return self._table_seen

    # -- reading --------------------------------------------------------------------------
    def event_rows(self, sender_id: str) -> list[EventRow]:
        """All rows of one conversation (every session), ordered by id."""
        if not self.has_table():
            return []
        stmt = sa.select(EVENTS).where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.id)
        with self.engine.connect() as conn:
            return [self._row(r) for r in conn.execute(stmt)]

    def events(self, sender_id: str) -> list[dict[str, Any]]:
        """Event dicts exactly as Rasa stored them (`event.as_dict()`), ordered by id."""
        return [row.data for row in self.event_rows(sender_id)]

    def latest_slots(self, sender_id: str) -> dict[str, Any]:
        if not self.has_table():
            return {}
        stmt = (
            sa.select(EVENTS.c.data)
            .where(EVENTS.c.sender_id == sender_id)
            .where(EVENTS.c.type_name.in_(("slot", "restart", "reset_slots")))
            .order_by(EVENTS.c.id)
        )
        with self.engine.connect() as conn:
            return replay_slots(_load(d) for (d,) in conn.execute(stmt))

    def find_sender_by_slot(self, name: str, value: Any) -> str | None:
        """The conversation whose *current* value of slot `name` equals `value` (newest first)."""
        if not self.has_table() or value is None or value == "":
            return None
        needle = "%" + _like_escape(json.dumps(value)) + "%"
        stmt = (
            sa.select(EVENTS.c.sender_id, EVENTS.c.data)
            .where(EVENTS.c.type_name == "slot")
            .where(EVENTS.c.data.like(needle, escape="\\"))
            .order_by(EVENTS.c.id.desc())
        )
        with self.engine.connect() as conn:
            candidates = [(s, _load(d)) for s, d in conn.execute(stmt)]
        checked: set[str] = set()
        for sender_id, data in candidates:
            if sender_id in checked or data.get("name") != name or data.get("value") != value:
                continue
            checked.add(sender_id)
            if self.latest_slots(sender_id).get(name) == value:
                return sender_id
        return None

    def senders(
        self,
        since: float | None = None,
        until: float | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Conversations with first/last event time, newest first; `since`/`until` on start."""
        if not self.has_table():
            return []
        started = sa.func.min(EVENTS.c.timestamp)
        stmt = sa.select(
            EVENTS.c.sender_id,
            started.label("started_at"),
            sa.func.max(EVENTS.c.timestamp).label("last_event_at"),
            sa.func.count().label("events"),
        ).group_by(EVENTS.c.sender_id)
        if since is not None:
            stmt = stmt.having(started >= since)
        if until is not None:
            stmt = stmt.having(started < until)
        stmt = stmt.order_by(started.desc(), EVENTS.c.sender_id).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    def sender_ids(self) -> list[str]:
        """Every conversation id in the store."""
        if not self.has_table():
            return []
        with self.engine.connect() as conn:
            return [s for (s,) in conn.execute(sa.select(EVENTS.c.sender_id).distinct())]

    def max_event_id(self) -> int:
        if not self.has_table():
            return 0
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(EVENTS.c.id))).scalar() or 0)

    def rows_after(self, last_id: int, limit: int = 5000) -> list[EventRow]:
        """Rows with id > last_id in id order: the cheap incremental feed for derived indexes."""
        if not self.has_table():
            return []
        stmt = sa.select(EVENTS).where(EVENTS.c.id > last_id).order_by(EVENTS.c.id).limit(limit)
        with self.engine.connect() as conn:
            return [self._row(r) for r in conn.execute(stmt)]

    def raw_rows_after(
        self, last_id: int, limit: int = 5000, data_types: tuple[str, ...] | None = None
    ) -> list[tuple[int, str, str, float | None, str | None]]:
        """(id, sender_id, type_name, timestamp, data JSON text) with id > last_id, id order.

        With `data_types`, `data` is only fetched for those event types (None otherwise): the
        cheap path for indexers that need only timestamps of the other rows.
        """
        if not self.has_table():
            return []
        data = EVENTS.c.data
        if data_types is not None:
            data = sa.case((EVENTS.c.type_name.in_(data_types), EVENTS.c.data), else_=sa.null())
        stmt = (
            sa.select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.timestamp,
                      data)
            .where(EVENTS.c.id > last_id)
            .order_by(EVENTS.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    # -- privacy: the tracker side only; the erasure and retention services are privacy/ --
    def delete_senders(self, sender_ids: list[str]) -> int:
        """Delete the tracker rows of `sender_ids`; rows deleted."""
        if not sender_ids or not self.has_table():
            return 0
        deleted = 0
        for start in range(0, len(sender_ids), 500):
            chunk = sender_ids[start : start + 500]
            with self.engine.begin() as conn:
                result = conn.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id.in_(chunk)))
                deleted += result.rowcount or 0
        return deleted

    def delete_events_before(self, cutoff: float) -> tuple[int, list[str]]:
        """Delete every event older than `cutoff`; (rows deleted, senders now without events).

        Retention by event age, not by last activity: a conversation that keeps going for
        months still loses what it said more than the period ago.
        """
        if not self.has_table():
            return 0, []
        with self.engine.connect() as conn:
            touched = [s for (s,) in conn.execute(
                sa.select(EVENTS.c.sender_id).where(EVENTS.c.timestamp < cutoff).distinct())]
        with self.engine.begin() as conn:
            deleted = conn.execute(sa.delete(EVENTS).where(EVENTS.c.timestamp < cutoff)).rowcount
        left = self.existing(touched)
        return int(deleted or 0), sorted(set(touched) - left)

    def existing(self, sender_ids: list[str]) -> set[str]:
        """Those of `sender_ids` that still have tracker rows."""
        if not sender_ids or not self.has_table():
            return set()
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(sender_ids), 500):
                chunk = sender_ids[start : start + 500]
                found.update(s for (s,) in conn.execute(
                    sa.select(EVENTS.c.sender_id).where(EVENTS.c.sender_id.in_(chunk)).distinct()))
        return found

    @staticmethod
    def _row(r: Any) -> EventRow:
        return EventRow(
            id=r.id,
            sender_id=r.sender_id,
            type_name=r.type_name,
            timestamp=r.timestamp,
            intent_name=r.intent_name,
            action_name=r.action_name,
            data=_load(r.data),
        )


_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def engine_for(url: str) -> Engine:
    """One engine per URL and process (engines hold the connection pool)."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            # hide_parameters: errors in logs must not carry sender ids or message texts
            kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
            if url.startswith("sqlite"):
                # aiohttp handlers and background threads share the pool
                kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
            else:
                kwargs.update(pool_size=5, max_overflow=5, pool_pre_ping=True)
            engine = sa.create_engine(url, **kwargs)
            _ENGINES[url] = engine
        return engine
