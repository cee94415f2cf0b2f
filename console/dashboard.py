"""Dashboard figures computed from the derived index and the advisers' outcome labels."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import conv_index, outcome_labels
from console.labels import profession_name
from console.learn_trend import misunderstood
from console.queries import TZ, Filters, outcome_expr, where_clauses
from contract import labels

FOLLOW_UP_LABELS = ("informed", "referred_to_training", "started_training", "no_follow_up")


def dashboard_data(engine: Engine, f: Filters, now: float,
                   extra: list[sa.sql.ColumnElement] | None = None) -> dict[str, Any]:
    """Figures over the filtered index; `extra`: the user's scope (console/scope.py)."""
    outcome = outcome_expr(now)
    stmt = (
        sa.select(
            conv_index.c.started_at, conv_index.c.profile_complete, conv_index.c.has_recs,
            conv_index.c.has_steps, conv_index.c.turns, conv_index.c.fallbacks,
            conv_index.c.recommended, conv_index.c.campaign, outcome.label("outcome"),
            outcome_labels.c.label,
        )
        .select_from(conv_index.outerjoin(
            outcome_labels, outcome_labels.c.sender_id == conv_index.c.sender_id))
        .where(*where_clauses(f, outcome), *(extra or []))
    )
    per_day: Counter[str] = Counter()
    funnel = Counter()
    professions: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    by_campaign: dict[str, Counter[str]] = defaultdict(Counter)
    by_profession: dict[str, Counter[str]] = defaultdict(Counter)
    turns = fallbacks = 0
    with engine.connect() as conn:
        for r in conn.execute(stmt):
            day = dt.datetime.fromtimestamp(r.started_at or 0, TZ).date().isoformat()
            per_day[day] += 1
            funnel["started"] += 1
            funnel["profile"] += bool(r.profile_complete)
            funnel["recs"] += bool(r.has_recs)
            funnel["steps"] += bool(r.has_steps)
            turns += r.turns or 0
            fallbacks += r.fallbacks or 0
            outcomes[r.outcome] += 1
            recommended = [p for p in (r.recommended or "").split(";") if p]
            professions.update(recommended)
            if r.label:
                by_campaign[r.campaign or "(geen campagne)"][r.label] += 1
                for pid in recommended:
                    by_profession[pid][r.label] += 1
    days = _fill_days(per_day)
    return {
        "per_day": days,
        "funnel": [
            ("Gestart", funnel["started"]), ("Profiel compleet", funnel["profile"]),
            (labels.label("outcome", "recommendations_given", "button"), funnel["recs"]),
            ("Volgende stappen", funnel["steps"]),
        ],
        "top_professions": [(profession_name(p), n) for p, n in professions.most_common(10)],
        "outcomes": sorted(outcomes.items(), key=lambda kv: -kv[1]),
        "fallback_rate": (fallbacks / turns) if turns else 0.0,
        "turns": turns,
        "fallbacks": fallbacks,
        "follow_up_by_campaign": _table(by_campaign),
        "follow_up_by_profession": _table(by_profession),
        "total": funnel["started"],
        # share of conversations with a message in the learning inbox (issue 25)
        "misunderstood": misunderstood(engine, f, now, extra),
    }


def _fill_days(per_day: Counter[str]) -> list[tuple[str, int]]:
    if not per_day:
        return []
    first = dt.date.fromisoformat(min(per_day))
    last = dt.date.fromisoformat(max(per_day))
    span = min((last - first).days, 366)
    return [((first + dt.timedelta(d)).isoformat(), per_day.get(
        (first + dt.timedelta(d)).isoformat(), 0)) for d in range(span + 1)]


def _table(groups: dict[str, Counter[str]]) -> list[dict[str, Any]]:
    rows = []
    for name, counts in groups.items():
        total = sum(counts.values())
        rows.append({
            "name": name, "total": total,
            **{label: counts.get(label, 0) for label in FOLLOW_UP_LABELS},
            "training_share": (counts.get("referred_to_training", 0)
                               + counts.get("started_training", 0)) / total if total else 0.0,
        })
    return sorted(rows, key=lambda r: (-r["total"], r["name"]))
