"""The learning inbox (issue 25): badly handled user messages, grouped, with their annotations.

Items are derived from the tracker store like the conversation index (a cache in the console
DB, masked before writing, rebuilt per conversation when it has new events). Annotations are
the advisers' corrections; an admin's count as approved, an adviser's wait for an admin.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console import learn_signals
from console.db import conv_index, erased, index_state, learn_annotations, learn_items
from console.learn_vocab import Vocabulary
from console.scope import readable_clause
from conversation_store import EventRow, Store
from conversation_store.schema import events as EVENTS
from privacy.pseudonym import pseudonym

STATE_KEY = "learn_last_id"
MAX_ITEMS_READ = 20_000  # newest items considered when grouping (a week of busy campaigns)
STATUSES = ("open", "pending", "approved", "all")
_LOCKS: dict[str, threading.Lock] = defaultdict(threading.Lock)


class LearnInbox:
    """Keeps `console_learn_items` in step with one tracker store; reads groups of items."""

    def __init__(self, engine: Engine, store: Store, low_conf: float = 0.6) -> None:
        self.engine, self.store, self.low_conf = engine, store, low_conf
        self._lock = _LOCKS[str(engine.url)]

    # -- deriving items -----------------------------------------------------------------
    def refresh(self, batch: int = 20_000, wait: float = -1) -> int | None:
        """Rescan every conversation with new tracker rows; returns conversations rescanned.

        With `wait` >= 0, gives up after that many seconds while another thread refreshes
        (the first build after start) and returns None, like the conversation index.
        """
        if not self._lock.acquire(timeout=wait):
            return None
        try:
            return self._refresh(batch)
        finally:
            self._lock.release()

    def _refresh(self, batch: int) -> int:
        last = self._state()
        top = self.store.max_event_id()
        if top < last:  # tracker store replaced or emptied: start over
            with self.engine.begin() as conn:
                conn.execute(sa.delete(learn_items))
            last = 0
        done = 0
        while top > last:
            rows = self.store.raw_rows_after(last, batch, data_types=())
            if not rows:
                break
            senders = sorted({r[1] for r in rows})
            for start in range(0, len(senders), 200):
                self._rescan(senders[start : start + 200])
            last = rows[-1][0]
            self._set_state(last)
            done += len(senders)
        return done

    def _rescan(self, senders: list[str]) -> None:
        by_sender = _rows_of(self.store, senders)
        items = []
        for sender_id in senders:
            for item in learn_signals.find(by_sender.get(sender_id, []), self.low_conf):
                items.append({**item, "sender_id": sender_id,
                              "signals": json.dumps(item["signals"]),
                              "reading": json.dumps(item["reading"], ensure_ascii=False)})
        with self.engine.begin() as conn:
            conn.execute(sa.delete(learn_items).where(learn_items.c.sender_id.in_(senders)))
            if items:
                conn.execute(sa.insert(learn_items), items)
        self._sweep_erased(senders)

    def _sweep_erased(self, senders: list[str]) -> None:
        """An erasure that committed while these rows were read must win (see erasure.py)."""
        by_hash = {pseudonym(s): s for s in senders}
        with self.engine.begin() as conn:
            stones = conn.execute(sa.select(erased.c.sender_hash, erased.c.upto_event_id)
                                  .where(erased.c.sender_hash.in_(by_hash))).all()
            for sender_hash, upto in stones:
                covered = learn_items.c.event_id <= upto if upto else sa.true()
                conn.execute(sa.delete(learn_items).where(
                    learn_items.c.sender_id == by_hash[sender_hash], covered))

    def _state(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(index_state.c.value)
                                 .where(index_state.c.key == STATE_KEY)).scalar()
        return int(value or 0)

    def _set_state(self, last: int) -> None:
        with self.engine.begin() as conn:
            updated = conn.execute(sa.update(index_state).where(index_state.c.key == STATE_KEY)
                                   .values(value=last))
            if not updated.rowcount:
                conn.execute(sa.insert(index_state).values(key=STATE_KEY, value=last))

    # -- reading groups -----------------------------------------------------------------
    def groups(self, readable_only: bool, status: str = "open", signal: str | None = None,
               sort: str = "frequent") -> list[dict[str, Any]]:
        """Similar messages as one group: newest text and reading, all signals, counts."""
        stmt = (sa.select(learn_items, conv_index.c.campaign)
                .select_from(learn_items.outerjoin(
                    conv_index, conv_index.c.sender_id == learn_items.c.sender_id))
                .order_by(learn_items.c.at.desc(), learn_items.c.event_id.desc())
                .limit(MAX_ITEMS_READ))
        if readable_only:  # the console's one consent rule (console/scope.py)
            stmt = stmt.where(readable_clause())
        with self.engine.connect() as conn:
            rows = conn.execute(stmt).all()
            notes = {r.group_key: dict(r._mapping) for r in conn.execute(sa.select(
                learn_annotations))}
        found: dict[str, dict[str, Any]] = {}
        for r in rows:
            group = found.get(r.group_key)
            if group is None:  # rows come newest first: the first one speaks for the group
                group = found[r.group_key] = {
                    "id": r.group_key, "text": r.text, "signals": [],
                    "reading": json.loads(r.reading), "count": 0, "conversations": set(),
                    "last_at": r.at, "campaigns": set(),
                }
            group["count"] += 1
            group["conversations"].add(r.sender_id)
            if r.campaign:
                group["campaigns"].add(r.campaign)
            for name in json.loads(r.signals):
                if name not in group["signals"]:
                    group["signals"].append(name)
        out = []
        for group in found.values():
            note = notes.get(group["id"])
            group["annotation"] = _public_annotation(note) if note else None
            group["status"] = ("open" if note is None
                               else "approved" if note["approved"] else "pending")
            group["conversations"] = len(group["conversations"])
            group["campaigns"] = sorted(group["campaigns"])
            group["signals"] = [s for s in learn_signals.SIGNALS if s in group["signals"]]
            if status == "open" and group["status"] == "approved":
                continue
            if status in ("pending", "approved") and group["status"] != status:
                continue
            if signal and signal not in group["signals"]:
                continue
            out.append(group)
        if sort == "new":
            out.sort(key=lambda g: (-(g["last_at"] or 0), -g["count"], g["id"]))
        else:
            out.sort(key=lambda g: (-g["count"], -(g["last_at"] or 0), g["id"]))
        return out

    def group(self, key: str, readable_only: bool) -> dict[str, Any] | None:
        """One group, when this user may read at least one of its messages."""
        for group in self.groups(readable_only, status="all"):
            if group["id"] == key:
                return group
        return None

    def source_sender(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(learn_items.c.sender_id)
                                .where(learn_items.c.group_key == key)
                                .order_by(learn_items.c.at.desc()).limit(1)).scalar()

    # -- annotations --------------------------------------------------------------------
    def annotate(self, group: dict[str, Any], annotation: Annotation, username: str,
                 is_admin: bool, approved: bool) -> dict[str, Any]:
        """Store (or replace) the group's annotation; an adviser's always waits for review."""
        now = time.time()
        sender_id = self.source_sender(group["id"]) or ""
        ok = bool(is_admin and approved)
        values = {
            "sender_id": sender_id, "text": group["text"], "verdict": annotation.verdict,
            "intent": annotation.intent, "topic": annotation.topic,
            "entities": json.dumps(annotation.entities, ensure_ascii=False),
            "approved": ok, "annotated_by": username, "annotated_at": now,
            "approved_by": username if ok else None, "approved_at": now if ok else None,
        }
        with self.engine.begin() as conn:
            conn.execute(sa.delete(learn_annotations)
                         .where(learn_annotations.c.group_key == group["id"]))
            conn.execute(sa.insert(learn_annotations).values(group_key=group["id"], **values))
        return _public_annotation({"group_key": group["id"], **values})

    def approved(self) -> list[dict[str, Any]]:
        """Approved annotations in a stable order (oldest first), for the export."""
        stmt = (sa.select(learn_annotations).where(learn_annotations.c.approved.is_(True))
                .order_by(learn_annotations.c.annotated_at, learn_annotations.c.group_key))
        with self.engine.connect() as conn:
            return [_public_annotation(dict(r._mapping)) for r in conn.execute(stmt)]


@dataclass
class Annotation:
    verdict: str
    intent: str
    topic: str | None
    entities: list[dict[str, Any]]


class AnnotationError(ValueError):
    pass


def parse_annotation(body: dict[str, Any], text: str, reading: dict[str, Any],
                     vocab: Vocabulary) -> Annotation:
    """Check an annotation against the domain's intents, the FAQ topics, the contract's value
    sets and the message text; spans are found in the text when not given."""
    verdict = str(body.get("verdict") or "wrong")
    if verdict not in ("right", "wrong"):
        raise AnnotationError("verdict must be right or wrong")
    intent = str(body.get("intent") or (reading.get("intent") if verdict == "right" else "")
                 or "")
    if ":" in intent:  # "faq:salaris", as the page's select box sends it
        intent, body = intent.split(":", 1)[0], {**body, "topic": intent.split(":", 1)[1]}
    if intent not in vocab.intents:
        raise AnnotationError(f"unknown intent: {intent[:80]}")
    topic = body.get("topic") or (reading.get("topic") if verdict == "right" else None)
    if intent == "faq":
        if topic not in vocab.topics:
            raise AnnotationError("intent faq needs a known topic")
    else:
        topic = None
    raw = body.get("entities")
    if raw is None and verdict == "right":  # the reading was right: keep what NLU found
        raw = [dict(e, optional=True) for e in reading.get("entities") or []]
    raw = raw or []
    if not isinstance(raw, list) or len(raw) > 10:
        raise AnnotationError("entities must be a list of at most 10")
    checked = []
    for entity in raw:
        try:
            checked.append(vocab.entity(entity, text))
        except ValueError:
            if not (isinstance(entity, dict) and entity.get("optional")):
                raise
    entities = sorted(checked, key=lambda e: e["start"])
    for left, right in zip(entities, entities[1:], strict=False):
        if right["start"] < left["end"]:
            raise AnnotationError("entities overlap")
    return Annotation(verdict, intent, topic, entities)


def _public_annotation(row: dict[str, Any]) -> dict[str, Any]:
    entities = row.get("entities")
    return {
        "id": row.get("group_key"), "text": row.get("text"), "verdict": row.get("verdict"),
        "intent": row.get("intent"), "topic": row.get("topic"),
        "entities": json.loads(entities) if isinstance(entities, str) else entities or [],
        "approved": bool(row.get("approved")), "annotated_by": row.get("annotated_by"),
        "annotated_at": row.get("annotated_at"), "approved_by": row.get("approved_by"),
    }


def _rows_of(store: Store, senders: list[str]) -> dict[str, list[EventRow]]:
    """Tracker rows of several conversations in one query (read-only), id order."""
    if not senders or not store.has_table():
        return {}
    stmt = (sa.select(EVENTS).where(EVENTS.c.sender_id.in_(senders))
            .where(EVENTS.c.type_name.in_(("user", "bot", "slot", "action", "restart",
                                           "session_started", "reset_slots")))
            .order_by(EVENTS.c.id))
    out: dict[str, list[EventRow]] = defaultdict(list)
    with store.engine.connect() as conn:
        for r in conn.execute(stmt):
            try:
                data = json.loads(r.data) if r.data else {}
            except ValueError:
                data = {}
            out[r.sender_id].append(EventRow(r.id, r.sender_id, r.type_name, r.timestamp,
                                             r.intent_name, r.action_name,
                                             data if isinstance(data, dict) else {}))
    return out
