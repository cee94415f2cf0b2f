"""Signals that the assistant handled a user message badly, read from one conversation's
tracker events (issue 25). Pure functions: no database, no Rasa import.

A signal belongs to the user message it follows:

- `fallback`: NLU said nlu_fallback, or the reply was a fallback (custom `{"type":
  "fallback"}`, action_default_fallback and friends);
- `cannot_answer`: the reply "Die vraag kan ik nog niet goed beantwoorden";
- `faq_to_statement`: an FAQ answer to a message that was not a question;
- `asked_again`: the form asked the same `requested_slot` again right after the answer;
- `low_confidence`: intent confidence below the console's threshold;
- `handover_after_misunderstanding`: the person asked for an adviser within two messages
  after one of the signals above (the signal goes on the misunderstood message).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from console import events as ev
from console.masking import PLACEHOLDERS, mask_personal
from contract.values import EXTENSION_PROFILE_SLOTS, PROFILE_SLOTS

SIGNALS = ("fallback", "asked_again", "faq_to_statement", "cannot_answer", "low_confidence",
           "handover_after_misunderstanding")
CANNOT_ANSWER = "die vraag kan ik nog niet goed beantwoorden"
FALLBACK_NLU = {"nlu_fallback"}
FALLBACK_ACTIONS = {"action_default_fallback", "action_two_stage_fallback"}
HANDOVER_INTENTS = {"request_human"}
# NLU entities that describe how a message is put, not what it says: not shown as reading.
_INTERNAL_ENTITIES = {"cue", "language"}
_READ_SLOTS = set(PROFILE_SLOTS) | set(EXTENSION_PROFILE_SLOTS) | {"chosen_profession"}
_QUESTION_WORDS = re.compile(
    r"^\s*(wat|wie|waar|wanneer|waarom|hoe|hoeveel|hoelang|welke?|kan|kun|kunnen|mag|moet|"
    r"is|ben|zijn|heb|heeft|hebben|krijg|word|wordt|zou|doe|doen|bestaat|weet|vind)\b",
    re.IGNORECASE,
)
MAX_ANSWER_CHARS = 300


@dataclass
class _Turn:
    event_id: int
    at: float | None
    data: dict[str, Any]
    requested_before: str | None
    requested_sets: list[Any] = field(default_factory=list)
    bots: list[dict[str, Any]] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    signals: list[str] = field(default_factory=list)


def normalise(masked_text: str) -> str:
    """Grouping form of a masked text: lower case, words only, placeholders kept as one word."""
    text = masked_text.lower()
    for name, placeholder in PLACEHOLDERS.items():
        text = text.replace(placeholder, f" {name.upper()} ".lower())
    return " ".join(re.findall(r"\w+", text))


def group_key(masked_text: str) -> str:
    return hashlib.sha1(normalise(masked_text).encode()).hexdigest()[:16]


def is_question(data: dict[str, Any]) -> bool:
    """The bot's own cue entities when present, else a question mark or a question word."""
    cues = [e.get("value") for e in ev.entities_of(data) if e.get("entity") == "cue"]
    if cues:
        return "question" in cues
    text = str(data.get("text") or "")
    return "?" in text or bool(_QUESTION_WORDS.search(text))


def _turns(rows: list[Any]) -> list[_Turn]:
    """User messages with what followed each of them until the next user message."""
    turns: list[_Turn] = []
    requested: str | None = None
    current: _Turn | None = None
    for row in rows:
        data = row.data
        kind = data.get("event") or row.type_name
        if kind == "user":
            current = _Turn(row.id, row.timestamp, data, requested)
            turns.append(current)
        elif kind == "slot":
            name = data.get("name")
            if name == "requested_slot":
                requested = data.get("value")
                if current is not None:
                    current.requested_sets.append(requested)
            elif current is not None and name in _READ_SLOTS:
                current.slots[name] = data.get("value")
        elif kind == "bot" and current is not None:
            current.bots.append(data)
        elif kind == "action" and current is not None:
            current.actions.append(str(data.get("name") or ""))
        elif kind in ("restart", "session_started", "reset_slots"):
            requested = None
            current = None
    return turns


