"""Approved annotations as Rasa NLU training data (issue 25): `python -m console
export-training [--out FILE] [--test-out FILE] [--every N]`.

Texts were masked before they were stored; here each placeholder becomes a neutral phrase
("mijn nummer"), an example with a hidden name is dropped, and a final check drops any
example that still looks like personal data. Every N-th example goes to the NLU test file
instead, so `rasa test nlu` shows what the new examples changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from console.learn_vocab import LEARNED_FILE, ROOT
from console.masking import PLACEHOLDERS, has_personal_data

DEFAULT_OUT = ROOT / "bot" / "data" / LEARNED_FILE
DEFAULT_TEST_OUT = ROOT / "tests" / "bot" / "nlu_learned_test.yml"
# Neutral words for hidden data; None: the example cannot do without it and is dropped.
NEUTRAL = {"email": "mijn mailadres", "phone": "mijn nummer", "postcode": "mijn postcode",
           "address": "mijn straat", "number": "mijn nummer", "name": None}
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))
_BY_TEXT = {v: k for k, v in PLACEHOLDERS.items()}
HEADER = ("# Written by `python -m console export-training` from examples advisers corrected\n"
          "# in the console (learning inbox). Do not edit by hand: correct them in the console.\n")
_EXAMPLE_LINE = re.compile(r"^\s*-\s+(.*)$")
_ANNOTATION = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))")


@dataclass
class ExportReport:
    written: int = 0
    held_out: int = 0
    dropped: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        self.dropped[reason] = self.dropped.get(reason, 0) + 1


def neutralise(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict]] | None:
    """Placeholders replaced by neutral words, entity spans moved along; None when the
    example must go (a hidden name, or an entity on hidden data)."""
    out, last = [], 0
    moved = [dict(e) for e in entities]
    for match in _PLACEHOLDER.finditer(text):
        word = NEUTRAL[_BY_TEXT[match.group(0)]]
        if word is None:
            return None
        for e in moved:
            if e["start"] < match.end() and e["end"] > match.start():
                return None
        out.append(text[last : match.start()])
        out.append(word)
        delta = len(word) - (match.end() - match.start())
        for e, original in zip(moved, entities, strict=True):
            if original["start"] >= match.end():
                e["start"] += delta
                e["end"] += delta
        last = match.end()
    out.append(text[last:])
    return "".join(out), moved


def annotated(text: str, entities: list[dict[str, Any]]) -> str:
    """Rasa's inline form: [words](entity) when the words are the value, else the long form."""
    parts, last = [], 0
    for e in sorted(entities, key=lambda x: x["start"]):
        words = text[e["start"] : e["end"]]
        parts.append(text[last : e["start"]])
        if words == e["value"]:
            parts.append(f"[{words}]({e['entity']})")
        else:
            parts.append(f"[{words}]" + json.dumps({"entity": e["entity"], "value": e["value"]},
                                                   ensure_ascii=False))
        last = e["end"]
    parts.append(text[last:])
    return "".join(parts)


def known_examples(root: Path = ROOT) -> set[str]:
    """Plain lower-case texts of the existing training and test data (never duplicated:
    a test message in the training data would flatter the scores)."""
    files = [p for p in sorted((root / "bot" / "data").rglob("*.yml")) if p.name != LEARNED_FILE]
    files.append(root / "tests" / "bot" / "nlu_test.yml")
    found: set[str] = set()
    for path in files:
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in (data.get("nlu") if isinstance(data, dict) else None) or []:
            if isinstance(block, dict) and isinstance(block.get("examples"), str):
                for line in block["examples"].splitlines():
                    m = _EXAMPLE_LINE.match(line)
                    if m:
                        found.add(_ANNOTATION.sub(r"\1", m.group(1)).strip().lower())
    return found


def _clean(text: str) -> str | None:
    text = " ".join(text.split())  # one line: YAML block scalars keep no newlines
    if not text or any(ch in text for ch in "[]{}()") or text.startswith(("/", "#")):
        return None  # would read as entity markup, a button payload or a comment
    return text


def build(annotations: list[dict[str, Any]], every: int = 5,
          known: set[str] | None = None) -> tuple[str, str, ExportReport]:
    """(training YAML, held-out test YAML, report) from approved annotations."""
    known = known if known is not None else known_examples()
    report = ExportReport()
    blocks: dict[str, dict[tuple[str, str | None], list[str]]] = {"train": {}, "test": {}}
    seen: set[str] = set()
    kept = 0
    for note in annotations:
        result = neutralise(note["text"], note["entities"])
        if result is None:
            report.drop("persoonsgegevens")
            continue
        text, entities = result
        cleaned = _clean(text)
        if cleaned != text:
            report.drop("tekens die Rasa anders leest")
            continue
        if has_personal_data(text):
            report.drop("persoonsgegevens")
            continue
        plain = text.strip().lower()
        if plain in known or plain in seen:
            report.drop("staat al in de trainings- of testdata")
            continue
        seen.add(plain)
        kept += 1
        part = "test" if every > 0 and kept % every == 0 else "train"
        blocks[part].setdefault((note["intent"], note.get("topic")), []).append(
            annotated(text, entities))
        if part == "test":
            report.held_out += 1
        else:
            report.written += 1
    return _yaml(blocks["train"]), _yaml(blocks["test"]), report


def _yaml(blocks: dict[tuple[str, str | None], list[str]]) -> str:
    lines = ['version: "3.1"', HEADER.rstrip("\n")]
    if not blocks:
        return "\n".join(lines + ["nlu: []", ""])
    lines.append("nlu:")
    for (intent, topic), examples in sorted(blocks.items(), key=lambda kv: (kv[0][0],
                                                                           kv[0][1] or "")):
        lines.append(f"- intent: {intent}")
        if topic:
            lines += ["  metadata:", f"    topic: {topic}"]
        lines.append("  examples: |")
        lines += [f"    - {example}" for example in examples]
        lines.append("")
    return "\n".join(lines)


def write(annotations: list[dict[str, Any]], out: Path, test_out: Path,
          every: int = 5) -> ExportReport:
    train, test, report = build(annotations, every)
    for path, text in ((out, train), (test_out, test)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return report
