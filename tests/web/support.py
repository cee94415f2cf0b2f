"""Helpers for the web tests: a socket.io test client, host pages on other origins, browser."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import socketio

from testing.browser import CHROMIUM_ARGS, chromium_executable  # noqa: F401 - re-exported
from testing.host_pages import HostPages, campaign_page  # noqa: F401 - re-exported

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
# The origin the echo server's channel allows (the production-like Rasa's: PRODUCTION_ORIGIN).
ECHO_ALLOWED_ORIGIN = "http://allowed.test"


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"web-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


class SocketClient:
    """python-socketio client speaking the widget's protocol (polling: see engineering notes)."""

    def __init__(self, url: str, origin: Optional[str] = None, path: str = "/socket.io") -> None:
        self.url, self.origin, self.path = url, origin, path
        self.messages: queue.Queue[Dict[str, Any]] = queue.Queue()
        self.session_id: Optional[str] = None
        self._confirmed = threading.Event()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("bot_uttered", self.messages.put)
        self.sio.on("session_confirm", self._on_confirm)

    def _on_confirm(self, data: Any) -> None:
        self.session_id = data.get("session_id") if isinstance(data, dict) else data
        self._confirmed.set()

    def connect(self) -> None:
        headers = {"Origin": self.origin} if self.origin else {}
        self.sio.connect(self.url, headers=headers, transports=["polling"],
                         socketio_path=self.path, wait_timeout=20)

    def request_session(self, session_id: Optional[str] = None, timeout: float = 20) -> str:
        self._confirmed.clear()
        self.sio.emit("session_request", {"session_id": session_id})
        assert self._confirmed.wait(timeout), "no session_confirm"
        assert self.session_id
        return self.session_id

    def send(self, text: str, metadata: Optional[Dict[str, Any]] = None,
             key: str = "customData", session_id: Optional[str] = None) -> None:
        self.sio.emit("user_uttered", {"message": text, key: metadata or {},
                                       "session_id": session_id or self.session_id})

    def collect(self, until: Callable[[List[Dict[str, Any]]], bool],
                timeout: float = 30) -> List[Dict[str, Any]]:
        """Bot messages received until `until(messages)` holds (fails on timeout)."""
        got: List[Dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while not until(got):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out; received so far: {got}")
            try:
                got.append(self.messages.get(timeout=min(remaining, 0.5)))
            except queue.Empty:
                continue
        return got

    def quiet_for(self, seconds: float) -> List[Dict[str, Any]]:
        """Everything that arrives within `seconds` (for 'nothing arrives' checks)."""
        got: List[Dict[str, Any]] = []
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                got.append(self.messages.get(timeout=remaining))
            except queue.Empty:
                break
        return got

    def close(self) -> None:
        if self.sio.connected:
            # A plain disconnect joins the reader thread, which sits in a long-poll GET until
            # the server's ping interval (25 s) ends it. The close packet still reaches the
            # server; only the wait for that idle poll is skipped.
            self.sio.eio.disconnect(abort=True)
