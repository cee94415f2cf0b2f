"""`make bench-scale`: how many people at once one instance serves with p95 under 1 s.

Three set-ups through the same timed load (bench/scale_load.py), one after the other so
they never share the CPU: ours on one Rasa instance with SQLite (as `make run`), ours on
two Rasa instances on PostgreSQL + Redis behind nginx (as `make prod-local`), and Rasa's
moodbot (`rasa init`) on one instance with the same SQLite tracker store as the yardstick
of what Rasa itself costs per message on this machine. Also memory per process and how
latency grows with conversation length. Writes docs/scale.png.

BENCH_SCALE_LEVELS (e.g. "1,4") and BENCH_SCALE_SECONDS shorten a smoke run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import httpx

from bench import scale_load
from bench.bench_system import rss_mb
from bench.bench_turn import moodbot
from bench.local_stack import local_stack
from bench.scale_load import Level
from runner import prod_local
from settings import REPO_ROOT
from testing.ports import free_port

LEVELS = [int(x) for x in os.environ.get("BENCH_SCALE_LEVELS", "1,4,8,16,24,32").split(",")]
# Seconds per level: 15 s holds 300-700 messages, enough for a p95, and keeps the whole
# bench (three set-ups, six levels, start-ups) under ten minutes on two cores.
SECONDS = float(os.environ.get("BENCH_SCALE_SECONDS", "15"))
LIMIT_MS = 1000.0
RATIO_AT = 16  # issue 24: ours / moodbot throughput at 16 people, target >= 0.6
OURS_1 = "ours, 1 instance SQLite"
OURS_2 = "ours, 2 instances PostgreSQL"
MOOD = "moodbot, 1 instance"


def growth(url: str, turns: int = 60) -> List[Tuple[int, float]]:
    """Latency of message n in one long conversation (small talk after the profile)."""
    sender = f"long-{uuid.uuid4().hex[:8]}"
    points = []
    with httpx.Client(timeout=60) as client:
        for n in range(1, turns + 1):
            text = "wat verdient een lasser?" if n % 2 else "en hoe lang duurt de opleiding?"
            t0 = time.perf_counter()
            client.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text})
            points.append((n, (time.perf_counter() - t0) * 1000))
    return points


def single_sqlite() -> Tuple[List[Level], List[Tuple[int, float]], Dict[str, float]]:
    with local_stack() as stack:
        rows = scale_load.measure(stack.rasa_url, LEVELS, SECONDS, scale_load.ours)
        points = growth(stack.rasa_url)
        memory = {s.name: rss_mb(p.pid)
                  for s, p in zip(stack.services, stack.processes, strict=True)}
        return rows, points, memory


def _quiet(_line: str) -> None:
    """Drops service output: the benchmark prints only its report."""


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Children of the topology start (the knowledge build) inherit file descriptor 1, which
    is this report; their progress lines go to stderr instead."""
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def two_postgres() -> Tuple[List[Level], Dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        t = prod_local.plan({**os.environ, "DATA_DIR": tmp},
                            pick_port=lambda _default: free_port())
        prod_local.SINK = _quiet
        try:
            with _stdout_to_stderr():
                prod_local.start_all(t, with_web=False)
            rows = scale_load.measure(t.lb_url, LEVELS, SECONDS, scale_load.ours)
            memory = {n: rss_mb(p.pid) for n, p in t.processes.items()
                      if n.startswith(("rasa", "actions"))}
            return rows, memory
        finally:
            prod_local.stop_all(t)


def mood() -> Tuple[List[Level], float]:
    with moodbot() as (url, process, _init_seconds):
        rows = scale_load.measure(url, LEVELS, SECONDS, scale_load.moodbot)
        return rows, rss_mb(process.pid)


def plot(series: Dict[str, List[Level]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers and CI
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for name, rows in series.items():
        people = [r.people for r in rows]
        a.plot(people, [r.p95_ms for r in rows], marker="o", label=name)
        b.plot(people, [r.throughput_msg_s for r in rows], marker="o", label=name)
    a.axhline(LIMIT_MS, color="grey", linestyle=":", label="p95 limit 1 s")
    a.set_xlabel("people chatting at once")
    a.set_ylabel("p95 latency per message (ms)")
    a.legend(fontsize=7)
    b.set_xlabel("people chatting at once")
    b.set_ylabel("messages per second")
    b.set_ylim(bottom=0)  # ratios between set-ups read right only from zero
    for axis in (a, b):
        axis.set_xticks(LEVELS)
    b.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def table(rows: List[Level]) -> str:
    out = ["| people at once | msg/s | p50 ms | p95 ms | messages | conversations | errors |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        out.append(f"| {r.people} | {r.throughput_msg_s:.1f} | {r.p50_ms:.0f} | "
                   f"{r.p95_ms:.0f} | {r.messages} | {r.conversations} | {r.errors} |")
    return "\n".join(out)


def _capacity_text(rows: List[Level]) -> str:
    people = scale_load.capacity(rows, LIMIT_MS)
    if people == 0:
        return "none (p95 over 1 s already at the first level)"
    return f"{people}" + (" or more (highest level measured)" if people == rows[-1].people
                          else "")


def _at(rows: List[Level], people: int) -> Level | None:
    return next((r for r in rows if r.people == people), None)


def summary(series: Dict[str, List[Level]]) -> str:
    out = ["| set-up | capacity: most people at once with p95 < 1 s | "
           f"msg/s at {RATIO_AT} | p95 ms at {RATIO_AT} |", "| --- | --- | --- | --- |"]
    for name, rows in series.items():
        row = _at(rows, RATIO_AT)
        out.append(f"| {name} | {_capacity_text(rows)} | "
                   + (f"{row.throughput_msg_s:.1f} | {row.p95_ms:.0f} |" if row else "- | - |"))
    ours, yardstick = _at(series[OURS_1], RATIO_AT), _at(series[MOOD], RATIO_AT)
    if ours and yardstick and yardstick.throughput_msg_s:
        ratio = ours.throughput_msg_s / yardstick.throughput_msg_s
        met = ratio >= 0.6 and ours.p95_ms < LIMIT_MS
        out.append(f"\nOurs / moodbot throughput at {RATIO_AT} people on one instance: "
                   f"**{ratio:.2f}** (ours p95 {ours.p95_ms:.0f} ms); issue 24 target "
                   f">= 0.6 with p95 < 1 s: **{'met' if met else 'not met'}**.")
    return "\n".join(out)


def main() -> None:
    sqlite_rows, points, sqlite_mem = single_sqlite()
    mood_rows, mood_mem = mood()
    pg_rows, pg_mem = two_postgres()
    series = {OURS_1: sqlite_rows, OURS_2: pg_rows, MOOD: mood_rows}
    plot(series, REPO_ROOT / "docs" / "scale.png")
    first = sum(p[1] for p in points[:10]) / 10
    last = sum(p[1] for p in points[-10:]) / 10
    print("## Scale (`make bench-scale`)\n")
    print(f"Per level, that many simulated people chat at once for {SECONDS:.0f} s over REST, "
          "each starting a new conversation when one ends (bench/scale_load.py). Ours: the "
          "bench/load.py personas (profile, a choice, next steps). Moodbot: Rasa's `rasa init` "
          "bot on the same SQLite tracker store, nine messages per conversation, as the "
          "yardstick of Rasa's own cost per message. msg/s counts replies inside the window; "
          "set-ups run one after another, never at the same time.\n")
    print(summary(series) + "\n")
    for name, rows in series.items():
        print(f"### {name}\n\n{table(rows)}\n")
    print("### Memory per process (RSS, MB)\n")
    memory = {**{f"single {k}": v for k, v in sqlite_mem.items()},
              **{f"prod {k}": v for k, v in pg_mem.items()}, "moodbot rasa": mood_mem}
    for name, mb in memory.items():
        print(f"- {name}: {mb:.0f}")
    print(f"\n### Conversation length\n\nOne conversation, one instance SQLite: mean latency "
          f"of messages 1-10 {first:.0f} ms; messages {len(points) - 9}-{len(points)} "
          f"{last:.0f} ms.\n")
    print("![p95 and throughput against people at once](scale.png)\n")


if __name__ == "__main__":
    main()
