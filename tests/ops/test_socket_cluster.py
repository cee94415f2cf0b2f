"""Two socket.io servers with the project's channel share one room space through Redis.

Real parts: redis-server, two Sanic processes with the widget channel and an echo bot
(tests/web/echo_channel_server.py), python-socketio clients. No Rasa model needed.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import redis

from bot.channels.limits import SLOW_DOWN
from runner import process as proc
from settings import REPO_ROOT
from testing.ports import free_port
from testing.widget_client import Widget
from tests.web.conftest import _wait_http
from tests.web.support import ECHO_ALLOWED_ORIGIN, SocketClient

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="redis-server is not installed")


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    port, password = free_port(), secrets.token_urlsafe(16)
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--requirepass", password],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"redis://:{password}@127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)
    try:
        yield url
    finally:
        proc.stop([server], grace=5)


def _echo(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.echo_channel_server", str(port), ECHO_ALLOWED_ORIGIN],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, env={**os.environ, **env})
    try:
        _wait_http(f"http://127.0.0.1:{port}/", process, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop([process], grace=5)


@pytest.fixture(scope="module")
def two_instances(redis_url: str) -> Iterator[tuple[str, str]]:
    env = {"SOCKETIO_REDIS_URL": redis_url, "REDIS_HOST": ""}
    first, second = _echo(env), _echo(env)
    yield next(first), next(second)
    for server in (first, second):
        next(server, None)


@pytest.fixture(scope="module")
def strict_instance() -> Iterator[str]:
    yield from _echo({"SOCKET_BURST": "3", "SOCKET_MESSAGES_PER_MINUTE": "1",
                      "SOCKETIO_REDIS_URL": "", "REDIS_HOST": ""})


def _client(url: str, session_id: str | None = None) -> SocketClient:
    client = SocketClient(url, origin=ECHO_ALLOWED_ORIGIN)
    client.connect()
    client.request_session(session_id)
    return client


def _texts(messages: list) -> list[str]:
    return [m["text"] for m in messages if isinstance(m.get("text"), str)]


def test_a_reply_emitted_on_the_other_instance_reaches_the_persons_socket(two_instances):
    first, second = two_instances
    texts = [f"antwoord nummer {n:02d}" for n in range(10)]

    def echoes(widget: Widget) -> list[str]:
        return [m["custom"]["text"] for m in widget.received
                if (m.get("custom") or {}).get("type") == "echo"]

    async def scenario() -> list[str]:
        # GIVEN a person whose socket is connected to the first instance
        person = Widget(first, ECHO_ALLOWED_ORIGIN)
        session_id = await person.open()
        # AND a second connection to the same conversation on the other instance
        other = Widget(second, ECHO_ALLOWED_ORIGIN)
        await other.open(session_id)
        try:
            # WHEN the second instance handles ten turns and emits their replies
            for text in texts:
                await other.sio.emit("user_uttered", {"message": text,
                                                      "session_id": session_id})
            await person.wait_for(lambda: len(echoes(person)) >= len(texts))
            return echoes(person)
        finally:
            await person.close()
            await other.close()

    # THEN every reply reaches the person's socket on the first instance, through Redis
    # (turns on one socket run concurrently, so their order is not part of the promise)
    assert sorted(asyncio.run(scenario())) == texts


def test_erasure_words_and_adviser_sync_count_against_the_same_message_limit(
        strict_instance):
    client = _client(strict_instance)
    try:
        # GIVEN a socket that used up its burst of three with sync requests
        for _ in range(3):
            client.sio.emit("adviser_sync", {"session_id": client.session_id, "since": 0})
        # WHEN it sends messages that contain the word "verwijder"
        client.send("verwijder mijn gegevens")
        client.send("verwijder alles nu")
        got = client.collect(lambda ms: SLOW_DOWN in _texts(ms)) + client.quiet_for(1.5)
        # THEN the limit answers once calmly and nothing reaches the bot
        assert _texts(got) == [SLOW_DOWN]
    finally:
        client.close()
