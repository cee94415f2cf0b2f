"""Share of conversations with a misunderstood message, per week and per campaign (issue 25).

A conversation counts when the learning inbox holds at least one of its messages (any
signal). Aggregates only: no texts, so every console user may see them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import conv_index, learn_items
from console.queries import TZ, Filters, outcome_expr, where_clauses

NO_CAMPAIGN = "(geen campagne)"


def week_label(ts: float | None) -> str:
    year, week, _ = dt.datetime.fromtimestamp(ts or 0, TZ).isocalendar()
    return f"{year} week {week:02d}"


def misunderstood(engine: Engine, f: Filters, now: float,
                  extra: list[sa.sql.ColumnElement] | None = None) -> dict[str, Any]:
    """Per week and per campaign: conversations, those with a misunderstood message, share.
    `extra`: the user's scope (console/scope.py), as for the rest of the dashboard."""
    bad = sa.select(learn_items.c.sender_id).distinct().scalar_subquery()
    stmt = (sa.select(conv_index.c.started_at, conv_index.c.campaign,
                      conv_index.c.sender_id.in_(bad).label("bad"))
            .where(*where_clauses(f, outcome_expr(now)), *(extra or [])))
    weeks_all: Counter[str] = Counter()
    weeks_bad: Counter[str] = Counter()
    camp_all: Counter[str] = Counter()
    camp_bad: Counter[str] = Counter()
    with engine.connect() as conn:
        for started_at, campaign, is_bad in conn.execute(stmt):
            week, name = week_label(started_at), campaign or NO_CAMPAIGN
            weeks_all[week] += 1
            camp_all[name] += 1
            if is_bad:
                weeks_bad[week] += 1
                camp_bad[name] += 1
    # the last 12 weeks: a campaign team looks at the recent trend
    per_week = [_row(w, weeks_all[w], weeks_bad[w]) for w in sorted(weeks_all)][-12:]
    per_campaign = sorted((_row(c, camp_all[c], camp_bad[c]) for c in camp_all),
                          key=lambda r: (-r["total"], r["name"]))[:20]
    total, bad_total = sum(weeks_all.values()), sum(weeks_bad.values())
    return {
        "per_week": per_week, "per_campaign": per_campaign,
        "share": bad_total / total if total else 0.0, "total": total, "misunderstood": bad_total,
    }


def _row(name: str, total: int, bad: int) -> dict[str, Any]:
    return {"name": name, "total": total, "misunderstood": bad,
            "share": bad / total if total else 0.0}
