"""Load tool: complete conversations from many simulated people, over REST.

`python -m bench.load --url http://127.0.0.1:8080 --people 50 --concurrency 8`
Each simulated person answers the profile questions, takes the first recommendation
and reads until next steps arrive. Used by the scale tests and `make bench-scale`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import httpx

from bot.actions.advice_texts import MENU_TITLES
from testing.personas import load_scripts

# Scripts from the one personas file (load_scripts in testing/personas.yml).
PERSONAS: List[List[str]] = load_scripts()


@dataclass
class Result:
    sender: str
    sent: List[str] = field(default_factory=list)
    latencies_ms: List[float] = field(default_factory=list)
    payload_types: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    # perf_counter() when each reply arrived: a timed run counts only replies inside its window.
    finished_at: List[float] = field(default_factory=list)

    @property
    def reached_next_steps(self) -> bool:
        return "next_steps" in self.payload_types


async def send(client: httpx.AsyncClient, url: str, result: Result, text: str,
                metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
    body: Dict[str, Any] = {"sender": result.sender, "message": text}
    if metadata:
        body["metadata"] = metadata
    t0 = time.perf_counter()
    try:
        response = await client.post(f"{url}/webhooks/rest/webhook", json=body)
    except httpx.HTTPError as error:
        result.errors.append(f"{type(error).__name__}")
        return []
    now = time.perf_counter()
    result.latencies_ms.append((now - t0) * 1000)
    result.finished_at.append(now)
    result.sent.append(text)
    if response.status_code >= 500:
        result.errors.append(f"HTTP {response.status_code}")
        return []
    replies = response.json()
    for reply in replies:
        custom = reply.get("custom")
        if isinstance(custom, dict) and custom.get("type"):
            result.payload_types.append(custom["type"])
    return replies


def _first_recommendation(replies: List[Dict[str, Any]]) -> Optional[str]:
    for reply in replies:
        custom = reply.get("custom") or {}
        if custom.get("type") == "recommendations" and custom.get("items"):
            pid = custom["items"][0]["id"]
            return f'/choose_profession{json.dumps({"profession": pid})}'
    return None


def _next_steps_button(replies: List[Dict[str, Any]]) -> Optional[str]:
    """The payload of the "what do I do now" button of the profession introduction."""
    for reply in replies:
        for button in reply.get("buttons") or []:
            if button.get("title") == MENU_TITLES["next_steps"]:
                return button.get("payload")
    return None


async def run_conversation(client: httpx.AsyncClient, url: str, turns: List[str],
                           sender: Optional[str] = None,
                           metadata: Optional[Dict[str, Any]] = None,
                           deadline: Optional[float] = None) -> Result:
    """One persona's conversation; with `deadline` (perf_counter) it stops sending after it,
    so a timed load run ends within one message of its window."""
    result = Result(sender=sender or f"load-{uuid.uuid4().hex}")
    choice: Optional[str] = None

    def late() -> bool:
        return deadline is not None and time.perf_counter() > deadline

    for text in turns:
        if late():
            return result
        replies = await send(client, url, result, text, metadata)
        choice = _first_recommendation(replies) or choice
    if choice and not result.reached_next_steps and not late():
        # The choice brings a short introduction with buttons; next steps are one press on.
        replies = await send(client, url, result, choice, metadata)
        press = _next_steps_button(replies)
        if press and not result.reached_next_steps and not late():
            await send(client, url, result, press, metadata)
    return result


async def run_many(url: str, people: int, concurrency: int,
                   timeout: float = 120) -> List[Result]:
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency * 2)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        async def one(i: int) -> Result:
            async with gate:
                return await run_conversation(client, url, PERSONAS[i % len(PERSONAS)])
        return await asyncio.gather(*(one(i) for i in range(people)))


def summarise(results: List[Result], seconds: float) -> Dict[str, float]:
    latencies = sorted(x for r in results for x in r.latencies_ms)
    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * (len(latencies) - 1)))]
    return {
        "messages": len(latencies),
        "throughput_msg_s": len(latencies) / seconds if seconds else 0.0,
        "p50_ms": statistics.median(latencies) if latencies else 0.0,
        "p95_ms": pct(0.95) if latencies else 0.0,
        "p99_ms": pct(0.99) if latencies else 0.0,
        "errors": sum(len(r.errors) for r in results),
        "completed": sum(r.reached_next_steps for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    start = time.perf_counter()
    results = asyncio.run(run_many(args.url, args.people, args.concurrency))
    print(json.dumps(summarise(results, time.perf_counter() - start), indent=2))


if __name__ == "__main__":
    main()
