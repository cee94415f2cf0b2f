"""The running system over HTTP, as a client would use it: greeting, API token, bad input."""

from __future__ import annotations

import concurrent.futures
import re
from typing import Any, Dict, List

import requests

from tests.conftest import RasaStack

DUTCH_HINT = re.compile(r"\b(je|jij|ik|de|het|een|en|niet|wil|kan|welkom|hoi|hallo)\b", re.I)


def _texts(replies: List[Dict[str, Any]]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def _user_texts(tracker: Dict[str, Any]) -> List[str]:
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def test_hoi_gets_a_dutch_answer(rasa_stack: RasaStack) -> None:
    # GIVEN a new person WHEN they say "hoi"
    replies = rasa_stack.send(rasa_stack.new_sender(), "hoi")
    # THEN the assistant answers in Dutch
    assert replies, "no reply to hoi"
    assert DUTCH_HINT.search(_texts(replies)), _texts(replies)


def test_tracker_endpoint_answers_with_the_token_and_refuses_without(rasa_stack: RasaStack) -> None:
    # GIVEN a conversation
    sender = rasa_stack.new_sender()
    rasa_stack.send(sender, "hallo")
    url = f"{rasa_stack.rasa_url}/conversations/{sender}/tracker"
    # WHEN the tracker is asked for with and without the token
    with_token = requests.get(url, params={"token": rasa_stack.token}, timeout=30)
    without = requests.get(url, timeout=30)
    wrong = requests.get(url, params={"token": "wrong"}, timeout=30)
    # THEN only the request with the token gets it
    assert with_token.status_code == 200
    assert with_token.json()["sender_id"] == sender
    assert without.status_code == 401
    assert wrong.status_code == 401


BAD_INPUTS = {
    "empty": "",
    "whitespace": "   ",
    "very_long": "techniek " * 1250,  # 10,000 characters
    "emoji_only": "\U0001F600\U0001F44D\U0001F527",
    "script_tags": "<script>alert('x')</script>",
    "english": "Hello, can you help me find a job in engineering?",
}


def test_bad_input_gets_a_calm_dutch_reply_and_is_kept(rasa_stack: RasaStack) -> None:
    for name, text in BAD_INPUTS.items():
        # GIVEN a conversation that has started
        sender = rasa_stack.new_sender(name)
        rasa_stack.send(sender, "hoi")
        # WHEN the person sends bad input
        response = requests.post(
            f"{rasa_stack.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text}, timeout=60,
        )
        # THEN no server error, a Dutch reply, and the message is in the tracker
        assert response.status_code == 200, name
        replies = response.json()
        assert replies, f"{name}: no reply"
        assert DUTCH_HINT.search(_texts(replies)), f"{name}: {_texts(replies)}"
        users = _user_texts(rasa_stack.tracker(sender))
        assert users[0] == "hoi"
        if text.strip():
            assert len(users) == 2, f"{name}: user message lost"


def test_a_burst_of_fifty_messages_loses_nothing(rasa_stack: RasaStack) -> None:
    # GIVEN one person WHEN they send 50 messages at once
    sender = rasa_stack.new_sender("burst")
    texts = [f"bericht {i}" for i in range(50)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda t: rasa_stack.send(sender, t, timeout=120), texts))
    # THEN each got a reply and all 50 are stored, none twice
    assert all(results), "a message got no reply"
    users = _user_texts(rasa_stack.tracker(sender))
    assert sorted(users) == sorted(texts)
