"""`python -m bench.capacity_vs_moodbot [PEOPLE_AT_ONCE]`: one Rasa instance of ours against
Rasa's moodbot (`rasa init`, same SQLite tracker store type), both through REST with the
same number of people talking at once (default 16), two rounds each.

Prints one JSON line per round: messages per second and latency percentiles. Not part of
`make bench` (about five minutes); the numbers of issue 24 came from it.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid

import httpx

from bench.bench_turn import MOODBOT_TURNS, moodbot
from bench.load import run_many, summarise
from bench.local_stack import local_stack

PEOPLE_PER_ROUND = 32
ROUNDS = 2


async def moodbot_people(url: str, people: int, at_once: int) -> list[float]:
    """Latencies (ms) of `people` moodbot conversations, `at_once` at a time."""
    gate, latencies = asyncio.Semaphore(at_once), []
    async with httpx.AsyncClient(timeout=300) as client:
        async def one() -> None:
            async with gate:
                sender = uuid.uuid4().hex
                for text in MOODBOT_TURNS:
                    started = time.perf_counter()
                    response = await client.post(f"{url}/webhooks/rest/webhook",
                                                 json={"sender": sender, "message": text})
                    response.raise_for_status()
                    latencies.append((time.perf_counter() - started) * 1000)
        await asyncio.gather(*[one() for _ in range(people)])
    return latencies


def _line(bot: str, latencies: list[float], seconds: float) -> str:
    ordered = sorted(latencies)
    return json.dumps({"bot": bot, "messages": len(ordered),
                       "throughput_msg_s": round(len(ordered) / seconds, 1),
                       "p50_ms": round(ordered[len(ordered) // 2]),
                       "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))])})


def main(argv: list[str]) -> int:
    at_once = int(argv[0]) if argv else 16
    with moodbot() as (url, _process, _init_seconds):
        asyncio.run(moodbot_people(url, 4, 4))  # warm-up
        for _ in range(ROUNDS):
            started = time.perf_counter()
            latencies = asyncio.run(moodbot_people(url, PEOPLE_PER_ROUND, at_once))
            print(_line("moodbot", latencies, time.perf_counter() - started), flush=True)
    with local_stack() as stack:
        asyncio.run(run_many(stack.rasa_url, 4, 4, timeout=300))  # warm-up
        for _ in range(ROUNDS):
            started = time.perf_counter()
            results = asyncio.run(run_many(stack.rasa_url, PEOPLE_PER_ROUND, at_once,
                                           timeout=600))
            summary = summarise(results, time.perf_counter() - started)
            print(json.dumps({"bot": "ours", **{k: round(v, 1) for k, v in summary.items()}}),
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
