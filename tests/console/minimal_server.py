"""A bare aiohttp app with only the console, for when the web part is not present."""

from __future__ import annotations

import os

from aiohttp import web

from web.console_mount import setup_console


def main() -> None:
    app = web.Application()
    setup_console(app)
    web.run_app(app, host="127.0.0.1", port=int(os.environ.get("WEB_PORT") or 8000),
                access_log=None, print=None)


if __name__ == "__main__":
    main()
