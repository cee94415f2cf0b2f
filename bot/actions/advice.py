"""Advice after the profile: recommendations, routes, funding, next steps, route card."""

from __future__ import annotations

import re
import secrets
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import kb, texts
from bot.actions.session import campaign_from_slots
from settings import current as current_settings

ROUTE_KIND_NAMES: Dict[str, str] = {
    "bbl": "werken en leren (BBL)", "bol": "naar school (BOL)", "cursus": "cursus",
    "praktijkverklaring": "praktijkverklaring: leren op de werkvloer",
    "certificaat": "mbo-certificaat", "associate_degree": "Associate degree (hbo)",
    "hbo_deeltijd": "hbo in deeltijd", "bedrijfsopleiding": "opleiding bij een bedrijf",
    "leerwerktraject": "leerwerktraject",
}
ORDINALS: Dict[str, int] = {
    "eerste": 0, "1e": 0, "een": 0, "één": 0, "1": 0, "tweede": 1, "2e": 1, "twee": 1, "2": 1,
    "derde": 2, "3e": 2, "drie": 2, "3": 2, "vierde": 3, "4e": 3, "vier": 3, "4": 3,
    "vijfde": 4, "5e": 4, "vijf": 4, "5": 4,
}
_ORDINAL = re.compile(
    r"\b(?:nummer|nr\.?|de|die|optie|keuze)?\s*(eerste|tweede|derde|vierde|vijfde|laatste|"
    r"[1-5]e?)\b", re.I)
NEXT_BUTTONS = [
    {"title": "Maak mijn overstapkaart", "payload": "/make_card"},
    {"title": "Ander beroep bekijken", "payload": "/other_profession"},
    {"title": "Ik wil een adviseur spreken", "payload": "/request_human"},
]


def profile_of(tracker: Tracker) -> Dict[str, Any]:
    return {slot: tracker.get_slot(slot) for slot in kb.PROFILE_SLOTS}


def _ordinal_choice(text: str, recommended: List[str]) -> Optional[str]:
    if not recommended:
        return None
    stripped = text.strip().lower()
    m = _ORDINAL.search(stripped)
    if not m:
        return None
    word = m.group(1).lower()
    if word == "laatste":
        return recommended[-1]
    index = ORDINALS.get(word)
    if index is None and word.rstrip("e") in ORDINALS:
        index = ORDINALS[word.rstrip("e")]
    # A bare number only counts when the whole message is that number ("2", "nummer 2").
    if word.isdigit() and not re.fullmatch(r"\s*(nummer|nr\.?|optie|keuze)?\s*\d\s*", stripped):
        return None
    if index is not None and index < len(recommended):
        return recommended[index]
    return None


