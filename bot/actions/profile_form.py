"""The profile form's validation: `extract_<slot>` and `validate_<slot>` over what NLU read.

The NLU component (bot/components/knowledge_entities.py) finds the facts and says how the
message is put (cue entities); `extraction.decide` decides which facts count for the
question on screen. Each `extract_<slot>` hands the form its slot of that decision, and
each `validate_<slot>` keeps a value a slot mapping set only when the decision agrees.
Around them, `run` says what was understood, answers a question that came with a fact,
and asks a question at most twice before it moves on.
"""

from __future__ import annotations

import weakref
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions import language
from bot.actions.extraction import (
    COMPANIONS,
    LISTENING_SLOTS,
    Extraction,
    Turn,
    answer_to_open_question,
    decide,
)
from bot.actions.faq import answer_topic
from bot.actions.faq_topics import message_topic
from bot.actions.foreign_diploma import answer_foreign_diploma, is_foreign_diploma_answer
from bot.actions.intent_groups import NEVER_AN_ANSWER, QUESTIONS, REQUESTS, SMALL_TALK
from bot.actions.profile_ask import (  # noqa: F401 - the SDK registers the ask actions
    AskForCurrentJob,
    AskForCurrentSector,
    AskForEducationLevel,
    AskForInterests,
    AskForLearnWhileEarning,
    AskForRegion,
    AskForWorkStatus,
)
from bot.actions.profile_replies import (
    FALLBACK,
    SKIPPED,
    acknowledge,
    attempts_for,
    changed_values,
    dont_know_events,
    not_understood_events,
    skip_events,
)
from bot.actions.reading import Reading
from bot.actions.session import metadata_slot_events

FORM = "profile_form"
COMPANION_SLOTS = ("current_job_esco", "municipality")
REQUIRED = ("current_job", "current_sector", "work_status", "education_level", "interests",
            "region", "learn_while_earning")


def _not_an_answer(turn: Turn) -> bool:
    """A request the rules must handle. "bankmedewerker" that NLU took for a wish to speak
    to someone is still the answer to "Wat voor werk doe je?"."""
    r = turn.reading
    if turn.intent == "request_human" and not r.has("asks_for_person"):
        return not (r.is_statement and answer_to_open_question(turn))
    if turn.intent in REQUESTS:
        return True
    return turn.intent in NEVER_AN_ANSWER and not (
        r.is_statement and answer_to_open_question(turn))


