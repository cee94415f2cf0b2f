"""The NLU test set stays apart from the training data and covers every intent."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
_ANNOTATION = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))")


def _examples(path: Path) -> dict[str, set[str]]:
    """{intent: {plain lower-case example}} of one NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: dict[str, set[str]] = {}
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        lines = [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]
        found.setdefault(block["intent"], set()).update(
            _ANNOTATION.sub(r"\1", line).strip().lower() for line in lines)
    return found


def _training() -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {}
    for path in sorted((ROOT / "bot" / "data").rglob("*.yml")):
        for intent, examples in _examples(path).items():
            merged.setdefault(intent, set()).update(examples)
    return merged


def test_no_test_message_is_also_a_training_example():
    # GIVEN the training data and the separate NLU test file
    training = set().union(*_training().values())
    test = set().union(*_examples(ROOT / "tests" / "bot" / "nlu_test.yml").values())
    # WHEN they are compared THEN they share no message
    assert sorted(test & training) == []


def test_the_test_file_has_at_least_200_messages_covering_every_intent():
    # GIVEN the NLU test file
    test = _examples(ROOT / "tests" / "bot" / "nlu_test.yml")
    # THEN it holds 200+ messages and tests every trained intent
    assert sum(len(v) for v in test.values()) >= 200
    assert set(_training()) <= set(test)
