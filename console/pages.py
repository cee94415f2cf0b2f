"""Shared pieces of the console's request handlers: the app key, page rendering, auditing,
index refresh and the small request helpers every handler module uses."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from aiohttp import web

from console import audit
from console.context import Console
from console.handover_ref import reference
from contract import labels

CONSOLE = web.AppKey("console", Console)
PREFIX = "/console"
HANDOVER_STATUSES = {"open": "Open", "in_progress": "In behandeling", "done": "Afgerond"}
# The contract's outcome labels (one home: contract/labels.py), never a copy here.
OUTCOME_NAMES = labels.names("outcome", "button")
FOLLOW_UP_NAMES = {
    "informed": "Geïnformeerd", "referred_to_training": "Doorverwezen naar opleiding",
    "started_training": "Gestart met opleiding", "no_follow_up": "Geen vervolg",
}
MESSAGES = {
    "erased": "Het gesprek is gewist.", "saved": "Opgeslagen.", "logged_out": "Je bent uitgelogd.",
}
INDEX_WAIT_SECONDS = 2.0

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def ctx(request: web.Request) -> Console:
    return request.app[CONSOLE]


def page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    session = request.get("session")
    values.setdefault("message", MESSAGES.get(request.query.get("msg", ""), ""))
    values.setdefault("index_busy", bool(request.get("index_busy")))
    html = ctx(request).render(
        template, user=request.get("user"), csrf_token=session.csrf_token if session else "",
        outcome_names=OUTCOME_NAMES, follow_up_names=FOLLOW_UP_NAMES,
        handover_statuses=HANDOVER_STATUSES, **values,
    )
    return web.Response(text=html, content_type="text/html", status=status)


def record(request: web.Request, action: str, target: str | None = None,
           detail: str | None = None) -> None:
    """Audit one adviser action under the logged-in user's name."""
    user = request.get("user")
    audit.record(ctx(request).engine, user.username if user else None, action, target, detail)


async def refresh(console: Console, request: web.Request | None = None) -> None:
    """Fold new tracker rows into the index before answering (cheap: `id > last_id`).

    While the first build after start is running, wait at most INDEX_WAIT_SECONDS and then
    answer from the partial index with a notice, rather than stall the page.
    """
    done = await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(console.index.refresh, wait=INDEX_WAIT_SECONDS))
    if done is None and request is not None:
        request["index_busy"] = True


def sender(request: web.Request) -> str:
    sender_id = request.match_info["sender_id"]
    if len(sender_id) > 255:
        raise web.HTTPNotFound()
    return sender_id


def back(sender_id: str, msg: str = "saved") -> web.HTTPFound:
    return web.HTTPFound(f"{PREFIX}/conversations/{quote(reference(sender_id), safe='')}"
                         f"?msg={msg}")
