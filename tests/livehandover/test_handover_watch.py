"""The console's watcher on its own web server: a signed webhook for each new handover
request, and the assistant taking the conversation back after the idle time."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from console.handover_ref import reference
from runner import process as proc
from runner.services import web_server as web_service
from testing.handover_adviser import ADVISER, Adviser, create_user, resumed, wait_until
from testing.ports import free_port
from tests.livehandover.test_handover_api import ask_for_adviser

SECRET = "webhook-secret-for-tests-0123456789"
IDLE_SECONDS = 4


class Receiver:
    """A team's own tool: records every POST it gets."""

    def __init__(self) -> None:
        self.posts: queue.Queue[tuple[dict[str, str], bytes]] = queue.Queue()
        posts = self.posts

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                posts.put(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/handover"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    yield hook
    hook.close()


@pytest.fixture(scope="module")
def watch_server(rasa_stack, receiver: Receiver) -> Iterator[str]:  # noqa: ANN001
    """A second web server on the same stack, with a short idle time and a webhook."""
    settings = dict(rasa_stack.env)
    settings.update({
        "WEB_PORT": str(free_port()),
        "CONSOLE_DATABASE_URL": f"sqlite:///{Path(settings['DATA_DIR']) / 'watch-console.db'}",
        "HANDOVER_IDLE_MINUTES": str(IDLE_SECONDS / 60),
        "HANDOVER_WEBHOOK_URL": receiver.url,
        "HANDOVER_WEBHOOK_SECRET": SECRET,
    })
    create_user(settings, ADVISER, "adviser")
    service = web_service(settings)
    log = (Path(settings["DATA_DIR"]) / "watch-web.log").open("a", encoding="utf-8")
    process = proc.start(service, lambda line: (log.write(line + "\n"), log.flush()))
    try:
        proc.wait_healthy(service, process, 60)
        yield f"http://127.0.0.1:{service.port}"
    finally:
        proc.stop([process])
        log.close()


def _next_post(receiver: Receiver, sender: str,
               rasa_stack_env: dict[str, str]) -> tuple[dict[str, str], bytes]:
    def find() -> tuple[dict[str, str], bytes] | None:
        try:
            headers, body = receiver.posts.get(timeout=0.5)
        except queue.Empty:
            return None
        wanted = reference(sender, rasa_stack_env)
        return (headers, body) if wanted in json.loads(body)["console_url"] else None

    return wait_until(find, timeout=30, what="the webhook call")


def test_a_new_handover_is_posted_once_signed_without_personal_details(
        watch_server: str, receiver: Receiver, rasa_stack) -> None:  # noqa: ANN001
    sender = rasa_stack.new_sender("hook")
    ask_for_adviser(rasa_stack, sender)
    headers, body = _next_post(receiver, sender, rasa_stack.env)
    stamp = headers["x-handover-timestamp"]
    expected = hmac.new(SECRET.encode(), stamp.encode() + b"." + body, hashlib.sha256)
    assert headers["x-handover-signature"] == "sha256=" + expected.hexdigest()
    payload = json.loads(body)
    assert payload["event"] == "handover_requested"
    # the opaque reference, never the session id (it would let the receiver resume the chat)
    ref = reference(sender, rasa_stack.env)
    assert payload["console_url"].endswith(f"/console/handovers/{ref}")
    assert sender not in body.decode()
    assert isinstance(payload["advisers_available"], bool)
    assert "via deze chat" not in body.decode() and "adviseur spreken" not in body.decode()


def test_the_assistant_takes_back_a_conversation_the_adviser_left(
        watch_server: str, rasa_stack) -> None:  # noqa: ANN001
    sender = rasa_stack.new_sender("idle")
    ask_for_adviser(rasa_stack, sender)
    adviser = Adviser(watch_server, ADVISER)
    adviser.take_over(sender)
    assert rasa_stack.send(sender, "hallo?") == []
    # WHEN the adviser says nothing for the idle time, THEN the assistant is back
    wait_until(lambda: rasa_stack.tracker(sender)["slots"].get("adviser_active") is False,
               timeout=IDLE_SECONDS + 30, what="the idle release")
    assert resumed(rasa_stack.tracker(sender))
    assert rasa_stack.send(sender, "hallo?"), "the assistant answers again"
    # and the console no longer shows the conversation as held
    item = next(i for i in adviser.live_list()
                if i["sender_id"] == reference(sender, rasa_stack.env))
    assert item["held_by"] is None
