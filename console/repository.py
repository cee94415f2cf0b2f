"""Adviser work in the console database: tags, notes, follow-up labels and handover status.

The handlers validate input and audit; the SQL lives here, one function per change.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import conv_index, handovers, notes, outcome_labels, tags


def work(engine: Engine, sender_id: str) -> dict[str, Any]:
    """Tags, notes, follow-up label and handover row of one conversation."""
    with engine.connect() as conn:
        return {
            "tags": conn.execute(sa.select(tags).where(tags.c.sender_id == sender_id)
                                 .order_by(tags.c.tag)).all(),
            "notes": conn.execute(sa.select(notes).where(notes.c.sender_id == sender_id)
                                  .order_by(notes.c.id)).all(),
            "label": conn.execute(sa.select(outcome_labels)
                                  .where(outcome_labels.c.sender_id == sender_id)).first(),
            "handover": conn.execute(sa.select(handovers)
                                     .where(handovers.c.sender_id == sender_id)).first(),
        }


def add_tag(engine: Engine, sender_id: str, tag: str, username: str) -> None:
    with engine.begin() as conn:
        exists = conn.execute(sa.select(tags.c.id).where(
            tags.c.sender_id == sender_id, tags.c.tag == tag)).first()
        if not exists:
            conn.execute(sa.insert(tags).values(
                sender_id=sender_id, tag=tag, username=username, created_at=time.time()))


def delete_tag(engine: Engine, sender_id: str, tag: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.delete(tags).where(tags.c.sender_id == sender_id, tags.c.tag == tag))


def add_note(engine: Engine, sender_id: str, text: str, username: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(notes).values(
            sender_id=sender_id, text=text, username=username, created_at=time.time()))


def set_outcome_label(engine: Engine, sender_id: str, label: str, username: str) -> None:
    """Replace the follow-up label; an empty label only clears it."""
    with engine.begin() as conn:
        conn.execute(sa.delete(outcome_labels).where(outcome_labels.c.sender_id == sender_id))
        if label:
            conn.execute(sa.insert(outcome_labels).values(
                sender_id=sender_id, label=label, username=username, set_at=time.time()))


def save_handover(engine: Engine, sender_id: str, status: str, assigned_to: str | None,
                  username: str) -> None:
    values = {"status": status, "assigned_to": assigned_to,
              "updated_by": username, "updated_at": time.time()}
    with engine.begin() as conn:
        done = conn.execute(sa.update(handovers).where(handovers.c.sender_id == sender_id)
                            .values(**values))
        if not done.rowcount:
            conn.execute(sa.insert(handovers).values(sender_id=sender_id, **values))


def handover_queue(engine: Engine, wanted: str) -> list[dict[str, Any]]:
    """Conversations that asked for an adviser, newest first; `wanted` filters on status."""
    stmt = (
        sa.select(conv_index.c.sender_id, conv_index.c.last_at, conv_index.c.region,
                  conv_index.c.sector, conv_index.c.campaign, conv_index.c.channel,
                  conv_index.c.handover_consent.label("consent"), conv_index.c.has_contact,
                  handovers.c.status, handovers.c.assigned_to)
        .select_from(conv_index.outerjoin(handovers,
                                          handovers.c.sender_id == conv_index.c.sender_id))
        .where(conv_index.c.handover.is_(True))
        .order_by(conv_index.c.last_at.desc())
        .limit(500)
    )
    if wanted == "open":
        stmt = stmt.where(sa.or_(handovers.c.status.is_(None), handovers.c.status == "open"))
    elif wanted:
        stmt = stmt.where(handovers.c.status == wanted)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    for row in rows:
        row["status"] = row["status"] or "open"
    return rows
