"""Conversation list, transcript page, the JSON API and the adviser's work on one conversation."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from console import repository, scope
from console.context import Console
from console.dashboard import FOLLOW_UP_LABELS
from console.dossier import build_dossier
from console.export import iso_time
from console.pages import PREFIX, back, ctx, page, record, refresh, sender
from console.queries import (
    CHANNELS,
    OUTCOMES,
    Filters,
    distinct_values,
    index_row,
    list_conversations,
)
from console.transcript import build_transcript
from privacy.erase import erase_senders_locked


async def _scoped_list(request: web.Request) -> tuple[Filters, list[dict[str, Any]], int]:
    """The filtered conversation list, limited to what this user may read (consent)."""
    console = ctx(request)
    await refresh(console, request)
    f = Filters.from_query(request.query)
    items, total = list_conversations(console.engine, f, time.time(),
                                      console.settings.abandon_after_seconds,
                                      readable_only=scope.limited_to_consent(request["user"]))
    return f, items, total


async def conversation_list(request: web.Request) -> web.Response:
    f, items, total = await _scoped_list(request)
    record(request, "view_list", detail=json.dumps(f.as_query()))
    for item in items:
        item["consent_label"], item["readable"] = scope.label(item), scope.row_readable(item)
    pages = max(1, -(-total // f.per_page))
    query = f.as_query()
    return page(
        request, "list.html", items=items, total=total, filters=f, query=query,
        export_query=urlencode(query), options=distinct_values(ctx(request).engine),
        outcomes=OUTCOMES, channels=CHANNELS, pages=pages,
        prev_query=urlencode({**query, "page": f.page - 1}) if f.page > 1 else None,
        next_query=urlencode({**query, "page": f.page + 1}) if f.page < pages else None,
    )


def _api_item(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "sender_id": item["sender_id"], "started_at": iso_time(item["started_at"]),
        "channel": item["channel"], "campaign": item["campaign"], "region": item["region"],
        "sector": item["sector"], "outcome": item["outcome"], "turns": item["turns"],
        "adviser_consent": item.get("adviser_consent"),
    }


async def api_conversations(request: web.Request) -> web.Response:
    f, items, total = await _scoped_list(request)
    record(request, "api_list", detail=json.dumps(f.as_query()))
    warnings = f.problems + (["index is being built; results incomplete"]
                             if request.get("index_busy") else [])
    return web.json_response({"items": [_api_item(i) for i in items], "total": total,
                              "page": f.page, "per_page": f.per_page, "warnings": warnings})


def transcript(console: Console, sender_id: str) -> dict[str, Any] | None:
    rows = console.store.event_rows(sender_id)
    if not rows:
        return None
    data = build_transcript(rows, console.settings.low_confidence)
    data["dossier"] = build_dossier([r.data for r in rows], data["all_slots"])
    return data


async def api_conversation(request: web.Request) -> web.Response:
    console = ctx(request)
    sender_id = sender(request)
    data = transcript(console, sender_id)
    if data is None:
        return web.json_response({"error": "not found"}, status=404)
    await refresh(console, request)
    # Consent was checked for this route by the middleware (console/scope.py).
    row = index_row(console.engine, sender_id)
    record(request, "api_view", sender_id)
    return web.json_response({
        "adviser_consent": row["adviser_consent"] if row else None,
        "sender_id": sender_id, "outcome": row["outcome"] if row else None,
        "channel": row["channel"] if row else None,
        "campaign": row["campaign"] if row else None,
        "slots": data["slots"], "turns": data["turns"],
    })


async def conversation_page(request: web.Request) -> web.Response:
    console = ctx(request)
    sender_id = sender(request)
    data = transcript(console, sender_id)
    if data is None:
        return page(request, "error.html", status=404, message="Dit gesprek bestaat niet (meer).")
    await refresh(console, request)
    # Consent was checked for this route by the middleware (console/scope.py).
    row = index_row(console.engine, sender_id)
    record(request, "view", sender_id)
    return page(request, "conversation.html", sender_id=sender_id, t=data,
                row=row, consent_label=scope.label(row),
                work=repository.work(console.engine, sender_id), labels=FOLLOW_UP_LABELS)


async def add_tag(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    tag = str((await request.post()).get("tag") or "").strip().lower()[:60]
    if tag:
        repository.add_tag(console.engine, sender_id, tag, request["user"].username)
        record(request, "tag", sender_id, tag)
    raise back(sender_id)


async def delete_tag(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    tag = str((await request.post()).get("tag") or "")
    repository.delete_tag(console.engine, sender_id, tag)
    record(request, "untag", sender_id, tag[:60])
    raise back(sender_id)


async def add_note(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    text = str((await request.post()).get("text") or "").strip()[:4000]
    if text:
        repository.add_note(console.engine, sender_id, text, request["user"].username)
        record(request, "note", sender_id)
    raise back(sender_id)


async def set_outcome(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    label = str((await request.post()).get("label") or "")
    if label not in FOLLOW_UP_LABELS and label != "":
        raise web.HTTPBadRequest(text="unknown label")
    repository.set_outcome_label(console.engine, sender_id, label, request["user"].username)
    record(request, "outcome_label", sender_id, label)
    raise back(sender_id)


async def erase_conversation(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    if not request["user"].is_admin:
        return page(request, "error.html", status=403,
                    message="Alleen een beheerder kan een gesprek wissen.")
    # The one erasure service, holding the conversation's lock (a running turn would
    # otherwise save it again) and leaving a tombstone for the index.
    report = await erase_senders_locked([sender_id], console.store)
    record(request, "erase", sender_id, f"{report.tracker_rows + report.console_rows} rows")
    raise web.HTTPFound(f"{PREFIX}?msg=erased")