def _own_signals(turn: _Turn, low_conf: float) -> list[str]:
    intent, confidence = ev.intent_of(turn.data)
    payload_types = {(ev.custom_payload(b) or {}).get("type") for b in turn.bots}
    texts = " ".join(str(b.get("text") or "") for b in turn.bots).lower()
    found: list[str] = []
    if (intent in FALLBACK_NLU or any(ev.is_fallback_bot(b) for b in turn.bots)
            or FALLBACK_ACTIONS & set(turn.actions)):
        found.append("fallback")
    asked = turn.requested_before
    if (asked and asked in turn.requested_sets and "faq_answer" not in payload_types
            and not is_question(turn.data)):
        found.append("asked_again")
    if "faq_answer" in payload_types and not is_question(turn.data):
        found.append("faq_to_statement")
    if CANNOT_ANSWER in texts:
        found.append("cannot_answer")
    # nlu_fallback always has a low confidence: the fallback signal already says it
    if confidence is not None and confidence < low_conf and intent not in FALLBACK_NLU:
        found.append("low_confidence")
    return found


def _asks_for_adviser(turn: _Turn) -> bool:
    intent, _ = ev.intent_of(turn.data)
    return intent in HANDOVER_INTENTS or any(
        a.startswith("action_handover") for a in turn.actions)


def _reading(turn: _Turn) -> dict[str, Any]:
    intent, confidence = ev.intent_of(turn.data)
    topic = (turn.data.get("parse_data") or {}).get("faq_topic") or {}
    answers = [b for b in turn.bots if (b.get("metadata") or {}).get("from") != "adviser"]
    return {
        "intent": intent,
        "confidence": round(confidence, 3) if confidence is not None else None,
        "topic": topic.get("name") if isinstance(topic, dict) else None,
        "entities": [
            {"entity": e.get("entity"), "value": mask_personal(str(e.get("value")))}
            for e in ev.entities_of(turn.data) if e.get("entity") not in _INTERNAL_ENTITIES
        ],
        "slots": {k: (mask_personal(v) if isinstance(v, str) else v)
                  for k, v in turn.slots.items()},
        "asked": turn.requested_before,
        "answer": [mask_personal(str(b.get("text") or ""))[:MAX_ANSWER_CHARS] for b in answers
                   if b.get("text")],
        "answer_types": sorted(t for t in
                               {(ev.custom_payload(b) or {}).get("type") for b in answers} if t),
    }


def find(rows: list[Any], low_conf: float = 0.6) -> list[dict[str, Any]]:
    """Inbox items of one conversation: masked text, signals and reading per bad message.

    `rows` are the conversation's tracker rows in id order (objects with id, type_name,
    timestamp and the parsed `data`, like conversation_store.EventRow).
    """
    turns = _turns(rows)
    for turn in turns:
        turn.signals = _own_signals(turn, low_conf)
    for i, turn in enumerate(turns):
        if not _asks_for_adviser(turn):
            continue
        for previous in (turns[i - 1 : i] + turns[max(0, i - 2) : i - 1])[:2]:
            if previous.signals and "handover_after_misunderstanding" not in previous.signals:
                previous.signals.append("handover_after_misunderstanding")
                break
    items = []
    for turn in turns:
        text = str(turn.data.get("text") or "").strip()
        if not turn.signals or not text or text.startswith("/"):
            continue  # button payloads are the bot's own words, nothing to learn from
        masked = mask_personal(text)[:1000]
        items.append({
            "event_id": turn.event_id, "at": turn.at, "text": masked,
            "group_key": group_key(masked), "signals": turn.signals, "reading": _reading(turn),
        })
    return items
