"""Readability of the advice as delivered: people from every province talk to a real Rasa
and action server over REST (``testing/advice_run.py``); the advice turns (from the
recommendations on) and the FAQ answers are measured with Flesch-Douma
(206.84 - 0.77 x syllables per 100 words - 0.93 x words per sentence) and the share of
sentences over 15 words. Targets (issue 12): Flesch-Douma >= 75, at most 5 % long
sentences, no turn after the recommendations over about 120 words.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

import requests

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.local_stack import local_stack  # noqa: E402
from testing.advice_run import PEOPLE, play, readability, words  # noqa: E402

PHASES = ("recommendations", "intro", "routes", "funding", "next_steps", "faq", "again")


class _Rest:
    """The REST channel and the tracker API of a running stack, as advice_run needs."""

    def __init__(self, rasa_url: str, token: str) -> None:
        self.rasa_url, self.token = rasa_url, token

    def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None,
             timeout: float = 60) -> list[dict[str, Any]]:
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": text}, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict[str, Any]:
        response = requests.get(f"{self.rasa_url}/conversations/{sender}/tracker",
                                params={"token": self.token}, timeout=60)
        response.raise_for_status()
        return response.json()

    @staticmethod
    def new_sender(prefix: str = "test") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:12]}"


def main() -> None:
    with local_stack() as stack:
        rest = _Rest(stack.rasa_url, stack.settings["RASA_API_TOKEN"])
        runs = [play(rest, person) for person in PEOPLE]
    by_phase = {phase: [t.text for r in runs for t in r.phase(phase)] for phase in PHASES}
    advice = [text for phase in PHASES if phase != "faq" for text in by_phase[phase]]
    faq = by_phase["faq"]
    after = [t.text for r in runs for t in r.after_recommendations()]
    longest = max((len(words(t)) for t in after), default=0)
    rows = []
    for label, texts in (("advice turns (recommendations to next steps, again)", advice),
                         ("FAQ answers", faq), ("all of them", advice + faq)):
        m = readability(texts)
        rows.append(f"| {label} | {len(texts)} | {m['sentences']} | {m['flesch_douma']:.1f} "
                    f"| {100 * m['long_share']:.1f} % |")
    total = readability(advice + faq)
    ok = total["flesch_douma"] >= 75 and total["long_share"] <= 0.05 and longest <= 125
    print("## Readability of the advice (Flesch-Douma)\n")
    print("Command: `make bench` (module `bench/bench_readability.py`): "
          f"{len(runs)} people, one from every province, over REST.\n")
    print("| texts | turns | sentences | Flesch-Douma | sentences > 15 words |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\nLongest turn after the recommendations: {longest} words. Targets: "
          "Flesch-Douma >= 75, <= 5 % long sentences, turns <= about 120 words: "
          f"**{'met' if ok else 'NOT met'}**.")


if __name__ == "__main__":
    main()
