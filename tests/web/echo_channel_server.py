"""A Sanic server with the project's real socket.io channel and an echo "bot".

Fast channel-level tests (origin check, CORS headers, metadata cleaning, truncation, custom
payload shape, session-id rules) run against this; the full-system tests use the real Rasa
stack. Run: python -m tests.web.echo_channel_server PORT ALLOWED_ORIGINS
"""

from __future__ import annotations

import sys
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Sanic, response
from sanic_cors import CORS

from bot.channels.socketio import WidgetSocketIOInput

ECHO_PAYLOAD = {"type": "recommendations", "items": [
    {"id": "elektromonteur", "name": "Elektromonteur", "isco08": "7411", "esco_uri": None,
     "score": 0.9, "reasons": ["Je werkt graag met je handen"]}]}


async def echo(message: UserMessage) -> None:
    out: Any = message.output_channel
    text = message.text or ""
    if text == "/card":
        # One bot message with text and a payload, sent the way Rasa sends a response.
        await out.send_response(message.sender_id, {
            "text": "Dit zijn beroepen voor jou.\n\nElektromonteur past het best.",
            "custom": dict(ECHO_PAYLOAD)})
        return
    if text == "/long":
        # A long turn: many messages, more than one screen.
        for number in range(1, 9):
            await out.send_text_message(message.sender_id, f"Deel {number} van een lang "
                                        "antwoord. " + "Nog wat uitleg erbij. " * 12)
        await out.send_custom_json(message.sender_id, dict(ECHO_PAYLOAD))
        return
    if text == "/buttons":
        await out.send_text_with_buttons(message.sender_id, "Kies maar",
                                         [{"title": "Ja", "payload": "/affirm"},
                                          {"title": "Nee", "payload": "/deny"}])
        return
    await out.send_text_message(message.sender_id, f"len={len(text)}")
    await out.send_custom_json(message.sender_id, {"type": "echo", "text": text,
                                                   "sender_id": message.sender_id,
                                                   "input_channel": message.input_channel,
                                                   "metadata": message.metadata})
    await out.send_custom_json(message.sender_id, dict(ECHO_PAYLOAD))


def build_app(origins: str) -> Sanic:
    app = Sanic("echo_channel")
    # Same CORS set-up as `rasa run --cors ...` (rasa/server.py configure_cors).
    app.config.CORS_AUTOMATIC_OPTIONS = True
    app.config.CORS_SUPPORTS_CREDENTIALS = True
    app.config.CORS_EXPOSE_HEADERS = "filename"
    CORS(app, resources={r"/*": {"origins": [o for o in origins.split(",") if o] or ""}},
         automatic_options=True)
    channel = WidgetSocketIOInput.from_credentials({
        "session_persistence": True, "metadata_key": "customData", "allowed_origins": origins,
        "max_message_length": 2000,
    })
    app.blueprint(channel.blueprint(echo))

    @app.get("/")
    async def root(_: Any) -> Any:
        return response.text("echo channel")

    return app


if __name__ == "__main__":
    port, origins = int(sys.argv[1]), sys.argv[2]
    build_app(origins).run(host="127.0.0.1", port=port, access_log=False, workers=1)
