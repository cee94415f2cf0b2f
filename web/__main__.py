"""`python -m web`: serve the web side on WEB_PORT."""

from __future__ import annotations

from aiohttp import web

from observability.logs import configure
from runner.startup_checks import check_or_exit
from settings.sections import WebSettings
from web.app import create_app


def main() -> None:
    configure("web")  # LOG_FORMAT=json for one JSON object per line
    check_or_exit("web")  # exits naming the setting when exposed with development secrets
    settings = WebSettings.from_env()
    # No access log: URLs of route cards are private links.
    web.run_app(create_app(settings), host=settings.host, port=settings.port, access_log=None,
                print=None)


if __name__ == "__main__":
    main()
