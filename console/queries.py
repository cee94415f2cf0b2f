"""Conversation list queries over the derived index: filters, search, paging, outcome."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any, Mapping
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import conv_index, handovers, outcome_labels, tags
from console.scope import readable_clause

OUTCOMES = (
    "recommendations_given", "steps_given", "handover_requested", "abandoned", "in_progress",
)
CHANNELS = ("web", "telegram", "rest")
MAX_PER_PAGE = 200


def outcome_expr(now: float, abandon_after: float = 24 * 3600) -> sa.sql.ColumnElement:
    """The contract outcome as SQL: 'abandoned' depends on the time of the request."""
    return sa.case(
        (conv_index.c.handover.is_(True), "handover_requested"),
        (conv_index.c.has_steps.is_(True), "steps_given"),
        (conv_index.c.has_recs.is_(True), "recommendations_given"),
        (conv_index.c.last_at < now - abandon_after, "abandoned"),
        else_="in_progress",
    )


@dataclass
class Filters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    channel: str | None = None
    campaign: str | None = None
    region: str | None = None
    sector: str | None = None
    outcome: str | None = None
    q: str | None = None
    tag: str | None = None
    page: int = 1
    per_page: int = 50
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        """Parse request parameters; bad values are dropped and reported, never executed."""
        f = cls()
        f.date_from = _date(query.get("from"), "from", f.problems)
        f.date_to = _date(query.get("to"), "to", f.problems)
        for name in ("channel", "campaign", "region", "sector", "tag"):
            value = (query.get(name) or "").strip()
            setattr(f, name, value[:120] or None)
        outcome = (query.get("outcome") or "").strip()
        if outcome and outcome not in OUTCOMES:
            f.problems.append("onbekende uitkomst genegeerd")
        else:
            f.outcome = outcome or None
        f.q = (query.get("q") or "").strip()[:200] or None
        f.page = _int(query.get("page"), 1, 1, 100_000)
        f.per_page = _int(query.get("per_page"), 50, 1, MAX_PER_PAGE)
        return f

    def as_query(self) -> dict[str, str]:
        """Filters as query parameters (for paging and export links)."""
        pairs = {
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "channel": self.channel or "", "campaign": self.campaign or "",
            "region": self.region or "", "sector": self.sector or "",
            "outcome": self.outcome or "", "q": self.q or "", "tag": self.tag or "",
        }
        return {k: v for k, v in pairs.items() if v}


def _date(raw: str | None, name: str, problems: list[str]) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw.strip()[:10])
    except ValueError:
        problems.append(f"ongeldige datum bij '{name}' genegeerd")
        return None


def _int(raw: str | None, default: int, low: int, high: int) -> int:
    try:
        return max(low, min(high, int(raw or default)))
    except ValueError:
        return default


TZ = ZoneInfo("Europe/Amsterdam")  # advisers think in Dutch days


def _day_start(day: dt.date) -> float:
    return dt.datetime.combine(day, dt.time.min, tzinfo=TZ).timestamp()


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clauses(f: Filters, outcome: sa.sql.ColumnElement) -> list[sa.sql.ColumnElement]:
    clauses: list[sa.sql.ColumnElement] = []
    if f.date_from:
        clauses.append(conv_index.c.started_at >= _day_start(f.date_from))
    if f.date_to:
        clauses.append(conv_index.c.started_at < _day_start(f.date_to + dt.timedelta(days=1)))
    for name, column in (("channel", conv_index.c.channel), ("campaign", conv_index.c.campaign),
                         ("region", conv_index.c.region), ("sector", conv_index.c.sector)):
        value = getattr(f, name)
        if value:
            clauses.append(column == value)
    if f.outcome:
        clauses.append(outcome == f.outcome)
    if f.q:
        needle = _like(f.q)
        clauses.append(sa.or_(conv_index.c.search_text.like(needle, escape="\\"),
                              sa.func.lower(conv_index.c.sender_id).like(needle, escape="\\")))
    if f.tag:
        clauses.append(conv_index.c.sender_id.in_(
            sa.select(tags.c.sender_id).where(tags.c.tag == f.tag)))
    return clauses


def list_conversations(
    engine: Engine, f: Filters, now: float | None = None, abandon_after: float = 24 * 3600,
    paged: bool = True, readable_only: bool = False,
) -> tuple[list[dict[str, Any]], int]:
    """Items (newest first) and the total matching count.

    `readable_only`: only conversations an adviser may read (console/scope.py); their
    texts are what `q` searches, so a search never reveals the others.
    """
    outcome = outcome_expr(now if now is not None else time.time(), abandon_after)
    clauses = where_clauses(f, outcome)
    if readable_only:
        clauses.append(readable_clause())
    columns = [
        conv_index.c.sender_id, conv_index.c.started_at, conv_index.c.last_at,
        conv_index.c.channel, conv_index.c.campaign, conv_index.c.region, conv_index.c.sector,
        outcome.label("outcome"), conv_index.c.turns, conv_index.c.fallbacks,
        conv_index.c.low_conf, conv_index.c.recommended, conv_index.c.preview,
        outcome_labels.c.label.label("follow_up"), handovers.c.status.label("handover_status"),
        conv_index.c.adviser_consent, conv_index.c.handover,
    ]
    stmt = (
        sa.select(*columns)
        .select_from(
            conv_index.outerjoin(outcome_labels,
                                 outcome_labels.c.sender_id == conv_index.c.sender_id)
            .outerjoin(handovers, handovers.c.sender_id == conv_index.c.sender_id)
        )
        .where(*clauses)
        .order_by(conv_index.c.started_at.desc(), conv_index.c.sender_id)
    )
    count = sa.select(sa.func.count()).select_from(conv_index).where(*clauses)
    if paged:
        stmt = stmt.limit(f.per_page).offset((f.page - 1) * f.per_page)
    with engine.connect() as conn:
        total = int(conn.execute(count).scalar() or 0)
        items = [dict(r._mapping) for r in conn.execute(stmt)]
    return items, total


def distinct_values(engine: Engine) -> dict[str, list[str]]:
    """Values present in the index, for the filter drop-downs."""
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for name in ("channel", "campaign", "region", "sector"):
            column = conv_index.c[name]
            rows = conn.execute(
                sa.select(column).where(column.is_not(None)).distinct().order_by(column))
            out[name] = [v for (v,) in rows][:200]
        out["tag"] = [v for (v,) in conn.execute(
            sa.select(tags.c.tag).distinct().order_by(tags.c.tag))][:200]
    return out


def index_row(engine: Engine, sender_id: str, now: float | None = None) -> dict[str, Any] | None:
    outcome = outcome_expr(now if now is not None else time.time())
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(conv_index, outcome.label("outcome"))
            .where(conv_index.c.sender_id == sender_id)
        ).first()
    return dict(row._mapping) if row else None
