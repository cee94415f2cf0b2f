"""Socket.IO channel for the website widget (and rasa-webchat).

Rasa 3.6's stock channel has two defects on this stack (rasa-engineering.md section 4):
it does not await ``enter_room`` (python-socketio >= 5.10 then drops every reply when
``session_persistence`` is on) and it splats ``custom`` payloads into ``emit()`` (TypeError,
the whole turn is lost). This channel fixes both and adds what a public endpoint needs:
an Engine.IO origin check, a cap on message length, clean campaign metadata and session ids
that cannot point into another channel's conversations.

What a client receives on ``bot_message_evt`` (default ``bot_uttered``):

- ``{"text": "..."}`` for text (split on blank lines, as the stock channel does),
- ``{"text": "...", "quick_replies": [{"content_type": "text", "title", "payload"}]}``
  for buttons (what rasa-webchat renders),
- ``{"custom": {...}}`` for a custom payload, the object exactly as the bot sent it
  (e.g. ``{"custom": {"type": "recommendations", "items": [...]}}``); rasa-webchat
  ignores it unless a ``customComponent`` is configured; when the same bot message also
  had text, ``"text_parts": n`` says that the n text messages just before belong to it
  (the widget then shows the payload once, as a card, instead of text and card),
- ``{"attachment": ...}`` for images/attachments (stock format),
- ``{"text": "...", "adviser": {"name": "Anna"}, "ts": 1733.5}`` for a message an adviser
  typed in the console (``"notice": "takeover"`` for the takeover note), and
  ``{"text": "...", "handover": "resumed", "ts": ...}`` when the assistant takes over again.
  They reach the person's room through Rasa's HTTP API (events appended with
  ``execute_side_effects`` and ``output_channel=latest``), on whichever instance the load
  balancer picks: with SOCKETIO_REDIS_URL set every instance shares one Redis client
  manager, so an emit reaches the socket wherever it is connected. After a reconnect the
  client asks for the ones it missed with ``adviser_sync`` ``{"session_id", "since": ts}``.
"""

from __future__ import annotations

import copy
import inspect
import json
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Union
from urllib.parse import urlsplit, urlunsplit

import engineio
import rasa.shared.utils.io
import socketio
from rasa.core.channels.channel import OutputChannel, UserMessage, decode_bearer_token
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from rasa.shared.core.events import BotUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import action_validation
from bot.channels.cluster import client_manager_options, subscribe_at_start
from bot.channels.limits import SocketLimits
from observability import redact
from settings.sections import SocketChannelSettings

logger = logging.getLogger(__name__)

DEFAULT_MAX_MESSAGE_LENGTH = 2000
RESUMED = "handover_resumed"
MAX_REPLAYED = 50
CHANNEL_LABEL = "web"
# Session ids are chosen by the client; only random-looking ids are accepted so a client
# cannot write into another channel's conversation (e.g. "telegram:12345").
SESSION_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MAX_METADATA_KEYS = 20
MAX_METADATA_KEY_LENGTH = 50
MAX_METADATA_VALUE_LENGTH = 300
# Both keys are read so the same server works for our widget and for rasa-webchat.
KNOWN_METADATA_KEYS = ("metadata", "customData")
# sanic-cors (Rasa's --cors) adds its headers with headers.add(); when Engine.IO has already
# answered with CORS headers, this request-context flag makes sanic-cors skip, so the browser
# never sees two Access-Control-Allow-Origin headers.
_SANIC_CORS_EVALUATED = "_sanic_cors_e"

OriginSetting = Union[str, List[str]]


def parse_allowed_origins(value: Union[None, str, List[str]]) -> OriginSetting:
    """Turn an ALLOWED_ORIGINS value ("*" or comma separated) into Engine.IO's setting."""
    if value is None:
        return "*"
    items = value if isinstance(value, list) else str(value).split(",")
    origins = [str(item).strip().rstrip("/") for item in items if str(item).strip()]
    if not origins or "*" in origins:
        return "*"
    return origins


class _OriginCheckingEngineIOServer(engineio.AsyncServer):
    """Engine.IO server that refuses foreign origins and owns the CORS headers it sends."""

    def _cors_headers(self, environ: Dict[str, Any]) -> List[Any]:
        headers = super()._cors_headers(environ)
        request = environ.get("sanic.request")
        if headers and request is not None:
            setattr(request.ctx, _SANIC_CORS_EVALUATED, True)
        return headers


class _OriginCheckingSocketIOServer(socketio.AsyncServer):
    def _engineio_server_class(self) -> type:
        return _OriginCheckingEngineIOServer


def truncate_text(text: Any, limit: int) -> str:
    """Message text as a string of at most ``limit`` characters (Rasa cost grows with length)."""
    if not isinstance(text, str):
        return ""
    return text[:limit] if limit > 0 else text