def resolve_profession(tracker: Tracker, fall_back_to_first: bool = True) -> Optional[str]:
    """Which profession the person means: button, ordinal, name in the text, earlier
    choice, or (when asked to) the best recommendation."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    recommended = tracker.get_slot("recommended_professions") or []
    for entity in message.get("entities") or []:
        if entity.get("entity") != "profession" or not entity.get("value"):
            continue
        value = str(entity["value"])
        if kb.profession(value):
            return value
        found = kb.recognise_profession(value)
        if found:
            return found
    if not text.startswith("/"):
        choice = _ordinal_choice(text, recommended)
        if choice:
            return choice
        found = kb.recognise_profession(text)
        if found:
            return found
    if tracker.get_slot("chosen_profession"):
        return tracker.get_slot("chosen_profession")
    return recommended[0] if recommended and fall_back_to_first else None


def _name(profession_id: str) -> str:
    row = kb.profession(profession_id) or {}
    return row.get("name") or profession_id.replace("_", " ").capitalize()


def recommendation_text(items: List[Dict[str, Any]]) -> str:
    lines = ["Dank je! Deze beroepen kunnen goed bij je passen:"]
    for number, item in enumerate(items, start=1):
        reasons = item.get("reasons") or []
        reason = f" {reasons[0].rstrip('.')}." if reasons else ""
        lines.append(f"{number}. {item.get('name')}.{reason}")
    lines.append("Dit is advies, geen garantie op werk. Kies een beroep voor meer uitleg.")
    return "\n".join(lines)


class ActionRecommend(Action):
    """3-5 professions with reasons, a button each, and the profile summary."""

    def name(self) -> Text:
        return "action_recommend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        profile = profile_of(tracker)
        summary = kb.profile_summary(profile)
        dispatcher.utter_message(text="Dit heb ik over jou genoteerd: " + texts.understood(profile)
                                 + " Klopt iets niet? Zeg het gerust, bijvoorbeeld "
                                   "'ik woon in Deventer'.", json_message=summary)
        recommendations = kb.match(profile, campaign=campaign_from_slots(tracker.slots))
        items = recommendations.get("items") or []
        if not items:
            dispatcher.utter_message(
                text="Het lukt me nu niet om beroepen voor je te zoeken. Een adviseur kan je "
                     "verder helpen.",
                buttons=[{"title": "Ik wil een adviseur spreken", "payload": "/request_human"}])
            return []
        buttons = [{"title": item.get("name") or item["id"],
                    "payload": texts.payload("choose_profession", {"profession": item["id"]})}
                   for item in items]
        dispatcher.utter_message(text=recommendation_text(items), buttons=buttons,
                                 json_message=recommendations)
        return [SlotSet("recommended_professions", [item["id"] for item in items])]


def routes_message(dispatcher: CollectingDispatcher, profession_id: str,
                   profile: Dict[str, Any]) -> None:
    routes = kb.routes_for(profession_id, profile)
    items = routes.get("items") or []
    name = _name(profession_id)
    if not items:
        dispatcher.utter_message(
            text=f"Ik heb nog geen opleidingen voor {name} gevonden. Vraag het na bij het "
                 "Werkcentrum in je regio.", json_message=routes)
        return
    lines = [f"Zo kun je {name.lower()} worden:"]
    for item in items[:3]:
        kind = ROUTE_KIND_NAMES.get(item.get("kind", ""), item.get("kind", ""))
        duration = item.get("duration_months")
        about = f", ongeveer {duration} maanden" if duration else ""
        earn = ", je verdient terwijl je leert" if item.get("learn_while_earning") else ""
        lines.append(f"• {item.get('name')} ({kind}{about}{earn})")
    dispatcher.utter_message(text="\n".join(lines), json_message=routes)


def funding_message(dispatcher: CollectingDispatcher, profile: Dict[str, Any],
                    profession_id: Optional[str]) -> None:
    funding = kb.funding_for(profile, profession_id)
    items = funding.get("items") or []
    if not items:
        dispatcher.utter_message(
            text="Ik vond geen regeling die nu voor jou open is. Vaak betaalt de werkgever de "
                 "opleiding. Het Werkcentrum in je regio weet meer.", json_message=funding)
        return
    lines = ["Wie kan meebetalen? Dit kan bij jouw situatie passen:"]
    for item in items[:4]:
        amount = f": {item['amount']}" if item.get("amount") else ""
        lines.append(f"• {item.get('name')}{amount}")
    checked = max((i.get("checked_at") or "" for i in items), default="")
    lines.append("Bedragen zijn een maximum, geen belofte."
                 + (f" Gecontroleerd op {checked}." if checked else ""))
    dispatcher.utter_message(text="\n".join(lines), json_message=funding)


def next_steps_message(dispatcher: CollectingDispatcher, profile: Dict[str, Any],
                       profession_id: Optional[str]) -> None:
    steps = kb.next_steps(profile, profession_id) or {"type": "next_steps", "steps": [],
                                                      "contact": None}
    lines = ["Wat kun je nu doen?"]
    lines += [f"{n}. {step}" for n, step in enumerate(steps.get("steps") or [], start=1)]
    contact = steps.get("contact") or {}
    if contact.get("name"):
        where = " ".join(x for x in (contact.get("url"), contact.get("phone")) if x)
        lines.append(f"Gratis hulp bij jou in de buurt: {contact['name']}"
                     + (f" ({where})" if where else "") + ".")
    dispatcher.utter_message(text="\n".join(lines), json_message=steps)


class ActionShowRoutes(Action):
    """After choosing a profession: routes, then funding, then next steps, in one turn."""

    def name(self) -> Text:
        return "action_show_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        profession_id = resolve_profession(tracker)
        if not profession_id:
            dispatcher.utter_message(
                text="Welk beroep bedoel je? Kies er een uit de lijst, of typ de naam.",
                json_message={"type": "fallback"})
            return []
        profile = profile_of(tracker)
        row = kb.profession(profession_id) or {}
        if row.get("description"):
            dispatcher.utter_message(text=f"{row.get('name')}: {row['description']}")
        routes_message(dispatcher, profession_id, profile)
        funding_message(dispatcher, profile, profession_id)
        next_steps_message(dispatcher, profile, profession_id)
        dispatcher.utter_message(text="Wat wil je nu doen?", buttons=NEXT_BUTTONS)
        return [SlotSet("chosen_profession", profession_id)]


class ActionAnswerRoutes(Action):
    """"Hoe word ik elektromonteur?" -> the routes payload."""

    def name(self) -> Text:
        return "action_answer_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        profession_id = resolve_profession(tracker)
        if not profession_id:
            dispatcher.utter_message(
                text="Welk beroep bedoel je? Typ bijvoorbeeld: 'hoe word ik elektromonteur?'")
            return []
        routes_message(dispatcher, profession_id, profile_of(tracker))
        return [SlotSet("chosen_profession", profession_id)]


class ActionAnswerFunding(Action):
    """"Wie betaalt de opleiding?" -> the funding payload for this person."""

    def name(self) -> Text:
        return "action_answer_funding"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        ended = kb.ended_funding(text) if not text.startswith("/") else None
        if ended:
            dispatcher.utter_message(text=ended_text(ended))
        funding_message(dispatcher, profile_of(tracker),
                        resolve_profession(tracker, fall_back_to_first=True))
        return []


class ActionAnswerNextSteps(Action):
    """"Wat moet ik nu doen?" -> the next_steps payload with the regional contact."""

    def name(self) -> Text:
        return "action_answer_next_steps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        next_steps_message(dispatcher, profile_of(tracker),
                           resolve_profession(tracker, fall_back_to_first=True))
        return []


def ended_text(ended: Dict[str, Any]) -> str:
    note = ended.get("ended_note") or f"De regeling {ended.get('name', '')} bestaat niet meer."
    source = texts.source_line(ended)
    return f"{note} {source}".strip() + " Dit kan nu wel:"


class ActionMakeCard(Action):
    """A private link to the person's route card (overstapkaart), plus a text summary."""

    def name(self) -> Text:
        return "action_make_card"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        token = tracker.get_slot("card_token") or secrets.token_urlsafe(24)
        base = current_settings().public_base_url
        profile = profile_of(tracker)
        chosen = tracker.get_slot("chosen_profession")
        summary = "Je overstapkaart: " + texts.understood(profile)
        if chosen:
            summary += f" Gekozen beroep: {_name(chosen)}."
        dispatcher.utter_message(text=summary, json_message=kb.profile_summary(profile))
        dispatcher.utter_message(
            text=f"Hier staat je kaart, om te bewaren of te printen: {base}/kaart/{token} "
                 f"(als pdf: {base}/kaart/{token}.pdf). Deel deze link alleen met wie je "
                 "vertrouwt. De kaart verdwijnt als je je gegevens laat wissen.")
        return [SlotSet("card_token", token)]
