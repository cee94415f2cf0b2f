"""Where the time of one turn goes: NLU, action-server round trips, the rest (policies,
tracker store, HTTP), and how big the requests to the action server are.

A small HTTP proxy sits between Rasa and the action server and times every call; NLU is
timed with Rasa's own `/model/parse` for the same text just before the message is sent.
Used by bench/bench_turn.py.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field

import aiohttp
import requests
from aiohttp import web

from testing.ports import free_port


@dataclass
class Call:
    action: str
    ms: float
    request_kb: float
    tracker_events: int


@dataclass
class ActionProxy:
    """Forwards POST /webhook to the action server and records each call."""

    upstream: str
    port: int = field(default_factory=free_port)
    calls: list[Call] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhook"

    def start(self) -> None:
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(30):
            raise RuntimeError("action proxy did not start")

    def _serve(self, ready: threading.Event) -> None:
        state: dict[str, aiohttp.ClientSession] = {}

        async def forward(request: web.Request) -> web.Response:
            body = await request.read()
            data = json.loads(body)
            started = time.perf_counter()
            async with state["session"].post(self.upstream, data=body,
                                    headers={"Content-Type": "application/json"}) as answer:
                payload = await answer.read()
                status = answer.status
            self.calls.append(Call(
                action=str(data.get("next_action")),
                ms=(time.perf_counter() - started) * 1000,
                request_kb=len(body) / 1024,
                tracker_events=len((data.get("tracker") or {}).get("events") or [])))
            return web.Response(body=payload, status=status, content_type="application/json")

        async def main() -> None:
            state["session"] = aiohttp.ClientSession()
            app = web.Application(client_max_size=100 * 1024 * 1024)
            app.router.add_post("/webhook", forward)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", self.port).start()
            ready.set()
            await asyncio.Event().wait()

        asyncio.run(main())


@dataclass
class TurnCost:
    total_ms: float
    nlu_ms: float
    action_calls: int
    action_ms: float
    request_kb: float  # largest request to the action server in this turn


def profile(rasa_url: str, token: str, proxy: ActionProxy,
            messages: list[str]) -> list[TurnCost]:
    sender = f"profile-{uuid.uuid4().hex[:8]}"
    costs = []
    for text in messages:
        started = time.perf_counter()
        requests.post(f"{rasa_url}/model/parse", json={"text": text}, timeout=60,
                      params={"token": token}).raise_for_status()
        nlu_ms = (time.perf_counter() - started) * 1000
        before = len(proxy.calls)
        started = time.perf_counter()
        requests.post(f"{rasa_url}/webhooks/rest/webhook",
                      json={"sender": sender, "message": text}, timeout=120).raise_for_status()
        total_ms = (time.perf_counter() - started) * 1000
        calls = proxy.calls[before:]
        costs.append(TurnCost(total_ms, nlu_ms, len(calls), sum(c.ms for c in calls),
                              max((c.request_kb for c in calls), default=0.0)))
    return costs


def table(costs: list[TurnCost], proxy: ActionProxy) -> str:
    def row(label: str, part: list[TurnCost]) -> str:
        total = statistics.median(c.total_ms for c in part)
        nlu = statistics.median(c.nlu_ms for c in part)
        action = statistics.median(c.action_ms for c in part)
        calls = statistics.mean(c.action_calls for c in part)
        kb = statistics.median(c.request_kb for c in part)
        rest = max(total - nlu - action, 0.0)
        return (f"| {label} | {total:.0f} ms | {nlu:.0f} ms | {calls:.1f} | {action:.0f} ms | "
                f"{kb:.0f} KB | {rest:.0f} ms |")

    lines = ["| messages | turn (median) | NLU alone (/model/parse) | action-server calls per "
             "turn | their round trips | largest request | rest: policies, tracker store, "
             "HTTP |", "| --- | --- | --- | --- | --- | --- | --- |",
             row("1-10", costs[:10])]
    if len(costs) >= 60:
        lines.append(row("51-60", costs[50:60]))
    by_action: dict[str, list[float]] = {}
    for call in proxy.calls:
        by_action.setdefault(call.action, []).append(call.ms)
    lines.append("\nAction-server calls by action (count, median round trip): " + ", ".join(
        f"`{name}` {len(ms)}x {statistics.median(ms):.0f} ms"
        for name, ms in sorted(by_action.items(), key=lambda item: -len(item[1]))) + ".")
    return "\n".join(lines)


def nlu_ms(rasa_url: str, token: str | None, texts: list[str]) -> float:
    """Median time of Rasa's NLU alone (`/model/parse`) over `texts`."""
    times = []
    for text in texts:
        started = time.perf_counter()
        requests.post(f"{rasa_url}/model/parse", json={"text": text}, timeout=60,
                      params={"token": token} if token else {}).raise_for_status()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
