"""One widget connection cannot flood the assistant: a token bucket per socket and a cap on
turns per conversation, each answered once with a calm Dutch reply. The project's channel
on a plain Sanic server with an echo bot (no model needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Iterator

import pytest

from bot.channels.limits import SLOW_DOWN, TOO_LONG
from runner import process as proc
from settings import REPO_ROOT
from testing.ports import free_port
from tests.web.conftest import _wait_http
from tests.web.support import ECHO_ALLOWED_ORIGIN, SocketClient


def _echo_server(**limits: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.echo_channel_server", str(port), ECHO_ALLOWED_ORIGIN],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, env={**os.environ, **limits})
    try:
        _wait_http(f"http://127.0.0.1:{port}/", process, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop([process], grace=5)


@pytest.fixture(scope="module")
def strict_echo() -> Iterator[str]:
    yield from _echo_server(SOCKET_BURST="3", SOCKET_MESSAGES_PER_MINUTE="1",
                            MAX_TURNS_PER_SESSION="1000")


@pytest.fixture(scope="module")
def short_echo() -> Iterator[str]:
    yield from _echo_server(SOCKET_BURST="100", SOCKET_MESSAGES_PER_MINUTE="600",
                            MAX_TURNS_PER_SESSION="3")


def _client(url: str) -> SocketClient:
    client = SocketClient(url, origin=ECHO_ALLOWED_ORIGIN)
    client.connect()
    client.request_session()
    return client


def _texts(messages: list) -> list[str]:
    return [m["text"] for m in messages if isinstance(m.get("text"), str)]


def test_a_flood_gets_one_calm_reply_and_is_not_processed(strict_echo):
    client = _client(strict_echo)
    try:
        # WHEN six messages arrive at once on one socket (burst 3)
        for n in range(6):
            client.send(f"bericht {n}")
        got = client.collect(lambda ms: SLOW_DOWN in _texts(ms)) + client.quiet_for(1.5)
        texts = _texts(got)
        # THEN three were answered, the rest got one calm reply, not one each
        assert texts.count(SLOW_DOWN) == 1
        echoed = [t for t in texts if t != SLOW_DOWN]
        assert len(echoed) == 3, texts
        # AND a message with the word "verwijder" does not slip past the limit
        client.send("verwijder mijn gegevens")
        assert client.quiet_for(1.5) == []
    finally:
        client.close()


def test_a_very_long_conversation_is_capped_with_a_calm_reply(short_echo):
    client = _client(short_echo)
    try:
        for n in range(3):
            client.send(f"beurt {n}")
            # each answer is a text and a payload (their order is not guaranteed)
            client.collect(lambda ms: any("custom" in m for m in ms) and bool(_texts(ms)))
        client.send("nog een")
        client.send("en nog een")
        got = client.collect(lambda ms: TOO_LONG in _texts(ms)) + client.quiet_for(1.5)
        assert _texts(got) == [TOO_LONG]  # once, and the message is not processed
    finally:
        client.close()