def _answered_this_turn(tracker: Tracker) -> bool:
    """The FAQ action already answered this message (it then started the form)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        custom = (event.get("data") or {}).get("custom") or {}
        if event.get("event") == "bot" and custom.get("type") == "faq_answer":
            return True
    return False


def _mapping_filled_something(tracker: Tracker, turn: Turn) -> bool:
    """A `from_entity` mapping set a slot this turn (its `validate_<slot>` decides)."""
    return any(tracker.get_slot(k) != turn.slots.get(k) for k in REQUIRED)


def _skip_quietly(tracker: Tracker, slot: str) -> List[EventType]:
    skipped = list(dict.fromkeys([*(tracker.get_slot(SKIPPED) or []), slot]))
    return [SlotSet(SKIPPED, skipped)]


# One decision per message: `run` and the fourteen extract_/validate_ methods the SDK calls
# for the same tracker object share it instead of reading the events again each time.
# (Trackers are not hashable: keyed by id, dropped when the tracker is.)
_DECISIONS: Dict[int, Extraction] = {}


def decision_for(tracker: Tracker) -> Extraction:
    found = _DECISIONS.get(id(tracker))
    if found is None:
        found = _DECISIONS[id(tracker)] = decide(turn_from_tracker(tracker))
        weakref.finalize(tracker, _DECISIONS.pop, id(tracker), None)
    return found


def turn_from_tracker(tracker: Tracker) -> Turn:
    return Turn(Reading.of(tracker.latest_message), tracker.get_slot("requested_slot"),
                slots_before_message(tracker))


def slots_before_message(tracker: Tracker) -> dict[str, Any]:
    """Slots as they were before this message: `from_entity` mappings may already have
    filled the asked slot, and the decision compares with what the person said before."""
    slots = dict(tracker.slots)
    changed = set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "slot" and event.get("name") in slots:
            changed.add(event["name"])
    for name in changed:
        slots[name] = _value_before(tracker, name)
    return slots


def _value_before(tracker: Tracker, slot: str) -> Any:
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def _confirm_place(tracker: Tracker, turn: Turn) -> Optional[List[EventType]]:
    """The answer to "Bedoel je Vasse (Overijssel)?": yes keeps the guess, no drops it.
    Anything else is read as a new answer (None)."""
    raw = tracker.get_slot("pending_place")
    if not raw or "|" not in str(raw):
        return None
    municipality, province = str(raw).split("|", 1)
    r = turn.reading
    if turn.intent == "affirm" or r.has("yes"):
        return [SlotSet("pending_place", None), SlotSet("region", province),
                SlotSet("municipality", municipality)]
    if turn.intent == "deny" or r.has("no"):
        if decide(turn).updates.get("region"):
            return None  # "nee, Vaals": the new place is read normally
        return [SlotSet("pending_place", None), SlotSet("region", None),
                SlotSet("municipality", None)]
    return None


class ValidateProfileForm(FormValidationAction):
    """Fills the profile from each message while the form runs; see the module docstring."""

    def name(self) -> Text:
        return "validate_profile_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        # A question skipped (by the person, or after two tries) is not asked again.
        skipped = set(tracker.get_slot(SKIPPED) or [])
        return [s for s in domain_slots if s not in skipped]

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        turn = turn_from_tracker(tracker)
        asked, r = turn.requested_slot, turn.reading
        if _not_an_answer(turn):
            return []  # the form rejects; the rules answer (erasure, adviser, goodbye, ...)
        if asked == "region":
            confirmed = _confirm_place(tracker, turn)
            if confirmed is not None:
                return metadata_slot_events(tracker) + confirmed
        decision = decision_for(tracker)
        if decision.guess_place and "region" not in decision.updates:
            guess = decision.guess_place
            return metadata_slot_events(tracker) + [SlotSet(
                "pending_place", f"{guess['municipality']}|{guess['province']}")]
        topic = message_topic(tracker.latest_message) if r.is_question else None
        # New facts for the form's questions (a wish or a limit alone answers none of them;
        # a fact said before again is no answer to the question on screen).
        new = changed_values(turn.slots, decision.updates)
        filled = any(k not in LISTENING_SLOTS for k in new) or (
            asked in decision.updates and decision.updates[asked] not in (None, []))
        told = any(k in LISTENING_SLOTS for k in new)
        # Replies that decide about the open question come first: a skipped question must
        # be gone before the form picks the next one.
        replies_events: List[EventType] = []
        if asked and decision.dont_know:
            replies_events = dont_know_events(dispatcher, tracker, asked)
        elif asked and decision.skip:
            replies_events = skip_events(dispatcher, tracker, asked)
        elif asked == "current_job" and "current_job" not in decision.updates \
                and decision.updates.get("current_sector"):
            # The sector button (or a workplace) instead of a job: enough, go on.
            replies_events = _skip_quietly(tracker, asked)
        elif not filled:
            replies_events = self._nothing_read(dispatcher, tracker, turn, topic, told)
            if not replies_events:
                return []  # rejected: a rule answers the question, then the form asks again
        tracker.add_slots([e for e in replies_events if e.get("name") == SKIPPED])
        events: List[EventType] = metadata_slot_events(tracker)
        if tracker.get_slot("pending_place"):
            events.append(SlotSet("pending_place", None))
        events += await super().run(dispatcher, tracker, domain)
        # Values that come with a slot (the ESCO URI with a job, the town with a province)
        # and the facts that are no question of the form.
        events += [SlotSet(k, decision.updates[k]) for k in COMPANION_SLOTS
                   if k in decision.updates]
        events += [SlotSet(k, decision.updates[k]) for k in LISTENING_SLOTS
                   if k in decision.updates and turn.slots.get(k) != decision.updates[k]]
        changed = changed_values(turn.slots, decision.updates)
        if changed:
            acknowledge(dispatcher, turn.slots, changed, asked)
        if filled and topic and not _answered_this_turn(tracker):
            answer_topic(dispatcher, tracker, topic)  # "alleen vmbo, is dat erg?"
        return events + replies_events

    def _nothing_read(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn,
                      topic: Optional[str], told: bool = False) -> List[EventType]:
        """Nothing for the profile in the message. An empty list means: reject."""
        asked, r = turn.requested_slot, turn.reading
        if not asked:
            return []
        if r.is_question:
            mapped = _mapping_filled_something(tracker, turn)
            if turn.intent in QUESTIONS and not mapped and not told:
                return []  # the form rejects and a rule answers, then asks again
            if topic or mapped or told:
                # A question NLU took for an answer ("waar kan ik gratis advies krijgen?"):
                # answer it, then the form asks its question again.
                if topic:
                    answer_topic(dispatcher, tracker, topic)
                return [SlotSet(asked, None)]
        if turn.intent in SMALL_TALK or turn.intent == "start_profile" or r.is_start_request:
            return [SlotSet(asked, None)]  # "hallo" while a question is open: ask it again
        lang = language.detect(r)
        if lang != "nl":
            # Another language: a short reply in it, then the question in simple Dutch.
            language.say_in(dispatcher, tracker, lang)
            return [SlotSet(asked, None)]
        if asked == "education_level" and is_foreign_diploma_answer(tracker, r):
            return answer_foreign_diploma(dispatcher, tracker)
        if told:
            return [SlotSet(asked, None)]  # a wish or a limit: heard, and the question again
        return not_understood_events(dispatcher, tracker, asked)

    # --- one extract and one validate method per profile slot ---------------------------
    @staticmethod
    def _decided(tracker: Tracker, slot: str) -> Dict[Text, Any]:
        updates = decision_for(tracker).updates
        return {k: updates[k] for k in (slot, *COMPANIONS.get(slot, ())) if k in updates}

    def _validated(self, slot: str, tracker: Tracker) -> Dict[Text, Any]:
        """The decision's value; a value a slot mapping set that the decision did not
        take (the "nee" in "nee, ik woon in Deventer") keeps the earlier answer."""
        decided = self._decided(tracker, slot)
        if slot in decided:
            return decided
        return {slot: slots_before_message(tracker).get(slot)}

    async def extract_current_job(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        return self._decided(tracker, "current_job")

    async def extract_current_sector(self, dispatcher: CollectingDispatcher,
                                     tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._decided(tracker, "current_sector")

    async def extract_work_status(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> Dict[Text, Any]:
        return self._decided(tracker, "work_status")

    async def extract_education_level(self, dispatcher: CollectingDispatcher,
                                      tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._decided(tracker, "education_level")

    async def extract_interests(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> Dict[Text, Any]:
        return self._decided(tracker, "interests")

    async def extract_region(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> Dict[Text, Any]:
        return self._decided(tracker, "region")

    async def extract_learn_while_earning(self, dispatcher: CollectingDispatcher,
                                          tracker: Tracker, domain: DomainDict
                                          ) -> Dict[Text, Any]:
        return self._decided(tracker, "learn_while_earning")

    async def validate_current_job(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._validated("current_job", tracker)

    async def validate_current_sector(self, value: Any, dispatcher: CollectingDispatcher,
                                      tracker: Tracker, domain: DomainDict
                                      ) -> Dict[Text, Any]:
        return self._validated("current_sector", tracker)

    async def validate_work_status(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._validated("work_status", tracker)

    async def validate_education_level(self, value: Any, dispatcher: CollectingDispatcher,
                                       tracker: Tracker, domain: DomainDict
                                       ) -> Dict[Text, Any]:
        return self._validated("education_level", tracker)

    async def validate_interests(self, value: Any, dispatcher: CollectingDispatcher,
                                 tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._validated("interests", tracker)

    async def validate_region(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return self._validated("region", tracker)

    async def validate_learn_while_earning(self, value: Any, dispatcher: CollectingDispatcher,
                                           tracker: Tracker, domain: DomainDict
                                           ) -> Dict[Text, Any]:
        return self._validated("learn_while_earning", tracker)


__all__ = ["ValidateProfileForm", "attempts_for", "FALLBACK", "FORM", "turn_from_tracker"]
