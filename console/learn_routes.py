"""Learning inbox pages and JSON (issue 25): `/console/learn`, `/console/api/learn`.

Same login, roles and CSRF rules as every console route (console/middleware.py). Advisers
see messages of conversations they may read (console/scope.py); admins see all.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from console import learn_vocab, scope
from console.export import iso_time
from console.learn import STATUSES, LearnInbox, parse_annotation
from console.learn_signals import SIGNALS
from console.pages import CONSOLE, INDEX_WAIT_SECONDS, PREFIX, Handler, ctx, page, record, refresh

_KEY = re.compile(r"^[0-9a-f]{16}$")
PER_PAGE = 25
logger = logging.getLogger(__name__)
ERROR_TEXT = ("Niet opgeslagen. Kies wat de persoon bedoelde en typ de woorden precies zoals "
              "ze in het bericht staan.")


async def refreshed_inbox(request: web.Request) -> LearnInbox:
    """The inbox after folding in new tracker rows (index first: consent and campaign)."""
    console = ctx(request)
    await refresh(console, request)
    inbox = LearnInbox(console.engine, console.store, console.settings.low_confidence)
    done = await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(inbox.refresh, wait=INDEX_WAIT_SECONDS))
    if done is None:  # first build still running: answer from what is there, with the notice
        request["index_busy"] = True
    return inbox


async def learn_build_task(app: web.Application) -> AsyncIterator[None]:
    """Builds the inbox once after start (like the index), out of the first request's way."""
    console = app[CONSOLE]
    inbox = LearnInbox(console.engine, console.store, console.settings.low_confidence)

    async def build() -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(None, inbox.refresh)
        except Exception:  # requests refresh it again
            logger.exception("building the learning inbox failed; requests will retry")

    task = asyncio.create_task(build())
    yield
    task.cancel()


def with_learn_refresh(handler: Handler) -> Handler:
    """Wraps the dashboard: its misunderstood share reads the inbox, so bring it up to date."""
    async def wrapped(request: web.Request) -> web.StreamResponse:
        await refreshed_inbox(request)
        return await handler(request)

    wrapped.__name__ = handler.__name__
    return wrapped


def _params(request: web.Request) -> dict[str, Any]:
    q = request.query
    status = q.get("status") if q.get("status") in STATUSES else "open"
    signal = q.get("signal") if q.get("signal") in SIGNALS else None
    sort = "new" if q.get("sort") == "new" else "frequent"
    try:
        page_no = max(1, min(10_000, int(q.get("page") or 1)))
        per_page = max(1, min(200, int(q.get("per_page") or PER_PAGE)))
    except ValueError:
        page_no, per_page = 1, PER_PAGE
    return {"status": status, "signal": signal, "sort": sort, "page": page_no,
            "per_page": per_page}


async def _listing(request: web.Request) -> tuple[dict[str, Any], list[dict[str, Any]], int]:
    inbox = await refreshed_inbox(request)
    p = _params(request)
    groups = inbox.groups(scope.limited_to_consent(request["user"]), p["status"], p["signal"],
                          p["sort"])
    start = (p["page"] - 1) * p["per_page"]
    return p, groups[start : start + p["per_page"]], len(groups)


def _api_item(group: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": group["id"], "text": group["text"], "signals": group["signals"],
        "reading": group["reading"], "count": group["count"],
        "conversations": group["conversations"], "last_at": iso_time(group["last_at"]),
        "campaigns": group["campaigns"], "status": group["status"],
        "annotation": group["annotation"],
    }


async def api_learn(request: web.Request) -> web.Response:
    p, groups, total = await _listing(request)
    record(request, "api_learn", detail=json.dumps(p))
    warnings = (["inbox is being built; results incomplete"] if request.get("index_busy")
                else [])
    return web.json_response({"items": [_api_item(g) for g in groups], "total": total,
                              "page": p["page"], "per_page": p["per_page"],
                              "warnings": warnings})


