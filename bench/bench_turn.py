"""Cost of one turn, side by side with Rasa's own moodbot on the same machine and store type.

Creates moodbot with `rasa init --no-prompt` in a temporary folder (that also trains it),
runs it and our assistant (Rasa + action server) at the same time, both on a SQLite
SQLTrackerStore, and sends REST messages to the two in turn, so both see the same load
from everything else on the machine. Reports p50/p95 per turn, the ratio, how the cost grows
with conversation length (messages 51-60 against 1-10), tracker size and memory per process.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.bench_system import rss_mb
from bench.local_stack import local_stack
from bench.turn_profile import ActionProxy, nlu_ms, profile, table
from runner import process as proc
from runner.services import Service
from settings import child_env, resolve
from testing.personas import load_scripts
from testing.ports import free_port

CONVERSATIONS = 2  # per assistant
TURNS = 100  # per conversation: 2 x 100 x 2 assistants = 400 messages, 200 each
# After the profile (the first load script), a person keeps asking; cycled to TURNS.
OURS_FOLLOW_UP = [
    "wat verdient een elektromonteur?", "hoe word ik dat?", "wie betaalt de opleiding?",
    "wat moet ik nu doen?", "hoelang duurt zo'n opleiding?", "dank je wel",
]
MOODBOT_TURNS = ["hi", "I am sad", "yes", "great, thanks", "bye", "hello", "very good",
                 "no", "are you a bot?"]
MOODBOT_ENDPOINTS = """tracker_store:
  type: SQL
  dialect: sqlite
  db: {db}
