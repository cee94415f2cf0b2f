"""aiohttp application factory: pages, widget, route cards, and the adviser console."""

from __future__ import annotations

import logging

from aiohttp import web

from observability import metrics
from settings.sections import WebSettings
from web import pages, routecard_views
from web.security import security_headers
from web.templates_env import setup_templates

logger = logging.getLogger(__name__)


def _mount_console(app: web.Application) -> None:
    try:
        from web.console_mount import setup_console
    except ModuleNotFoundError as error:
        if error.name not in ("web.console_mount", "console"):
            raise
        # The console package is delivered separately; the public pages work without it.
        logger.error("Adviser console not mounted: web.console_mount.setup_console is missing.")
        return
    setup_console(app)


def create_app(settings: WebSettings) -> web.Application:
    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app["settings"] = settings
    setup_templates(app)
    pages.setup_routes(app)
    routecard_views.setup_routes(app)
    _mount_console(app)
    metrics.setup_web(app)  # /metrics (Prometheus) and a request counter per route
    return app
