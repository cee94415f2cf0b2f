"""What NLU read in one message, for the actions to decide on.

Built from the parse data alone (intent, entities, FAQ topic): the actions never read the
person's text again. The entities come from DIET, button payloads and the knowledge
component (bot/components/knowledge_entities.py), whose `cue` entities say how the
message is put (a question, a yes, a correction, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

KNOWLEDGE = "KnowledgeEntityExtractor"
# Below this a place or job is a guess (a typo-tolerant or partial match): it is confirmed
# with the person and never replaces a value they gave plainly.
SURE = 0.8


@dataclass
class Reading:
    intent: Optional[str] = None
    confidence: float = 0.0
    entities: list[dict[str, Any]] = field(default_factory=list)
    faq_topic: Optional[str] = None
    faq_confidence: float = 0.0
    is_payload: bool = False

    @classmethod
    def of(cls, parse_data: Optional[dict[str, Any]]) -> Reading:
        data = parse_data or {}
        intent = data.get("intent") or {}
        topic = data.get("faq_topic") or {}
        text = str(data.get("text") or "")
        return cls(intent=intent.get("name"), confidence=float(intent.get("confidence") or 0),
                   entities=list(data.get("entities") or []),
                   faq_topic=topic.get("name") if isinstance(topic, dict) else None,
                   faq_confidence=float(topic.get("confidence") or 0)
                   if isinstance(topic, dict) else 0.0,
                   is_payload=text.startswith("/"))

    # --- how the message is put -------------------------------------------------------
    def has(self, cue: str) -> bool:
        return any(e.get("entity") == "cue" and e.get("value") == cue for e in self.entities)

    @property
    def is_question(self) -> bool:
        return self.has("question")

    @property
    def is_statement(self) -> bool:
        """A short statement, not a question: "bijstand", "geen diploma", "Den Haag"."""
        return self.has("short_answer") and not self.is_question

    @property
    def is_start_request(self) -> bool:
        return self.has("start_request")

    @property
    def is_empty(self) -> bool:
        return not self.entities and not self.intent

    # --- facts --------------------------------------------------------------------------
    def all(self, name: str, *, told: bool = True, loose: bool = False,
            source: Optional[str] = None) -> list[dict[str, Any]]:
        """Entities `name`. told: not mentioned inside a question; loose: include backup
        word matches; source: "knowledge" or "other" (DIET and buttons)."""
        found = []
        for e in self.entities:
            if e.get("entity") != name or e.get("value") in (None, ""):
                continue
            role = e.get("role")
            if told and role == "asked":
                continue
            if not loose and role in ("loose", "ordinal"):
                continue
            from_knowledge = e.get("extractor") == KNOWLEDGE
            if source == "knowledge" and not from_knowledge:
                continue
            if source == "other" and from_knowledge:
                continue
            found.append(e)
        return found

    def first(self, name: str, **kwargs: Any) -> Optional[dict[str, Any]]:
        found = self.all(name, **kwargs)
        return found[0] if found else None

    def value(self, name: str, **kwargs: Any) -> Any:
        found = self.first(name, **kwargs)
        return found.get("value") if found else None

    def values(self, name: str, **kwargs: Any) -> list[Any]:
        return list(dict.fromkeys(e["value"] for e in self.all(name, **kwargs)))

    def role_value(self, name: str, role: str) -> Any:
        for e in self.entities:
            if e.get("entity") == name and e.get("role") == role:
                return e.get("value")
        return None

    def job(self) -> Optional[dict[str, Any]]:
        e = self.first("job", source="knowledge")
        if not e:
            return None
        return {"label": e["value"], "esco_uri": e.get("esco_uri"), "sector": e.get("sector"),
                "isco08": e.get("isco08"), "confidence": e.get("confidence_entity", 0.5),
                "described": bool(e.get("described"))}

    def place(self) -> Optional[dict[str, Any]]:
        e = self.first("place", source="knowledge")
        if not e:
            return None
        return {"municipality": e["value"], "province": e.get("province"),
                "confidence": e.get("confidence_entity", 0.5)}
