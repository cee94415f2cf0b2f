"""Which FAQ answer a question gets: the learned topic, the word patterns, or neither."""

from __future__ import annotations

from bot.actions.faq_topics import ENDED_TOPIC, message_topic


def _parsed(text: str, topic: str | None, confidence: float) -> dict:
    return {"text": text, "faq_topic": {"name": topic, "confidence": confidence}}


def test_a_sure_learned_topic_is_used_even_when_the_words_point_elsewhere():
    # "loon" makes the patterns say salary; the classifier knows apprentices' pay
    text = "hoeveel loon krijgt een leerling eigenlijk"
    assert message_topic(_parsed(text, "loon_leerling", 0.8)) == "loon_leerling"


def test_an_unsure_learned_topic_gives_way_to_the_word_patterns():
    text = "wat verdien je in de techniek"
    assert message_topic(_parsed(text, "bootcamp", 0.2)) == "salaris"


def test_an_unsure_guess_is_still_better_than_no_answer_when_no_pattern_fits():
    text = "Gaat dat met alleen mbo 2?"
    assert message_topic(_parsed(text, "geen_diploma", 0.2)) == "geen_diploma"
    assert message_topic(_parsed(text, "geen_diploma", 0.05)) is None


def test_a_scheme_that_ended_is_always_named_as_ended():
    text = "kan ik nog stap budget aanvragen voor een cursus"
    assert message_topic(_parsed(text, "kosten", 0.9)) == ENDED_TOPIC


def test_an_unknown_topic_name_from_an_old_model_is_ignored():
    assert message_topic(_parsed("wat kost de opleiding", "weerbericht", 0.99)) == "kosten"
