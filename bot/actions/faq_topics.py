"""Which frequent question NLU read: one final topic per message (FaqTopicClassifier
joins the learned topic and the word patterns of bot/components/faq_patterns.py)."""

from __future__ import annotations

from typing import Optional

from bot.actions.reading import Reading
from bot.components.faq_patterns import ENDED_TOPIC, FAQ_TOPICS

__all__ = ["ENDED_TOPIC", "FAQ_TOPICS", "message_topic"]


def message_topic(parse_data: Optional[dict]) -> Optional[str]:
    """The FAQ topic NLU gave the message, or None."""
    topic = Reading.of(parse_data).faq_topic
    return topic if topic in FAQ_TOPICS or topic == ENDED_TOPIC else None
