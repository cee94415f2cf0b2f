"""Which FAQ answer a question gets: the learned topic, the word patterns, or neither.

NLU decides once (`final_topic` in FaqTopicClassifier); the actions read that one topic.
"""

from __future__ import annotations

from bot.actions.faq_topics import message_topic
from bot.components.faq_patterns import ENDED_TOPIC, final_topic


def test_a_sure_learned_topic_is_used_even_when_the_words_point_elsewhere():
    # "loon" makes the patterns say salary; the classifier knows apprentices' pay
    text = "hoeveel loon krijgt een leerling eigenlijk"
    assert final_topic(text, "loon_leerling", 0.8)[0] == "loon_leerling"


def test_an_unsure_learned_topic_gives_way_to_the_word_patterns():
    text = "wat verdien je in de techniek"
    assert final_topic(text, "bootcamp", 0.2)[0] == "salaris"


def test_an_unsure_guess_is_still_better_than_no_answer_when_no_pattern_fits():
    text = "Gaat dat met alleen mbo 2?"
    assert final_topic(text, "geen_diploma", 0.2)[0] == "geen_diploma"
    assert final_topic(text, "geen_diploma", 0.05)[0] is None


def test_a_scheme_that_ended_is_always_named_as_ended():
    text = "kan ik nog stap budget aanvragen voor een cursus"
    assert final_topic(text, "kosten", 0.9)[0] == ENDED_TOPIC


def test_an_unknown_topic_name_from_an_old_model_is_ignored():
    assert final_topic("wat kost de opleiding", "weerbericht", 0.99)[0] == "kosten"


def test_the_actions_read_the_one_topic_nlu_gave():
    # GIVEN a parse whose final topic is "kosten"
    parsed = {"text": "wat kost dat", "faq_topic": {"name": "kosten", "confidence": 0.7}}
    # THEN the actions use it as it is, and a parse without a topic gives none
    assert message_topic(parsed) == "kosten"
    assert message_topic({"text": "hallo", "faq_topic": {"name": None}}) is None
