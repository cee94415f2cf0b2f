"""`python -m testing.web_test_app`: the real web server plus pages only tests need.

The production app (`python -m web`) has no test routes; the integration fixtures start
this module instead, so `/test/rasa-webchat` (the third-party rasa-webchat widget against
our socket.io channel) exists only while tests run.
"""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web

from settings.sections import WebSettings
from web.app import create_app
from web.security import page_csp
from web.templates_env import render

REPO_ROOT = Path(__file__).resolve().parents[1]
# Installed by the test setup (npm ci in tests/web/webchat).
WEBCHAT_LIB = (REPO_ROOT / "tests" / "web" / "webchat" / "node_modules" / "rasa-webchat"
               / "lib" / "index.js")


async def webchat_test_page(request: web.Request) -> web.Response:
    settings: WebSettings = request.app["settings"]
    response = render(request, "webchat_test.html", socket_url=settings.rasa_public_url,
                      socket_path=settings.socket_path, lib_available=WEBCHAT_LIB.is_file())
    response.headers["Content-Security-Policy"] = page_csp(settings)
    return response


async def webchat_lib(request: web.Request) -> web.StreamResponse:
    if not WEBCHAT_LIB.is_file():
        return web.Response(status=404,
                            text="rasa-webchat not installed (tests/web/webchat: npm ci)")
    return web.FileResponse(WEBCHAT_LIB, headers={"Content-Type": "application/javascript"})


def create_test_app(settings: WebSettings) -> web.Application:
    app = create_app(settings)
    app.router.add_get("/test/rasa-webchat", webchat_test_page)
    app.router.add_get("/test/rasa-webchat/webchat.js", webchat_lib)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = WebSettings.from_env()
    web.run_app(create_test_app(settings), host=settings.host, port=settings.port,
                access_log=None, print=None)


if __name__ == "__main__":
    main()
