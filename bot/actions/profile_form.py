"""The profile form: reading answers (inside and outside the form) and asking questions."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction, ValidationAction
from rasa_sdk.types import DomainDict

from bot.actions import texts
from bot.actions.extraction import (
    COMPANIONS,
    DIGRESSION_INTENTS,
    Extraction,
    Turn,
    bare_place,
    extract,
    extract_answer,
    is_question,
    is_start_request,
    statement_before_question,
)
from bot.actions.faq import ENDED_TOPIC, FAQ_TOPICS, answer_topic, pick_topic
from bot.actions.session import INTRO_SHORT, introduced, metadata_slot_events

FORM = "profile_form"
FALLBACK = {"type": "fallback"}


def turn_from_tracker(tracker: Tracker, requested_slot: Optional[str]) -> Turn:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    return Turn(text=message.get("text") or "", intent=intent,
                entities=message.get("entities") or [], requested_slot=requested_slot,
                slots=dict(tracker.slots))


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


def _changed(tracker: Tracker, updates: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in updates.items() if tracker.get_slot(k) != v}


def _acknowledge(dispatcher: CollectingDispatcher, tracker: Tracker,
                 changed: Dict[str, Any], asked: Optional[str]) -> None:
    """Says what was understood when a message filled more than the question asked,
    or changed an earlier answer, so the person can see and correct it."""
    corrected = [k for k in changed if tracker.get_slot(k) not in (None, [])
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
            shown["region"] = changed.get("region") or tracker.get_slot("region")
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
        dispatcher.utter_message(text="Geen probleem, ik noteer 'overig'.")
        return [SlotSet("current_sector", "overig")]
    if asked == "work_status":
        dispatcher.utter_message(text="Geen probleem, ik noteer 'anders'.")
        return [SlotSet("work_status", "anders")]
    if asked == "education_level":
        if second:
            dispatcher.utter_message(text=texts.EDUCATION_DEFAULT)
            return [SlotSet("education_level", "geen")]
        dispatcher.utter_message(text=texts.EDUCATION_HELP)
        return [SlotSet("education_level", None)]
    if asked == "interests":
        if second:
            dispatcher.utter_message(text=texts.INTERESTS_DEFAULT)
            return [SlotSet("interests", [])]
        dispatcher.utter_message(text=texts.INTERESTS_HELP)
        return [SlotSet("interests", None)]
    if asked == "learn_while_earning":
        if second:
            dispatcher.utter_message(text=texts.INCOME_DEFAULT)
            return [SlotSet("learn_while_earning", True)]
        dispatcher.utter_message(text=texts.INCOME_HELP)
        return [SlotSet("learn_while_earning", None)]
    dispatcher.utter_message(text=texts.REGION_HELP)
    return [SlotSet(asked, None)]


class ValidateProfileForm(FormValidationAction):
    """Reads every profile slot from each message while the form runs.

    One pass over the message for all slots (instead of one `extract_<slot>` per slot)
    so several answers in one message land together and the recognisers run once.
    Emits nothing for questions and other digressions: the form then rejects and
    the rules answer them before the form asks again.
    """

    def name(self) -> Text:
        return "validate_profile_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        asked = tracker.get_slot("requested_slot")
        turn = turn_from_tracker(tracker, asked)
        result: Extraction = extract(turn)
        changed = _changed(tracker, result.updates)
        events: List[EventType] = [SlotSet(k, v) for k, v in result.updates.items()]
        if changed:
            _acknowledge(dispatcher, tracker, changed, asked)
        if result.dont_know and asked and asked not in result.updates:
            return events + _dont_know_events(dispatcher, tracker, asked)
        if result.dont_know and asked == "current_job":
            dispatcher.utter_message(text="Geen probleem. Dan kijken we naar de sector.")
        if asked and not result.updates and turn.intent not in DIGRESSION_INTENTS \
                and is_question(turn.text):
            topic = pick_topic(turn.text)
            if topic in FAQ_TOPICS or topic == ENDED_TOPIC:
                # A question NLU took for an answer or a request ("waar kan ik gratis
                # advies krijgen?"): answer it, then the form asks its question again.
                answer_topic(dispatcher, tracker, topic)
                return events + [SlotSet(asked, None)]
        # Digressions must stay silent (no events), so the form rejects and a rule answers.
        polite = turn.intent in _POLITE_INTENTS or (
            turn.intent not in DIGRESSION_INTENTS and is_start_request(turn.text))
        if (asked and not result.updates and turn.intent
                and turn.intent not in _SILENT_INTENTS and not polite):
            # Not understood: say so (with the fallback payload) and keep the form going
            # by marking the asked slot as still empty, so the form asks again.
            dispatcher.utter_message(text=texts.not_understood(asked), json_message=FALLBACK)
            events.append(SlotSet(asked, None))
        elif asked and not result.updates and polite:
            # "hallo" or "ik zoek ander werk" while a question is open: just ask it again.
            events.append(SlotSet(asked, None))
        return events


# Digressions stay silent so the rules can answer them; greetings just get the question.
_POLITE_INTENTS = frozenset({"greet", "thanks", "start_profile"})
# Outside the form only these intents may change the profile; a choice like "lasser lijkt
# me wat" must not be read as an interest.
_UPDATE_INTENTS = frozenset({"inform", "start_profile"})
_SILENT_INTENTS = DIGRESSION_INTENTS | _POLITE_INTENTS


class ValidateSlotMappings(ValidationAction):
    """Runs after every user message (action_extract_slots).

    Outside the form it reads corrections ("nee, ik woon in Deventer") into the profile
    slots, so the next recommendation uses them, and copies campaign metadata into slots.
    Inside a form it leaves the reading to the form's own validation action.
    """

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        events: List[EventType] = metadata_slot_events(tracker)
        turn = turn_from_tracker(tracker, None)
        if tracker.active_loop_name == FORM and turn.intent in DIGRESSION_INTENTS:
            # The rules will treat this as a question; a short statement that answers
            # the open question ("geen diploma") still fills it (see action_answer_faq).
            turn.requested_slot = tracker.get_slot("requested_slot")
            answer = extract_answer(turn) or statement_before_question(turn)
            return events + [SlotSet(k, v) for k, v in answer.items()]
        if not tracker.active_loop_name and turn.intent in DIGRESSION_INTENTS:
            # "ik ben kok, wat verdient een lasser?": answer the question, keep the job.
            answer = statement_before_question(turn)
            return events + [SlotSet(k, v) for k, v in answer.items()
                             if tracker.get_slot(k) != v]
        if not tracker.active_loop_name and turn.intent == "nlu_fallback":
            # A bare town after the advice ("Deventer") corrects the place.
            place = bare_place(turn)
            if place:
                changed = _changed(tracker, place)
                if changed:
                    _acknowledge(dispatcher, tracker, changed, None)
                return events + [SlotSet(k, v) for k, v in place.items()]
        if tracker.active_loop_name or turn.intent not in _UPDATE_INTENTS:
            return events
        result = extract(turn)
        changed = _changed(tracker, result.updates)
        if changed:
            _acknowledge(dispatcher, tracker, changed, None)
        events += [SlotSet(k, v) for k, v in result.updates.items()]
        return events


class AskForSlotMixin:
    """Asks one profile question, with buttons and a sign of progress.

    A mixin rather than an Action subclass, so the SDK registers only the concrete
    `action_ask_<slot>` classes below.
    """

    slot: str = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        required = domain.get("forms", {}).get(FORM, {}).get("required_slots", [])
        missing = [s for s in required if tracker.get_slot(s) is None]
        remaining = len(missing) if self.slot in missing else len(missing) + 1
        # The same question again (after "weet ik niet" or a digression): add buttons.
        again = tracker.get_slot("requested_slot") == self.slot
        question = texts.question(self.slot, tracker.slots, again=again)
        if not introduced(tracker.events):
            # A first message that wants help ("ik wil werk zoeken") starts the form at
            # once; say briefly what the assistant does and does not do before asking.
            dispatcher.utter_message(text=INTRO_SHORT)
        dispatcher.utter_message(text=f"{texts.progress(remaining)}{question.text}",
                                 buttons=question.buttons or None)
        return []


def _ask_action(slot_name: str) -> type:
    return type(f"AskFor_{slot_name}", (AskForSlotMixin, Action), {"slot": slot_name})


AskForCurrentJob = _ask_action("current_job")
AskForCurrentSector = _ask_action("current_sector")
AskForWorkStatus = _ask_action("work_status")
AskForEducationLevel = _ask_action("education_level")
AskForInterests = _ask_action("interests")
AskForRegion = _ask_action("region")
AskForLearnWhileEarning = _ask_action("learn_while_earning")
