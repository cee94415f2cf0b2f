"""What an annotation may say: the domain's intents, the FAQ topics of the NLU data, the
entities advisers correct and the contract's value sets with their Dutch labels.

Nothing here copies a value list: intents come from domain.yml, topics from the `faq`
blocks in bot/data, values from contract/values.py and labels from contract/labels.py.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from contract import labels, values

ROOT = Path(__file__).resolve().parents[1]
LEARNED_FILE = "nlu_learned.yml"
# Entities an adviser can correct, in form order. Free text where no value set exists.
ENTITY_KINDS = ("job", "sector", "interest", "education_level", "work_status", "province",
                "place", "profession")
ENTITY_LABELS = {
    "job": "Werk (vrije tekst)", "sector": "Sector", "interest": "Wat iemand leuk vindt",
    "education_level": "Opleiding", "work_status": "Situatie", "province": "Provincie",
    "place": "Woonplaats (vrije tekst)", "profession": "Technisch beroep (vrije tekst)",
}
# Plain Dutch for the intents advisers choose from (names stay the domain's).
INTENT_LABELS = {
    "greet": "groet", "goodbye": "afscheid", "thanks": "bedankt", "affirm": "ja",
    "deny": "nee", "bot_challenge": "vraagt of dit een robot is",
    "out_of_scope": "gaat over iets anders", "english": "schrijft Engels",
    "ask_capabilities": "vraagt wat de assistent kan", "start_profile": "wil beginnen",
    "inform": "vertelt iets over zichzelf", "dont_know": "weet het niet",
    "faq": "stelt een veelgestelde vraag", "choose_profession": "kiest een beroep",
    "other_profession": "wil een ander beroep", "ask_routes": "vraagt hoe je het wordt",
    "ask_funding": "vraagt naar geld of subsidie", "ask_next_steps": "vraagt wat nu",
    "make_card": "wil een overstapkaart", "request_human": "wil een adviseur",
    "erase_data": "wil gegevens wissen",
    "nlu_fallback": "niet begrepen (geen bedoeling gevonden)",
}
MAX_FREE_TEXT = 80
SIGNAL_LABELS = {
    "fallback": "Niet begrepen",
    "asked_again": "Zelfde vraag nog een keer gesteld",
    "faq_to_statement": "Antwoord op een vraag die niet gesteld was",
    "cannot_answer": "Kon de vraag niet beantwoorden",
    "low_confidence": "Twijfel bij het lezen",
    "handover_after_misunderstanding": "Vroeg daarna om een adviseur",
}


class VocabularyError(ValueError):
    pass


@dataclass(frozen=True)
class Vocabulary:
    intents: tuple[str, ...]
    topics: tuple[str, ...]
    entities: tuple[str, ...]

    def value_set(self, entity: str) -> tuple[str, ...] | None:
        kind = values.ENTITY_VALUE_SET.get(entity)
        return values.VALUE_SETS[kind] if kind else None

    def options(self, entity: str) -> list[tuple[str, str]]:
        """(value, Dutch label) pairs for a select box; empty for free text."""
        kind = values.ENTITY_VALUE_SET.get(entity)
        return list(labels.names(kind).items()) if kind else []

    def entity(self, raw: Any, text: str) -> dict[str, Any]:
        """One checked entity with its span in `text` (found from the words when missing)."""
        if not isinstance(raw, dict):
            raise VocabularyError("an entity is an object")
        name = str(raw.get("entity") or "")
        if name not in self.entities:
            raise VocabularyError(f"unknown entity: {name[:40]}")
        value = str(raw.get("value") or "").strip()
        allowed = self.value_set(name)
        if allowed is not None and value not in allowed:
            raise VocabularyError(f"unknown value for {name}")
        if not value or len(value) > MAX_FREE_TEXT:
            raise VocabularyError(f"value of {name} must be 1 to {MAX_FREE_TEXT} characters")
        start, end = raw.get("start"), raw.get("end")
        if isinstance(start, int) and isinstance(end, int):
            if not 0 <= start < end <= len(text):
                raise VocabularyError(f"span of {name} is outside the message")
        else:
            start, end = _find(text, str(raw.get("words") or value), name, value)
        words = text[start:end]
        if "[" in words or "]" in words:
            raise VocabularyError("an entity cannot cover hidden personal data")
        return {"entity": name, "value": value, "start": start, "end": end}


def _find(text: str, words: str, name: str, value: str) -> tuple[int, int]:
    candidates = [words]
    kind = values.ENTITY_VALUE_SET.get(name)
    if kind:  # mbo2 is often typed with a space: try the Dutch labels too
        candidates += [labels.label(kind, value, p) for p in labels.PURPOSES]
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate:
            continue
        found = re.search(r"(?<!\w)" + re.escape(candidate) + r"(?!\w)", text, re.IGNORECASE)
        if found:
            return found.start(), found.end()
    raise VocabularyError(f"the words for {name} are not in the message")


@functools.lru_cache(maxsize=4)
def load(root: Path = ROOT) -> Vocabulary:
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8")) or {}
    intents = tuple(i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents")
                    or [])
    entity_names = {e if isinstance(e, str) else next(iter(e))
                    for e in domain.get("entities") or []}
    topics: set[str] = set()
    for path in sorted((root / "bot" / "data").rglob("*.yml")):
        if path.name == LEARNED_FILE:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        blocks = data.get("nlu") if isinstance(data, dict) else None
        for block in blocks or []:
            if not isinstance(block, dict) or block.get("intent") != "faq":
                continue
            topic = (block.get("metadata") or {}).get("topic")
            if isinstance(topic, str):
                topics.add(topic)
    return Vocabulary(intents, tuple(sorted(topics)),
                      tuple(e for e in ENTITY_KINDS if e in entity_names))


def intent_label(name: str) -> str:
    return INTENT_LABELS.get(name, name)
