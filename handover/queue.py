"""Handover queue and the adviser's handling of one handover request."""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from console import repository
from console.dashboard import FOLLOW_UP_LABELS
from console.dossier import build_dossier
from console.handover_ref import reference
from console.pages import HANDOVER_STATUSES, PREFIX, ctx, page, record, refresh, sender
from console.transcript import build_transcript
from handover.live import HANDOVER_SETTINGS, POLL_MS, live_items, waiting_text
from handover.takeover_routes import takeover_view


async def handover_queue(request: web.Request) -> web.Response:
    console = ctx(request)
    await refresh(console, request)
    wanted = request.query.get("status", "")
    wanted = wanted if wanted in HANDOVER_STATUSES else ""
    rows = live_items(console.engine, wanted)
    for row in rows:
        row["waiting"] = waiting_text(row["waiting_seconds"])
    record(request, "view_handovers")
    return page(request, "handovers.html", rows=rows, wanted=wanted, poll_ms=POLL_MS,
                office_hours=request.app[HANDOVER_SETTINGS].office_hours.describe())


async def handover_detail(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    rows = console.store.event_rows(sender_id)
    if not rows:
        return page(request, "error.html", status=404, message="Dit gesprek bestaat niet (meer).")
    data = build_transcript(rows, console.settings.low_confidence, mask=True)
    slots = data["all_slots"]
    dossier = build_dossier([r.data for r in rows], slots)
    # The full contact preference is shown here only, and every view is audited.
    record(request, "view_contact", sender_id)
    return page(request, "handover.html", sender_id=sender_id, dossier=dossier, slots=slots,
                work=repository.work(console.engine, sender_id), labels=FOLLOW_UP_LABELS,
                live=takeover_view(request, sender_id, rows))


async def update_handover(request: web.Request) -> web.Response:
    console, sender_id = ctx(request), sender(request)
    form = await request.post()
    status = str(form.get("status") or "open")
    if status not in HANDOVER_STATUSES:
        raise web.HTTPBadRequest(text="unknown status")
    assigned = str(form.get("assigned_to") or "").strip()[:80] or None
    if form.get("assign_me"):
        assigned = request["user"].username
    repository.save_handover(console.engine, sender_id, status, assigned,
                             request["user"].username)
    record(request, "handover_update", sender_id, status)
    raise web.HTTPFound(f"{PREFIX}/handovers/{quote(reference(sender_id), safe='')}?msg=saved")
