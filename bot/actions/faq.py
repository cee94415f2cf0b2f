"""Frequent questions, answered from the knowledge base with source and date."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import kb, texts
from bot.actions.advice import ended_text, funding_message, profile_of, resolve_profession

FAQ_TOPICS = frozenset({
    "salaris", "opleidingsduur", "kosten", "leeftijd", "geen_diploma", "deeltijd",
    "taalniveau", "beroep_inhoud", "vrouwen", "fysiek", "vca", "rijbewijs",
    "uitkering_behouden", "gratis_hulp", "verdienen_tijdens_leren",
})
ENDED_TOPIC = "stap_budget"
# The response selector is trusted above this confidence; below it the knowledge
# base's keyword recogniser gets the first word.
SELECTOR_CONFIDENCE = 0.6
_ENDED_WORDS = re.compile(r"\b(stap|scholingsaftrek|aftrek|nl\s*leert\s*door|rmt)\b", re.I)


def selected_topic(message: Dict[str, Any]) -> tuple[Optional[str], float]:
    """The FAQ topic the ResponseSelector picked, e.g. "faq/salaris" -> "salaris"."""
    selector = (message.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    confidence = float(response.get("confidence") or 0.0)
    topic = key.split("/", 1)[1] if "/" in key else None
    return topic, confidence


def pick_topic(message: Dict[str, Any]) -> Optional[str]:
    text = message.get("text") or ""
    topic, confidence = selected_topic(message)
    if _ENDED_WORDS.search(text):
        return ENDED_TOPIC
    if topic and confidence >= SELECTOR_CONFIDENCE:
        return topic
    return kb.recognise_faq_topic(text) or topic


class ActionAnswerFaq(Action):
    """Answers a frequent question; inside the form the rules then re-ask the question."""

    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        topic = pick_topic(message)
        profile = profile_of(tracker)
        if topic == ENDED_TOPIC:
            ended = kb.ended_funding(message.get("text") or "") or kb.ended_funding("stap")
            if ended:
                dispatcher.utter_message(text=ended_text(ended))
            funding_message(dispatcher, profile, tracker.get_slot("chosen_profession"))
            return []
        if topic not in FAQ_TOPICS:
            dispatcher.utter_message(
                text="Die vraag kan ik nog niet goed beantwoorden. Het Werkcentrum in je regio "
                     "of een adviseur kan je verder helpen.", json_message={"type": "fallback"})
            return []
        profession_id = resolve_profession(tracker, fall_back_to_first=False)
        answer = kb.faq_answer(topic, profession_id, profile)
        if not answer or not answer.get("text"):
            dispatcher.utter_message(
                text="Daar heb ik nu geen goed antwoord op. Vraag het gerust aan een adviseur.")
            return []
        dispatcher.utter_message(text=f"{answer['text']} {texts.source_line(answer)}".strip())
        if topic == "kosten" and tracker.get_slot("recommended_professions"):
            funding_message(dispatcher, profile, profession_id)
        return []
