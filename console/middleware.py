"""Wraps every console handler: login and CSRF checks, the consent check of every route
that names one conversation (the rule is console/scope.py), and the security headers."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from console.handover_ref import resolve
from console.pages import CONSOLE, PREFIX, Handler, ctx, page, record, refresh, sender
from console.queries import index_row
from console.scope import label, limited_to_consent, row_readable

COOKIE = "console_session"
PUBLIC = {("GET", "/console/login"), ("POST", "/console/login")}


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
        # Scripts only from the console itself (the live handover list polls its JSON).
        "default-src 'none'; script-src 'self'; connect-src 'self'; "
        "style-src 'unsafe-inline'; img-src 'self' data:; "
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
        if "sender_id" in request.match_info:
            # Links carry the conversation's opaque reference (console/handover_ref.py).
            request.match_info["sender_id"] = resolve(console.engine,
                                                      request.match_info["sender_id"])
            refused = await conversation_gate(request)
            if refused is not None:
                return refused
    return await handler(request)


NO_CONSENT = ("Deze persoon heeft (nog) geen toestemming gegeven om mee te lezen en heeft geen "
              "hulp gevraagd. Alleen een beheerder kan dit gesprek openen.")


async def conversation_gate(request: web.Request) -> web.StreamResponse | None:
    """The consent check of every console route that names one conversation.

    Called by require_login for each route with ``{sender_id}`` (pages, forms, JSON API,
    live handover), so no handler can forget it. Returns None when the user may
    go on, else the refusal to send. Advisers: only readable conversations (reading
    consent or a handover). Admins: everything, and an opening without consent is
    audited. A conversation that does not exist passes through (the handler says 404).
    """
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
