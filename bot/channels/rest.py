"""Rasa's REST channel, for internal callers only.

The REST channel trusts the `sender` in the body: whoever can post to it can speak as
`telegram:<chat id>`, read that person's route card or erase their data. So besides
nginx keeping `/webhooks/rest/` off the public listener, the channel itself requires a
shared secret header (`X-Internal-Secret: $INTERNAL_API_SECRET`) from its callers (the
Telegram bridge, load tests). Without the setting (loopback development, see
runner/startup_checks.py, which refuses an exposed start without it) it stays open.
The URL (`/webhooks/rest/webhook`) and the channel name `rest` do not change.
"""

from __future__ import annotations

import hmac
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels import action_validation
from observability import redact
from runner.startup_checks import check_or_exit
from settings.operations import RasaServerSettings

HEADER = "X-Internal-Secret"
# Rasa's HTTP API takes its token only as `?token=`; a URL lands in nginx's error lines
# (upstream failures quote the request), so callers may send it in this header instead.
TOKEN_HEADER = "X-Rasa-Token"


def token_from_header(request: Request) -> None:
    """Request middleware: the `X-Rasa-Token` header counts as Rasa's `?token=`."""
    token = request.headers.get(TOKEN_HEADER)
    if token and "token" not in request.args:
        request.args["token"] = [token]  # Sanic keeps the parsed arguments per request


class InternalRestInput(RestInput):
    """REST channel that answers only callers presenting the shared secret."""

    def __init__(self, secret: Optional[str] = None) -> None:
        # Read when Rasa builds its channels: the process's settings are final by then.
        self.secret = (RasaServerSettings.from_env().internal_api_secret if secret is None
                       else secret.strip())

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict[str, Any]]) -> InternalRestInput:
        # Rasa builds its channels before it listens: the right moment to refuse an
        # exposed start with development secrets (`rasa run` has no hook of ours).
        check_or_exit("rasa")
        # `rasa run` configures its own logging; from here on every record of the Rasa
        # process is cleaned of message texts and secrets (its timeout and failure lines
        # carry the whole user message; SQL errors carry it as a parameter).
        redact.install()
        action_validation.install()  # Rasa's response check without its per-call cost
        return cls()

    def allowed(self, request: Request) -> bool:
        if not self.secret:
            return True
        given = request.headers.get(HEADER, "")
        return hmac.compare_digest(given.encode(), self.secret.encode())

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        @blueprint.listener("before_server_start")
        async def accept_token_header(app: Any, _loop: Any) -> None:
            # App-wide (the HTTP API is not in this blueprint); read per request by Sanic.
            if token_from_header not in app.request_middleware:
                app.request_middleware.appendleft(token_from_header)

        @blueprint.middleware("request")
        async def require_secret(request: Request) -> Optional[response.HTTPResponse]:
            if self.allowed(request):
                return None
            return response.json({"error": "internal channel"}, status=403)

        return blueprint
