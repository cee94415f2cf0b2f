"""Wraps every console handler: login and CSRF checks, the consent check of every route
that names one conversation (console/scope.py), and the security headers."""

from __future__ import annotations

from urllib.parse import urlencode

from aiohttp import web

from console.handover_ref import resolve
from console.pages import CONSOLE, PREFIX, Handler
from console.scope import conversation_gate

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
