"""HTTP routes of the adviser console (pages, JSON API, exports), mounted under /console."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from typing import Any, AsyncIterator, Awaitable, Callable
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from aiohttp import web

from console import audit
from console.charts import bar_chart, hbar_chart
from console.context import Console, make_console
from console.dashboard import FOLLOW_UP_LABELS, dashboard_data
from console.db import conv_index, handovers, notes, outcome_labels, tags
from console.dossier import build_dossier
from console.export import iso_time, to_csv, to_json
from console.queries import (
    CHANNELS,
    OUTCOMES,
    Filters,
    distinct_values,
    index_row,
    list_conversations,
)
from console.settings import ConsoleSettings
from console.transcript import build_transcript

log = logging.getLogger(__name__)

CONSOLE = web.AppKey("console", Console)
COOKIE = "console_session"
PREFIX = "/console"
PUBLIC = {("GET", "/console/login"), ("POST", "/console/login")}
HANDOVER_STATUSES = {"open": "Open", "in_progress": "In behandeling", "done": "Afgerond"}
OUTCOME_NAMES = {
    "recommendations_given": "Beroepen getoond", "steps_given": "Stappen gegeven",
    "handover_requested": "Wil adviseur", "abandoned": "Afgehaakt", "in_progress": "Bezig",
}
FOLLOW_UP_NAMES = {
    "informed": "Geïnformeerd", "referred_to_training": "Doorverwezen naar opleiding",
    "started_training": "Gestart met opleiding", "no_follow_up": "Geen vervolg",
}
MESSAGES = {
    "erased": "Het gesprek is gewist.", "saved": "Opgeslagen.", "logged_out": "Je bent uitgelogd.",
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


ROUTES: list[tuple[str, str, Handler]] = []


def build_routes() -> list[tuple[str, str, Handler]]:
    """(method, path, handler) of every console route; handlers are wrapped by `guarded`."""
    return [
        ("GET", "/console", conversation_list),
        ("GET", "/console/", conversation_list),
        ("GET", "/console/login", login_form),
        ("POST", "/console/login", login),
        ("POST", "/console/logout", logout),
        ("GET", "/console/conversations/{sender_id}", conversation_page),
        ("POST", "/console/conversations/{sender_id}/tags", add_tag),
        ("POST", "/console/conversations/{sender_id}/tags/delete", delete_tag),
        ("POST", "/console/conversations/{sender_id}/notes", add_note),
        ("POST", "/console/conversations/{sender_id}/outcome", set_outcome),
        ("POST", "/console/conversations/{sender_id}/erase", erase_conversation),
        ("GET", "/console/handovers", handover_queue),
        ("GET", "/console/handovers/{sender_id}", handover_detail),
        ("POST", "/console/handovers/{sender_id}", update_handover),
        ("GET", "/console/dashboard", dashboard),
        ("GET", "/console/export.csv", export_csv),
        ("GET", "/console/export.json", export_json),
        ("GET", "/console/audit", audit_page),
        ("GET", "/console/api/conversations", api_conversations),
        ("GET", "/console/api/conversations/{sender_id}", api_conversation),
    ]


def mount(app: web.Application, settings: ConsoleSettings) -> None:
    """Register the console on `app` directly (no sub-application).

    aiohttp 3.9's sub-app prefix matching calls `request.url`, which fails with the yarl
    release in the lock file whenever the Host header carries a port; plain routes on the
    parent app avoid it. Each handler is wrapped, so the parent's other routes are untouched.
    """
    app[CONSOLE] = make_console(settings)
    for method, path, handler in build_routes():
        app.router.add_route(method, path, guarded(handler))
    app.cleanup_ctx.append(retention_task)


# -- middleware ---------------------------------------------------------------------------

def guarded(handler: Handler) -> Handler:
    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            response = await require_login(request, handler)
        except web.HTTPException as exc:  # redirects and errors get the headers too
            _harden(exc)
            raise
        _harden(response)
        return response

    wrapped.__name__ = handler.__name__
    return wrapped


def _harden(response: web.StreamResponse) -> None:
    response.headers[
        "Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers["Cache-Control"] = "no-store"


def _is_api(request: web.Request) -> bool:
    return request.path.startswith(PREFIX + "/api/")


async def require_login(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every route but the login form needs a session; every POST needs the CSRF token."""
    console = request.app[CONSOLE]
    session = console.sessions.load(request.cookies.get(COOKIE))
    request["session"] = session
    public = (request.method, request.path) in PUBLIC
    if not public and (session is None or session.user is None):
        if _is_api(request):
            return web.json_response({"error": "login required"}, status=401)
        if request.method == "GET":
            raise web.HTTPFound(f"{PREFIX}/login?" + urlencode({"next": request.path_qs}))
        return web.json_response({"error": "login required"}, status=401)
    if request.method == "POST":
        form = await request.post()
        supplied = request.headers.get("X-CSRF-Token") or form.get("csrf_token")
        if not console.sessions.csrf_ok(session, supplied if isinstance(supplied, str) else None):
            if _is_api(request):
                return web.json_response({"error": "csrf"}, status=403)
            return web.Response(status=403, content_type="text/html",
                                text=console.render("error.html", user=None, csrf_token="",
                                                    message="Ongeldig of verlopen formulier. "
                                                    "Laad de pagina opnieuw."))
    if session is not None and session.user is not None:
        request["user"] = session.user
    return await handler(request)


