"""`python -m bot.action_server --port N`: rasa-sdk's action server with /metrics.

The same app as `rasa run actions --actions bot.actions` (rasa_sdk.endpoint.create_app),
bound to SANIC_HOST (the runner sets it from ACTION_BIND_HOST), plus Prometheus metrics of
every action call (observability/metrics.py).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app
from sanic import response
from sanic.request import Request

from observability import metrics
from observability.logs import configure
from settings.operations import ActionServerSettings


def build_app(package: str = "bot.actions"):  # noqa: ANN201 - a Sanic app
    app = create_app(package, cors_origins=None)

    @app.middleware("request")
    async def started(request: Request) -> None:
        request.ctx.started = time.perf_counter()

    @app.middleware("response")
    async def observe(request: Request, resp: response.HTTPResponse) -> None:
        if request.path != "/webhook" or not hasattr(request.ctx, "started"):
            return
        try:
            result = json.loads(resp.body) if resp.body else None
            call = request.json
        except ValueError:
            result, call = None, None
        metrics.observe_action(call or {}, result, resp.status,
                               time.perf_counter() - request.ctx.started)

    @app.get("/metrics")
    async def metrics_view(_request: Request) -> response.HTTPResponse:
        body, content_type = metrics.exposition()
        return response.raw(body, content_type=content_type)

    return app


def main(argv: list[str] | None = None) -> int:
    settings = ActionServerSettings.from_env()
    parser = argparse.ArgumentParser(prog="python -m bot.action_server")
    parser.add_argument("--port", type=int, default=settings.port)
    parser.add_argument("--actions", default="bot.actions")
    args = parser.parse_args(argv)
    configure("actions")
    host = settings.host
    logging.getLogger(__name__).info("action server on %s:%d", host, args.port)
    build_app(args.actions).run(host, args.port, workers=utils.number_of_sanic_workers(),
                                access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