def _strip_query(url: str) -> str:
    # Query strings and fragments can carry personal data (e-mail in a mailing link).
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def clean_metadata(raw: Any) -> Dict[str, Any]:
    """Keep a small, flat copy of client metadata and mark the channel as web."""
    if isinstance(raw, str | bytes):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = {}
    cleaned: Dict[str, Any] = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            if len(cleaned) >= MAX_METADATA_KEYS:
                break
            if not isinstance(key, str) or not key or len(key) > MAX_METADATA_KEY_LENGTH:
                continue
            if isinstance(value, str):
                cleaned[key] = value.strip()[:MAX_METADATA_VALUE_LENGTH]
            elif value is None or isinstance(value, bool | int | float):
                cleaned[key] = value
    if isinstance(cleaned.get("page_url"), str):
        cleaned["page_url"] = _strip_query(cleaned["page_url"])[:MAX_METADATA_VALUE_LENGTH]
    # The channel, not the client, says where the message came from.
    cleaned["channel"] = CHANNEL_LABEL
    return cleaned


def valid_session_id(value: Any) -> bool:
    return isinstance(value, str) and bool(SESSION_ID_PATTERN.match(value))


def handover_message(event: Any) -> Optional[Dict[str, Any]]:
    """The client payload of an adviser message or the resume note; None for other events."""
    if not isinstance(event, BotUttered):
        return None
    metadata = event.metadata or {}
    if metadata.get("from") == "adviser":
        return adviser_payload(event.text or "", metadata, event.timestamp)
    if ((event.data or {}).get("custom") or {}).get("type") == RESUMED:
        return {"text": event.text or "", "handover": "resumed", "ts": event.timestamp}
    return None


def adviser_payload(text: str, metadata: Dict[str, Any], timestamp: Any) -> Dict[str, Any]:
    # Only the first name goes out; the pseudonymous adviser id stays in the tracker.
    payload: Dict[str, Any] = {
        "text": text,
        "adviser": {"name": str(metadata.get("adviser_name") or "")},
        "ts": timestamp,
    }
    if metadata.get("notice"):
        payload["notice"] = str(metadata["notice"])
    return payload


class WidgetSocketIOOutput(SocketIOOutput):
    """Stock output, except that custom payloads arrive intact under ``custom`` and
    adviser messages carry who wrote them."""

    _text_parts = 0  # text messages sent for the bot message being sent now

    @classmethod
    def name(cls) -> str:
        return "socketio"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        if kwargs.get("from") == "adviser":
            # One bubble, as the adviser typed it (no split on blank lines).
            await self._send_message(
                recipient_id, adviser_payload(text, kwargs, kwargs.get("timestamp"))
            )
            return
        await super().send_text_message(recipient_id, text, **kwargs)

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        if (message.get("custom") or {}).get("type") == RESUMED and message.get("text"):
            await self._send_message(recipient_id, {
                "text": message["text"], "handover": "resumed", "ts": message.get("timestamp"),
            })
            return
        text = message.get("text")
        if isinstance(message.get("custom"), dict) and isinstance(text, str) and text.strip():
            self._text_parts = len(text.strip().split("\n\n"))
        try:
            await super().send_response(recipient_id, message)
        finally:
            self._text_parts = 0

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        body: Dict[str, Any] = {"custom": copy.deepcopy(json_message)}
        if self._text_parts:
            body["text_parts"] = self._text_parts
        await self._send_message(recipient_id, body)