# -- helpers ------------------------------------------------------------------------------

def _ctx(request: web.Request) -> Console:
    return request.app[CONSOLE]


def _page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    session = request.get("session")
    values.setdefault("message", MESSAGES.get(request.query.get("msg", ""), ""))
    values.setdefault("index_busy", bool(request.get("index_busy")))
    html = _ctx(request).render(
        template, user=request.get("user"), csrf_token=session.csrf_token if session else "",
        outcome_names=OUTCOME_NAMES, follow_up_names=FOLLOW_UP_NAMES,
        handover_statuses=HANDOVER_STATUSES, **values,
    )
    return web.Response(text=html, content_type="text/html", status=status)


def _audit(request: web.Request, action: str, target: str | None = None,
           detail: str | None = None) -> None:
    user = request.get("user")
    audit.record(_ctx(request).engine, user.username if user else None, action, target, detail)


INDEX_WAIT_SECONDS = 2.0


async def _refresh(console: Console, request: web.Request | None = None) -> None:
    """Fold new tracker rows into the index before answering (cheap: `id > last_id`).

    While the first build after start is running, wait at most INDEX_WAIT_SECONDS and then
    answer from the partial index with a notice, rather than stall the page.
    """
    done = await asyncio.get_running_loop().run_in_executor(
        None, functools.partial(console.index.refresh, wait=INDEX_WAIT_SECONDS))
    if done is None and request is not None:
        request["index_busy"] = True


def _sender(request: web.Request) -> str:
    sender_id = request.match_info["sender_id"]
    if len(sender_id) > 255:
        raise web.HTTPNotFound()
    return sender_id


def _back(sender_id: str, msg: str = "saved") -> web.HTTPFound:
    return web.HTTPFound(f"{PREFIX}/conversations/{quote(sender_id, safe='')}?msg={msg}")


def _client_ip(request: web.Request) -> str:
    # Behind a proxy the peer is the proxy; throttling then still counts per username.
    return request.remote or "unknown"


def _safe_next(target: str | None) -> str:
    if target and target.startswith(PREFIX) and not target.startswith("//") and "\\" not in target:
        return target
    return PREFIX


# -- login --------------------------------------------------------------------------------

def _set_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    response.set_cookie(
        COOKIE, token, path=PREFIX, httponly=True, samesite="Strict",
        secure=_ctx(request).settings.secure_cookies,
        max_age=int(_ctx(request).settings.session_hours * 3600),
    )


async def login_form(request: web.Request) -> web.Response:
    console = _ctx(request)
    session = request["session"]
    if session is not None and session.user is not None:
        raise web.HTTPFound(PREFIX)
    if session is None:
        session = console.sessions.start(None)  # pre-session: carries only the CSRF token
    request["session"] = session
    response = _page(request, "login.html", error="", next=_safe_next(request.query.get("next")),
                     username="")
    _set_cookie(request, response, session.token)
    return response