"""


@dataclass
class Series:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    by_position: dict[int, list[float]] = field(default_factory=dict)
    tracker_kb: dict[int, float] = field(default_factory=dict)

    def add(self, position: int, ms: float) -> None:
        self.latencies_ms.append(ms)
        self.by_position.setdefault(position, []).append(ms)

    def window(self, first: int, last: int) -> float:
        values = [v for p in range(first, last + 1) for v in self.by_position.get(p, [])]
        return statistics.median(values) if values else float("nan")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@contextmanager
def moodbot() -> Iterator[tuple[str, subprocess.Popen, float]]:
    """Yields (url, process, seconds `rasa init` took incl. training)."""
    rasa = str(Path(sys.executable).parent / "rasa")
    with tempfile.TemporaryDirectory(prefix="moodbot-") as tmp:
        folder = Path(tmp)
        env = child_env(resolve())
        started = time.perf_counter()
        subprocess.run([rasa, "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder,
                       env=env, check=True, capture_output=True)
        init_seconds = time.perf_counter() - started
        (folder / "endpoints_bench.yml").write_text(
            MOODBOT_ENDPOINTS.format(db=folder / "tracker.db"), encoding="utf-8")
        port = free_port()
        service = Service(
            name="moodbot",
            argv=[rasa, "run", "--model", str(folder / "models"), "--enable-api",
                  "--endpoints", str(folder / "endpoints_bench.yml"),
                  "--credentials", str(folder / "credentials.yml"), "-i", "127.0.0.1",
                  "-p", str(port)],
            env=env, port=port, port_setting="", health_path="/")
        log: list[str] = []
        process = proc.start(service, log.append)
        try:
            try:
                proc.wait_healthy(service, process, 600)
            except (RuntimeError, TimeoutError) as error:
                raise RuntimeError("\n".join([str(error), *log[-40:]])) from error
            yield f"http://127.0.0.1:{port}", process, init_seconds
        finally:
            proc.stop([process])


def script(turns: list[str], follow_up: list[str]) -> list[str]:
    messages = list(turns)
    while len(messages) < TURNS:
        messages.append(follow_up[(len(messages) - len(turns)) % len(follow_up)])
    return messages[:TURNS]


def ours_texts() -> list[str]:
    return script(load_scripts()[0], OURS_FOLLOW_UP)


def send(url: str, sender: str, text: str) -> float:
    started = time.perf_counter()
    response = requests.post(f"{url}/webhooks/rest/webhook",
                             json={"sender": sender, "message": text}, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed


def tracker_kb(url: str, sender: str, token: str | None) -> float:
    params = {"token": token} if token else {}
    response = requests.get(f"{url}/conversations/{sender}/tracker", params=params, timeout=60)
    response.raise_for_status()
    return len(response.content) / 1024


@dataclass
class Target:
    series: Series
    url: str
    token: str | None
    messages: list[str]


def run_interleaved(targets: list[Target]) -> None:
    """Each conversation position is sent to every target in turn, so all see the same
    background load; first requests warm up lazy loading and are not counted."""
    for warm in range(3):
        for target in targets:
            send(target.url, f"warm-{warm}", target.messages[warm])
    for _conversation in range(CONVERSATIONS):
        senders = [f"bench-{uuid.uuid4().hex[:8]}" for _ in targets]
        for position in range(1, TURNS + 1):
            for target, sender in zip(targets, senders, strict=True):
                target.series.add(position, send(target.url, sender,
                                                 target.messages[position - 1]))
                if position in (10, 60, TURNS):
                    target.series.tracker_kb[position] = tracker_kb(target.url, sender,
                                                                    target.token)


def run(ours_url: str, token: str, mood_url: str) -> tuple[Series, Series]:
    ours, mood = Series("ours"), Series("moodbot")
    run_interleaved([Target(ours, ours_url, token, ours_texts()),
                     Target(mood, mood_url, None, script([], MOODBOT_TURNS))])
    return ours, mood


def main() -> None:
    with local_stack() as stack, moodbot() as (mood_url, mood_process, init_seconds):
        ours, mood = run(stack.rasa_url, stack.settings["RASA_API_TOKEN"], mood_url)
        memory = [(f"ours: {s.name} server", rss_mb(p.pid))
                  for s, p in zip(stack.services, stack.processes, strict=True)]
        memory.append(("moodbot: rasa server", rss_mb(mood_process.pid)))
        nlu = (nlu_ms(stack.rasa_url, stack.settings["RASA_API_TOKEN"], ours_texts()),
               nlu_ms(mood_url, None, MOODBOT_TURNS * 2))
    # Profile in a second run: the proxy that times action calls adds its own hop.
    action_port = free_port()
    proxy = ActionProxy(f"http://127.0.0.1:{action_port}/webhook")
    proxy.start()
    with local_stack({"ACTION_PORT": str(action_port), "ACTION_SERVER_URL": proxy.url}) as stack:
        costs = profile(stack.rasa_url, stack.settings["RASA_API_TOKEN"], proxy,
                        ours_texts()[:60])
    print("## Per turn: ours against Rasa's moodbot\n")
    print(f"Command: `make bench` (module `bench/bench_turn.py`). Both assistants run at the "
          f"same time on a SQLite SQLTrackerStore; {CONVERSATIONS} conversations of {TURNS} "
          f"REST messages each, sent to the two in turn (moodbot made by `rasa init "
          f"--no-prompt`, {init_seconds:.0f} s incl. its training). Ours: the first load "
          "script of testing/personas.yml, then advice questions in a cycle.\n")
    print("| assistant | messages | p50 | p95 | median msg 1-10 | median msg 51-60 | "
          "51-60 / 1-10 | tracker at msg 10 / 60 / 100 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in (ours, mood):
        kb = " / ".join(f"{s.tracker_kb.get(p, 0):.0f} KB" for p in (10, 60, TURNS))
        print(f"| {s.name} | {len(s.latencies_ms)} | {statistics.median(s.latencies_ms):.0f} ms "
              f"| {pct(s.latencies_ms, 0.95):.0f} ms | {s.window(1, 10):.0f} ms | "
              f"{s.window(51, 60):.0f} ms | {s.window(51, 60) / s.window(1, 10):.2f} | {kb} |")
    p95_ratio = pct(ours.latencies_ms, 0.95) / pct(mood.latencies_ms, 0.95)
    p50_ratio = statistics.median(ours.latencies_ms) / statistics.median(mood.latencies_ms)
    length = ours.window(51, 60) / ours.window(1, 10)
    print(f"\nOurs / moodbot: p50 {p50_ratio:.1f}x, p95 {p95_ratio:.1f}x "
          f"(target p95 <= 1.5x: {'met' if p95_ratio <= 1.5 else 'NOT met'}). "
          f"Ours, messages 51-60 / 1-10: {length:.2f} "
          f"(target <= 1.2: {'met' if length <= 1.2 else 'NOT met'}).\n")
    print("| process | resident memory (RSS) after the run |\n| --- | --- |")
    for name, mb in memory:
        print(f"| {name} | {mb:.0f} MB |")
    print(f"\nNLU alone (`/model/parse`, median): ours {nlu[0]:.0f} ms, moodbot {nlu[1]:.0f} ms.\n")
    print("### Where a turn of ours goes\n")
    print("One more conversation of 60 messages, with a timing proxy between Rasa and the "
          "action server (so these turns are a little slower than above).\n")
    print(table(costs, proxy))


if __name__ == "__main__":
    main()
