"""Conversations over REST for each failure class of issue 11, in new wording.

The simulated person (testing/people.py) reads only the bot's text and buttons.
"""

from __future__ import annotations

from typing import Any

import pytest

from testing.people import PEOPLE, Person, has_payload, is_fallback, slot_score, talk
from tests.conftest import RasaStack

BY_NAME = {p.name: p for p in PEOPLE}


def _run(stack: RasaStack, person: Person) -> tuple[Any, dict[str, Any]]:
    sender = stack.new_sender("understand")
    conversation = talk(lambda text: stack.send(sender, text), person)
    return conversation, stack.tracker(sender)["slots"]


@pytest.mark.parametrize("name", [
    "bakker met alles in een keer",      # several facts at once
    "typo's op de telefoon",             # typos
    "A2 schoonmaker",                    # simple Dutch
    "vaste dienst in Den Haag",          # a common word is no village
    "salaris houden is geen vraag",      # a statement is not a FAQ
    "geen diploma zonder lus",           # no loop after a FAQ
    "verhuisd tijdens het gesprek",      # corrections replace
    "nee ik woon in",
    "middelbare school",
])
def test_people_reach_advice_with_the_right_profile_and_no_repeats(rasa_stack: RasaStack,
                                                                   name: str):
    # GIVEN a person who talks the way people talk
    person = BY_NAME[name]
    # WHEN they answer the questions they see on screen
    conversation, slots = _run(rasa_stack, person)
    # THEN they get professions, their facts are in the profile, and no reply repeats
    assert conversation.recommended, conversation.bot_texts()[-3:]
    right, total = slot_score(slots, person.expect)
    assert right == total, {k: slots.get(k) for k in person.expect}
    assert conversation.max_repeat() < 3


def test_a_rich_opener_fills_its_facts_answers_and_asks_the_next_question(
        rasa_stack: RasaStack):
    # GIVEN an opener with a workplace, a town, a wish and a question about a level
    sender = rasa_stack.new_sender("opener")
    replies = rasa_stack.send(
        sender, "Ik werk in een chocoladefabriek in Roosendaal. Ik wil monteur worden. "
                "Gaat dat met alleen mbo 2?")
    slots = rasa_stack.tracker(sender)["slots"]
    # THEN the facts are kept, the reply is no fallback, and a question follows
    assert slots["region"] == "noord-brabant" and slots["education_level"] == "mbo2"
    assert not is_fallback(replies), replies
    assert slots["requested_slot"] is not None


def test_english_gets_a_short_english_reply_then_dutch(rasa_stack: RasaStack):
    sender = rasa_stack.new_sender("english")
    replies = rasa_stack.send(sender, "Hi there, could you help me find technical work?")
    text = " ".join(r.get("text") or "" for r in replies)
    assert "Dutch" in text
    assert any(b.get("payload") == "/request_human" for r in replies for b in r.get("buttons")
               or [])
    # and the conversation carries on with a Dutch question
    assert rasa_stack.tracker(sender)["slots"]["requested_slot"] is not None


def test_a_guessed_town_is_confirmed_before_it_is_used(rasa_stack: RasaStack):
    sender = rasa_stack.new_sender("guess")
    rasa_stack.send(sender, "ik ben kok")
    for answer in ("ik werk", "mbo 2", "koken en machines"):
        rasa_stack.send(sender, answer)
    replies = rasa_stack.send(sender, "Zwole")
    text = " ".join(r.get("text") or "" for r in replies)
    assert "Bedoel je Zwolle" in text
    assert rasa_stack.tracker(sender)["slots"]["region"] is None
    rasa_stack.send(sender, "ja")
    slots = rasa_stack.tracker(sender)["slots"]
    assert slots["region"] == "overijssel" and slots["municipality"] == "Zwolle"


def test_two_misunderstandings_offer_buttons_dont_know_and_an_adviser(rasa_stack: RasaStack):
    sender = rasa_stack.new_sender("twice")
    rasa_stack.send(sender, "ik ben kok")
    rasa_stack.send(sender, "qwerty zxcv")
    replies = rasa_stack.send(sender, "asdf jkl")
    payloads = [b.get("payload") for r in replies for b in r.get("buttons") or []]
    assert "/dont_know" in payloads and "/request_human" in payloads
    assert not has_payload(replies, "recommendations")