async def login(request: web.Request) -> web.Response:
    console = _ctx(request)
    form = await request.post()
    username = str(form.get("username") or "").strip()[:80]
    password = str(form.get("password") or "")[:1024]
    target = _safe_next(str(form.get("next") or ""))
    ip = _client_ip(request)
    if console.throttle.blocked(username, ip):
        audit.record(console.engine, username or None, "login_blocked")
        return _page(request, "login.html", status=429, next=target, username=username,
                     error="Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.")
    user = await asyncio.get_running_loop().run_in_executor(
        None, _verify, console, username, password)
    if user is None:
        console.throttle.fail(username, ip)
        audit.record(console.engine, username or None, "login_failed")
        return _page(request, "login.html", status=401, next=target, username=username,
                     error="Gebruikersnaam of wachtwoord klopt niet.")
    console.throttle.clear(username, ip)
    old = request["session"]
    if old is not None:
        console.sessions.end(old.token)  # new token after login: no session fixation
    session = console.sessions.start(user)
    audit.record(console.engine, user.username, "login")
    response = web.HTTPFound(target)
    _set_cookie(request, response, session.token)
    raise response


def _verify(console: Console, username: str, password: str) -> Any:
    from console.auth import verify_user

    return verify_user(console.engine, username, password) if username and password else None


async def logout(request: web.Request) -> web.Response:
    console = _ctx(request)
    console.sessions.end(request["session"].token)
    _audit(request, "logout")
    response = web.HTTPFound(f"{PREFIX}/login?msg=logged_out")
    response.del_cookie(COOKIE, path=PREFIX)
    raise response


# -- conversation list and API ------------------------------------------------------------

