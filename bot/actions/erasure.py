"""Erasure of the conversation after the person confirmed it."""

from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, Restarted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

ERASE_ACTION = "action_erase_conversation"


class ActionEraseConversation(Action):
    """Tells the person it is done and resets the conversation.

    The tracker store (lead's part) deletes the stored rows when it sees this action
    as the last action of a turn; the Restarted event clears every slot at once.
    """

    def name(self) -> Text:
        return ERASE_ACTION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        # The `erased` payload tells the widget to clear what it keeps in the browser.
        dispatcher.utter_message(
            text="Klaar. Ik heb dit gesprek en je gegevens gewist, ook je overstapkaart. "
                 "Wil je opnieuw beginnen? Stuur dan gewoon een bericht.",
            json_message={"type": "erased"})
        # Listen next: nothing may run after the erasure in this turn.
        return [Restarted(), FollowupAction("action_listen")]
