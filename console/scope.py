"""What an adviser may read: the person's reading consent (privacy/consent.py).

Aggregates (dashboard, counts) are always allowed. Transcripts, search hits in message
texts and exports only where the person allowed it or asked for help (a handover).
Admins may open everything, and every such opening without consent is audited.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from console.db import conv_index
from privacy import consent


def readable_clause() -> sa.sql.ColumnElement:
    """SQL condition for conversations an adviser may read."""
    return sa.or_(conv_index.c.adviser_consent == consent.YES, conv_index.c.handover.is_(True))


def row_readable(row: dict[str, Any] | None) -> bool:
    if row is None:
        return False
    return consent.transcript_allowed(row.get("adviser_consent"), bool(row.get("handover")))


def label(row: dict[str, Any] | None) -> str:
    value = row.get("adviser_consent") if row else None
    return consent.CONSOLE_LABELS.get(value, consent.CONSOLE_LABELS[None])


def limited_to_consent(user: Any) -> bool:
    """Advisers see only readable conversations; admins see all (audited)."""
    return not (user is not None and user.is_admin)


# ------------------------------------------------------------------ the one check per route

NO_CONSENT = ("Deze persoon heeft (nog) geen toestemming gegeven om mee te lezen en heeft geen "
              "hulp gevraagd. Alleen een beheerder kan dit gesprek openen.")


async def conversation_gate(request: Any) -> Any:
    """The consent check of every console route that names one conversation.

    Called by console/middleware.py for each route with ``{sender_id}`` (pages, forms,
    JSON API, live handover), so no handler can forget it. Returns None when the user may
    go on, else the refusal to send. Advisers: only readable conversations (reading
    consent or a handover). Admins: everything, and an opening without consent is
    audited. A conversation that does not exist passes through (the handler says 404).
    """
    from aiohttp import web

    from console.pages import ctx, page, record, refresh, sender
    from console.queries import index_row

    console, sender_id, user = ctx(request), sender(request), request["user"]
    await refresh(console, request)
    row = index_row(console.engine, sender_id)
    if row_readable(row):
        return None
    if row is None and not console.store.existing([sender_id]):
        return None
    if not limited_to_consent(user):
        if request.method == "GET":
            record(request, "admin_open_no_consent", sender_id, label(row))
        return None
    record(request, "denied_no_consent", sender_id)
    if request.path.startswith("/console/api/"):
        return web.json_response({"error": "no consent to read this conversation"},
                                 status=403)
    return page(request, "error.html", status=403, message=NO_CONSENT)


def dashboard_clauses(user: Any, searching: bool) -> list[sa.sql.ColumnElement]:
    """Extra conditions for the dashboard: a text search (``q``) counts only conversations
    this user may read, or a phone number would show up as a bar on a chart."""
    return [readable_clause()] if searching and limited_to_consent(user) else []
