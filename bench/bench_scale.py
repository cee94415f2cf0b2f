"""`make bench-scale`: throughput and latency at 1, 8 and 32 simultaneous people.

Two set-ups: one Rasa instance on SQLite (as `make run`), and two Rasa instances on
PostgreSQL with Redis behind nginx (as `make prod-local`). Also memory per process
and how latency grows with conversation length. Writes a plot next to the doc.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List, Tuple

import httpx

from bench.bench_system import rss_mb
from bench.load import run_many, summarise
from bench.local_stack import local_stack
from runner import prod_local
from settings import REPO_ROOT
from testing.ports import free_port

LEVELS = (1, 8, 32)
PEOPLE_PER_LEVEL = {1: 6, 8: 24, 32: 64}


def measure(url: str) -> List[Tuple[int, Dict[str, float]]]:
    rows = []
    for level in LEVELS:
        start = time.perf_counter()
        results = asyncio.run(run_many(url, PEOPLE_PER_LEVEL[level], level, timeout=300))
        rows.append((level, summarise(results, time.perf_counter() - start)))
    return rows


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


def single_sqlite() -> Tuple[List[Tuple[int, Dict[str, float]]], List[Tuple[int, float]],
                             Dict[str, float]]:
    with local_stack() as stack:
        rows = measure(stack.rasa_url)
        points = growth(stack.rasa_url)
        memory = {s.name: rss_mb(p.pid)
                  for s, p in zip(stack.services, stack.processes, strict=True)}
        return rows, points, memory


def _quiet(_line: str) -> None:
    """Drops service output: the benchmark prints only its report."""


def two_postgres() -> Tuple[List[Tuple[int, Dict[str, float]]], Dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        t = prod_local.plan({**os.environ, "DATA_DIR": tmp},
                            pick_port=lambda _default: free_port())
        prod_local.SINK = _quiet
        try:
            prod_local.start_all(t, with_web=False)
            rows = measure(t.lb_url)
            memory = {n: rss_mb(p.pid) for n, p in t.processes.items()
                      if n.startswith(("rasa", "actions"))}
            return rows, memory
        finally:
            prod_local.stop_all(t)


def plot(series: Dict[str, List[Tuple[int, Dict[str, float]]]],
         points: List[Tuple[int, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for name, rows in series.items():
        a.plot([r[0] for r in rows], [r[1]["p95_ms"] for r in rows], marker="o",
               label=f"{name} p95")
        a.plot([r[0] for r in rows], [r[1]["p50_ms"] for r in rows], marker=".",
               linestyle="--", label=f"{name} p50")
    a.set_xlabel("simultaneous people")
    a.set_ylabel("latency per message (ms)")
    a.set_xscale("log", base=2)
    a.legend(fontsize=7)
    b.plot([p[0] for p in points], [p[1] for p in points])
    b.set_xlabel("message number in one conversation")
    b.set_ylabel("latency (ms), 1 instance SQLite")
    fig.tight_layout()
    fig.savefig(path, dpi=90)


def table(rows: List[Tuple[int, Dict[str, float]]]) -> str:
    out = ["| people | messages | msg/s | p50 ms | p95 ms | p99 ms | errors | completed |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for level, m in rows:
        out.append(f"| {level} | {m['messages']:.0f} | {m['throughput_msg_s']:.1f} | "
                   f"{m['p50_ms']:.0f} | {m['p95_ms']:.0f} | {m['p99_ms']:.0f} | "
                   f"{m['errors']:.0f} | {m['completed']:.0f} |")
    return "\n".join(out)


def main() -> None:
    sqlite_rows, points, sqlite_mem = single_sqlite()
    pg_rows, pg_mem = two_postgres()
    image = REPO_ROOT / "docs" / "scale.png"
    plot({"1x SQLite": sqlite_rows, "2x PostgreSQL+Redis": pg_rows}, points, image)
    first = sum(p[1] for p in points[:10]) / 10
    last = sum(p[1] for p in points[-10:]) / 10
    print("## Scale (`make bench-scale`)\n")
    print("Complete conversations (bench/load.py personas) over REST.\n")
    print("### One Rasa instance, SQLite tracker store, in-memory lock store\n")
    print(table(sqlite_rows) + "\n")
    print("### Two Rasa instances + two action servers behind nginx, PostgreSQL, Redis\n")
    print(table(pg_rows) + "\n")
    print("### Memory per process (RSS, MB)\n")
    for name, mb in {**{f"single {k}": v for k, v in sqlite_mem.items()},
                     **{f"prod {k}": v for k, v in pg_mem.items()}}.items():
        print(f"- {name}: {mb:.0f}")
    print(f"\n### Conversation length\n\nMean latency of messages 1-10: {first:.0f} ms; "
          f"messages {len(points) - 9}-{len(points)}: {last:.0f} ms.\n")
    print("![latency plot](scale.png)\n")


if __name__ == "__main__":
    main()
