"""A diploma from another country, said while the education question is open.

NLU may read "diploma uit een ander land" as an answer or as a question about diplomas, so
the form and the FAQ action both hand it here: the first time the person is asked to pick
the nearest Dutch level, the second time it is noted and the questions go on.
"""

from __future__ import annotations

from typing import Any, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import texts
from bot.actions.reading import Reading

SLOT = "education_level"


def is_foreign_diploma_answer(tracker: Tracker, reading: Reading) -> bool:
    """A statement about a foreign diploma while the education question is asked."""
    return (tracker.get_slot("requested_slot") == SLOT and reading.has("foreign_diploma")
            and not reading.is_question)


def _times_said(events: List[Any]) -> int:
    said = 0
    for event in reversed(events):
        if (event.get("event") == "slot" and event.get("name") == "requested_slot"
                and event.get("value") not in (SLOT, None)):
            break  # before the education question
        if event.get("event") == "user" and \
                Reading.of(event.get("parse_data")).has("foreign_diploma"):
            said += 1
    return said


def answer_foreign_diploma(dispatcher: CollectingDispatcher,
                           tracker: Tracker) -> List[EventType]:
    if _times_said(tracker.events) >= 2:
        dispatcher.utter_message(text=texts.FOREIGN_DIPLOMA_NOTED)
        return [SlotSet(SLOT, "geen")]
    dispatcher.utter_message(text=texts.FOREIGN_DIPLOMA_HELP)
    return [SlotSet(SLOT, None)]
