"""Frequent questions, answered from the knowledge base with source and date."""

from __future__ import annotations

import re
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import advice_texts, kb
from bot.actions.advice import (
    ended_text,
    explained_terms,
    funding_message,
    profile_of,
    resolve_profession,
)
from bot.actions.extraction import is_start_request, looks_like_answer

FAQ_TOPICS = frozenset({
    "salaris", "opleidingsduur", "kosten", "leeftijd", "geen_diploma", "deeltijd",
    "taalniveau", "beroep_inhoud", "vrouwen", "fysiek", "vca", "rijbewijs",
    "uitkering_behouden", "gratis_hulp", "verdienen_tijdens_leren",
})
ENDED_TOPIC = "stap_budget"
_ENDED_WORDS = re.compile(
    r"\b(stap|stap-?budget|stapbudget|scholingsaftrek|aftrek\w*|nl\s*leert\s*door|rmt)\b",
    re.I)
# Backup for knowledge.recognise_faq_topic: first matching pattern wins, so the more
# specific topics come first ("wat kost een vca cursus" is about VCA).
_TOPIC_PATTERNS: tuple[tuple[str, str], ...] = (
    ("vca", r"\bvca\b|veiligheidsdiploma"),
    ("rijbewijs", r"rijbewijs|auto\s*rijden|autorijden|geen\s+auto|bus\s+van\s+de\s+zaak"),
    ("uitkering_behouden", r"uitkering|\bww\b|bijstand|\buwv\b"),
    # \btaal: "betaald" contains "taal" and is not about language.
    ("taalniveau", r"nederlands|\btaal|statushouder|\ba2\b|\bb1\b"),
    ("leeftijd", r"\boud\b|oudere|leeftijd|\b[1-9]\d\s*(jaar|e\b)|te\s+laat|\bben\s+\d\d|"
                 r"\bal\s+\d\d|pas\s+\d\d"),
    ("vrouwen", r"vrouw|moeder|mannenwereld|meisje"),
    ("fysiek", r"zwaar|tillen|rug|knie|fit\b|sterk|hoogte|lichamelijk"),
    ("geen_diploma", r"diploma|papieren|school\s+niet\s+afgemaakt|zonder\s+opleiding"),
    ("verdienen_tijdens_leren", r"\bbbl\b|\bbol\b|leerbaan|tijdens\s+(de\s+)?opleiding|"
                                r"terwijl\s+ik\s+leer|werken\s+en\s+leren|als\s+leerling"),
    ("deeltijd", r"deeltijd|part\s*-?time|naast\s+mijn|avond|combineren|eigen\s+tempo|"
                 r"minder\s+uren"),
    ("salaris", r"verdien|salaris|loon|lonen|betaald\s+als|krijg\s+je\s+betaald"),
    ("kosten", r"kost|betalen|gratis|duur\b|cursusgeld|lesgeld"),
    ("opleidingsduur", r"hoe\s*lang|duur[t]|maanden|hoeveel\s+jaar|sneller|kort\b|hoe\s+snel|"
                       r"hoeveel\s+tijd"),
    ("gratis_hulp", r"helpen|hulp|advies|loket|werkcentrum|adviseur|terecht"),
    ("beroep_inhoud", r"wat\s+doe|wat\s+is\s+(een|dat)|werkdag|houdt|wat\s+moet\s+je\s+doen|"
                      r"voor\s+werk"),
)


# "ik werk al 30 jaar op kantoor": a number of years of work, not an age.
_YEARS_OF_WORK = re.compile(
    r"\b(al|sinds|ruim|bijna|meer\s+dan|zo'?n)\s+\d+\s+jaar\s+(op|in|bij|als|aan|voor|"
    r"werk\w*|gewerkt)\b|\b(werk|werkte|gewerkt)\s+(al\s+)?\d+\s+jaar\b", re.I)


def pick_topic(text: str) -> Optional[str]:
    """The FAQ topic of a question, or None."""
    text = _YEARS_OF_WORK.sub(" ", text)
    if _ENDED_WORDS.search(text):
        return ENDED_TOPIC
    topic = kb.recognise_faq_topic(text)
    if topic in FAQ_TOPICS:
        return topic
    for name, pattern in _TOPIC_PATTERNS:
        if re.search(pattern, text, re.I):
            return name
    return None


def answered_open_question(tracker: Tracker) -> bool:
    """True when the latest message filled the slot the form asked for.

    action_validate_slot_mappings fills it from short statements that NLU took for a
    question ("bijstand", "geen diploma"); those need no FAQ answer.
    """
    asked = tracker.get_slot("requested_slot")
    if tracker.active_loop_name != "profile_form" or not asked:
        return False
    text = (tracker.latest_message or {}).get("text") or ""
    if not looks_like_answer(text):
        return False  # a real question is answered even when a statement came with it
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if (event.get("event") == "slot" and event.get("name") == asked
                and event.get("value") not in (None, [])):
            return True
    return False


class ActionAnswerFaq(Action):
    """Answers a frequent question; inside the form the rules then re-ask the question."""

    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        if answered_open_question(tracker):
            return []  # it was an answer; the form now asks the next question
        topic = pick_topic(message.get("text") or "")
        answer_topic(dispatcher, tracker, topic)
        if topic in FAQ_TOPICS and _wants_to_start(tracker, message.get("text") or "", topic):
            # "kun jij mij helpen aan ander werk" read as a question about free help: the
            # person wants advice, so the questions start right after the answer.
            return [FollowupAction("profile_form")]
        return []


def answer_topic(dispatcher: CollectingDispatcher, tracker: Tracker,
                 topic: Optional[str]) -> None:
    """Sends the knowledge base's answer for `topic` (or says honestly there is none)."""
    message = tracker.latest_message or {}
    profile = profile_of(tracker)
    if topic == ENDED_TOPIC:
        ended = kb.ended_funding(message.get("text") or "") or kb.ended_funding("stap")
        if ended:
            dispatcher.utter_message(text=ended_text(ended))
        funding_message(dispatcher, tracker, profile, tracker.get_slot("chosen_profession"))
        return
    if topic not in FAQ_TOPICS:
        dispatcher.utter_message(
            text="Die vraag kan ik nog niet goed beantwoorden. Het Werkcentrum in je regio "
                 "of een adviseur kan je verder helpen.", json_message={"type": "fallback"})
        return
    profession_id = resolve_profession(tracker, fall_back_to_first=False)
    answer = kb.faq_answer(topic, profession_id, profile)
    if not answer or not answer.get("text"):
        dispatcher.utter_message(
            text="Daar heb ik nu geen goed antwoord op. Vraag het gerust aan een adviseur.")
        return
    # Sources and check dates go to the console (payload), never into the chat text.
    dispatcher.utter_message(
        text=advice_texts.plain(answer["text"], explained_terms(tracker)),
        json_message={"type": "faq_answer", "topic": topic, "source": answer.get("source"),
                      "checked_at": answer.get("checked_at")})
    if topic == "kosten" and tracker.get_slot("recommended_professions"):
        funding_message(dispatcher, tracker, profile, profession_id)


def _wants_to_start(tracker: Tracker, text: str, topic: str) -> bool:
    if tracker.active_loop_name or tracker.get_slot("recommended_professions"):
        return False
    return topic == "gratis_hulp" or is_start_request(text)
