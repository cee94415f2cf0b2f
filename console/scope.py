"""What an adviser may read: the person's reading consent (privacy/consent.py).

The rule alone, as SQL and as a test of one index row; console/middleware.py applies it
to every route that names a conversation.

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


def dashboard_clauses(user: Any, searching: bool) -> list[sa.sql.ColumnElement]:
    """Extra conditions for the dashboard: a text search (``q``) counts only conversations
    this user may read, or a phone number would show up as a bar on a chart."""
    return [readable_clause()] if searching and limited_to_consent(user) else []
