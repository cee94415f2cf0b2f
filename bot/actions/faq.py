"""Frequent questions, answered from the knowledge base with source and date."""

from __future__ import annotations

import re
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
from bot.actions.extraction import (
    Turn,
    extract,
    is_question,
    is_start_request,
    looks_like_answer,
    statement_before_question,
)
from bot.actions.faq_topics import ENDED_TOPIC, FAQ_TOPICS, message_topic
from bot.actions.foreign_diploma import answer_foreign_diploma, is_foreign_diploma_answer


def answered_open_question(tracker: Tracker) -> bool:
    """True when the latest message filled the slot the form asked for.

    validate_profile_form fills it from short statements that NLU took for a
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
    """Answers a frequent question; inside the form the rules then re-ask the question.
    Outside the form, before any advice, it invites the person to start the questions."""

    def name(self) -> Text:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        if answered_open_question(tracker):
            return []  # it was an answer; the form now asks the next question
        if tracker.active_loop_name == "profile_form" and is_foreign_diploma_answer(tracker, text):
            return answer_foreign_diploma(dispatcher, tracker)
        events: List[EventType] = []
        if not tracker.active_loop_name:
            # "ik ben kok, wat verdient een lasser?": answer the question, keep the job.
            turn = Turn(text, "faq", message.get("entities") or [], None, dict(tracker.slots))
            events += [SlotSet(k, v) for k, v in statement_before_question(turn).items()
                       if tracker.get_slot(k) != v]
        idle = not tracker.active_loop_name and not tracker.get_slot("recommended_professions")
        facts = statement_facts(text, dict(tracker.slots)) if idle else {}
        if facts and looks_like_answer(text):
            # Only statements ("geen diploma, van school af op mijn 16e"): no question to
            # answer. The form starts and reads them (validate_profile_form).
            return events + [FollowupAction("profile_form")]
        if facts:
            # A rich opener: keep every fact, answer the question, then ask what is missing.
            events += [SlotSet(k, v) for k, v in facts.items()]
            dispatcher.utter_message(text="Genoteerd: " + texts.understood(facts))
        topic = message_topic(message, text)
        if topic in FAQ_TOPICS and _answered_just_before(tracker, topic):
            # The same answer again would loop: point forward instead.
            dispatcher.utter_message(
                text=replies.fresh(tracker, AGAIN_TEXT, AGAIN_TEXT_2),
                buttons=_forward_buttons(tracker))
            return events + _start_if_idle(tracker)
        answer_topic(dispatcher, tracker, topic)
        if topic in FAQ_TOPICS and _wants_to_start(tracker, text, topic):
            # "kun jij mij helpen aan ander werk" read as a question about free help: the
            # person wants advice, so the questions start right after the answer.
            return events + [FollowupAction("profile_form")]
        if facts:
            return events + [FollowupAction("profile_form")]
        if idle:
            dispatcher.utter_message(text=INVITE_TEXT, buttons=[
                {"title": "Ja, stel je vragen", "payload": "/start_profile"},
                replies.HUMAN_BUTTON])
        return events


AGAIN_TEXT = ("Dat heb ik net verteld. Zal ik je een paar korte vragen stellen? Dan kan ik "
              "je beter helpen.")
AGAIN_TEXT_2 = "Daar heb ik nu niet meer over. Kies hieronder hoe je verder wilt."
INVITE_TEXT = ("Zal ik je een paar korte vragen stellen? Dan zoek ik beroepen in de techniek "
               "die bij je passen.")


_SENTENCES = re.compile(r"(?<=[.!?;])\s+|,\s*(?=(?:en\s+)?(?:kan|kun|mag|moet|hoe|wat|waar|"
                        r"wie|welke?|is|ben|heb)\b)", re.I)


def statement_facts(text: str, slots: dict) -> dict:
    """Profile facts from the statements in a message that also asks something ("Ik werk
    in een kaasfabriek in Gouda. Kan dat met mbo 1?"); questions and wishes are skipped."""
    statements = [c.strip() for c in _SENTENCES.split(text or "") if c and c.strip()]
    kept = [c for c in statements if not is_question(c) and not is_start_request(c)]
    facts = extract(Turn(" ".join(kept), "inform", [], None, slots)).updates if kept else {}
    if "education_level" not in facts:
        # "Kan dat met alleen een mbo 1?": the person's own level inside the question.
        for clause in statements:
            if _OWN_LEVEL.search(clause):
                level = gate.recognise_education(clause)
                if level:
                    facts["education_level"] = level
                    break
    return facts


_OWN_LEVEL = re.compile(r"\b(met\s+(alleen\s+)?(een\s+|mijn\s+)?|alleen\s+(een\s+)?|ik\s+heb\s+"
                        r"(alleen\s+)?(een\s+)?)(mbo|vmbo|mavo|havo|vwo|hbo|diploma|"
                        r"basisschool|lts|mts)", re.I)


def _answered_just_before(tracker: Tracker, topic: str) -> bool:
    """True when the previous user message got the same FAQ topic."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return False
    previous = users[-2]
    intent = ((previous.get("parse_data") or {}).get("intent") or {}).get("name")
    return intent == "faq" and message_topic(previous.get("parse_data"),
                                             previous.get("text") or "") == topic


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
        ended = gate.ended_funding(message.get("text") or "") or gate.ended_funding("stap")
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


def _wants_to_start(tracker: Tracker, text: str, topic: str) -> bool:
    if tracker.active_loop_name or tracker.get_slot("recommended_professions"):
        return False
    return topic == "gratis_hulp" or is_start_request(text)
