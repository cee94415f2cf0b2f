"""The profile questions: one `action_ask_<slot>` per slot, with progress and a way out."""

from __future__ import annotations

from typing import Any, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import replies, texts
from bot.actions.session import INTRO_SHORT, introduced

FORM = "profile_form"


def progress_for(tracker: Tracker, slot: str, required: list[str]) -> tuple[int, int]:
    """(number, total) for "Vraag 3 van 7".

    The total is set when the questions start: the questions not yet answered then. The
    number counts the questions answered since (also those a message answered along the
    way, and skipped ones), so it only moves forward, and a question asked again keeps
    the number it had the first time."""
    values: dict[str, Any] = {}
    skipped: set[str] = set()
    known_at_start: set[str] | None = None
    number_then: int | None = None

    def answered() -> int:
        start = known_at_start or set()
        return sum(1 for s in required if s != slot and s not in start
                   and (values.get(s) is not None or s in skipped))

    for event in tracker.events:
        if event.get("event") == "restart":
            values, skipped, known_at_start, number_then = {}, set(), None, None
        if event.get("event") != "slot":
            continue
        name, value = event.get("name"), event.get("value")
        if name == "requested_slot":
            if known_at_start is None and value in required:
                known_at_start = {s for s in required if values.get(s) is not None}
            if value == slot and number_then is None:
                number_then = answered() + 1
        elif name == "skipped_slots":
            skipped = set(value or [])
        else:
            values[name] = value
    if known_at_start is None:
        known_at_start = {s for s in required if values.get(s) is not None and s != slot}
    number = number_then if number_then is not None else answered() + 1
    return number, max(len(required) - len(known_at_start), number)


def _pending_place(tracker: Tracker) -> dict[str, str] | None:
    raw = tracker.get_slot("pending_place")
    if not raw or "|" not in str(raw):
        return None
    municipality, province = str(raw).split("|", 1)
    return {"municipality": municipality, "province": province}


class AskForSlotMixin:
    """Asks one profile question, with buttons, "Weet ik niet" and progress.

    A mixin rather than an Action subclass, so the SDK registers only the concrete
    `action_ask_<slot>` classes below.
    """

    slot: str = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if self.slot == "region":
            guess = _pending_place(tracker)
            if guess:
                # A typo-tolerant guess is confirmed before it is used.
                province = texts.PROVINCE_NAMES.get(guess["province"], guess["province"])
                dispatcher.utter_message(
                    text=f"Bedoel je {guess['municipality']} ({province})?",
                    buttons=[{"title": "Ja", "payload": "/affirm"},
                             {"title": "Nee, een andere plaats", "payload": "/deny"}])
                return []
        required = domain.get("forms", {}).get(FORM, {}).get("required_slots", [])
        number, total = progress_for(tracker, self.slot, required)
        # The same question again (after "weet ik niet" or a digression): add buttons.
        again = tracker.get_slot("requested_slot") == self.slot
        question = texts.question(self.slot, tracker.slots, again=again)
        if not introduced(tracker.events):
            # A first message that wants help ("ik wil werk zoeken") starts the form at
            # once; say briefly what the assistant does and does not do before asking.
            dispatcher.utter_message(text=INTRO_SHORT)
        counter = texts.progress(number, total)
        text = f"{counter}{question.text}"
        buttons: list[dict[str, Any]] = list(question.buttons)
        if again:
            # Asked before: the same question with choices, "Sla over" and an adviser. The
            # form never asks it a third time (profile_replies.not_understood_events).
            text = replies.fresh(tracker, text, f"{counter}Nog één keer: {question.text}")
            buttons = replies.with_way_out([*buttons, texts.SKIP_BUTTON])
        else:
            buttons.append(replies.DONT_KNOW_BUTTON)
        dispatcher.utter_message(text=text, buttons=buttons)
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
