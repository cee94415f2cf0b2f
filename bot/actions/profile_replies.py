"""What the profile form says back: what it understood, help for "weet ik niet", and a
question that is skipped after two tries instead of asked a third time."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import replies, texts
from bot.actions.extraction import COMPANIONS
from bot.actions.intent_groups import DIGRESSIONS

FALLBACK = {"type": "fallback"}
SKIPPED = "skipped_slots"
# After this many answers that were not understood, the question is skipped.
MAX_TRIES = 2


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


def times_asked(tracker: Tracker, slot: str) -> int:
    """How often the question for `slot` was put in a row so far (the form sets
    `requested_slot` each time it asks), also around questions of the person."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            if event.get("value") != slot:
                break
            count += 1
    return count


def _is_digression(user_event: Dict[str, Any]) -> bool:
    parse = user_event.get("parse_data") or {}
    intent = (parse.get("intent") or {}).get("name")
    asked = any(e.get("entity") == "cue" and e.get("value") == "question"
                for e in parse.get("entities") or [])
    return intent in DIGRESSIONS and asked


def changed_values(before: Dict[str, Any], updates: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in updates.items() if before.get(k) != v}


def acknowledge(dispatcher: CollectingDispatcher, before: Dict[str, Any],
                changed: Dict[str, Any], asked: Optional[str]) -> None:
    """Says what was understood when a message filled more than the question asked,
    or changed an earlier answer, so the person can see and correct it."""
    shown_keys = set(texts.UNDERSTOOD_KEYS)
    corrected = [k for k in changed if before.get(k) not in (None, []) and k in shown_keys
                 and k != "current_job_esco"]
    # Values that come with the asked answer (ESCO URI and sector with a job, province
    # with a town) are no news; anything else is worth showing.
    derived = {"current_job_esco"}
    if "current_job" in changed:
        derived.add("current_sector")
    if "municipality" in changed:
        derived.add("region")
    derived.update(COMPANIONS.get(asked or "", ()))
    extra = [k for k in changed if k != asked and k not in derived and k in shown_keys
             and changed[k] not in (None, [])]
    if corrected:
        shown = {**changed}
        if "municipality" in changed:  # show the province with the new town
            shown["region"] = changed.get("region") or before.get("region")
        dispatcher.utter_message(text="Ik heb het aangepast. " + texts.understood(shown))
    elif len(extra) >= (1 if asked else 2):
        # Outside the form one value needs no note: the next question shows it was heard.
        dispatcher.utter_message(text="Genoteerd: " + texts.understood(changed))


def skip_events(dispatcher: CollectingDispatcher, tracker: Tracker, asked: str,
                text: str = "Goed, die vraag slaan we over. We gaan verder.") -> List[EventType]:
    """The question is not asked again; the advice uses what is known."""
    dispatcher.utter_message(text=text)
    skipped = list(dict.fromkeys([*(tracker.get_slot(SKIPPED) or []), asked]))
    return [SlotSet(SKIPPED, skipped), SlotSet(asked, None)]


def not_understood_events(dispatcher: CollectingDispatcher, tracker: Tracker,
                          asked: str) -> List[EventType]:
    """The first time: say so, and the question comes again with buttons and "Sla over".
    The second time: no third try; the question is skipped."""
    if attempts_for(tracker, asked) >= MAX_TRIES or times_asked(tracker, asked) >= MAX_TRIES:
        # Never a third time on screen, also when a question came in between.
        dispatcher.utter_message(
            text="Dat lukt nog niet. Geen probleem: die vraag slaan we over.",
            json_message=FALLBACK)
        skipped = list(dict.fromkeys([*(tracker.get_slot(SKIPPED) or []), asked]))
        return [SlotSet(SKIPPED, skipped), SlotSet(asked, None)]
    dispatcher.utter_message(text="Sorry, dat begreep ik niet helemaal.", json_message=FALLBACK)
    return [SlotSet(asked, None)]


def dont_know_events(dispatcher: CollectingDispatcher, tracker: Tracker,
                     asked: str) -> List[EventType]:
    """Helps a person who does not know an answer, without stopping the form."""
    second = attempts_for(tracker, asked) >= MAX_TRIES
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
    if second:
        return skip_events(dispatcher, tracker, asked,
                           "Geen probleem. Dan geef ik je straks de landelijke hulp.")
    dispatcher.utter_message(text=replies.fresh(
        tracker, texts.REGION_HELP, "Dat is goed. Noem dan je provincie, of kies hieronder."))
    return [SlotSet(asked, None)]
