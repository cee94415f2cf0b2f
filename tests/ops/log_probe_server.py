"""A Sanic server with Rasa's logging set-up and the project's REST channel, whose message
handler fails the way a real turn can: a timeout (Rasa's CancelledError path) or a database
error with the message as a parameter; and one route protected the way Rasa protects its
HTTP API. Run: python -m tests.ops.log_probe_server PORT
"""

from __future__ import annotations

import asyncio
import logging
import sys

import sqlalchemy as sa
from rasa.core.channels.channel import UserMessage
from rasa.server import ErrorResponse, requires_auth
from rasa.utils.common import configure_logging_and_warnings
from rasa.utils.log_utils import configure_structlog
from sanic import Sanic, response

from bot.channels.rest import InternalRestInput

ENGINE = sa.create_engine("sqlite://", future=True)
API_TOKEN = "probe-api-token-0123456789abcdef"


async def failing_turn(message: UserMessage) -> None:
    if message.text.startswith("sql"):
        with ENGINE.connect() as conn:  # no such table: the text becomes an SQL parameter
            conn.execute(sa.text("INSERT INTO missing (body) VALUES (:body)"),
                         {"body": message.text})
    if message.text.startswith("stdlib"):
        try:
            with ENGINE.connect() as conn:
                conn.execute(sa.text("SELECT * FROM missing WHERE body = :b"),
                             {"b": message.text})
        except sa.exc.SQLAlchemyError:
            logging.getLogger("console.probe").exception("lookup failed")
        logging.getLogger("console.probe").warning(
            "calling http://127.0.0.1:5005/conversations/x/tracker?token=%s", "s3cr3t-tok3n")
        return
    raise asyncio.CancelledError()  # what Rasa's REST channel sees when a turn times out


def build_app() -> Sanic:
    app = Sanic("log_probe")
    channel = InternalRestInput.from_credentials({})
    app.blueprint(channel.blueprint(failing_turn), url_prefix="/webhooks/rest")

    @app.get("/")
    async def root(_: object) -> response.HTTPResponse:
        return response.text("log probe")

    @app.exception(ErrorResponse)
    async def refused(_request: object, error: ErrorResponse) -> response.HTTPResponse:
        return response.json(error.error_info, status=error.status)  # as rasa.server does

    @app.get("/conversations/<conversation_id>/tracker")
    @requires_auth(app, API_TOKEN)  # exactly as Rasa protects its HTTP API
    async def tracker(_request: object, conversation_id: str) -> response.HTTPResponse:
        return response.json({"sender_id": conversation_id})

    return app


if __name__ == "__main__":
    # What `rasa run` does before it loads the channels.
    configure_logging_and_warnings(logging.INFO)
    configure_structlog(logging.INFO)
    build_app().run(host="127.0.0.1", port=int(sys.argv[1]), access_log=True, workers=1)
