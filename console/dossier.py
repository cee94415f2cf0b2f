"""Handover dossier in B1 Dutch, built from slots and payloads so the adviser can skip the chat."""

from __future__ import annotations

import re
from typing import Any

from console import events as ev
from contract import labels

# Value labels come from the contract module.
SECTOR_NAMES = labels.names("sector")
INTEREST_NAMES = labels.names("interest")
WORK_STATUS = labels.names("work_status")
# Worries a person may raise. The topic comes from the same recogniser the bot uses for its
# FAQ answers (knowledge.recognise_faq_topic) on messages classified as a question; whole-word
# keywords are the fallback when the knowledge base is not available.
BLOCKERS: dict[str, tuple[str, str]] = {
    "leeftijd": ("Leeftijd: vraagt of die niet te oud is.", r"te oud|leeftijd|jaar oud"),
    "taalniveau": ("Taal: twijfelt over het Nederlands.", r"nederlands|taal|taalniveau"),
    "geld": ("Geld: vraagt naar kosten, salaris of inkomen tijdens het leren.",
             r"kost\w*|betalen|salaris|verdien\w*|geld|uitkering"),
    "fysiek": ("Lichaam: vraagt of het werk zwaar is.", r"zwaar|rug|fysiek|lichamelijk"),
    "diploma": ("Diploma: heeft geen of een laag diploma.", r"geen diploma|diploma"),
    "tijd": ("Tijd: wil leren naast werk of zorg (deeltijd).", r"deeltijd|naast mijn werk"),
}
_KEYWORDS = {key: re.compile(rf"\b(?:{words})\b") for key, (_, words) in BLOCKERS.items()}
_TOPIC_TO_BLOCKER = {
    "leeftijd": "leeftijd", "taalniveau": "taalniveau", "kosten": "geld", "salaris": "geld",
    "verdienen_tijdens_leren": "geld", "uitkering_behouden": "geld", "fysiek": "fysiek",
    "geen_diploma": "diploma", "deeltijd": "tijd",
}


def _faq_topic(text: str) -> str | None:
    try:
        import knowledge

        return knowledge.recognise_faq_topic(text)
    except Exception:  # knowledge base missing or broken: use the keywords
        return None


def _is_question(intent: str | None) -> bool:
    return bool(intent) and (intent == "faq" or intent.startswith("faq_"))


def _blockers(user_events: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for event in user_events:
        name, _ = ev.intent_of(event)
        text = (event.get("text") or "").lower()
        key = None
        if _is_question(name):
            key = _TOPIC_TO_BLOCKER.get(_faq_topic(text) or "")
            if key is None:  # intents like faq_leeftijd name their topic
                key = next((k for t, k in _TOPIC_TO_BLOCKER.items() if name.endswith(t)), None)
        if key is None:
            key = next((k for k, pattern in _KEYWORDS.items() if pattern.search(text)), None)
        if key and key not in found:
            found.append(key)
    return [BLOCKERS[k][0] for k in found]


def build_dossier(event_dicts: list[dict[str, Any]], slots: dict[str, Any]) -> dict[str, Any]:
    """Short B1 summary lines plus the shortlisted professions and next steps."""
    lines: list[str] = []
    job, sector = slots.get("current_job"), slots.get("current_sector")
    if job:
        lines.append(f"Werk nu of laatst als {job}"
                     + (f" ({SECTOR_NAMES.get(sector, sector)})." if sector else "."))
    elif sector:
        lines.append(f"Werkt nu in de sector {SECTOR_NAMES.get(sector, sector)}.")
    status = slots.get("work_status")
    if status:
        lines.append("Situatie: " + WORK_STATUS.get(status, status) + ".")
    place = slots.get("municipality")
    if slots.get("region"):
        province = labels.label("province", slots["region"])
        lines.append("Woont in " + (f"{place}, " if place else "") + f"provincie {province}.")
    interests = slots.get("interests") or []
    if interests:
        names = [INTEREST_NAMES.get(i, i) for i in interests]
        lines.append("Vindt leuk: " + ", ".join(names) + ".")
    if slots.get("education_level"):
        level = labels.label("education_level", slots["education_level"])
        lines.append(f"Hoogste opleiding: {level}.")
    if slots.get("learn_while_earning") is True:
        lines.append("Wil blijven verdienen tijdens het leren.")
    recommended: list[dict[str, Any]] = []
    next_steps: list[str] = []
    contact: dict[str, Any] | None = None
    user_events: list[dict[str, Any]] = []
    for event in event_dicts:
        if event.get("event") == "user":
            user_events.append(event)
        payload = ev.custom_payload(event) if event.get("event") == "bot" else None
        if not payload:
            continue
        if payload["type"] == "recommendations":
            recommended = [
                {"id": i.get("id"), "name": i.get("name") or i.get("id")}
                for i in payload.get("items") or [] if isinstance(i, dict)
            ]
        elif payload["type"] == "next_steps":
            next_steps = [str(s) for s in payload.get("steps") or []]
            contact = payload.get("contact") if isinstance(payload.get("contact"), dict) else None
    chosen = slots.get("chosen_profession")
    if chosen:
        names = {p["id"]: p["name"] for p in recommended}
        lines.append(f"Wil het meest weten over: {names.get(chosen, chosen)}.")
    blockers = _blockers(user_events)
    return {
        "lines": lines or ["Nog geen profiel ingevuld."],
        "recommended": recommended,
        "blockers": blockers,
        "next_steps": next_steps,
        "contact": contact,
        "consent": slots.get("handover_consent"),
        "contact_preference": slots.get("handover_contact"),
    }
