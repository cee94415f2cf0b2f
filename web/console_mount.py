"""Mounts the adviser console and its live handover on the web server's aiohttp
application under /console.

The web server is the one place that puts the two together: the console (console/) knows
nothing of the handover package, and the handover (handover/) builds on the console.
"""

from __future__ import annotations

from aiohttp import web

from settings.sections import ConsoleSettings


def setup_console(app: web.Application, settings: ConsoleSettings | None = None) -> None:
    """Add every /console route (pages, JSON API, exports, live handover), the retention
    task and the handover watcher to `app`.

    Call before the app starts (the router freezes at start-up). The imports wait until
    here: the console is delivered separately, and the public pages work without it.
    """
    from console.pages import CONSOLE
    from console.routes import mount
    from handover.routes import mount as mount_handover

    mount(app, settings or ConsoleSettings.from_env())
    mount_handover(app, app[CONSOLE])
