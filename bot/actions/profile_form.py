"""The profile form's validation: the context policy over what NLU found.

The NLU component (bot/components/knowledge_entities.py) finds the facts and the closed
slots map to them with `from_entity` while the form asks for them. This action decides
what counts in context: several facts in one message, answers that NLU took for a
question, don't-know, corrections, and confirming a guessed place.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions import language, replies, texts
from bot.actions.extraction import (
    COMPANIONS,
    DIGRESSION_INTENTS,
    Extraction,
    Turn,
    extract,
    extract_answer,
    is_question,
    is_start_request,
    looks_like_answer,
)
from bot.actions.faq import ENDED_TOPIC, FAQ_TOPICS, answer_topic
from bot.actions.faq_topics import message_topic
from bot.actions.foreign_diploma import answer_foreign_diploma, is_foreign_diploma_answer
from bot.actions.profile_ask import (  # noqa: F401 - the SDK registers the ask actions
    AskForCurrentJob,
    AskForCurrentSector,
    AskForEducationLevel,
    AskForInterests,
    AskForLearnWhileEarning,
    AskForRegion,
    AskForWorkStatus,
)
from bot.actions.session import metadata_slot_events
from contract.values import PROFILE_SLOTS

FORM = "profile_form"
FALLBACK = {"type": "fallback"}
_YES = re.compile(r"^\s*(ja+|jazeker|zeker|klopt|yes|jep|jup|ok[eé]?|goed|precies)\b", re.I)
_NO = re.compile(r"^\s*(nee+|neen|nope|niet|no)\b", re.I)


def turn_from_tracker(tracker: Tracker, requested_slot: Optional[str]) -> Turn:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    return Turn(text=message.get("text") or "", intent=intent,
                entities=message.get("entities") or [], requested_slot=requested_slot,
                slots=_slots_before_message(tracker))


def _slots_before_message(tracker: Tracker) -> dict[str, Any]:
    """Slots as they were before this message: `from_entity` mappings may already have
    filled the asked slot, and the policy compares with what the person said before."""
    slots = dict(tracker.slots)
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") in slots:
            slots[event["name"]] = _value_before(tracker, event["name"])
    return slots


def _value_before(tracker: Tracker, slot: str) -> Any:
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def _undo_mappings(tracker: Tracker, before: dict[str, Any],
                   updates: dict[str, Any]) -> List[EventType]:
    """Values a `from_entity`/`from_intent` mapping set this turn that the context policy
    does not accept ("nee, ik woon in Deventer" is no "nee" to the income question) go
    back to what they were."""
    return [SlotSet(k, before.get(k)) for k in PROFILE_SLOTS
            if k not in updates and tracker.get_slot(k) != before.get(k)]


def attempts_for(tracker: Tracker, slot: str) -> int:
    """How many user messages answered `slot` so far, this one included.

    Counts the user messages after the first time the form asked for `slot` in the
    current run of questions (the form sets `requested_slot` each time it asks).
    """
    seen_users = 0
    answered = 0
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            if event.get("value") != slot:
                break
            answered = seen_users
        elif event.get("event") == "user" and not _is_digression(event):
            # A question in between ("is techniek iets voor meiden?") is no attempt.
            seen_users += 1
    return max(answered, 1)


def _is_digression(user_event: Dict[str, Any]) -> bool:
    intent = ((user_event.get("parse_data") or {}).get("intent") or {}).get("name")
    return intent in DIGRESSION_INTENTS


def _changed(before: Dict[str, Any], updates: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in updates.items() if before.get(k) != v}


def acknowledge(dispatcher: CollectingDispatcher, before: Dict[str, Any],
                changed: Dict[str, Any], asked: Optional[str]) -> None:
    """Says what was understood when a message filled more than the question asked,
    or changed an earlier answer, so the person can see and correct it."""
    corrected = [k for k in changed if before.get(k) not in (None, [])
                 and k != "current_job_esco"]
    # Values that come with the asked answer (ESCO URI and sector with a job, province
    # with a town) are no news; anything else is worth showing.
    derived = {"current_job_esco"}
    if "current_job" in changed:
        derived.add("current_sector")
    if "municipality" in changed:
        derived.add("region")
    derived.update(COMPANIONS.get(asked or "", ()))
    extra = [k for k in changed if k != asked and k not in derived
             and changed[k] not in (None, [])]
    if corrected:
        shown = {**changed}
        if "municipality" in changed:  # show the province with the new town
            shown["region"] = changed.get("region") or before.get("region")
        dispatcher.utter_message(text="Ik heb het aangepast. " + texts.understood(shown))
    elif len(extra) >= (1 if asked else 2):
        # Outside the form one value needs no note: the next question shows it was heard.
        dispatcher.utter_message(text="Genoteerd: " + texts.understood(changed))


def _dont_know_events(dispatcher: CollectingDispatcher, tracker: Tracker,
                      asked: str) -> List[EventType]:
    """Helps a person who does not know an answer, without stopping the form."""
    second = attempts_for(tracker, asked) >= 2
    if asked == "current_job":
        dispatcher.utter_message(text="Geen probleem. Dan kijken we naar de sector.")
        return []
    if asked == "current_sector":
        dispatcher.utter_message(text="Geen probleem, ik noteer 'iets anders'.")
        return [SlotSet("current_sector", "overig")]
    if asked == "work_status":
        dispatcher.utter_message(text="Geen probleem, ik noteer 'anders'.")
        return [SlotSet("work_status", "anders")]
    defaults = {"education_level": (texts.EDUCATION_HELP, texts.EDUCATION_DEFAULT, "geen"),
                "interests": (texts.INTERESTS_HELP, texts.INTERESTS_DEFAULT, []),
                "learn_while_earning": (texts.INCOME_HELP, texts.INCOME_DEFAULT, True)}
    if asked in defaults:
        help_text, default_text, default = defaults[asked]
        if second:
            dispatcher.utter_message(text=default_text)
            return [SlotSet(asked, default)]
        dispatcher.utter_message(text=help_text)
        return [SlotSet(asked, None)]
    dispatcher.utter_message(text=replies.fresh(
        tracker, texts.REGION_HELP, "Dat is goed. Noem dan je provincie, of kies hieronder."))
    return [SlotSet(asked, None)]


def _confirm_place(tracker: Tracker, turn: Turn) -> Optional[List[EventType]]:
    """The answer to "Bedoel je Vasse (Overijssel)?": yes keeps the guess, no drops it.
    Anything else is read as a new answer (None)."""
    raw = tracker.get_slot("pending_place")
    if not raw or "|" not in str(raw):
        return None
    municipality, province = str(raw).split("|", 1)
    if turn.intent == "affirm" or _YES.match(turn.text):
        return [SlotSet("pending_place", None), SlotSet("region", province),
                SlotSet("municipality", municipality)]
    if turn.intent == "deny" or _NO.match(turn.text):
        if extract(turn).updates.get("region"):
            return None  # "nee, Vaals": the new place is read normally
        return [SlotSet("pending_place", None), SlotSet("region", None),
                SlotSet("municipality", None)]
    return None


class ValidateProfileForm(FormValidationAction):
    """Reads every profile slot from each message while the form runs.

    One pass over the message for all slots (instead of one `extract_<slot>` per slot)
    so several answers in one message land together. Emits nothing for real questions
    and other digressions: the form then rejects and the rules answer them before the
    form asks again.
    """

    def name(self) -> Text:
        return "validate_profile_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        asked = tracker.get_slot("requested_slot")
        turn = turn_from_tracker(tracker, asked)
        events: List[EventType] = metadata_slot_events(tracker)
        if asked == "region":
            confirmed = _confirm_place(tracker, turn)
            if confirmed is not None:
                return events + confirmed
        if turn.intent in DIGRESSION_INTENTS:
            # A short statement that answers the open question ("geen diploma", read as
            # a question by NLU) fills it; a real question stays silent for the rules.
            answer = extract_answer(turn)
            if not answer and turn.intent in _STATEMENT_INTENTS and looks_like_answer(turn.text):
                # "ik wil mijn loon houden, dus leren naast mijn werk": a statement full
                # of facts is no question, whatever NLU thought; the form asks on.
                statement = Turn(turn.text, "inform", turn.entities, asked, turn.slots)
                answer = extract(statement).updates
                events += self._updates(dispatcher, turn, Extraction(dict(answer)), asked)
                return events
            # Nothing to fill: no events at all, so the form rejects and a rule answers.
            return [SlotSet(k, v) for k, v in answer.items()]
        result: Extraction = extract(turn)
        events += _undo_mappings(tracker, turn.slots, result.updates)
        events += self._updates(dispatcher, turn, result, asked)
        if result.guess_place and "region" not in result.updates:
            guess = result.guess_place
            events += [SlotSet("pending_place", f"{guess['municipality']}|{guess['province']}"),
                       SlotSet("region", turn.slots.get("region")),
                       SlotSet("municipality", turn.slots.get("municipality"))]
            return events
        if tracker.get_slot("pending_place"):
            events.append(SlotSet("pending_place", None))
        if result.dont_know and asked and asked not in result.updates:
            return events + _dont_know_events(dispatcher, tracker, asked)
        if result.dont_know and asked == "current_job":
            dispatcher.utter_message(text="Geen probleem. Dan kijken we naar de sector.")
        if result.updates:
            return events
        return events + self._nothing_read(dispatcher, tracker, turn, asked)

    @staticmethod
    def _updates(dispatcher: CollectingDispatcher, turn: Turn, result: Extraction,
                 asked: Optional[str]) -> List[EventType]:
        changed = _changed(turn.slots, result.updates)
        if changed:
            acknowledge(dispatcher, turn.slots, changed, asked)
        return [SlotSet(k, v) for k, v in result.updates.items()]

    @staticmethod
    def _nothing_read(dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn,
                      asked: Optional[str]) -> List[EventType]:
        if not asked or not turn.intent:
            return []
        if is_question(turn.text):
            topic = message_topic(tracker.latest_message, turn.text)
            if topic in FAQ_TOPICS or topic == ENDED_TOPIC:
                # A question NLU took for an answer or a request ("waar kan ik gratis
                # advies krijgen?"): answer it, then the form asks its question again.
                answer_topic(dispatcher, tracker, topic)
                return [SlotSet(asked, None)]
        polite = turn.intent in _POLITE_INTENTS or is_start_request(turn.text)
        if polite:
            # "hallo" or "ik zoek ander werk" while a question is open: just ask it again.
            return [SlotSet(asked, None)]
        lang = language.detect(turn.text)
        if lang != "nl":
            # English (or another language): a short reply in it, then the question in
            # simple Dutch again.
            language.say_in(dispatcher, tracker, lang)
            return [SlotSet(asked, None)]
        if asked == "education_level" and is_foreign_diploma_answer(tracker, turn.text):
            return answer_foreign_diploma(dispatcher, tracker)
        # Not understood: say so (with the fallback payload) and ask again. From the
        # second time, the question's buttons come with "Weet ik niet" and an adviser.
        attempt = attempts_for(tracker, asked)
        question = texts.question(asked, tracker.slots, again=True)
        if attempt >= 2:
            text = replies.fresh(
                tracker, "Ik begrijp je nog niet goed. Kies hieronder een antwoord. Weet je "
                "het niet? Kies dan 'Weet ik niet'. Of vraag een adviseur.",
                "Dat lukt nog niet. Kies een knop hieronder, dan gaan we verder.")
            dispatcher.utter_message(text=text, buttons=replies.with_way_out(question.buttons),
                                     json_message=FALLBACK)
        else:
            dispatcher.utter_message(text=texts.not_understood(asked), json_message=FALLBACK)
        return [SlotSet(asked, None)]


# Intents whose short statements may still carry answers (never erase, handover, ...).
_STATEMENT_INTENTS = frozenset({"faq", "out_of_scope", "ask_funding", "ask_routes"})
# Greetings and requests to start just get the question again.
_POLITE_INTENTS = frozenset({"greet", "thanks", "start_profile"})
