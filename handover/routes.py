"""Every route and background task of the live handover, mounted beside the console.

The queue pages (`queue.py`), the live list and its script (`live.py`), takeover, reply
and release (`takeover_routes.py`), and the Telegram bridge's outbox feed
(`telegram_outbox.py`). web/console_mount.py calls `mount` after the console's own
routes, so the console never imports this package.
"""

from __future__ import annotations

from aiohttp import web

from console.context import Console
from console.middleware import guarded
from console.pages import PREFIX, Handler
from console.rasa_api import RasaApi
from handover import queue
from handover.live import HANDOVER_SETTINGS, api_handovers, live_script, watch_task
from handover.takeover import Takeovers
from handover.takeover_routes import TAKEOVERS, routes
from handover.telegram_outbox import PATH, telegram_outbox
from settings.sections import load_handover_settings


def build_routes() -> list[tuple[str, str, Handler]]:
    """(method, path, handler) of every adviser route of the handover; wrapped by `guarded`
    (login, CSRF and the consent check of console/middleware.py)."""
    return [
        ("GET", f"{PREFIX}/handovers", queue.handover_queue),
        ("GET", f"{PREFIX}/handovers/{{sender_id}}", queue.handover_detail),
        ("POST", f"{PREFIX}/handovers/{{sender_id}}", queue.update_handover),
        ("GET", f"{PREFIX}/api/handovers", api_handovers),
        ("GET", f"{PREFIX}/static/handover-live.js", live_script),
        *routes(),
    ]


def mount(app: web.Application, console: Console) -> None:
    """Routes, settings and the watcher of the live handover on the console's app."""
    app[HANDOVER_SETTINGS] = load_handover_settings()
    app[TAKEOVERS] = Takeovers(console, RasaApi.from_env())
    for method, path, handler in build_routes():
        app.router.add_route(method, path, guarded(handler))
    # The bridge's feed has its own bearer token, no console login (telegram_outbox.py).
    app.router.add_get(PATH, telegram_outbox)
    app.cleanup_ctx.append(watch_task)
