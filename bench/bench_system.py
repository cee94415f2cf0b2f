"""System numbers of issue 2/4: setup, training, model load, REST latency, memory."""

from __future__ import annotations

import datetime as dt
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List

import requests

from bench.local_stack import local_stack
from settings import REPO_ROOT, child_env, resolve

# A cooperative person's turns; repeated with fresh senders until 200 messages are sent.
CONVERSATION = [
    "hoi",
    "ik werk als kok in een restaurant",
    "ik heb een baan",
    "mbo 2",
    "ik werk graag met mijn handen en vind eten leuk",
    "ik woon in Ede",
    "ja",
]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(cmd: List[str], env: Dict[str, str]) -> float:
    return timed_with_log(cmd, env)[0]


def timed_with_log(cmd: List[str], env: Dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO_ROOT, env=env, check=True, capture_output=True,
                          text=True)
    return time.perf_counter() - start, done.stdout + done.stderr


TRAIN_STEP = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) INFO .* - "
                        r"(Starting to train|Finished training) component '([^']+)'")


def training_phases(log: str) -> List[tuple[str, float]]:
    """Seconds per trained component, from the start and end lines Rasa logs (1 s steps)."""
    started: Dict[str, dt.datetime] = {}
    phases: List[tuple[str, float]] = []
    for line in log.splitlines():
        match = TRAIN_STEP.search(line)
        if not match:
            continue
        when = dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S")
        name = match.group(3)
        if match.group(2).startswith("Starting"):
            started[name] = when
        elif name in started:
            phases.append((name, (when - started.pop(name)).total_seconds()))
    return phases


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    rows: List[str] = []
    env = child_env(resolve())
    warm_setup = timed(["scripts/setup.sh"], env)
    rows.append(f"| warm setup (`scripts/setup.sh`, nothing changed) | {warm_setup:.1f} s |")

    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        python = subprocess.run(["scripts/find-python310.sh"], cwd=REPO_ROOT, text=True,
                                capture_output=True, check=True).stdout.strip()
        start = time.perf_counter()
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin/pip"), "install", "-q", "-r", "requirements.lock"],
                       cwd=REPO_ROOT, check=True, capture_output=True)
        cold_setup = time.perf_counter() - start
    rows.append(f"| cold setup (new venv from requirements.lock, pip cache warm) "
                f"| {cold_setup:.0f} s |")

    with tempfile.TemporaryDirectory() as tmp:
        train_env = {**env, "RASA_CACHE_DIRECTORY": str(Path(tmp) / "cache")}
        cmd = [str(Path(sys.executable).parent / "rasa"), "train", "--data", "bot/data",
               "--domain", "domain.yml", "--config", "config.yml", "--out", tmp,
               "--fixed-model-name", "bench"]
        cold_train, train_log = timed_with_log(cmd, train_env)
        warm_train = timed(cmd, train_env)
    rows.append(f"| training, empty cache | {cold_train:.0f} s |")
    for name, seconds in training_phases(train_log):
        rows.append(f"| of which training `{name}` | {seconds:.0f} s |")
    rows.append(f"| training, nothing changed (cache hit) | {warm_train:.0f} s |")

    with local_stack() as stack:
        rows.append(f"| Rasa server start incl. model load | {stack.load_seconds:.1f} s |")
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        for text in CONVERSATION:  # warm-up
            requests.post(url, json={"sender": "warm", "message": text}, timeout=60)
        latencies: List[float] = []
        while len(latencies) < 200:
            sender = f"bench-{uuid.uuid4().hex[:8]}"
            for text in CONVERSATION:
                if len(latencies) >= 200:
                    break
                t0 = time.perf_counter()
                r = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
                latencies.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
        rows.append(f"| REST latency, 200 messages in profile conversations: p50 / p95 / max "
                    f"| {statistics.median(latencies):.0f} / {percentile(latencies, 0.95):.0f}"
                    f" / {max(latencies):.0f} ms |")
        for service, process in zip(stack.services, stack.processes, strict=True):
            rows.append(f"| resident memory, {service.name} server | "
                        f"{rss_mb(process.pid):.0f} MB |")

    print("## System (setup, training, serving)\n")
    print("Command: `make bench` (module `bench/bench_system.py`).\n")
    print("| measure | value |\n| --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