class WidgetSocketIOInput(SocketIOInput):
    """Socket.IO input channel with the fixes described in the module docstring."""

    @classmethod
    def name(cls) -> str:
        # Same name as the stock channel: responses with `channel: socketio` variations
        # and the tracker's input_channel stay as everyone expects.
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> WidgetSocketIOInput:
        credentials = credentials or {}
        redact.install()  # no message text in any log line of the Rasa process
        action_validation.install()  # Rasa's response check without its per-call cost
        origins = credentials.get("allowed_origins")
        if origins is None:  # the shared setting, parsed once by settings/
            origins = list(SocketChannelSettings.from_env().allowed_origins)
        return cls(
            credentials.get("user_message_evt", "user_uttered"),
            credentials.get("bot_message_evt", "bot_uttered"),
            credentials.get("namespace"),
            credentials.get("session_persistence", False),
            credentials.get("socketio_path", "/socket.io"),
            credentials.get("jwt_key"),
            credentials.get("jwt_method", "HS256"),
            credentials.get("metadata_key", "metadata"),
            allowed_origins=origins,
            max_message_length=int(
                credentials.get("max_message_length", DEFAULT_MAX_MESSAGE_LENGTH)
            ),
        )

    def __init__(
        self,
        user_message_evt: str = "user_uttered",
        bot_message_evt: str = "bot_uttered",
        namespace: Optional[str] = None,
        session_persistence: bool = False,
        socketio_path: Optional[str] = "/socket.io",
        jwt_key: Optional[str] = None,
        jwt_method: Optional[str] = "HS256",
        metadata_key: Optional[str] = "metadata",
        allowed_origins: Union[None, str, List[str]] = "*",
        max_message_length: int = DEFAULT_MAX_MESSAGE_LENGTH,
    ) -> None:
        super().__init__(
            user_message_evt,
            bot_message_evt,
            namespace,
            session_persistence,
            socketio_path,
            jwt_key,
            jwt_method,
            metadata_key,
        )
        self.allowed_origins = parse_allowed_origins(allowed_origins)
        self.max_message_length = max_message_length
        self.limits = SocketLimits.from_env()  # token bucket per socket, turns per session

    def get_output_channel(self) -> Optional[OutputChannel]:
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def _metadata_from(self, data: Dict[str, Any]) -> Dict[str, Any]:
        keys = [self.metadata_key] + [k for k in KNOWN_METADATA_KEYS if k != self.metadata_key]
        merged: Dict[str, Any] = {}
        for key in reversed(keys):  # the configured key wins over the others
            value = data.get(key)
            if isinstance(value, str | bytes):
                value = clean_metadata(value)
            if isinstance(value, dict):
                merged.update(value)
        return clean_metadata(merged)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        sio = _OriginCheckingSocketIOServer(
            async_mode="sanic",
            cors_allowed_origins=self.allowed_origins,
            # The widgets send no cookies; never invite credentialed cross-origin requests.
            cors_credentials=False,
            **client_manager_options(),
        )
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        subscribe_at_start(socketio_webhook, sio)
        self.sio = sio
        namespace = self.namespace

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, environ: Dict, auth: Optional[Dict]) -> bool:
            if not self.jwt_key:
                return True
            token = auth.get("token") if isinstance(auth, dict) else None
            payload = None
            if token:
                payload = decode_bearer_token(token, self.jwt_key, self.jwt_algorithm)
            return bool(payload)

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: str) -> None:
            self.limits.forget_socket(sid)
            logger.debug("Socket.IO client disconnected.")

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = requested if valid_session_id(requested) else uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=namespace)
                if inspect.isawaitable(joined):  # a coroutine since python-socketio 5.10
                    await joined
            await sio.save_session(sid, {"session_id": session_id}, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        @sio.on("adviser_sync", namespace=namespace)
        async def adviser_sync(sid: str, data: Any) -> None:
            # Adviser messages the person missed while the page was closed or offline.
            if not self.limits.check_sync(sid):
                return  # each sync reads a whole tracker: the message bucket counts it too
            session = await sio.get_session(sid, namespace=namespace)
            confirmed = session.get("session_id") if session else None
            if not confirmed or not isinstance(data, dict) or data.get("session_id") != confirmed:
                return
            since = data.get("since")
            since = float(since) if isinstance(since, int | float) else 0.0
            agent = _agent_of(sio.get_environ(sid, namespace=namespace))
            if agent is None or agent.tracker_store is None:
                return
            tracker = await agent.tracker_store.retrieve(confirmed)
            if tracker is None:
                return
            missed = [p for p in map(handover_message, tracker.events)
                      if p is not None and (p.get("ts") or 0) > since]
            for payload in missed[-MAX_REPLAYED:]:
                await sio.emit(self.bot_message_evt, payload, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            if self.session_persistence:
                session = await sio.get_session(sid, namespace=namespace)
                confirmed = session.get("session_id") if session else None
                if not confirmed or data.get("session_id") != confirmed:
                    rasa.shared.utils.io.raise_warning(
                        "Socket.IO message ignored: its session_id was not confirmed for this "
                        "connection (send `session_request` first)."
                    )
                    return
                sender_id = confirmed
            else:
                sender_id = sid
            text = truncate_text(data.get("message", ""), self.max_message_length)
            allowed, reply = self.limits.check(sid, sender_id, text)
            if not allowed:
                if reply:
                    await sio.emit(self.bot_message_evt, {"text": reply}, room=sid,
                                   namespace=namespace)
                return
            message = UserMessage(
                text,
                WidgetSocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=self._metadata_from(data),
            )
            await on_new_message(message)

        return socketio_webhook


def _agent_of(environ: Optional[Dict[str, Any]]) -> Any:
    """Rasa's agent, from the Sanic request that opened this Engine.IO connection."""
    request = (environ or {}).get("sanic.request")
    app = getattr(request, "app", None)
    return getattr(getattr(app, "ctx", None), "agent", None)
