"""/kaart/<token> (printable HTML) and /kaart/<token>.pdf."""

from __future__ import annotations

import asyncio
from typing import Optional

from aiohttp import web

import conversation_store
from settings.sections import WebSettings
from web.dates import dutch_date
from web.routecard.data import RouteCard, build_card, valid_token
from web.routecard.pdf import render_pdf
from web.templates_env import render

STORE_KEY = "conversation_store"
# Private links: never cached by proxies, never indexed, never sent on as a referrer.
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
}


def _load_card(app: web.Application, token: str) -> Optional[RouteCard]:
    import knowledge  # imported on first use: it builds its database lazily

    settings: WebSettings = app["settings"]
    if STORE_KEY not in app:
        app[STORE_KEY] = conversation_store.open_store(settings.tracker_store_url)
    return build_card(app[STORE_KEY], knowledge, token, settings.retention_days)


async def _card_or_none(request: web.Request, token: str) -> Optional[RouteCard]:
    if not valid_token(token):
        return None
    loop = asyncio.get_running_loop()
    # SQL and knowledge lookups block: keep them off the event loop.
    return await loop.run_in_executor(None, _load_card, request.app, token)


def _not_found(request: web.Request) -> web.Response:
    response = render(request, "card_not_found.html", status=404)
    response.headers.update(PRIVATE_HEADERS)
    return response


def _date(timestamp: float) -> str:
    return dutch_date(timestamp)


async def card_page(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    card = await _card_or_none(request, token)
    if card is None:
        return _not_found(request)
    response = render(request, "card.html", card=card, token=token,
                      created=_date(card.created_at), expires=_date(card.expires_at))
    response.headers.update(PRIVATE_HEADERS)
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )
    return response


async def card_pdf(request: web.Request) -> web.Response:
    token = request.match_info["token"]
    card = await _card_or_none(request, token)
    if card is None:
        return _not_found(request)
    loop = asyncio.get_running_loop()
    body = await loop.run_in_executor(None, render_pdf, card)
    headers = dict(PRIVATE_HEADERS)
    headers["Content-Disposition"] = 'inline; filename="overstapkaart.pdf"'
    return web.Response(body=body, content_type="application/pdf", headers=headers)


def setup_routes(app: web.Application) -> None:
    # The .pdf route first: "{token}" alone would also match "abc.pdf".
    app.router.add_get(r"/kaart/{token:[^/]+}.pdf", card_pdf)
    app.router.add_get(r"/kaart/{token:[^/.]+}", card_page)
