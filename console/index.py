"""Derived per-conversation index in the console DB, refreshed from `events WHERE id > :last`.

A cache, never a source of truth: it holds facts computed from the tracker store so that a
list request over 10,000 conversations is one indexed query. Erasure and retention delete its
rows; `rebuild()` drops and recomputes it.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console import events as ev
from console.db import conv_index, index_state
from conversation_store import EventRow, Store

SEARCH_TEXT_CAP = 20_000
_KEPT_SLOTS = (
    "region",
    "current_sector",
    "campaign",
    "handover_requested",
    "current_job",
    "interests",
    "education_level",
    "work_status",
)
PROFILE_SLOTS = ("current_job", "region", "interests")
_LOCKS: dict[str, threading.Lock] = defaultdict(threading.Lock)


def _blank(sender_id: str) -> dict[str, Any]:
    return {
        "sender_id": sender_id,
        "started_at": None,
        "last_at": None,
        "last_event_id": 0,
        "channel": None,
        "campaign": None,
        "region": None,
        "sector": None,
        "handover": False,
        "has_steps": False,
        "has_recs": False,
        "profile_complete": False,
        "turns": 0,
        "fallbacks": 0,
        "low_conf": 0,
        "recommended": None,
        "preview": None,
        "search_text": "",
        "slots_json": "{}",
    }


def apply_rows(state: dict[str, Any], rows: list[EventRow], low_conf: float) -> dict[str, Any]:
    """Fold new tracker rows (id order) of one sender into its index row."""
    slots: dict[str, Any] = json.loads(state.get("slots_json") or "{}")
    texts: list[str] = [state.get("search_text") or ""]
    meta_campaign = state.get("_meta_campaign")
    for row in rows:
        data = row.data
        if row.timestamp is not None:
            if state["started_at"] is None or row.timestamp < state["started_at"]:
                state["started_at"] = row.timestamp
            if state["last_at"] is None or row.timestamp > state["last_at"]:
                state["last_at"] = row.timestamp
        state["last_event_id"] = max(state["last_event_id"] or 0, row.id)
        kind = data.get("event") or row.type_name
        if kind == "user":
            state["turns"] += 1
            text = data.get("text") or ""
            if state["preview"] is None and text and not text.startswith("/"):
                state["preview"] = text[:200]
            texts.append(text)
            if state["channel"] is None:
                state["channel"] = ev.channel_of(data, row.sender_id)
            campaign = ev.metadata_of(data).get("campaign")
            if isinstance(campaign, str) and campaign and not state["campaign"]:
                state["campaign"] = campaign[:120]
                meta_campaign = campaign
            name, confidence = ev.intent_of(data)
            if name in ev.FALLBACK_INTENTS or (confidence is not None and confidence < low_conf):
                state["low_conf"] += 1
        elif kind == "bot":
            texts.append(data.get("text") or "")
            payload = ev.custom_payload(data)
            if ev.is_fallback_bot(data):
                state["fallbacks"] += 1
            if payload:
                kind_p = payload.get("type")
                if kind_p == "recommendations":
                    state["has_recs"] = True
                    ids = [str(i.get("id")) for i in payload.get("items") or [] if i.get("id")]
                    state["recommended"] = ";".join(ids) or state["recommended"]
                elif kind_p == "next_steps":
                    state["has_steps"] = True
                elif kind_p == "profile_summary":
                    state["profile_complete"] = True
        elif kind == "slot" and data.get("name") in _KEPT_SLOTS:
            slots[data["name"]] = data.get("value")
        elif kind in ("restart", "reset_slots"):
            slots = {}
    state["_meta_campaign"] = meta_campaign
    state["region"] = _short(slots.get("region"))
    state["sector"] = _short(slots.get("current_sector"))
    if not state["campaign"]:
        state["campaign"] = _short(slots.get("campaign"), 120)
    state["handover"] = slots.get("handover_requested") is True
    if all(slots.get(name) for name in PROFILE_SLOTS):
        state["profile_complete"] = True
    state["search_text"] = " ".join(t for t in texts if t).lower()[-SEARCH_TEXT_CAP:]
    state["slots_json"] = json.dumps(slots)
    return state


def _short(value: Any, size: int = 60) -> str | None:
    return value[:size] if isinstance(value, str) and value else None


class ConversationIndex:
    """Keeps `console_conv_index` in step with one tracker store."""

    def __init__(self, engine: Engine, store: Store, low_conf: float = 0.6) -> None:
        self.engine = engine
        self.store = store
        self.low_conf = low_conf
        self._lock = _LOCKS[str(engine.url)]

    def last_id(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(index_state.c.value).where(index_state.c.key == "last_id")
            ).scalar()
        return int(value or 0)

    def refresh(self, batch: int = 20_000) -> int:
        """Fold in tracker rows added since the last refresh; returns rows processed."""
        with self._lock:
            last = self.last_id()
            top = self.store.max_event_id()
            if top == last:
                return 0
            if top < last:  # tracker store replaced or emptied: start over
                self._clear()
                last = 0
            processed = 0
            while True:
                rows = self.store.rows_after(last, batch)
                if not rows:
                    break
                self._apply(rows)
                last = rows[-1].id
                processed += len(rows)
                with self.engine.begin() as conn:
                    self._set_last(conn, last)
            return processed

    def rebuild(self) -> int:
        with self._lock:
            self._clear()
        return self.refresh()

    def _clear(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(sa.delete(conv_index))
            self._set_last(conn, 0)

    @staticmethod
    def _set_last(conn: sa.engine.Connection, last: int) -> None:
        updated = conn.execute(
            sa.update(index_state).where(index_state.c.key == "last_id").values(value=last)
        )
        if not updated.rowcount:
            conn.execute(sa.insert(index_state).values(key="last_id", value=last))

    def _apply(self, rows: list[EventRow]) -> None:
        by_sender: dict[str, list[EventRow]] = defaultdict(list)
        for row in rows:
            by_sender[row.sender_id].append(row)
        senders = list(by_sender)
        existing: dict[str, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for start in range(0, len(senders), 500):
                chunk = senders[start : start + 500]
                stmt = sa.select(conv_index).where(conv_index.c.sender_id.in_(chunk))
                for r in conn.execute(stmt):
                    existing[r.sender_id] = dict(r._mapping)
        inserts, updates = [], []
        for sender_id, sender_rows in by_sender.items():
            old = existing.get(sender_id)
            state = apply_rows(dict(old) if old else _blank(sender_id), sender_rows, self.low_conf)
            state.pop("_meta_campaign", None)
            (updates if old else inserts).append(state)
        with self.engine.begin() as conn:
            if inserts:
                conn.execute(sa.insert(conv_index), inserts)
            for state in updates:
                conn.execute(
                    sa.update(conv_index)
                    .where(conv_index.c.sender_id == state["sender_id"])
                    .values(**{k: v for k, v in state.items() if k != "sender_id"})
                )
