"""Response headers: CORS for allowed origins, CSP for our own pages, no sniffing."""

from __future__ import annotations

from typing import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

from settings.sections import WebSettings

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def cors_headers(settings: WebSettings, origin: str | None) -> dict[str, str]:
    """CORS headers for a public resource (widget bundle, widget config)."""
    headers = {"Vary": "Origin"}
    if origin and settings.origin_allowed(origin):
        headers["Access-Control-Allow-Origin"] = origin
    return headers


def _ws_variant(url: str) -> str:
    parts = urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}"


def page_csp(settings: WebSettings) -> str:
    """CSP for our pages: everything from us, the socket to Rasa, nothing from third parties."""
    rasa = urlsplit(settings.rasa_public_url)
    rasa_origin = f"{rasa.scheme}://{rasa.netloc}"
    return "; ".join([
        "default-src 'self'",
        f"connect-src 'self' {rasa_origin} {_ws_variant(settings.rasa_public_url)}",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "font-src 'self'",
        "frame-ancestors 'self'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPNotFound:
        if request.path.startswith("/console"):
            raise  # the console answers its own errors
        from web.templates_env import render

        response = render(request, "not_found.html", status=404)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    return response
