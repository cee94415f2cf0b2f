"""The project's socket.io channel inside the real Rasa server (credentials.yml).

These would fail with Rasa's stock channel: on python-socketio >= 5.10 no reply arrives with
session persistence (enter_room not awaited), and every `custom` payload raises TypeError in
emit() so the whole turn is lost.
"""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from tests.web import conversation as conv
from tests.web.support import SocketClient

METADATA = {"campaign": "metaal-2026", "sector": "metaal", "region": "gelderland",
            "page_url": "https://campagne.example/metaal?utm_source=x", "channel": "web"}


@pytest.fixture
def client(rasa_stack):  # noqa: ANN001, ANN201
    c = SocketClient(rasa_stack.rasa_url, origin="http://localhost:1")
    c.connect()
    yield c
    c.close()


class Person:
    """A cooperative person on a socket.io connection."""

    def __init__(self, client: SocketClient, stack: Any) -> None:
        self.client, self.stack, self.users = client, stack, 0
        self.session = client.request_session()
        self.received: List[Dict[str, Any]] = []
        self.last_turn: List[Dict[str, Any]] = []

    def say(self, text: str) -> Dict[str, Any]:
        self.users += 1
        self.client.send(text, METADATA)
        track = conv.wait_for_turn(self.stack.rasa_url, self.stack.token, self.session,
                                   self.users)
        expected = conv.bot_entries_after_last_user(track)
        self.last_turn = self.client.collect(lambda ms: len(ms) >= expected)
        self.received += self.last_turn
        return track

    def last_buttons(self) -> List[Dict[str, Any]]:
        """Buttons of the bot's latest answer (older ones no longer apply)."""
        for message in reversed(self.last_turn):
            if message.get("quick_replies"):
                return message["quick_replies"]
        return []


def test_replies_arrive_with_session_persistence(client: SocketClient, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a confirmed session (session_persistence: true in credentials.yml)
    person = Person(client, rasa_stack)
    # WHEN the widget sends its greeting payload
    person.say("/greet")
    # THEN text replies arrive on this socket
    assert any(m.get("text") for m in person.received)
    # AND a question with a choice arrives with its buttons as quick_replies
    person.say("ik werk als kok in een restaurant")
    assert person.last_buttons()


def test_custom_payloads_arrive_intact_and_the_turn_is_saved(client: SocketClient,
                                                             rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a person who answers every question by the buttons or by typing
    person = Person(client, rasa_stack)
    track = person.say("/greet")
    for _ in range(conv.MAX_TURNS):
        if conv.payloads(track, "recommendations"):
            break
        slot = conv.requested_slot(track)
        buttons = person.last_buttons()
        if slot is None:
            track = person.say("/start_profile")
        elif buttons:
            titles = [b["title"] for b in buttons]
            track = person.say(buttons[conv.pick_button(titles, slot)]["payload"])
        else:
            track = person.say(conv.TYPED_ANSWERS[slot])
    # THEN the recommendations payload reached the socket exactly as the bot saved it
    customs = [m["custom"] for m in person.received if "custom" in m]
    saved = conv.payloads(track, "recommendations")[-1]
    assert saved in customs
    assert 3 <= len(saved["items"]) <= 5
    assert set(saved["items"][0]) >= {"id", "name", "isco08", "esco_uri", "score", "reasons"}
    # WHEN the person picks the first profession
    choice = next(b for b in person.last_buttons() if saved["items"][0]["id"] in b["payload"])
    track = person.say(choice["payload"])
    # AND presses the three buttons of the short introduction (issue 12)
    for title in ("Hoe word ik het?", "Wie betaalt?", "Wat doe ik nu?"):
        button = next(b for b in person.last_buttons() if b["title"] == title)
        track = person.say(button["payload"])
    # THEN routes, funding and next steps arrive too, and the whole turn is in the tracker
    kinds = {m["custom"].get("type") for m in person.received if "custom" in m}
    assert {"recommendations", "routes", "funding", "next_steps"} <= kinds
    assert conv.payloads(track, "next_steps")
    assert track["slots"].get("chosen_profession") == saved["items"][0]["id"]


def test_campaign_metadata_is_stored_with_the_conversation(client: SocketClient,
                                                           rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a person on a campaign page WHEN they send their first message
    person = Person(client, rasa_stack)
    track = person.say("/greet")
    # THEN the user event carries the cleaned metadata and the campaign is in the slots
    user = [e for e in track["events"] if e["event"] == "user"][-1]
    assert user["input_channel"] == "socketio"
    assert user["metadata"]["campaign"] == "metaal-2026"
    assert user["metadata"]["channel"] == "web"
    assert user["metadata"]["page_url"] == "https://campagne.example/metaal"
    assert track["slots"].get("campaign") == "metaal-2026"


def test_a_very_long_message_is_cut_before_rasa_reads_it(client: SocketClient,
                                                         rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a session WHEN someone pastes 10,000 characters
    person = Person(client, rasa_stack)
    track = person.say("techniek " * 1250)
    # THEN Rasa stored (and parsed) at most 2,000 of them, and answered
    user = [e for e in track["events"] if e["event"] == "user"][-1]
    assert len(user["text"]) == 2000
    assert person.received
