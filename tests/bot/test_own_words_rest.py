"""Conversations over REST with people who tell their work in their own words (issue 21).

Each person reads only the bot's text and buttons (testing/people_own_words.py). The
tests hold the issue's promises: everyone reaches the professions, the facts they told
are in the profile, and no question is shown more than twice.
"""

from __future__ import annotations

import pytest

from testing.people import slot_score, talk
from testing.people_own_words import PEOPLE_OWN_WORDS
from tests.conftest import RasaStack


@pytest.mark.parametrize("person", PEOPLE_OWN_WORDS, ids=lambda p: p.name)
def test_a_person_who_describes_their_work_reaches_advice_without_a_third_question(
        rasa_stack: RasaStack, person):
    # GIVEN a person who answers in their own words
    sender = rasa_stack.new_sender("own-words")
    # WHEN they answer what they see on screen
    conversation = talk(lambda text: rasa_stack.send(sender, text), person)
    slots = rasa_stack.tracker(sender)["slots"]
    # THEN they get professions, with the facts they told, and no question came 3 times
    assert conversation.recommended, conversation.bot_texts()[-3:]
    right, total = slot_score(slots, person.expect)
    assert right == total, {k: slots.get(k) for k in person.expect}
    assert conversation.max_asks() <= 2, conversation.asks_per_slot()
    assert conversation.max_repeat() < 3


def test_a_described_job_is_kept_in_the_person_s_own_words_when_no_title_fits(
        rasa_stack: RasaStack):
    # GIVEN the job question is on screen
    sender = rasa_stack.new_sender("own-job")
    rasa_stack.send(sender, "ik zoek ander werk")
    # WHEN the person names work that no job list knows
    rasa_stack.send(sender, "ik ben spelleider in een escaperoom")
    slots = rasa_stack.tracker(sender)["slots"]
    # THEN their own words are the job and the next question is another one
    assert slots["current_job"] and "spelleider" in slots["current_job"]
    assert slots["requested_slot"] != "current_job"


def test_a_fact_with_a_worry_keeps_the_fact_and_answers_the_worry(rasa_stack: RasaStack):
    # GIVEN the school question is on screen
    sender = rasa_stack.new_sender("worry")
    for text in ("ik ben kok", "ik werk nog"):
        rasa_stack.send(sender, text)
    assert rasa_stack.tracker(sender)["slots"]["requested_slot"] == "education_level"
    # WHEN the answer comes with a worry
    replies = rasa_stack.send(sender, "ik heb alleen mbo 1, is dat een probleem?")
    slots = rasa_stack.tracker(sender)["slots"]
    # THEN the level is stored, the worry gets an answer, and the form goes on
    assert slots["education_level"] == "mbo1"
    assert any((r.get("custom") or {}).get("type") == "faq_answer" for r in replies), replies
    assert slots["requested_slot"] not in (None, "education_level")


def test_the_question_counter_keeps_its_number_when_a_question_comes_again(
        rasa_stack: RasaStack):
    # GIVEN the first question
    sender = rasa_stack.new_sender("counter")
    first = " ".join(r.get("text") or "" for r in rasa_stack.send(sender, "hallo, help mij"))
    # WHEN the answer is not understood and the question comes again
    again = " ".join(r.get("text") or "" for r in rasa_stack.send(sender, "tja, hmm"))
    # THEN the number shown is the same both times
    assert "Vraag 1 van" in first and "Vraag 1 van" in again, (first, again)
