"""Reading meaning out of Rasa event dicts (shared by the index, transcripts and dossiers)."""

from __future__ import annotations

from typing import Any

# Rasa input channel names -> contract channel values
_CHANNELS = {"socketio": "web", "web": "web", "rest": "rest", "telegram": "telegram"}
FALLBACK_INTENTS = {"nlu_fallback", "out_of_scope"}
FALLBACK_ACTIONS = {"action_default_fallback", "utter_default", "action_two_stage_fallback"}


def custom_payload(event: dict[str, Any]) -> dict[str, Any] | None:
    """The contract payload of a bot event (`data.custom`), or None."""
    data = event.get("data") or {}
    custom = data.get("custom") if isinstance(data, dict) else None
    if isinstance(custom, dict) and custom.get("type"):
        return custom
    return None


def buttons(event: dict[str, Any]) -> list[dict[str, Any]]:
    data = event.get("data") or {}
    found = data.get("buttons") if isinstance(data, dict) else None
    return [b for b in found or [] if isinstance(b, dict)]


def intent_of(event: dict[str, Any]) -> tuple[str | None, float | None]:
    intent = (event.get("parse_data") or {}).get("intent") or {}
    confidence = intent.get("confidence")
    return intent.get("name"), float(confidence) if confidence is not None else None


def entities_of(event: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in (event.get("parse_data") or {}).get("entities") or [] if isinstance(e, dict)]


def metadata_of(event: dict[str, Any]) -> dict[str, Any]:
    meta = event.get("metadata")
    if not isinstance(meta, dict) or not meta:
        meta = (event.get("parse_data") or {}).get("metadata")
    return meta if isinstance(meta, dict) else {}


def channel_of(event: dict[str, Any], sender_id: str) -> str | None:
    """Contract channel (web, telegram, rest) of a user event."""
    meta_channel = metadata_of(event).get("channel")
    if isinstance(meta_channel, str) and meta_channel:
        return meta_channel.lower()[:40]
    if sender_id.startswith("telegram:"):
        return "telegram"
    raw = event.get("input_channel")
    if isinstance(raw, str) and raw:
        return _CHANNELS.get(raw.lower(), raw.lower()[:40])
    return None


def is_fallback_bot(event: dict[str, Any]) -> bool:
    payload = custom_payload(event)
    if payload and payload.get("type") == "fallback":
        return True
    return (event.get("metadata") or {}).get("utter_action") in FALLBACK_ACTIONS
