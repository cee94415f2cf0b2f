"""Overrides of Rasa's default restart and fallback actions (same names, own texts)."""

from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

FALLBACK = {"type": "fallback"}


class ActionRestart(Action):
    """'/restart' or 'opnieuw beginnen': forget everything and offer a fresh start."""

    def name(self) -> Text:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="Oké, we beginnen opnieuw. Wat je eerder vertelde, gebruik ik niet meer.",
            buttons=[{"title": "Start", "payload": "/start_profile"}])
        return [Restarted(), FollowupAction("action_listen")]


class ActionDefaultFallback(Action):
    """When no policy is sure what to do: say so calmly, with the fallback payload."""

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="Sorry, dat begreep ik niet. Probeer het in een korte zin, of kies een knop.",
            buttons=[{"title": "Welk beroep past bij mij?", "payload": "/start_profile"},
                     {"title": "Ik wil een adviseur spreken", "payload": "/request_human"}],
            json_message=FALLBACK)
        # Forget the message, so it does not steer the next prediction.
        return [UserUtteranceReverted()]


def _place_updated_this_turn(tracker: Tracker) -> bool:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") in ("region", "municipality"):
            return True
    return False


class ActionNluFallback(Action):
    """Low NLU confidence outside the form. A bare town ("Deventer") is a correction of
    the place: action_validate_slot_mappings already stored it and said so."""

    def name(self) -> Text:
        return "action_nlu_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if _place_updated_this_turn(tracker):
            if tracker.get_slot("recommended_professions"):
                dispatcher.utter_message(
                    text="Wil je de beroepen opnieuw zien met je nieuwe woonplaats?",
                    buttons=[{"title": "Ja, laat zien", "payload": "/other_profession"}])
            return []
        dispatcher.utter_message(
            text="Sorry, dat begreep ik niet goed. Kun je het anders zeggen? Je kunt "
                 "bijvoorbeeld typen: 'Ik wil weten welk technisch beroep bij mij past' of "
                 "'Wat verdient een monteur?'", json_message=FALLBACK)
        return []
