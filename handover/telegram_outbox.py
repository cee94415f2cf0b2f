"""Adviser messages for Telegram chats, fetched by the Telegram bridge.

The bridge has no socket into the web server and Rasa cannot push to it (it talks to
Rasa over REST), so the bridge polls this feed: the tracker's bot events of
``telegram:<chat>`` conversations that an adviser wrote (or the assistant's note that it
is back), after the event id the bridge last delivered. The tracker stays the only copy;
nothing is queued twice. Protected by ``Authorization: Bearer $TELEGRAM_OUTBOX_TOKEN`` (else
$RASA_API_TOKEN), a secret both processes share; it is not a console route (no adviser session).
"""

from __future__ import annotations

import asyncio
import hmac
import json
from typing import Any

import sqlalchemy as sa
from aiohttp import web

from console.pages import CONSOLE
from conversation_store.schema import events as EVENTS
from settings.sections import outbox_token

PATH = "/internal/telegram-outbox"
PREFIX = "telegram:"
RESUMED = "handover_resumed"
BATCH = 200


def outbox_item(row_id: int, sender_id: str, data: dict[str, Any]) -> dict[str, Any] | None:
    metadata = data.get("metadata") or {}
    custom = ((data.get("data") or {}).get("custom") or {})
    if metadata.get("from") == "adviser":
        kind = "adviser"
    elif isinstance(custom, dict) and custom.get("type") == RESUMED:
        kind = "resumed"
    else:
        return None
    chat = sender_id[len(PREFIX):]
    if not chat.lstrip("-").isdigit():
        return None
    return {"id": row_id, "chat_id": int(chat), "kind": kind, "text": data.get("text") or "",
            "adviser_name": metadata.get("adviser_name") if kind == "adviser" else None,
            "notice": metadata.get("notice")}


def read_outbox(engine: sa.engine.Engine, after: int | None) -> dict[str, Any]:
    """Items after event id `after`; without `after` just the current last id (a fresh
    bridge starts from now instead of resending history)."""
    with engine.connect() as conn:
        top = int(conn.execute(sa.select(sa.func.max(EVENTS.c.id))).scalar() or 0)
        if after is None:
            return {"items": [], "last_id": top}
        rows = conn.execute(
            sa.select(EVENTS.c.id, EVENTS.c.sender_id, EVENTS.c.data)
            .where(EVENTS.c.id > after, EVENTS.c.type_name == "bot",
                   EVENTS.c.sender_id.like(PREFIX + "%"))
            .order_by(EVENTS.c.id).limit(BATCH)).all()
    items = [item for row in rows
             if (item := outbox_item(row.id, row.sender_id, json.loads(row.data))) is not None]
    # Full batch: continue from its last row next time; else everything up to `top` is seen.
    last = rows[-1].id if len(rows) == BATCH else max(top, after)
    return {"items": items, "last_id": last}


async def telegram_outbox(request: web.Request) -> web.Response:
    token = outbox_token()
    supplied = request.headers.get("Authorization", "")
    if not hmac.compare_digest(supplied.encode(), f"Bearer {token}".encode()):
        return web.json_response({"error": "token required"}, status=401)
    raw = request.query.get("after")
    try:
        after = int(raw) if raw not in (None, "") else None
    except ValueError:
        return web.json_response({"error": "after must be an event id"}, status=400)
    store = request.app[CONSOLE].store
    if not store.has_table():
        return web.json_response({"items": [], "last_id": after or 0})
    body = await asyncio.get_running_loop().run_in_executor(None, read_outbox, store.engine,
                                                            after)
    return web.json_response(body, headers={"Cache-Control": "no-store"})
