"""Drives a real conversation from greeting to next steps, the way a cooperative person would.

The driver reads `requested_slot` from the tracker (Rasa HTTP API with the test token) to
know which question is open, so the tests follow the bot instead of hard-coding its order.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

import requests

# What a cooperative person types for each profile question.
TYPED_ANSWERS: Dict[str, str] = {
    "current_job": "Ik werk als kok in een restaurant",
    "current_sector": "in de horeca",
    "work_status": "ik heb een vaste baan",
    "education_level": "mbo 2",
    "interests": "ik werk graag met mijn handen en met elektra",
    "region": "ik woon in Ede",
    "municipality": "Ede",
    "learn_while_earning": "ja",
}
# Which button such a person clicks (first title containing the text; else the first button).
BUTTON_CHOICES: Dict[str, str] = {
    "current_sector": "horeca",
    "work_status": "werk",
    "education_level": "mbo 2",
    "interests": "hand",
    "region": "gelderland",
    "learn_while_earning": "ja",
}
START_BUTTON = "start"
MAX_TURNS = 16


def tracker(rasa_url: str, token: str, sender: str, include: str = "AFTER_RESTART"
            ) -> Dict[str, Any]:
    response = requests.get(f"{rasa_url}/conversations/{sender}/tracker",
                            params={"token": token, "include_events": include}, timeout=30)
    response.raise_for_status()
    return response.json()


def user_count(track: Dict[str, Any]) -> int:
    return sum(1 for e in track.get("events", []) if e.get("event") == "user")


def turn_finished(track: Dict[str, Any], users: int) -> bool:
    events = track.get("events", [])
    return (user_count(track) >= users and bool(events)
            and events[-1].get("event") == "action"
            and events[-1].get("name") == "action_listen")


def wait_for_turn(rasa_url: str, token: str, sender: str, users: int,
                  timeout: float = 60) -> Dict[str, Any]:
    """The tracker once the bot has answered the `users`-th user message."""
    deadline = time.monotonic() + timeout
    track: Dict[str, Any] = {}
    while time.monotonic() < deadline:
        track = tracker(rasa_url, token, sender)
        if turn_finished(track, users):
            return track
        time.sleep(0.1)  # polling interval of a readiness check, not a sleep-as-sync
    said = [e.get("text") for e in track.get("events", []) if e.get("event") == "user"]
    raise AssertionError(f"bot did not finish turn {users}; the tracker holds {len(said)} "
                         f"user messages {said}; last events: {track.get('events', [])[-5:]}")


def wait_for_user_text(rasa_url: str, token: str, sender: str, text: str,
                       timeout: float = 30) -> None:
    """Waits until `text` is the latest user message of `sender` (any session)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        events = tracker(rasa_url, token, sender, "ALL")["events"]
        users = [e for e in events if e.get("event") == "user"]
        last = users[-1]["text"] if users else None
        if last == text:
            return
        time.sleep(0.1)  # polling interval of a readiness check
    raise AssertionError(f"latest user message of {sender} is {last!r}, not {text!r}")


def bot_entries_after_last_user(track: Dict[str, Any]) -> int:
    """How many messages the socket.io channel emits for the last turn."""
    events = track.get("events", [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    count = 0
    for event in events[last_user + 1:]:
        if event.get("event") != "bot":
            continue
        text = (event.get("text") or "").strip()
        if text:
            count += len(text.split("\n\n"))
        if (event.get("data") or {}).get("custom"):
            count += 1
    return count


def payloads(track: Dict[str, Any], kind: Optional[str] = None) -> List[Dict[str, Any]]:
    found = []
    for event in track.get("events", []):
        custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
        if isinstance(custom, dict) and (kind is None or custom.get("type") == kind):
            found.append(custom)
    return found


def requested_slot(track: Dict[str, Any]) -> Optional[str]:
    return (track.get("slots") or {}).get("requested_slot")


def pick_button(titles: List[str], slot: Optional[str]) -> int:
    """Index of the button a cooperative person clicks."""
    wanted = BUTTON_CHOICES.get(slot or "", START_BUTTON if slot is None else "")
    for index, title in enumerate(titles):
        if wanted and wanted in title.lower():
            return index
    return 0


def rest_conversation_to_card(stack: Any, sender: str,
                              metadata: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Over REST: greeting, profile, first recommendation, route card. Returns the tracker."""
    meta = metadata or {"channel": "web", "campaign": "metaal-2026"}
    replies = stack.send(sender, "/greet", meta)
    track = stack.tracker(sender)
    for _ in range(MAX_TURNS):
        if payloads(track, "recommendations"):
            break
        slot = requested_slot(track)
        text = "/start_profile" if slot is None else TYPED_ANSWERS[slot]
        replies = stack.send(sender, text, meta)
        track = stack.tracker(sender)
    first = payloads(track, "recommendations")[-1]["items"][0]["id"]
    buttons = [b for r in replies for b in r.get("buttons") or [] if first in b["payload"]]
    stack.send(sender, buttons[0]["payload"], meta)
    stack.send(sender, "/make_card", meta)
    return stack.tracker(sender)
