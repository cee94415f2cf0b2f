"""Handover to a human adviser: consent, how to be reached, and the record for the console."""

from __future__ import annotations

from typing import List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions.profile_replies import times_asked
from bot.actions.reading import Reading
from settings.sections import HandoverSettings, load_handover_settings

CHAT = "chat"
NO_CONTACT = "geen"


def contact_of(reading: Reading) -> Optional[str]:
    """An e-mail address, a phone number or 'chat' as NLU read them; else None."""
    for name in ("email", "phone"):
        value = reading.value(name)
        if value:
            return str(value)
    return CHAT if reading.has("via_chat") else None


def submitted_text(contact: str | None, settings: HandoverSettings) -> str:
    """What happens now, honest about when advisers are at work."""
    hours = settings.office_hours
    start = "Dank je. Ik heb je vraag doorgegeven."
    if contact in (CHAT, None):
        if hours.always:
            return (f"{start} Een adviseur neemt het gesprek hier in de chat over. "
                    "Blijf even in de buurt: je ziet het als de adviseur er is.")
        if not hours.segments:
            return (f"{start} Een adviseur leest je gesprek en antwoordt hier in de chat. "
                    "Dat kan een paar werkdagen duren. Je ziet het antwoord ook als je "
                    "later terugkomt.")
        when = f"Adviseurs zijn er op {hours.describe()}."
        if hours.is_open():
            return (f"{start} {when} Er is nu iemand aan het werk. Een adviseur neemt het "
                    "gesprek hier in de chat over. Blijf even in de buurt.")
        return (f"{start} {when} Nu is er niemand. Een adviseur antwoordt hier in de chat "
                "zodra die er weer is. Je ziet het antwoord ook als je later terugkomt.")
    how = ("via het e-mailadres dat je gaf" if "@" in contact
           else "via het telefoonnummer dat je gaf")
    when = "" if hours.always or not hours.segments else (
        f" Adviseurs werken op {hours.describe()}.")
    return (f"{start} Een adviseur leest je gesprek en neemt contact met je op, {how}."
            f"{when} Het kan een paar werkdagen duren.")


class ValidateHandoverForm(FormValidationAction):
    """Reads consent (ja/nee) and a contact (phone, e-mail or this chat)."""

    def name(self) -> Text:
        return "validate_handover_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        reading = Reading.of(tracker.latest_message)
        intent = reading.intent
        asked = tracker.get_slot("requested_slot")
        if intent in ("erase_data", "restart"):
            return []  # the form rejects; the erasure rule asks for confirmation
        if asked not in ("handover_consent", "handover_contact"):
            # A new request starts fresh: earlier answers do not count as consent now.
            return [SlotSet("handover_consent", None), SlotSet("handover_contact", None)]
        if asked == "handover_consent":
            if intent == "affirm" or reading.has("yes"):
                return [SlotSet("handover_consent", True)]
            if intent == "deny" or reading.has("no"):
                return [SlotSet("handover_consent", False),
                        SlotSet("handover_contact", NO_CONTACT)]
            if times_asked(tracker, "handover_consent") >= 2:
                # No third time: without a clear yes nothing is passed on.
                return [SlotSet("handover_consent", False),
                        SlotSet("handover_contact", NO_CONTACT)]
            dispatcher.utter_message(text="Kies 'Ja, dat mag' of 'Nee'.",
                                     json_message={"type": "fallback"})
            return [SlotSet("handover_consent", None)]
        contact = contact_of(reading)
        if contact:
            return [SlotSet("handover_contact", contact)]
        if times_asked(tracker, "handover_contact") >= 2:
            dispatcher.utter_message(text="Dan neemt de adviseur contact op via deze chat.")
            return [SlotSet("handover_contact", CHAT)]
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
            events: List[EventType] = [SlotSet("handover_requested", False)]
            if tracker.get_slot("recommended_professions") is None:
                events.append(FollowupAction("profile_form"))  # on with the questions
            return events
        contact = tracker.get_slot("handover_contact")
        dispatcher.utter_message(text=submitted_text(contact, load_handover_settings()))
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


class ActionHandoverResume(Action):
    """Run by the console (Rasa's execute API) when an adviser gives the chat back or
    stays away too long: the assistant answers again and says so."""

    def name(self) -> Text:
        return "action_handover_resume"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("adviser_active") is not True:
            return []  # nothing to hand back (a second release, or after an erasure)
        dispatcher.utter_message(
            text="De adviseur heeft het gesprek teruggegeven. Je praat nu weer met mij, de "
                 "digitale assistent. Je kunt gewoon verder vragen stellen.",
            json_message={"type": "handover_resumed"})
        return [SlotSet("adviser_active", False)]
