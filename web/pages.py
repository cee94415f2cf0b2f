"""Public pages: demo and campaign landing pages, widget bundle and config, health.

The rasa-webchat test page is mounted only by the test app (testing/web_test_app.py).
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from observability import health
from settings.sections import WebSettings
from web.campaigns import CAMPAIGNS, DEMO, Campaign
from web.security import cors_headers, page_csp
from web.templates_env import PACKAGE_DIR, render

STATIC_DIR = PACKAGE_DIR / "static"
BUNDLE_MISSING = (
    "/* widget bundle not built: run `npm ci && npm run build` in web/widget */\n"
    "console.error('Widget bundle not built (web/widget: npm ci && npm run build)');\n"
)


def _settings(request: web.Request) -> WebSettings:
    return request.app["settings"]


def _page(request: web.Request, campaign: Campaign) -> web.Response:
    settings = _settings(request)
    response = render(request, campaign.template, campaign=campaign,
                      socket_url=settings.rasa_public_url)
    response.headers["Content-Security-Policy"] = page_csp(settings)
    return response


async def index(request: web.Request) -> web.Response:
    return _page(request, DEMO)


async def campaign_page(request: web.Request) -> web.Response:
    campaign = CAMPAIGNS.get(request.match_info["slug"])
    if campaign is None:
        return render(request, "not_found.html", status=404)
    return _page(request, campaign)


async def widget_js(request: web.Request) -> web.Response:
    settings = _settings(request)
    headers = cors_headers(settings, request.headers.get("Origin"))
    headers["Cache-Control"] = "public, max-age=300"
    bundle = settings.widget_bundle
    body = bundle.read_bytes() if bundle.is_file() else BUNDLE_MISSING.encode()
    response = web.Response(body=body, content_type="application/javascript", charset="utf-8",
                            headers=headers)
    response.enable_compression()
    return response


async def widget_config(request: web.Request) -> web.Response:
    settings = _settings(request)
    headers = cors_headers(settings, request.headers.get("Origin"))
    headers["Cache-Control"] = "public, max-age=60"
    return web.json_response(
        {
            "socket_url": settings.rasa_public_url,
            "socket_path": settings.socket_path,
            "retention_days": settings.retention_days,
        },
        headers=headers,
    )


async def healthz(request: web.Request) -> web.Response:
    # Every database this server reads; a missing SQLite file only means "no data yet".
    databases = await asyncio.get_running_loop().run_in_executor(None, health.check_all)
    healthy = all(state in ("ok", "not created yet") for state in databases.values())
    return web.json_response({"status": "ok" if healthy else "unavailable",
                              "databases": databases,
                              "widget_built": _settings(request).widget_bundle.is_file()},
                             status=200 if healthy else 503)


async def favicon(request: web.Request) -> web.Response:
    # No icon: answer without a body instead of a 404 in every browser console.
    return web.Response(status=204, headers={"Cache-Control": "public, max-age=86400"})


def setup_routes(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/campagne/{slug}", campaign_page)
    app.router.add_get("/widget.js", widget_js)
    app.router.add_get("/widget-config.json", widget_config)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_static("/static/", STATIC_DIR, append_version=False)
