"""Prometheus metrics of the conversation (action server) and the web server.

Labels never carry sender ids, texts or URLs with tokens: only action names, payload
types and route patterns, so the number of series stays small and nothing personal leaks.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

TURNS = Counter("overstap_turns", "User messages handled by the assistant")
REPLIES = Counter("overstap_replies", "Bot replies by payload type ('text' without one)",
                  ["payload_type"])
FALLBACKS = Counter("overstap_fallbacks", "Replies that mean 'I did not understand'")
HANDOVERS = Counter("overstap_handovers", "Requests for a human adviser")
ACTION_SECONDS = Histogram(
    "overstap_action_seconds", "Time the action server needs per action call", ["action"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
ACTION_ERRORS = Counter("overstap_action_errors", "Action calls answered with an error",
                        ["action"])
WEB_REQUESTS = Counter("overstap_web_requests", "Web server requests by route and status class",
                       ["route", "status"])


# Rasa calls the action server only for custom actions, not after every message, so turns
# are counted from the tracker each call carries: the user messages this conversation has
# beyond the last call seen. Keys are hashes of the sender id, kept for the newest
# conversations only (bounded memory, nothing readable).
_SEEN_LIMIT = 20_000
_seen_user_messages: OrderedDict[str, int] = OrderedDict()


def _new_user_messages(call: dict[str, Any]) -> int:
    tracker = call.get("tracker")
    if not isinstance(tracker, dict):
        return 0
    sender = str(tracker.get("sender_id") or "")
    events = tracker.get("events") or []
    count = sum(1 for e in events if isinstance(e, dict) and e.get("event") == "user")
    key = hashlib.sha256(sender.encode()).hexdigest()[:16]
    before = _seen_user_messages.pop(key, 0)
    _seen_user_messages[key] = count
    if len(_seen_user_messages) > _SEEN_LIMIT:
        _seen_user_messages.popitem(last=False)
    # Fewer than before: a new session or an erasure started the count again.
    return count - before if count >= before else count


def observe_action(call: Any, result: Any, status: int, seconds: float) -> None:
    """Count one action server call: its action, replies, fallbacks and handovers."""
    action = str(call.get("next_action") or "unknown")[:60] if isinstance(call, dict) else "?"
    ACTION_SECONDS.labels(action).observe(seconds)
    if status >= 400:
        ACTION_ERRORS.labels(action).inc()
        return
    if isinstance(call, dict):
        TURNS.inc(_new_user_messages(call))
    if not isinstance(result, dict):
        return
    for reply in result.get("responses") or []:
        custom = reply.get("custom") if isinstance(reply, dict) else None
        kind = str(custom.get("type"))[:40] if isinstance(custom, dict) else "text"
        REPLIES.labels(kind).inc()
        if kind == "fallback":
            FALLBACKS.inc()
    for event in result.get("events") or []:
        if (isinstance(event, dict) and event.get("event") == "slot"
                and event.get("name") == "handover_requested" and event.get("value") is True):
            HANDOVERS.inc()


def exposition() -> tuple[bytes, str]:
    return generate_latest(), CONTENT_TYPE_LATEST


# ---------------------------------------------------------------- web server (aiohttp)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def count_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as error:
        status = error.status
        raise
    finally:
        route = request.match_info.route.resource
        # The pattern (/kaart/{token}), never the path itself: tokens and ids stay out.
        name = route.canonical if route is not None else "unmatched"
        WEB_REQUESTS.labels(name, f"{status // 100}xx").inc()


async def metrics_view(_request: web.Request) -> web.Response:
    body, content_type = exposition()
    return web.Response(body=body, headers={"Content-Type": content_type})


def setup_web(app: web.Application) -> None:
    app.middlewares.append(count_requests)
    app.router.add_get("/metrics", metrics_view)


def now() -> float:
    return time.perf_counter()
