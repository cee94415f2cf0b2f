"""Dashboard, CSV/JSON export and the audit log page."""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from console import audit, scope
from console.charts import bar_chart, hbar_chart
from console.dashboard import FOLLOW_UP_LABELS, dashboard_data
from console.export import to_csv, to_json
from console.pages import OUTCOME_NAMES, ctx, page, record, refresh
from console.queries import Filters, list_conversations


async def dashboard(request: web.Request) -> web.Response:
    console = ctx(request)
    await refresh(console, request)
    f = Filters.from_query(request.query)
    data = dashboard_data(console.engine, f, time.time(),
                          scope.dashboard_clauses(request["user"], bool(f.q)))
    charts = {
        "per_day": bar_chart(data["per_day"], "Gesprekken per dag"),
        "funnel": hbar_chart(data["funnel"], "Trechter"),
        "professions": hbar_chart(data["top_professions"], "Meest aanbevolen beroepen"),
        "outcomes": hbar_chart([(OUTCOME_NAMES.get(k, k), v) for k, v in data["outcomes"]],
                               "Uitkomst van gesprekken"),
        "campaign_training": hbar_chart(
            [(r["name"], round(r["training_share"] * 100)) for r in data["follow_up_by_campaign"]],
            "Aandeel naar opleiding per campagne", suffix="%"),
    }
    record(request, "view_dashboard")
    # Issue 23: dead links and contacts not checked for 180 days.
    from console.contacts import attention, store
    return page(request, "dashboard.html", data=data, charts=charts, filters=f,
                query=f.as_query(), labels=FOLLOW_UP_LABELS,
                contact_attention=attention(store(request)))


async def _export_items(request: web.Request) -> tuple[list[dict[str, Any]], int, Filters]:
    console = ctx(request)
    await refresh(console, request)
    f = Filters.from_query(request.query)
    # Exports carry previews of message texts: only what this user may read.
    items, total = list_conversations(console.engine, f, time.time(),
                                      console.settings.abandon_after_seconds, paged=False,
                                      readable_only=scope.limited_to_consent(request["user"]))
    return items, total, f


async def export_csv(request: web.Request) -> web.Response:
    items, total, f = await _export_items(request)
    record(request, "export_csv", detail=json.dumps({**f.as_query(), "rows": total}))
    return web.Response(
        text=to_csv(items), content_type="text/csv", charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="gesprekken.csv"'},
    )


async def export_json(request: web.Request) -> web.Response:
    items, total, f = await _export_items(request)
    record(request, "export_json", detail=json.dumps({**f.as_query(), "rows": total}))
    return web.Response(
        text=to_json(items, total), content_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="gesprekken.json"'},
    )


async def audit_page(request: web.Request) -> web.Response:
    if not request["user"].is_admin:
        return page(request, "error.html", status=403, message="Alleen voor beheerders.")
    entries = audit.recent(ctx(request).engine, 300)
    return page(request, "audit.html", entries=entries)
