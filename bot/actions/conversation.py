"""Overrides of Rasa's default restart and fallback actions (same names, own texts)."""

from __future__ import annotations

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    EventType,
    FollowupAction,
    Restarted,
    SlotSet,
    UserUtteranceReverted,
)
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import language, replies
from bot.actions.after_profile import (
    next_steps_message,
    profile_of,
    resolve_profession,
    steps_asked_place,
)
from bot.actions.extraction import Turn, decide
from bot.actions.faq import answer_topic
from bot.actions.faq_topics import message_topic
from bot.actions.profile_replies import acknowledge
from bot.actions.reading import Reading

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
            text=replies.fresh(
                tracker,
                "Sorry, dat begreep ik niet. Probeer het in een korte zin, of kies een knop.",
                "Dat begreep ik weer niet. Kies een knop hieronder, dan help ik je verder."),
            buttons=[{"title": "Welk beroep past bij mij?", "payload": "/start_profile"},
                     {"title": "Ik wil een adviseur spreken", "payload": "/request_human"}],
            json_message=FALLBACK)
        # Forget the message, so it does not steer the next prediction.
        return [UserUtteranceReverted()]


class ActionOtherLanguage(Action):
    """A message in English (or another language we can detect): a short reply in that
    language with an adviser button, then the conversation goes on in simple Dutch."""

    def name(self) -> Text:
        return "action_other_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        lang = language.detect(Reading.of(tracker.latest_message))
        language.say_in(dispatcher, tracker, "en" if lang == "nl" else lang)
        if not tracker.active_loop_name and not tracker.get_slot("recommended_professions"):
            return [FollowupAction("profile_form")]
        return []


class ActionNluFallback(Action):
    """Low NLU confidence outside the form. A bare town ("Deventer") is a correction of
    the place; another language gets a short reply in that language."""

    def name(self) -> Text:
        return "action_nlu_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        reading = Reading.of(tracker.latest_message)
        place = _bare_place(reading, dict(tracker.slots))
        changed = {k: v for k, v in place.items() if tracker.get_slot(k) != v}
        if place:
            if changed:
                acknowledge(dispatcher, dict(tracker.slots), changed, None)
            if tracker.get_slot("recommended_professions") and steps_asked_place(tracker):
                # The answer to "In welke plaats woon je?" after the next steps.
                tracker.slots.update(place)
                next_steps_message(dispatcher, tracker, profile_of(tracker),
                                   resolve_profession(tracker, fall_back_to_first=True))
                return [SlotSet(k, v) for k, v in place.items()]
            if tracker.get_slot("recommended_professions"):
                dispatcher.utter_message(
                    text="Wil je de beroepen opnieuw zien met je nieuwe woonplaats?",
                    buttons=[{"title": "Ja, laat zien", "payload": "/other_profession"}])
            return [SlotSet(k, v) for k, v in place.items()]
        facts = decide(Turn(reading, None, dict(tracker.slots))).updates
        if any(tracker.get_slot(k) != v for k, v in facts.items()) and \
                not tracker.active_loop_name:
            # Unsure of the intent, sure of the facts ("Ik werk in een chocoladefabriek in
            # Roosendaal. Gaat dat met mbo 2?"): answer a question it holds, then the form
            # keeps the facts and asks what is missing.
            topic = message_topic(tracker.latest_message) if reading.is_question else None
            if topic:
                answer_topic(dispatcher, tracker, topic)
            return [FollowupAction("profile_form")]
        lang = language.detect(reading)
        if lang != "nl":
            language.say_in(dispatcher, tracker, lang)
            return []
        dispatcher.utter_message(
            text=replies.fresh(
                tracker,
                "Sorry, dat begreep ik niet goed. Kun je het anders zeggen? Je kunt "
                "bijvoorbeeld typen: 'Ik wil weten welk technisch beroep bij mij past' of "
                "'Wat verdient een monteur?'",
                "Dat begreep ik nog steeds niet. Kies een knop, of vraag een adviseur.",
            ),
            buttons=[{"title": "Welk beroep past bij mij?", "payload": "/start_profile"},
                     replies.HUMAN_BUTTON],
            json_message=FALLBACK)
        return []


def _bare_place(reading: Reading, slots: dict) -> dict:
    """A message that is only a town or province ("Deventer", "in Zwolle")."""
    if not reading.has("bare"):
        return {}
    found = decide(Turn(reading, "region", slots)).updates
    return {k: v for k, v in found.items() if k in ("region", "municipality")}

