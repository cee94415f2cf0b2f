"""Mounts the adviser console on the web server's aiohttp application under /console."""

from __future__ import annotations

from aiohttp import web

from settings.sections import ConsoleSettings


def setup_console(app: web.Application, settings: ConsoleSettings | None = None) -> None:
    """Add every /console route (pages, JSON API, exports) and the retention task to `app`.

    Call before the app starts (the router freezes at start-up).
    """
    from console.routes import mount

    mount(app, settings or ConsoleSettings.from_env())
