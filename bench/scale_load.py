"""Timed load for `make bench-scale`: `level` people chat at once for a fixed window.

Each simulated person starts a new conversation as soon as the last one ends, so the
number of people at once stays at `level` for the whole window (a fixed batch of
conversations would thin out at its tail and understate the load). Throughput counts the
replies that arrived inside the window; latency percentiles also include the messages in
flight when the window closed, because those people waited too.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from typing import Awaitable, Callable, List

import httpx

from bench.bench_turn import MOODBOT_TURNS
from bench.load import PERSONAS, Result, run_conversation, send, summarise

# (client, url, conversation number, deadline) -> one conversation's result.
Converse = Callable[[httpx.AsyncClient, str, int, float], Awaitable[Result]]


@dataclass
class Level:
    people: int
    throughput_msg_s: float
    p50_ms: float
    p95_ms: float
    messages: int
    errors: int
    conversations: int


async def ours(client: httpx.AsyncClient, url: str, n: int, deadline: float) -> Result:
    """A persona of bench/load.py: profile questions, a choice, next steps."""
    return await run_conversation(client, url, PERSONAS[n % len(PERSONAS)], deadline=deadline)


async def moodbot(client: httpx.AsyncClient, url: str, n: int, deadline: float) -> Result:
    """The same nine messages bench_turn sends Rasa's moodbot (`rasa init`)."""
    result = Result(sender=f"mood-{uuid.uuid4().hex}")
    for text in MOODBOT_TURNS:
        if time.perf_counter() > deadline:
            break
        await send(client, url, result, text)
    return result


async def _window(url: str, people: int, seconds: float, converse: Converse) -> Level:
    results: List[Result] = []
    limits = httpx.Limits(max_connections=people * 2)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        start = time.perf_counter()
        deadline = start + seconds

        async def person(i: int) -> None:
            n = i
            while time.perf_counter() < deadline:
                results.append(await converse(client, url, n, deadline))
                n += people  # people take different personas, not all the same one

        await asyncio.gather(*(person(i) for i in range(people)))
    inside = sum(1 for r in results for t in r.finished_at if t <= deadline)
    summary = summarise(results, seconds)
    return Level(people=people, throughput_msg_s=inside / seconds,
                 p50_ms=summary["p50_ms"], p95_ms=summary["p95_ms"],
                 messages=int(summary["messages"]), errors=int(summary["errors"]),
                 conversations=len(results))


def measure(url: str, levels: List[int], seconds: float, converse: Converse) -> List[Level]:
    """One window per level, after a short warm-up (the first turns after loading a model
    are slow and would otherwise land in the one-person row)."""
    asyncio.run(_window(url, 2, min(seconds, 4.0), converse))
    return [asyncio.run(_window(url, people, seconds, converse)) for people in levels]


def capacity(rows: List[Level], limit_ms: float = 1000.0) -> int:
    """Most people at once before the first level whose p95 reaches the limit (0: none)."""
    best = 0
    for row in rows:
        if row.p95_ms >= limit_ms or row.errors:
            break
        best = row.people
    return best
