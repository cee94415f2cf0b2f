"""Understanding benchmark (issue 11): 30 simulated people over REST, plus the parse
time the knowledge NLU component adds.

Prints one markdown section: share of conversations that reach advice without a
repeated bot reply, profile slot accuracy, mid-form questions answered, words per bot
turn, and the component's p50/p95 time per message (target p95 < 5 ms).
"""

from __future__ import annotations

import statistics
import time
import uuid

import requests

from bench.local_stack import local_stack
from testing.people import PEOPLE, is_fallback, slot_score, talk
from testing.people_own_words import PEOPLE_OWN_WORDS

TARGET_P95_MS = 5.0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def component_times(messages: list[str], rounds: int = 5) -> list[float]:
    from bot.components.knowledge_entities import recognise

    recognise("ik ben kok in Utrecht")  # load the knowledge base first
    times = []
    for _ in range(rounds):
        for text in messages:
            start = time.perf_counter()
            recognise(text)
            times.append((time.perf_counter() - start) * 1000)
    return times


def faq_topic_accuracy() -> tuple[float, float, int]:
    """(learned, word patterns, n) on the held-out faq questions of tests/bot/nlu_test.yml,
    the classifier trained as in the model on bot/data/nlu."""
    from rasa.shared.importers.rasa import RasaFileImporter
    from rasa.shared.nlu.training_data.loading import load_data

    from bot.components.faq_patterns import pick_topic
    from bot.components.faq_topic import build_classifier, topic_of

    def pairs(messages: list) -> list[tuple[str, str]]:
        return [(m.get("text"), topic_of(m)) for m in messages
                if m.get("intent") == "faq" and topic_of(m)]

    train = pairs(RasaFileImporter(training_data_paths=["bot/data/nlu"])
                  .get_nlu_data().intent_examples)
    test = pairs(load_data("tests/bot/nlu_test.yml").intent_examples)
    classifier = build_classifier(17).fit([t for t, _ in train], [g for _, g in train])
    learned = sum(classifier.predict([t])[0] == g for t, g in test) / len(test)
    patterns = sum(pick_topic(t) == g for t, g in test) / len(test)
    return learned, patterns, len(test)


def main() -> None:
    results = []
    with local_stack() as stack:
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        token = stack.settings.get("RASA_API_TOKEN", "dev-token-change-me")
        for person in PEOPLE + PEOPLE_OWN_WORDS:
            sender = f"bench-{uuid.uuid4().hex[:10]}"

            def send(text: str, sender: str = sender) -> list[dict]:
                r = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
                r.raise_for_status()
                return r.json()

            conversation = talk(send, person)
            slots = requests.get(f"{stack.rasa_url}/conversations/{sender}/tracker",
                                 params={"token": token}, timeout=30).json()["slots"]
            results.append((person, conversation, slots))
    messages = [text for _, conv, _ in results for text, _ in conv.turns]
    times = component_times(messages)
    n = len(results)
    clean = sum(1 for _, c, _ in results if c.recommended and c.max_repeat() < 2)
    no_triple = sum(1 for _, c, _ in results if c.max_repeat() < 3)
    advised = sum(1 for _, c, _ in results if c.recommended)
    right = sum(slot_score(s, p.expect)[0] for p, _, s in results)
    expected = sum(slot_score(s, p.expect)[1] for p, _, s in results)
    questions = [replies for _, c, _ in results for _, replies in c.question_answers]
    answered = sum(1 for replies in questions if replies and not is_fallback(replies))
    words = [len(t.split()) for _, c, _ in results for t in c.bot_texts()]
    turns = [len(c.turns) for _, c, _ in results]
    asks = [c.max_asks() for _, c, _ in results]
    thrice = sum(1 for a in asks if a >= 3)
    misses = [f"{p.name}: " + ", ".join(f"{k}={s.get(k)!r} (want {v!r})"
                                        for k, v in p.expect.items() if s.get(k) != v)
              for p, _, s in results if slot_score(s, p.expect)[0] < len(p.expect)]
    print("## Understanding (issues 11 and 21)\n")
    print(f"{n} simulated people (testing/people.py, testing/people_own_words.py) over REST; "
          "each reads only the bot's text and buttons and answers in their own words "
          "(multi-fact openers, descriptions of the work instead of a title, interests told "
          "as a story, answers with a worry, loose answers, typos, A2 Dutch, English, "
          "corrections, questions mid-form).\n")
    print("| measure | result |\n| --- | --- |")
    print(f"| reach advice without any repeated bot reply | {clean}/{n} ({clean / n:.0%}) |")
    print(f"| never the same reply three times in a row | {no_triple}/{n} |")
    print(f"| reach the recommendations | {advised}/{n} ({advised / n:.0%}) |")
    print(f"| most times one question was shown (target at most 2) | max {max(asks)}, "
          f"median {statistics.median(asks):.0f} |")
    print(f"| people who saw a question three times or more | {thrice}/{n} |")
    print(f"| expected profile slots right | {right}/{expected} ({right / max(1, expected):.1%}) |")
    print(f"| mid-form questions answered (no fallback) | {answered}/{len(questions)} |")
    print(f"| words per bot turn | median {statistics.median(words):.0f}, max {max(words)} |")
    print(f"| user turns per conversation | median {statistics.median(turns):.0f} |")
    p95 = pct(times, 0.95)
    print(f"| knowledge component per message ({len(times)} parses) | p50 "
          f"{pct(times, 0.5):.2f} ms, p95 {p95:.2f} ms (target < {TARGET_P95_MS:.0f} ms: "
          f"{'met' if p95 < TARGET_P95_MS else 'NOT met'}) |")
    learned, patterns, n_faq = faq_topic_accuracy()
    print(f"| FAQ topic of {n_faq} held-out questions (tests/bot/nlu_test.yml) | learned "
          f"{learned:.3f}, word patterns alone {patterns:.3f} |")
    stuck = [f"{p.name}: last bot text {c.bot_texts()[-1][:100]!r}" if c.bot_texts() else p.name
             for p, c, _ in results if not c.recommended]
    if stuck:
        print("\nDid not reach the recommendations:\n")
        for line in stuck:
            print(f"- {line}")
    if misses:
        print("\nSlots not right:\n")
        for line in misses:
            print(f"- {line}")


if __name__ == "__main__":
    main()
