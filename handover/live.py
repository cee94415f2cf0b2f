"""Advisers hear about new handovers: the live list, the webhook and the idle release.

A background task (every WATCH_INTERVAL seconds) folds new tracker rows into the index,
notes handover requests it has not seen yet (their time is the waiting time's start),
posts each new one once to HANDOVER_WEBHOOK_URL (signed), and gives conversations back to
the assistant when their adviser has been quiet for HANDOVER_IDLE_MINUTES.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
import sqlalchemy as sa
from aiohttp import web
from sqlalchemy.engine import Engine

from console import audit, repository
from console.context import Console
from console.db import conv_index, handover_alerts
from console.handover_ref import reference
from console.labels import value_label
from console.pages import CONSOLE, HANDOVER_STATUSES, PREFIX, ctx, refresh
from handover.takeover import held_conversations
from handover.takeover_routes import TAKEOVERS
from settings.sections import HandoverSettings

log = logging.getLogger(__name__)

WATCH_INTERVAL = 2.0
POLL_MS = 4000  # how often the open list asks for news
WEBHOOK_TIMEOUT = aiohttp.ClientTimeout(total=5)
HANDOVER_SETTINGS = web.AppKey("handover_settings", HandoverSettings)
SCRIPT = Path(__file__).parent / "static" / "handover-live.js"


# ------------------------------------------------------------------ the live list


def live_items(engine: Engine, wanted: str = "") -> list[dict[str, Any]]:
    """The handover queue with waiting time and who holds each conversation now."""
    rows = repository.handover_queue(engine, wanted)
    with engine.connect() as conn:
        requested = dict(conn.execute(sa.select(handover_alerts.c.sender_id,
                                                handover_alerts.c.requested_at)).all())
    held = {row["sender_id"]: row for row in held_conversations(engine)}
    now = time.time()
    items = []
    for row in rows:
        since = requested.get(row["sender_id"]) or row["last_at"]
        holder = held.get(row["sender_id"])
        waiting = row["status"] == "open" and holder is None
        items.append({
            "sender_id": row["sender_id"],
            "status": row["status"],
            "status_label": HANDOVER_STATUSES[row["status"]],
            "assigned_to": row["assigned_to"],
            "held_by": holder["username"] if holder else None,
            "requested_at": since,
            "last_at": row["last_at"],
            "waiting_seconds": int(now - since) if waiting and since else None,
            "channel": row["channel"], "region": row["region"], "sector": row["sector"],
            "campaign": row["campaign"], "consent": row["consent"],
            "has_contact": bool(row["has_contact"]),
            "url": f"{PREFIX}/handovers/{quote(reference(row['sender_id']), safe='')}",
        })
    return items


def waiting_text(seconds: int | None) -> str:
    """Dutch waiting time for the list: "12 min", "2 uur 5 min"; "-" when nobody waits."""
    if seconds is None:
        return "-"
    minutes = seconds // 60
    if minutes < 1:
        return "net binnen"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} uur {minutes % 60} min"


async def api_handovers(request: web.Request) -> web.Response:
    console = ctx(request)
    await refresh(console, request)
    wanted = request.query.get("status", "")
    wanted = wanted if wanted in HANDOVER_STATUSES else ""
    items = await asyncio.get_running_loop().run_in_executor(
        None, live_items, console.engine, wanted)
    when = console.templates.filters["when"]
    for item in items:
        item["sender_id"] = reference(item["sender_id"])  # the page's rows carry it too
        item["waiting"] = waiting_text(item["waiting_seconds"])
        # The same words the server-rendered rows use (labels, link text).
        item["region_label"] = value_label(item["region"])
        item["sector_label"] = value_label(item["sector"])
        item["link_text"] = f"Overdracht van {when(item['last_at'])}" + (
            f", {item['region_label']}" if item["region"] else "")
    hours = request.app[HANDOVER_SETTINGS].office_hours
    return web.json_response({"items": items, "advisers_available": hours.is_open(),
                              "office_hours": hours.describe()})


async def live_script(request: web.Request) -> web.Response:
    return web.Response(text=SCRIPT.read_text(encoding="utf-8"),
                        content_type="application/javascript")


# ------------------------------------------------------------------ new handovers, webhook


def note_new_handovers(engine: Engine, started_at: float) -> list[dict[str, Any]]:
    """Handover requests not seen before, recorded now. Requests from before the watcher
    started are recorded as old (no webhook flood after a restart); the first index build
    may take a while, so a request made meanwhile is still new."""
    seen = sa.select(handover_alerts.c.sender_id)
    stmt = (sa.select(conv_index.c.sender_id, conv_index.c.last_at, conv_index.c.channel,
                      conv_index.c.region, conv_index.c.sector, conv_index.c.campaign)
            .where(conv_index.c.handover.is_(True))
            .where(conv_index.c.sender_id.not_in(seen)))
    with engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
        new = []
        for row in rows:
            old = (row["last_at"] or time.time()) < started_at
            conn.execute(sa.insert(handover_alerts).values(
                sender_id=row["sender_id"], requested_at=row["last_at"] or time.time(),
                webhook="before_start" if old else None))
            if not old:
                new.append(row)
    return new


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>`` of HMAC-SHA256 over ``<timestamp>.<body>`` (what receivers check)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def webhook_body(row: dict[str, Any], public_base_url: str, available: bool) -> bytes:
    # No message texts and no contact details: the team's tool links back to the console.
    payload = {
        "event": "handover_requested",
        "requested_at": row["last_at"],
        "channel": row["channel"], "region": row["region"], "sector": row["sector"],
        "campaign": row["campaign"],
        "advisers_available": available,
        # The opaque reference: the session id would let the receiver resume the chat.
        "console_url": f"{public_base_url.rstrip('/')}{PREFIX}/handovers/"
                       f"{quote(reference(row['sender_id']), safe='')}",
    }
    return json.dumps(payload, separators=(",", ":")).encode()


async def send_webhook(session: aiohttp.ClientSession, settings: HandoverSettings,
                       console: Console, row: dict[str, Any]) -> str:
    body = webhook_body(row, console.settings.public_base_url, settings.office_hours.is_open())
    stamp = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Handover-Timestamp": stamp,
               "X-Handover-Signature": signature(settings.webhook_secret, stamp, body)}
    try:
        async with session.post(settings.webhook_url, data=body, headers=headers) as response:
            outcome = "sent" if response.status < 300 else "failed"
    except (aiohttp.ClientError, TimeoutError):
        outcome = "failed"
    with console.engine.begin() as conn:
        conn.execute(sa.update(handover_alerts)
                     .where(handover_alerts.c.sender_id == row["sender_id"])
                     .values(webhook=outcome))
    if outcome == "failed":
        log.warning("handover webhook failed")  # no sender id: it is personal data
    return outcome


# ------------------------------------------------------------------ idle release


async def release_idle(app: web.Application) -> int:
    console, service = app[CONSOLE], app[TAKEOVERS]
    limit = time.time() - app[HANDOVER_SETTINGS].idle_minutes * 60
    released = 0
    for row in held_conversations(console.engine):
        if row["last_activity_at"] > limit:
            continue
        try:
            await service.release(None, row["sender_id"])
        except Exception:  # Rasa away or conversation erased: try again next round
            log.warning("idle release failed; retrying")
            continue
        audit.record(console.engine, None, "release_idle", row["sender_id"])
        released += 1
    return released


async def watch_task(app: web.Application) -> AsyncIterator[None]:
    console, settings = app[CONSOLE], app[HANDOVER_SETTINGS]
    session = aiohttp.ClientSession(timeout=WEBHOOK_TIMEOUT)

    async def loop() -> None:
        started_at = time.time()
        while True:
            try:
                executor = asyncio.get_running_loop().run_in_executor
                done = await executor(None, lambda: console.index.refresh(wait=0))
                if done is not None:  # skip while the first index build is running
                    new = await executor(None, note_new_handovers, console.engine,
                                         started_at)
                    if settings.webhook_url:
                        for row in new:
                            await send_webhook(session, settings, console, row)
                await release_idle(app)
            except Exception:
                log.exception("handover watch round failed")
            await asyncio.sleep(WATCH_INTERVAL)

    task = asyncio.create_task(loop())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await session.close()
    await app[TAKEOVERS].rasa.close()
