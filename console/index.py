"""Derived per-conversation index in the console DB, refreshed from `events WHERE id > :last`.

A cache, never a source of truth: it holds facts computed from the tracker store so that a
list request over 10,000 conversations is one indexed query. Erasure and retention delete its
rows; `rebuild()` drops and recomputes it.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console import events as ev
from console.db import conv_index, index_state
from console.erasure import sweep_tombstoned
from conversation_store import Store
from privacy import consent as reading_consent

SEARCH_TEXT_CAP = 20_000
_KEPT_SLOTS = (
    "region",
    "current_sector",
    "campaign",
    "handover_requested",
    "handover_consent",
    "handover_contact",
    "adviser_consent",
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
        "handover_consent": None,
        "adviser_consent": None,
        "has_contact": False,
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


RawRow = tuple  # (id, sender_id, type_name, timestamp, data JSON text or None)
DATA_TYPES = ("user", "bot", "slot", "restart", "reset_slots")
_SLOT_NAME = re.compile(r'"name": "([^"]*)"')


def apply_rows(state: dict[str, Any], rows: list[RawRow], low_conf: float) -> dict[str, Any]:
    """Fold new tracker rows (id order) of one sender into its index row.

    JSON is parsed only where it matters (user and bot rows, and the few slots we keep):
    decoding dominates the cost of building the index.
    """
    slots: dict[str, Any] = json.loads(state.get("slots_json") or "{}")
    texts: list[str] = [state.get("search_text") or ""]
    for row_id, sender_id, type_name, timestamp, raw in rows:
        if timestamp is not None:
            if state["started_at"] is None or timestamp < state["started_at"]:
                state["started_at"] = timestamp
            if state["last_at"] is None or timestamp > state["last_at"]:
                state["last_at"] = timestamp
        state["last_event_id"] = max(state["last_event_id"] or 0, row_id)
        if raw is None:
            continue
        if type_name == "slot":
            found = _SLOT_NAME.search(raw)
            if not found or found.group(1) not in _KEPT_SLOTS:
                continue
        data = _load(raw)
        if type_name == "user":
            _fold_user(state, data, sender_id, texts, low_conf)
        elif type_name == "bot":
            _fold_bot(state, data, texts)
        elif type_name == "slot" and data.get("name") in _KEPT_SLOTS:
            value = data.get("value")
            if data["name"] == "handover_contact":  # keep only whether one was given
                value = bool(value)
            slots[data["name"]] = value
        elif type_name in ("restart", "reset_slots"):
            slots = {}
    state["region"] = _short(slots.get("region"))
    state["sector"] = _short(slots.get("current_sector"))
    if not state["campaign"]:
        state["campaign"] = _short(slots.get("campaign"), 120)
    state["handover"] = slots.get("handover_requested") is True
    consent = slots.get("handover_consent")
    state["handover_consent"] = consent if isinstance(consent, bool) else None
    state["adviser_consent"] = reading_consent.parse(slots.get("adviser_consent"))
    state["has_contact"] = slots.get("handover_contact") is True
    if all(slots.get(name) for name in PROFILE_SLOTS):
        state["profile_complete"] = True
    state["search_text"] = " ".join(t for t in texts if t).lower()[-SEARCH_TEXT_CAP:]
    state["slots_json"] = json.dumps(slots)
    return state


def _load(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _fold_user(state: dict[str, Any], data: dict[str, Any], sender_id: str, texts: list[str],
               low_conf: float) -> None:
    state["turns"] += 1
    text = data.get("text") or ""
    if state["preview"] is None and text and not text.startswith("/"):
        state["preview"] = text[:200]
    texts.append(text)
    if state["channel"] is None:
        state["channel"] = ev.channel_of(data, sender_id)
    campaign = ev.metadata_of(data).get("campaign")
    if isinstance(campaign, str) and campaign and not state["campaign"]:
        state["campaign"] = campaign[:120]
    name, confidence = ev.intent_of(data)
    if name in ev.FALLBACK_INTENTS or (confidence is not None and confidence < low_conf):
        state["low_conf"] += 1


def _fold_bot(state: dict[str, Any], data: dict[str, Any], texts: list[str]) -> None:
    texts.append(data.get("text") or "")
    if ev.is_fallback_bot(data):
        state["fallbacks"] += 1
    payload = ev.custom_payload(data)
    if not payload:
        return
    kind = payload.get("type")
    if kind == "recommendations":
        state["has_recs"] = True
        ids = [str(i.get("id")) for i in payload.get("items") or []
               if isinstance(i, dict) and i.get("id")]
        state["recommended"] = ";".join(ids) or state["recommended"]
    elif kind == "next_steps":
        state["has_steps"] = True
    elif kind == "profile_summary":
        state["profile_complete"] = True


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

    def refresh(self, batch: int = 20_000, wait: float = -1) -> int | None:
        """Fold in tracker rows added since the last refresh; returns rows processed.

        With `wait` >= 0, gives up after that many seconds when another thread is refreshing
        (e.g. the first build after start) and returns None: the caller serves the index as
        it is instead of stalling a page view.
        """
        if not self._lock.acquire(timeout=wait):
            return None
        try:
            return self._refresh(batch)
        finally:
            self._lock.release()

    def _refresh(self, batch: int) -> int:
        last = self.last_id()
        top = self.store.max_event_id()
        if top == last:
            return 0
        if top < last:  # tracker store replaced or emptied: start over
            self._clear()
            last = 0
        processed = 0
        while True:
            rows = self.store.raw_rows_after(last, batch, DATA_TYPES)
            if not rows:
                return processed
            last = rows[-1][0]
            # rows and the new high-water mark commit together: a crash never folds twice
            self._apply(rows, last)
            processed += len(rows)

    def rebuild(self) -> int:
        with self._lock:
            self._clear()
            return self._refresh(20_000)

    def prune(self) -> int:
        """Drop index rows of conversations no longer in the tracker store.

        Erasure and retention delete index rows themselves; this catches the rare row that a
        refresh wrote back while another process erased that conversation.
        """
        with self._lock:
            with self.engine.connect() as conn:
                indexed = {s for (s,) in conn.execute(sa.select(conv_index.c.sender_id))}
            gone = sorted(indexed - set(self.store.sender_ids()))
            with self.engine.begin() as conn:
                for start in range(0, len(gone), 500):
                    conn.execute(sa.delete(conv_index)
                                 .where(conv_index.c.sender_id.in_(gone[start : start + 500])))
            return len(gone)

    def trim(self, cutoff: float) -> int:
        """Recompute the rows of conversations that had messages from before `cutoff`.

        Retention deletes old tracker rows, also the early part of a conversation that
        goes on; its index row (search text, preview, start) still held those texts. A
        conversation with nothing left goes entirely. Returns the rows recomputed.
        """
        with self._lock:
            with self.engine.connect() as conn:
                old = [s for (s,) in conn.execute(
                    sa.select(conv_index.c.sender_id).where(conv_index.c.started_at < cutoff))]
            folded = self.last_id()  # newer rows come with the next refresh, once
            for sender_id in old:
                rows = [(r.id, r.sender_id, r.type_name, r.timestamp,
                         json.dumps(r.data) if r.type_name in DATA_TYPES else None)
                        for r in self.store.event_rows(sender_id) if r.id <= folded]
                with self.engine.begin() as conn:
                    conn.execute(sa.delete(conv_index).where(conv_index.c.sender_id == sender_id))
                    if rows:
                        state = apply_rows(_blank(sender_id), rows, self.low_conf)
                        conn.execute(sa.insert(conv_index), [state])
            return len(old)

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

    def _apply(self, rows: list[RawRow], last: int) -> None:
        by_sender: dict[str, list[RawRow]] = defaultdict(list)
        for row in rows:
            by_sender[row[1]].append(row)
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
            self._set_last(conn, last)
        # An erasure may have committed while these rows were read: never bring it back.
        sweep_tombstoned(self.engine, senders)