async def learn_page(request: web.Request) -> web.Response:
    p, groups, total = await _listing(request)
    record(request, "view_learn", detail=json.dumps(p))
    pages = max(1, -(-total // p["per_page"]))
    query = {k: v for k, v in p.items() if v and k != "page" and v != PER_PAGE}
    return page(
        request, "learn.html", items=groups, total=total, params=p,
        vocab=learn_vocab.load(), entity_labels=learn_vocab.ENTITY_LABELS,
        signal_labels=learn_vocab.SIGNAL_LABELS, intent_label=learn_vocab.intent_label,
        statuses=STATUSES, signals=SIGNALS, pages=pages,
        prev_query=urlencode({**query, "page": p["page"] - 1}) if p["page"] > 1 else None,
        next_query=urlencode({**query, "page": p["page"] + 1}) if p["page"] < pages else None,
    )


async def _group(request: web.Request) -> tuple[LearnInbox, dict[str, Any] | None]:
    key = request.match_info["id"]
    if not _KEY.match(key):
        return await refreshed_inbox(request), None
    inbox = await refreshed_inbox(request)
    # Only groups with a message this user may read: others look absent (404).
    return inbox, inbox.group(key, scope.limited_to_consent(request["user"]))


def _save(request: web.Request, inbox: LearnInbox, group: dict[str, Any],
          body: dict[str, Any]) -> dict[str, Any]:
    """Check and store; raises ValueError with the reason."""
    user = request["user"]
    annotation = parse_annotation(body, group["text"], group["reading"], learn_vocab.load())
    approved = body.get("approved", True) is not False
    saved = inbox.annotate(group, annotation, user.username, user.is_admin, approved)
    record(request, "learn_annotate", inbox.source_sender(group["id"]),
           json.dumps({"id": group["id"], "verdict": annotation.verdict,
                       "intent": annotation.intent, "topic": annotation.topic,
                       "entities": [e["entity"] for e in annotation.entities],
                       "approved": saved["approved"]}))
    return saved


async def api_annotate(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return web.json_response({"error": "send a JSON object"}, status=400)
    inbox, group = await _group(request)
    if group is None:
        return web.json_response({"error": "not found"}, status=404)
    try:
        saved = _save(request, inbox, group, body)
    except ValueError as error:
        return web.json_response({"error": str(error)}, status=400)
    return web.json_response({"ok": True, "annotation": saved,
                              "status": "approved" if saved["approved"] else "pending"})


def form_body(form: Any, group: dict[str, Any], vocab: learn_vocab.Vocabulary,
              ) -> dict[str, Any]:
    """The page's form as an API body: one value (and optionally its words) per entity."""
    if form.get("action") == "approve" and group["annotation"]:
        return {**group["annotation"], "approved": True}
    body: dict[str, Any] = {"verdict": form.get("verdict") or "wrong",
                            "intent": form.get("intent") or ""}
    entities = []
    for name in vocab.entities:
        value = str(form.get(f"value_{name}") or "").strip()
        if value:
            entities.append({"entity": name, "value": value,
                             "words": str(form.get(f"words_{name}") or "").strip() or value})
    if entities or body["verdict"] != "right":  # "right" alone keeps what NLU found
        body["entities"] = entities
    return body


async def form_annotate(request: web.Request) -> web.Response:
    form = await request.post()
    inbox, group = await _group(request)
    if group is None:
        return page(request, "error.html", status=404, message="Dit bericht staat er niet (meer).")
    if form.get("action") == "approve" and not request["user"].is_admin:
        return page(request, "error.html", status=403,
                    message="Alleen een beheerder kan een verbetering goedkeuren.")
    try:
        _save(request, inbox, group, form_body(form, group, learn_vocab.load()))
    except ValueError as error:
        return page(request, "error.html", status=400, message=f"{ERROR_TEXT} ({error})")
    raise web.HTTPFound(f"{PREFIX}/learn?msg=saved#bericht-{group['id']}")