async def conversation_list(request: web.Request) -> web.Response:
    console = _ctx(request)
    await _refresh(console, request)
    f = Filters.from_query(request.query)
    items, total = list_conversations(console.engine, f, time.time(),
                                      console.settings.abandon_after_seconds)
    _audit(request, "view_list", detail=json.dumps(f.as_query()))
    pages = max(1, -(-total // f.per_page))
    query = f.as_query()
    return _page(
        request, "list.html", items=items, total=total, filters=f, query=query,
        export_query=urlencode(query), options=distinct_values(console.engine),
        outcomes=OUTCOMES, channels=CHANNELS, pages=pages,
        prev_query=urlencode({**query, "page": f.page - 1}) if f.page > 1 else None,
        next_query=urlencode({**query, "page": f.page + 1}) if f.page < pages else None,
    )


def _api_item(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "sender_id": item["sender_id"], "started_at": iso_time(item["started_at"]),
        "channel": item["channel"], "campaign": item["campaign"], "region": item["region"],
        "sector": item["sector"], "outcome": item["outcome"], "turns": item["turns"],
    }


async def api_conversations(request: web.Request) -> web.Response:
    console = _ctx(request)
    await _refresh(console, request)
    f = Filters.from_query(request.query)
    items, total = list_conversations(console.engine, f, time.time(),
                                      console.settings.abandon_after_seconds)
    _audit(request, "api_list", detail=json.dumps(f.as_query()))
    warnings = f.problems + (["index is being built; results incomplete"]
                             if request.get("index_busy") else [])
    return web.json_response({"items": [_api_item(i) for i in items], "total": total,
                              "page": f.page, "per_page": f.per_page, "warnings": warnings})


def _transcript(console: Console, sender_id: str) -> dict[str, Any] | None:
    rows = console.store.event_rows(sender_id)
    if not rows:
        return None
    data = build_transcript(rows, console.settings.low_confidence)
    data["dossier"] = build_dossier([r.data for r in rows], data["all_slots"])
    return data


async def api_conversation(request: web.Request) -> web.Response:
    console = _ctx(request)
    sender_id = _sender(request)
    data = _transcript(console, sender_id)
    if data is None:
        return web.json_response({"error": "not found"}, status=404)
    await _refresh(console, request)
    row = index_row(console.engine, sender_id)
    _audit(request, "api_view", sender_id)
    return web.json_response({
        "sender_id": sender_id, "outcome": row["outcome"] if row else None,
        "channel": row["channel"] if row else None,
        "campaign": row["campaign"] if row else None,
        "slots": data["slots"], "turns": data["turns"],
    })


# -- transcript page and adviser work -----------------------------------------------------

def _work(console: Console, sender_id: str) -> dict[str, Any]:
    with console.engine.connect() as conn:
        return {
            "tags": conn.execute(sa.select(tags).where(tags.c.sender_id == sender_id)
                                 .order_by(tags.c.tag)).all(),
            "notes": conn.execute(sa.select(notes).where(notes.c.sender_id == sender_id)
                                  .order_by(notes.c.id)).all(),
            "label": conn.execute(sa.select(outcome_labels)
                                  .where(outcome_labels.c.sender_id == sender_id)).first(),
            "handover": conn.execute(sa.select(handovers)
                                     .where(handovers.c.sender_id == sender_id)).first(),
        }


async def conversation_page(request: web.Request) -> web.Response:
    console = _ctx(request)
    sender_id = _sender(request)
    data = _transcript(console, sender_id)
    if data is None:
        return _page(request, "error.html", status=404, message="Dit gesprek bestaat niet (meer).")
    await _refresh(console, request)
    _audit(request, "view", sender_id)
    return _page(request, "conversation.html", sender_id=sender_id, t=data,
                 row=index_row(console.engine, sender_id), work=_work(console, sender_id),
                 labels=FOLLOW_UP_LABELS)


async def add_tag(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    tag = str((await request.post()).get("tag") or "").strip().lower()[:60]
    if tag:
        with console.engine.begin() as conn:
            exists = conn.execute(sa.select(tags.c.id).where(
                tags.c.sender_id == sender_id, tags.c.tag == tag)).first()
            if not exists:
                conn.execute(sa.insert(tags).values(
                    sender_id=sender_id, tag=tag, username=request["user"].username,
                    created_at=time.time()))
        _audit(request, "tag", sender_id, tag)
    raise _back(sender_id)


async def delete_tag(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    tag = str((await request.post()).get("tag") or "")
    with console.engine.begin() as conn:
        conn.execute(sa.delete(tags).where(tags.c.sender_id == sender_id, tags.c.tag == tag))
    _audit(request, "untag", sender_id, tag[:60])
    raise _back(sender_id)


async def add_note(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    text = str((await request.post()).get("text") or "").strip()[:4000]
    if text:
        with console.engine.begin() as conn:
            conn.execute(sa.insert(notes).values(
                sender_id=sender_id, text=text, username=request["user"].username,
                created_at=time.time()))
        _audit(request, "note", sender_id)
    raise _back(sender_id)


async def set_outcome(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    label = str((await request.post()).get("label") or "")
    if label not in FOLLOW_UP_LABELS and label != "":
        raise web.HTTPBadRequest(text="unknown label")
    with console.engine.begin() as conn:
        conn.execute(sa.delete(outcome_labels).where(outcome_labels.c.sender_id == sender_id))
        if label:
            conn.execute(sa.insert(outcome_labels).values(
                sender_id=sender_id, label=label, username=request["user"].username,
                set_at=time.time()))
    _audit(request, "outcome_label", sender_id, label)
    raise _back(sender_id)


async def erase_conversation(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    if not request["user"].is_admin:
        return _page(request, "error.html", status=403,
                     message="Alleen een beheerder kan een gesprek wissen.")
    deleted = await asyncio.get_running_loop().run_in_executor(None, console.store.erase, sender_id)
    _audit(request, "erase", sender_id, f"{deleted} rows")
    raise web.HTTPFound(f"{PREFIX}?msg=erased")


# -- handovers ----------------------------------------------------------------------------

async def handover_queue(request: web.Request) -> web.Response:
    console = _ctx(request)
    await _refresh(console, request)
    wanted = request.query.get("status", "")
    wanted = wanted if wanted in HANDOVER_STATUSES else ""
    stmt = (
        sa.select(conv_index.c.sender_id, conv_index.c.last_at, conv_index.c.region,
                  conv_index.c.sector, conv_index.c.campaign, conv_index.c.channel,
                  conv_index.c.handover_consent.label("consent"), conv_index.c.has_contact,
                  handovers.c.status, handovers.c.assigned_to)
        .select_from(conv_index.outerjoin(handovers,
                                          handovers.c.sender_id == conv_index.c.sender_id))
        .where(conv_index.c.handover.is_(True))
        .order_by(conv_index.c.last_at.desc())
        .limit(500)
    )
    if wanted == "open":
        stmt = stmt.where(sa.or_(handovers.c.status.is_(None), handovers.c.status == "open"))
    elif wanted:
        stmt = stmt.where(handovers.c.status == wanted)
    with console.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt)]
    for row in rows:
        row["status"] = row["status"] or "open"
    _audit(request, "view_handovers")
    return _page(request, "handovers.html", rows=rows, wanted=wanted)


async def handover_detail(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    rows = console.store.event_rows(sender_id)
    if not rows:
        return _page(request, "error.html", status=404, message="Dit gesprek bestaat niet (meer).")
    data = build_transcript(rows, console.settings.low_confidence, mask=True)
    slots = data["all_slots"]
    dossier = build_dossier([r.data for r in rows], slots)
    # The full contact preference is shown here only, and every view is audited.
    _audit(request, "view_contact", sender_id)
    return _page(request, "handover.html", sender_id=sender_id, dossier=dossier, slots=slots,
                 work=_work(console, sender_id), labels=FOLLOW_UP_LABELS)


async def update_handover(request: web.Request) -> web.Response:
    console, sender_id = _ctx(request), _sender(request)
    form = await request.post()
    status = str(form.get("status") or "open")
    if status not in HANDOVER_STATUSES:
        raise web.HTTPBadRequest(text="unknown status")
    assigned = str(form.get("assigned_to") or "").strip()[:80] or None
    if form.get("assign_me"):
        assigned = request["user"].username
    values = {"status": status, "assigned_to": assigned,
              "updated_by": request["user"].username, "updated_at": time.time()}
    with console.engine.begin() as conn:
        done = conn.execute(sa.update(handovers).where(handovers.c.sender_id == sender_id)
                            .values(**values))
        if not done.rowcount:
            conn.execute(sa.insert(handovers).values(sender_id=sender_id, **values))
    _audit(request, "handover_update", sender_id, status)
    raise web.HTTPFound(f"{PREFIX}/handovers/{quote(sender_id, safe='')}?msg=saved")


# -- dashboard, export, audit -------------------------------------------------------------

async def dashboard(request: web.Request) -> web.Response:
    console = _ctx(request)
    await _refresh(console, request)
    f = Filters.from_query(request.query)
    data = dashboard_data(console.engine, f, time.time())
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
    _audit(request, "view_dashboard")
    return _page(request, "dashboard.html", data=data, charts=charts, filters=f,
                 query=f.as_query(), labels=FOLLOW_UP_LABELS)


async def _export_items(request: web.Request) -> tuple[list[dict[str, Any]], int, Filters]:
    console = _ctx(request)
    await _refresh(console, request)
    f = Filters.from_query(request.query)
    items, total = list_conversations(console.engine, f, time.time(),
                                      console.settings.abandon_after_seconds, paged=False)
    return items, total, f


async def export_csv(request: web.Request) -> web.Response:
    items, total, f = await _export_items(request)
    _audit(request, "export_csv", detail=json.dumps({**f.as_query(), "rows": total}))
    return web.Response(
        text=to_csv(items), content_type="text/csv", charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="gesprekken.csv"'},
    )


async def export_json(request: web.Request) -> web.Response:
    items, total, f = await _export_items(request)
    _audit(request, "export_json", detail=json.dumps({**f.as_query(), "rows": total}))
    return web.Response(
        text=to_json(items, total), content_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="gesprekken.json"'},
    )


async def audit_page(request: web.Request) -> web.Response:
    if not request["user"].is_admin:
        return _page(request, "error.html", status=403, message="Alleen voor beheerders.")
    entries = audit.recent(_ctx(request).engine, 300)
    return _page(request, "audit.html", entries=entries)


# -- retention ----------------------------------------------------------------------------

RETENTION_INTERVAL_SECONDS = 6 * 3600


async def retention_task(app: web.Application) -> AsyncIterator[None]:
    """Builds the index in the background; deletes conversations older than RETENTION_DAYS
    shortly after start, then every 6 h."""
    console = app[CONSOLE]

    async def loop() -> None:
        await asyncio.sleep(console.settings.retention_first_run_seconds)
        while True:
            try:
                deleted = await asyncio.get_running_loop().run_in_executor(
                    None, console.store.delete_older_than, console.settings.retention_days)
                await asyncio.get_running_loop().run_in_executor(None, console.index.prune)
                if deleted:
                    audit.record(console.engine, None, "retention", detail=f"{deleted} rows")
                    log.info("retention removed %d tracker rows", deleted)
            except Exception:  # keep the web server alive; try again next round
                log.exception("retention run failed")
            await asyncio.sleep(RETENTION_INTERVAL_SECONDS)

    async def build_index() -> None:
        # The first build after a deploy reads every tracker row (about 15 s per 10,000
        # conversations here); doing it now keeps it out of the first adviser's request.
        try:
            await asyncio.get_running_loop().run_in_executor(None, console.index.refresh)
        except Exception:
            log.exception("building the console index failed; requests will retry")

    tasks = [asyncio.create_task(loop()), asyncio.create_task(build_index())]
    yield
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
