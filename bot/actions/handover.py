"""Handover to a human adviser: consent, how to be reached, and the record for the console."""

from __future__ import annotations

import re
from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.extraction import clean_text

CHAT = "chat"
NO_CONTACT = "geen"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(\+?\d[\d\s-]{8,14}\d)")
_CHAT = re.compile(r"\b(chat|hier|via\s+deze|app|berichtje)\b", re.I)
_YES = re.compile(r"^\s*(ja+|jazeker|zeker|prima|goed|ok[eé]?|dat\s+mag|mag\s+best|graag)\b",
                  re.I)
_NO = re.compile(r"^\s*(nee+|liever\s+niet|niet|no)\b", re.I)


def contact_from_text(text: str) -> Optional[str]:
    """An e-mail address, a phone number or 'chat'; None when the text holds none."""
    email = _EMAIL.search(text)
    if email:
        return email.group(0).lower()
    phone = _PHONE.search(text)
    if phone and len(re.sub(r"\D", "", phone.group(1))) >= 10:
        return re.sub(r"[\s-]", "", phone.group(1))
    if _CHAT.search(text):
        return CHAT
    return None


class ValidateHandoverForm(FormValidationAction):
    """Reads consent (ja/nee) and a contact (phone, e-mail or this chat)."""

    def name(self) -> Text:
        return "validate_handover_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name")
        text = clean_text(message.get("text") or "")
        asked = tracker.get_slot("requested_slot")
        if intent in ("erase_data", "restart"):
            return []  # the form rejects; the erasure rule asks for confirmation
        if asked not in ("handover_consent", "handover_contact"):
            # A new request starts fresh: earlier answers do not count as consent now.
            return [SlotSet("handover_consent", None), SlotSet("handover_contact", None)]
        if asked == "handover_consent":
            if intent == "affirm" or _YES.match(text):
                return [SlotSet("handover_consent", True)]
            if intent == "deny" or _NO.match(text):
                return [SlotSet("handover_consent", False),
                        SlotSet("handover_contact", NO_CONTACT)]
            dispatcher.utter_message(text="Kies 'Ja, dat mag' of 'Nee'.",
                                     json_message={"type": "fallback"})
            return [SlotSet("handover_consent", None)]
        contact = contact_from_text(text)
        if contact:
            return [SlotSet("handover_contact", contact)]
        dispatcher.utter_message(
            text="Dat herken ik niet als telefoonnummer of e-mailadres. Typ bijvoorbeeld "
                 "06 12345678 of naam@voorbeeld.nl. Of kies: via deze chat.",
            json_message={"type": "fallback"})
        return [SlotSet("handover_contact", None)]


class ActionHandoverSubmit(Action):
    """Records the request (slots the console reads) and tells the person what happens."""

    def name(self) -> Text:
        return "action_handover_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("handover_consent") is not True:
            dispatcher.utter_message(
                text="Prima, ik geef niets door. Je kunt gewoon verder met mij, of later "
                     "alsnog om een adviseur vragen.")
            return [SlotSet("handover_requested", False)]
        contact = tracker.get_slot("handover_contact")
        if contact in (CHAT, None):
            how = "hier in de chat"
        elif "@" in contact:
            how = "via het e-mailadres dat je gaf"
        else:
            how = "via het telefoonnummer dat je gaf"
        dispatcher.utter_message(
            text=f"Dank je. Ik heb je vraag doorgegeven. Een adviseur leest je gesprek en "
                 f"neemt contact met je op, {how}. Dat kan een paar werkdagen duren.")
        if tracker.get_slot("recommended_professions") is None:
            dispatcher.utter_message(
                text="Wil je ondertussen alvast kijken welke beroepen bij je passen?",
                buttons=[{"title": "Ja, graag", "payload": "/start_profile"}])
        return [SlotSet("handover_requested", True)]


class ActionAskHandoverConsent(Action):
    def name(self) -> Text:
        return "action_ask_handover_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="Een adviseur kan je verder helpen. Mag een adviseur dit gesprek lezen en "
                 "contact met je opnemen?",
            buttons=[{"title": "Ja, dat mag", "payload": "/affirm"},
                     {"title": "Nee", "payload": "/deny"}])
        return []


class ActionAskHandoverContact(Action):
    def name(self) -> Text:
        return "action_ask_handover_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(
            text="Hoe kan de adviseur je bereiken? Typ je telefoonnummer of e-mailadres. "
                 "Of kies: via deze chat.",
            buttons=[{"title": "Via deze chat", "payload": "via deze chat"}])
        return []
