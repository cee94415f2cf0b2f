"""Frequent questions, answered from the knowledge base with source and date."""

from __future__ import annotations

from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import advice_texts, replies, texts
from bot.actions import knowledge_gate as gate
from bot.actions.after_profile import (
    ended_text,
    explained_terms,
    funding_message,
    profile_of,
    resolve_profession,
)
from bot.actions.extraction import Turn, decide
from bot.actions.faq_topics import ENDED_TOPIC, FAQ_TOPICS, message_topic
from bot.actions.foreign_diploma import answer_foreign_diploma, is_foreign_diploma_answer
from bot.actions.reading import Reading


def answered_open_question(tracker: Tracker) -> bool:
    """True when the latest message filled the slot the form asked for.

    validate_profile_form fills it from short statements that NLU took for a
    question ("bijstand", "geen diploma"); those need no FAQ answer.
    """
    asked = tracker.get_slot("requested_slot")
    if tracker.active_loop_name != "profile_form" or not asked:
        return False
    if not Reading.of(tracker.latest_message).is_statement:
        return False  # a real question is answered even when a statement came with it
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if (event.get("event") == "slot" and event.get("name") == asked
                and event.get("value") not in (None, [])):
            return True
    return False


class ActionAnswerFaq(Action):
    """Answers a frequent question; inside the form the rules then re-ask the question.
    Outside the form, before any advice, it invites the person to start the questions."""

    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        reading = Reading.of(message)
        if answered_open_question(tracker):
            return []  # it was an answer; the form now asks the next question
        if tracker.active_loop_name == "profile_form" and \
                is_foreign_diploma_answer(tracker, reading):
            return answer_foreign_diploma(dispatcher, tracker)
        events: List[EventType] = []
        idle = not tracker.active_loop_name and not tracker.get_slot("recommended_professions")
        # Outside the form the facts told with a question count too ("ik ben kok, wat
        # verdient een lasser?": answer the question, keep the job).
        facts = {} if tracker.active_loop_name else {
            k: v for k, v in decide(Turn(reading, None, dict(tracker.slots))).updates.items()
            if tracker.get_slot(k) != v}
        if facts and idle and reading.is_statement:
            # Only statements ("geen diploma, van school af op mijn 16e"): no question to
            # answer. The form starts and reads them (validate_profile_form).
            return events + [FollowupAction("profile_form")]
        if facts:
            # Keep every fact, answer the question, then ask what is missing.
            events += [SlotSet(k, v) for k, v in facts.items()]
            if idle:
                dispatcher.utter_message(text="Genoteerd: " + texts.understood(facts))
        topic = message_topic(message)
        if topic in FAQ_TOPICS and reading.is_question and _answered_just_before(tracker, topic):
            # The same answer again would loop: point forward instead.
            dispatcher.utter_message(
                text=replies.fresh(tracker, AGAIN_TEXT, AGAIN_TEXT_2),
                buttons=_forward_buttons(tracker))
            return events + _start_if_idle(tracker)
        if topic or not facts:  # facts without a known question: the form goes on
            answer_topic(dispatcher, tracker, topic)
        if topic in FAQ_TOPICS and _wants_to_start(tracker, reading, topic):
            # "kun jij mij helpen aan ander werk" read as a question about free help: the
            # person wants advice, so the questions start right after the answer.
            return events + [FollowupAction("profile_form")]
        if facts and idle:
            return events + [FollowupAction("profile_form")]
        if idle:
            dispatcher.utter_message(text=INVITE_TEXT, buttons=[
                {"title": "Ja, stel je vragen", "payload": "/start_profile"},
                replies.HUMAN_BUTTON])
        return events


AGAIN_TEXT = ("Mijn antwoord op die vraag staat hierboven. Zal ik je een paar korte vragen "
              "stellen? Dan kan ik je beter helpen.")
AGAIN_TEXT_2 = "Daar heb ik nu niet meer over. Kies hieronder hoe je verder wilt."
INVITE_TEXT = ("Zal ik je een paar korte vragen stellen? Dan zoek ik beroepen in de techniek "
               "die bij je passen.")


def _answered_just_before(tracker: Tracker, topic: str) -> bool:
    """True when the previous user message got the same FAQ topic."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return False
    previous = Reading.of(users[-2].get("parse_data"))
    return previous.is_question and message_topic(users[-2].get("parse_data")) == topic


def _forward_buttons(tracker: Tracker) -> list[dict[str, str]]:
    if tracker.active_loop_name or tracker.get_slot("recommended_professions"):
        return [replies.HUMAN_BUTTON]
    return [{"title": "Ja, stel je vragen", "payload": "/start_profile"}, replies.HUMAN_BUTTON]


def _start_if_idle(tracker: Tracker) -> List[EventType]:
    if tracker.active_loop_name or tracker.get_slot("recommended_professions"):
        return []
    return [FollowupAction("profile_form")]


def answer_topic(dispatcher: CollectingDispatcher, tracker: Tracker,
                 topic: Optional[str]) -> None:
    """Sends the knowledge base's answer for `topic` (or says honestly there is none)."""
    message = tracker.latest_message or {}
    profile = profile_of(tracker)
    if topic == ENDED_TOPIC:
        named = Reading.of(message).value("ended_scheme", told=False)
        ended = (gate.ended_funding(str(named)) if named else None) or gate.ended_funding("stap")
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
    answer = gate.faq_answer(topic, profession_id, profile)
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


def _wants_to_start(tracker: Tracker, reading: Reading, topic: str) -> bool:
    if tracker.active_loop_name or tracker.get_slot("recommended_professions"):
        return False
    return topic == "gratis_hulp" or reading.is_start_request
