"""Helpers for action unit tests: rasa_sdk trackers built from JSON fixtures.

The actions run in-process against the real knowledge base and the real domain.yml;
only the Rasa server around them is left out.
"""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def load_fixture(name: str) -> Dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def make_tracker(fixture: str, text: Optional[str] = None, intent: Optional[str] = None,
                 entities: Optional[List[Dict[str, Any]]] = None,
                 slots: Optional[Dict[str, Any]] = None,
                 metadata: Optional[Dict[str, Any]] = None,
                 requested_slot: Optional[str] = "__keep__",
                 active_loop: Optional[str] = "__keep__") -> Tracker:
    """A tracker from fixtures/<fixture>.json with the latest message replaced."""
    data = copy.deepcopy(load_fixture(fixture))
    all_slots: Dict[str, Any] = {**data.get("slots", {}), **(slots or {})}
    if requested_slot != "__keep__":
        all_slots["requested_slot"] = requested_slot
    loop = data.get("active_loop") if active_loop == "__keep__" else active_loop
    message = data.get("latest_message", {})
    if text is not None:
        message = parse(text, intent or "inform", entities)
        message["metadata"] = metadata or {}
    events = list(data.get("events", []))
    events.append({"event": "user", "text": message.get("text"),
                   "parse_data": message, "metadata": message.get("metadata", {})})
    return Tracker(data.get("sender_id", "test-user"), all_slots, message, events, False,
                   None, {"name": loop} if loop else {}, "action_listen")


def parse(text: str, intent: str = "inform",
          entities: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
    """The parse data NLU gives `text`: the intent a test names (DIET is not run here),
    the given DIET/button entities, and what the knowledge component and the FAQ topic
    word patterns add, exactly as in the NLU pipeline."""
    from bot.components.faq_patterns import final_topic
    from bot.components.knowledge_entities import recognise

    found = list(entities or []) + recognise(text)
    name, confidence = (None, 0.0) if text.startswith("/") else final_topic(text, None, 0.0)
    return {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": found,
            "faq_topic": {"name": name, "confidence": confidence}}


def run_action(action: Action, tracker: Tracker, domain: Dict[str, Any]
               ) -> tuple[List[Dict[str, Any]], CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return events, dispatcher


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """{slot: value} of the SlotSet events, the last one winning."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def payloads(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)
