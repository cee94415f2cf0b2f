"""Telegram bridge overhead and fairness: emulator -> bridge -> Rasa -> bridge -> emulator.

Compares the time to the first bot message through the bridge with a direct REST call
for the same messages, then measures many chats at once.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid

import httpx

from bench.local_stack import local_stack
from testing.telegram_emulator import Emulator, running_emulator
from testing.telegram_user import TelegramUser, bridge_settings, running_bridge

MESSAGES = ["hoi", "Ik werk als kok in een restaurant", "Ik woon in Deventer",
            "wat verdient een elektromonteur?"]
SEQUENTIAL_ROUNDS = 5  # 4 messages x 5 chats
CONCURRENT_CHATS = 12
PER_CHAT = 4


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def first_answer(user: TelegramUser, text: str) -> float:
    before = len(user.transcript)
    started = time.perf_counter()
    await user.say(text)
    await user.wait_for(lambda t: len(t) > before, timeout=120)
    elapsed = time.perf_counter() - started
    await user.wait_for_new(before)  # let the rest of the answer arrive before going on
    return elapsed


async def direct(rasa_url: str, texts: list[str]) -> list[float]:
    timings = []
    async with httpx.AsyncClient(timeout=120) as client:
        for _round in range(SEQUENTIAL_ROUNDS):
            sender = f"bench-direct-{uuid.uuid4().hex[:8]}"
            for text in texts:
                started = time.perf_counter()
                response = await client.post(f"{rasa_url}/webhooks/rest/webhook",
                                             json={"sender": sender, "message": text})
                response.raise_for_status()
                timings.append(time.perf_counter() - started)
    return timings


async def through_bridge(emulator: Emulator, rasa_url: str) -> tuple[list[float], dict]:
    settings = bridge_settings(emulator, rasa_url)
    async with running_bridge(settings):
        timings = []
        for _round in range(SEQUENTIAL_ROUNDS):
            user = TelegramUser(emulator, settings.bot_token)
            for text in MESSAGES:
                timings.append(await first_answer(user, text))
            await user.aclose()

        users = [TelegramUser(emulator, settings.bot_token) for _ in range(CONCURRENT_CHATS)]

        async def chat(user: TelegramUser) -> list[float]:
            return [await first_answer(user, text) for text in MESSAGES[:PER_CHAT]]

        started = time.perf_counter()
        per_chat = await asyncio.gather(*(chat(user) for user in users))
        wall = time.perf_counter() - started
        for user in users:
            await user.aclose()
    flat = [t for chat_timings in per_chat for t in chat_timings]
    return timings, {"wall": wall, "latencies": flat,
                     "chat_totals": [sum(t) for t in per_chat]}


def main() -> None:
    with running_emulator() as emulator, local_stack() as stack:
        direct_timings = asyncio.run(direct(stack.rasa_url, MESSAGES))
        bridge_timings, concurrent = asyncio.run(through_bridge(emulator, stack.rasa_url))
    overhead = statistics.median(bridge_timings) - statistics.median(direct_timings)
    n = CONCURRENT_CHATS * PER_CHAT
    print("## Telegram bridge\n")
    print("Messages go emulator (telegram-test-api) -> bridge (long polling) -> Rasa REST -> "
          "bridge -> emulator; the time is until the first bot message is in the emulator. "
          "The emulator answers getUpdates at once (no long poll), so polling adds up to "
          "~50 ms here.\n")
    print("| path | messages | p50 | p95 |")
    print("| --- | --- | --- | --- |")
    print(f"| Rasa REST directly | {len(direct_timings)} | "
          f"{statistics.median(direct_timings) * 1000:.0f} ms | "
          f"{pct(direct_timings, 0.95) * 1000:.0f} ms |")
    print(f"| through the bridge, one chat at a time | {len(bridge_timings)} | "
          f"{statistics.median(bridge_timings) * 1000:.0f} ms | "
          f"{pct(bridge_timings, 0.95) * 1000:.0f} ms |")
    print(f"| through the bridge, {CONCURRENT_CHATS} chats at once | {n} | "
          f"{statistics.median(concurrent['latencies']) * 1000:.0f} ms | "
          f"{pct(concurrent['latencies'], 0.95) * 1000:.0f} ms |")
    totals = concurrent["chat_totals"]
    print(f"\nBridge overhead (median difference, sequential): {overhead * 1000:.0f} ms. "
          f"{CONCURRENT_CHATS} chats x {PER_CHAT} messages at once: {n} answers in "
          f"{concurrent['wall']:.1f} s ({n / concurrent['wall']:.1f} msg/s); the slowest "
          f"chat took {max(totals):.1f} s, the fastest {min(totals):.1f} s.")


if __name__ == "__main__":
    main()
