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
