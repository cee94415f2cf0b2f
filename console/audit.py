"""Audit log of views, exports, deletions and logins (console DB). Never stores message text.

The target of an action (a sender id, which can identify a person: `telegram:<chat id>`)
is stored pseudonymised (privacy/pseudonym.py), and rows expire with the retention job.
"""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import audit
from console.masking import mask_pii
from privacy.pseudonym import pseudonym


def record(
    engine: Engine, username: str | None, action: str, target: str | None = None,
    detail: str | None = None,
) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.insert(audit).values(
                at=time.time(), username=username, action=action,
                # filters typed by advisers may hold a phone number or e-mail address
                target=pseudonym(target) if target else None,
                detail=mask_pii(detail or "")[:1000] or None,
            )
        )


def recent(engine: Engine, limit: int = 200, action: str | None = None) -> list[dict[str, Any]]:
    stmt = sa.select(audit).order_by(audit.c.id.desc()).limit(limit)
    if action:
        stmt = stmt.where(audit.c.action == action)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]


def expire(engine: Engine, older_than: float) -> int:
    """Delete audit rows from before `older_than`; rows deleted."""
    with engine.begin() as conn:
        return conn.execute(sa.delete(audit).where(audit.c.at < older_than)).rowcount or 0
