"""A conversation as turns for the adviser: texts, payloads, NLU intent and confidence."""

from __future__ import annotations

from typing import Any

from console import events as ev
from console.masking import mask_pii
from conversation_store import EventRow, replay_slots

# Slots shown as "profile" (contract section 2 plus our extensions that matter to advisers).
PROFILE_SLOTS = (
    "current_job", "current_job_esco", "current_sector", "work_status", "interests", "region",
    "municipality", "education_level", "learn_while_earning", "chosen_profession",
    "recommended_professions", "campaign", "channel", "handover_requested", "handover_consent",
    "handover_contact",
)
PERSONAL_SLOTS = ("handover_contact", "municipality")


def build_transcript(
    rows: list[EventRow], low_conf: float = 0.6, mask: bool = True
) -> dict[str, Any]:
    """Turns in id order, the profile slots and NLU details per user message."""
    turns: list[dict[str, Any]] = []
    last_user: dict[str, Any] | None = None
    hide = mask_pii if mask else (lambda t: t or "")
    for row in rows:
        data = row.data
        kind = data.get("event") or row.type_name
        if kind == "user":
            intent, confidence = ev.intent_of(data)
            last_user = {
                "kind": "user", "id": row.id, "timestamp": row.timestamp,
                "text": hide(data.get("text")), "intent": intent, "confidence": confidence,
                "entities": [
                    {"entity": e.get("entity"), "value": hide(str(e.get("value")))}
                    for e in ev.entities_of(data)
                ],
                "low_confidence": confidence is not None and confidence < low_conf,
                "fallback": intent in ev.FALLBACK_INTENTS,
                "channel": ev.channel_of(data, row.sender_id),
            }
            turns.append(last_user)
        elif kind == "bot":
            payload = ev.custom_payload(data)
            fallback = ev.is_fallback_bot(data)
            if fallback and last_user is not None:
                last_user["fallback"] = True
            turns.append({
                "kind": "bot", "id": row.id, "timestamp": row.timestamp,
                "text": data.get("text") or "", "payload": payload,
                "buttons": [
                    {"title": b.get("title"), "payload": b.get("payload")}
                    for b in ev.buttons(data)
                ],
                "fallback": fallback,
                "utter_action": (data.get("metadata") or {}).get("utter_action"),
                # live handover: written by an adviser in the console, not the assistant
                "adviser": (data.get("metadata") or {}).get("adviser_name")
                if (data.get("metadata") or {}).get("from") == "adviser" else None,
            })
        elif kind == "session_started":
            turns.append({"kind": "session", "id": row.id, "timestamp": row.timestamp})
    slots = replay_slots(r.data for r in rows)
    profile = {name: slots.get(name) for name in PROFILE_SLOTS if slots.get(name) is not None}
    if mask:
        for name in PERSONAL_SLOTS:
            if isinstance(profile.get(name), str):
                profile[name] = mask_pii(profile[name])
    return {"turns": turns, "slots": profile, "all_slots": slots}
