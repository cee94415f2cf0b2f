"""The telegram-test-api emulator (npm, in tests/telegram/emulator) as a process, and a
Bot API shim for python-telegram-bot.

The emulator deviates from the real Bot API in a few ways python-telegram-bot 22 rejects
(see rasa-engineering.md section 5). `EmulatorCompatRequest` fixes those answers in tests
and benchmarks only; the bridge itself never knows it talks to an emulator.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram.request import HTTPXRequest

from testing.ports import free_port

REPO_ROOT = Path(__file__).resolve().parents[1]
# The npm package stays next to the Telegram tests: `make setup-test` installs it there.
EMULATOR_DIR = REPO_ROOT / "tests" / "telegram" / "emulator"
EMULATOR_PACKAGE = EMULATOR_DIR / "node_modules" / "telegram-test-api"
BOT_USER = {"id": 666, "is_bot": True, "first_name": "Bot", "username": "TestNameBot"}
# Methods the bridge uses that the emulator lacks; answered here, and recorded.
UNSUPPORTED_BY_EMULATOR = {"sendChatAction", "setMyCommands"}
START_TIMEOUT = 30.0


class EmulatorMissing(RuntimeError):
    """npm package or node not installed."""


@dataclass
class Emulator:
    url: str
    process: subprocess.Popen
    log: list[str]

    @property
    def api_base_url(self) -> str:
        return f"{self.url}/bot"


@contextlib.contextmanager
def running_emulator() -> Iterator[Emulator]:
    """Starts the emulator on a claimed port, waits for its READY line, stops it after."""
    if not EMULATOR_PACKAGE.is_dir():
        raise EmulatorMissing(
            "telegram-test-api is not installed: run `npm ci --prefix tests/telegram/emulator`"
            " (or `make setup-test`)")
    node = shutil.which("node")
    if node is None:
        raise EmulatorMissing("node is not installed; the Telegram emulator needs Node.js >= 12")
    port = free_port()
    process = subprocess.Popen([node, "server.js", str(port)], cwd=EMULATOR_DIR,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line.rstrip())
            lines.put(line.rstrip())

    threading.Thread(target=pump, daemon=True).start()
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                line = lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise RuntimeError(f"the Telegram emulator did not start: {log}") from None
            if line.startswith("READY"):
                break
        yield Emulator(url=f"http://127.0.0.1:{port}", process=process, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class ApiRecorder:
    """What the bridge asked of the Bot API, and faults to inject into its answers."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # method -> errors (HTTP status, Bot API error body) for its next calls, in order.
    faults: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)

    def methods(self, name: str) -> list[dict[str, Any]]:
        return [params for method, params in self.calls if method == name]

    def flood(self, method: str, retry_after: int) -> None:
        """The next call of `method` hits Telegram's flood limit."""
        self.fail(method, 429, f"Too Many Requests: retry after {retry_after}",
                  {"retry_after": retry_after})

    def fail(self, method: str, code: int, description: str,
             parameters: dict[str, Any] | None = None) -> None:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        self.faults.setdefault(method, []).append((code, body))


class EmulatorCompatRequest(HTTPXRequest):
    """Makes telegram-test-api 4.2.1 answers acceptable to python-telegram-bot 22."""

    def __init__(self, recorder: ApiRecorder) -> None:
        super().__init__(connection_pool_size=16)
        self.recorder = recorder

    async def do_request(
        self, url: str, method: str, request_data: Any = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        if api_method != "getUpdates":
            self.recorder.calls.append((api_method, params))
        pending_faults = self.recorder.faults.get(api_method)
        if pending_faults:
            code, body = pending_faults.pop(0)
            return code, json.dumps(body).encode()
        if api_method in UNSUPPORTED_BY_EMULATOR:
            return 200, json.dumps({"ok": True, "result": True}).encode()
        code, payload = await super().do_request(url, method, request_data, **kwargs)
        if code != 200:
            return code, payload
        body = json.loads(payload)
        result = body.get("result")
        if api_method == "getMe" and isinstance(result, dict):
            result.setdefault("is_bot", True)
        if result is None and api_method.startswith(("edit", "answer", "delete", "set")):
            body["result"] = True
        for item in result if isinstance(result, list) else [result]:
            if isinstance(item, dict):
                _fix_date(item)
                _fix_date(item.get("message"))
                callback = item.get("callback_query")
                if isinstance(callback, dict):
                    callback.setdefault("chat_instance", "test")
                    _fix_date(callback.get("message"))
        if api_method == "getUpdates" and not result:
            # The emulator answers at once instead of long polling; do not spin the CPU.
            await asyncio.sleep(0.05)
        return code, json.dumps(body).encode()


def _fix_date(message: Any) -> None:
    if not isinstance(message, dict):
        return
    # The emulator stamps bot messages in milliseconds; the Bot API uses seconds.
    if isinstance(message.get("date"), int) and message["date"] > 10**11:
        message["date"] //= 1000
    # It echoes form-encoded JSON fields of sent messages back as strings.
    for key in ("link_preview_options", "entities"):
        if isinstance(message.get(key), str):
            message[key] = json.loads(message[key])
