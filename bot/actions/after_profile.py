"""Advice after the profile: recommendations, routes, funding, next steps, route card."""

from __future__ import annotations

import secrets
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import advice_texts, recommendation_turn, texts
from bot.actions import knowledge_gate as gate
from bot.actions.reading import Reading
from bot.actions.session import campaign_from_slots
from contract import glossary
from contract.values import EXTENSION_PROFILE_SLOTS
from settings import current as current_settings

NEXT_BUTTONS = [
    {"title": "Maak mijn overstapkaart", "payload": "/make_card"},
    {"title": "Ander beroep bekijken", "payload": "/other_profession"},
    {"title": "Ik wil een adviseur spreken", "payload": "/request_human"},
]


def profile_of(tracker: Tracker) -> Dict[str, Any]:
    profile = {slot: tracker.get_slot(slot) for slot in gate.PROFILE_SLOTS}
    profile["current_job_text"] = typed_job(tracker)
    said = [Reading.of(e.get("parse_data")) for e in tracker.events if e.get("event") == "user"]
    profile["statushouder"] = bool(tracker.get_slot("statushouder")) or bool(
        tracker.get_slot("newcomer")) or any(r.value("newcomer", told=False) for r in said)
    profile["foreign_diploma"] = any(r.has("foreign_diploma") for r in said)
    # Asked whether technical work is for women: the next steps name Techniek Inclusief.
    profile["women_in_tech"] = any(r.is_question and r.faq_topic == "vrouwen" for r in said)
    # Contract extension (issue #22): the wish, limits, age and newcomer slots reach
    # knowledge.match and next_steps as they are.
    for slot in EXTENSION_PROFILE_SLOTS:
        profile[slot] = tracker.get_slot(slot)
    profile["labour_market_region"] = tracker.get_slot("labour_market_region")
    profile["newcomer"] = bool(profile["newcomer"]) or profile["statushouder"]
    return profile


def newcomer_events(tracker: Tracker, profile: Dict[str, Any]) -> List[EventType]:
    """Record a recognised statushouder in the team-extension slot (when the domain has
    it), so the console and later turns see it."""
    if profile.get("statushouder") and not tracker.get_slot("statushouder") and \
            "statushouder" in (tracker.slots or {}):
        return [SlotSet("statushouder", True)]
    return []


def typed_job(tracker: Tracker) -> Optional[str]:
    """The person's own word for their job ("boer"), from the message that filled
    current_job; the slot itself holds the ESCO label ("boerderijmanager")."""
    last, typed = Reading(), None
    for event in tracker.events:
        if event.get("event") == "user":
            last = Reading.of(event.get("parse_data"))
        elif (event.get("event") == "slot" and event.get("name") == "current_job"
              and event.get("value")):
            job = last.first("job", source="knowledge") or {}
            span = str(job.get("words") or "").strip()
            # A sector word ("thuiszorg") is not a job title: keep the label then.
            typed = span if span and not gate.recognise_sector_word(span) else None
    return typed


def _ordinal_choice(reading: Reading, recommended: List[str]) -> Optional[str]:
    index = reading.value("choice")
    if not recommended or index is None:
        return None
    if int(index) == -1:
        return recommended[-1]
    return recommended[int(index)] if int(index) < len(recommended) else None


def resolve_profession(tracker: Tracker, fall_back_to_first: bool = True) -> Optional[str]:
    """Which profession the person means: button, ordinal, name in the text, earlier
    choice, or (when asked to) the best recommendation."""
    message = tracker.latest_message or {}
    reading = Reading.of(message)
    recommended = tracker.get_slot("recommended_professions") or []
    for entity in message.get("entities") or []:
        if entity.get("entity") != "profession" or not entity.get("value"):
            continue
        value = str(entity["value"])
        if gate.profession(value):
            return value
        found = gate.recognise_profession(value)
        if found:
            return found
    if not reading.is_payload:
        choice = _ordinal_choice(reading, recommended)
        if choice:
            return choice
        found = reading.value("profession_id", told=False)
        if found:
            return str(found)
    if tracker.get_slot("chosen_profession"):
        return tracker.get_slot("chosen_profession")
    return recommended[0] if recommended and fall_back_to_first else None


def _name(profession_id: str) -> str:
    row = gate.profession(profession_id) or {}
    return row.get("name") or profession_id.replace("_", " ").capitalize()


class ActionRecommend(Action):
    """3-5 professions with reasons, a button each, and the profile summary."""

    def name(self) -> Text:
        return "action_recommend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        profile = profile_of(tracker)
        if tracker.get_slot("recommended_professions") and tracker.get_slot("municipality") \
                and steps_asked_place(tracker):
            # The answer to "In welke plaats woon je?": the steps with the local desk.
            next_steps_message(dispatcher, tracker, profile,
                               resolve_profession(tracker, fall_back_to_first=True))
            return []
        summary = gate.profile_summary(profile)
        noted = advice_texts.plain(recommendation_turn.summary_text(profile),
                                   explained_terms(tracker))
        dispatcher.utter_message(text=noted, json_message=summary)
        recommendations = gate.match(profile, campaign=campaign_from_slots(tracker.slots))
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
        dispatcher.utter_message(
            text=_recommendation_text(items, recommendations, noted,
                                      explained_terms(tracker) | glossary.explained_in([noted])),
            buttons=buttons, json_message=recommendations)
        return [SlotSet("recommended_professions", [item["id"] for item in items]),
                *newcomer_events(tracker, profile)]


def bot_history(tracker: Tracker) -> list[dict[str, Any]]:
    """Earlier bot messages of this conversation: text and custom payload."""
    out = []
    for event in tracker.events:
        if event.get("event") == "bot":
            data = event.get("data") or {}
            out.append({"text": event.get("text") or "", "custom": data.get("custom")})
    return out


def explained_terms(tracker: Tracker) -> set[str]:
    return glossary.explained_in(m["text"] for m in bot_history(tracker))


def shown_before(tracker: Tracker, kind: str, profession_id: Optional[str]) -> bool:
    """Whether a payload of this kind (for this profession) was sent earlier."""
    for message in bot_history(tracker):
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == kind and (
                profession_id is None or custom.get("profession_id") in (None, profession_id)):
            return True
    return False


def _send(dispatcher: CollectingDispatcher, tracker: Tracker, text: str,
          payload: Optional[Dict[str, Any]], buttons: Optional[List[Dict[str, str]]] = None
          ) -> None:
    already = explained_terms(tracker)
    dispatcher.utter_message(text=advice_texts.plain(text, already), json_message=payload,
                             buttons=buttons or [])


def routes_message(dispatcher: CollectingDispatcher, tracker: Tracker, profession_id: str,
                   profile: Dict[str, Any]) -> None:
    routes = gate.routes_for(profession_id, profile)
    repeat = shown_before(tracker, "routes", profession_id)
    text = advice_texts.routes_text(routes, _name(profession_id), repeat)
    _send(dispatcher, tracker, text, routes,
          advice_texts.menu_buttons(profession_id, skip="routes"))


def _funding_page(tracker: Tracker) -> int:
    """The "meer" button asks for the next page of schemes."""
    reading = Reading.of(tracker.latest_message)
    return 1 if reading.is_payload and reading.value("page") is not None else 0


def funding_message(dispatcher: CollectingDispatcher, tracker: Tracker,
                    profile: Dict[str, Any], profession_id: Optional[str]) -> None:
    page = _funding_page(tracker)
    funding = gate.funding_for(profile, profession_id, page=page)
    repeat = page == 0 and shown_before(tracker, "funding", None)
    funding["profession_id"] = profession_id
    text = advice_texts.funding_text(funding, repeat)
    buttons = advice_texts.menu_buttons(profession_id, skip="funding") if profession_id \
        else []
    if funding.get("more") and page == 0 and profession_id:
        buttons.insert(0, {"title": "Meer regelingen",
                           "payload": '/ask_funding{"profession": "' + profession_id
                                      + '", "page": "2"}'})
    _send(dispatcher, tracker, text, funding, buttons)


def next_steps_message(dispatcher: CollectingDispatcher, tracker: Tracker,
                       profile: Dict[str, Any], profession_id: Optional[str]) -> None:
    steps = gate.next_steps(profile, profession_id) or {"type": "next_steps", "steps": [],
                                                      "contact": None}
    repeat = shown_before(tracker, "next_steps", None)
    known = explained_terms(tracker)
    text = ""
    # As many steps as fit in a short turn, explanations of new terms included.
    for limit in range(len(steps.get("steps") or []), 1, -1):
        text = advice_texts.plain(advice_texts.next_steps_text(steps, repeat, limit), set(known))
        if advice_texts.words(text) <= advice_texts.TURN_WORDS - 5:
            break
    text = text or advice_texts.plain(advice_texts.next_steps_text(steps, repeat), known)
    buttons = advice_texts.menu_buttons(profession_id, skip="next_steps") \
        if profession_id else NEXT_BUTTONS
    if profession_id:
        buttons = buttons + [NEXT_BUTTONS[0]]
    contact = steps.get("contact") or {}
    if contact.get("ask_place") and contact.get("province_regions"):
        # Only the province is known: ask the place instead of guessing a region; the
        # province's labour-market regions are the buttons.
        text += "\n" + str(contact.get("text") or "In welke plaats woon je?")
        buttons = [{"title": r["name"], "payload": texts.payload(
            "ask_next_steps", {"labour_market_region": r["id"]})}
            for r in contact["province_regions"]] + [NEXT_BUTTONS[0]]
    _send(dispatcher, tracker, text, steps, buttons)


def _recommendation_text(items: List[Dict[str, Any]], payload: Dict[str, Any], noted: str,
                         known: set) -> str:
    """The recommendations within what the summary left of the turn's words, counted
    with the explanations of new terms."""
    room = advice_texts.TURN_WORDS - advice_texts.words(noted)
    budget = room
    while True:
        text = advice_texts.plain(
            recommendation_turn.recommendation_text(items, payload, budget), set(known))
        if advice_texts.words(text) <= room or budget <= room - 40:
            return text
        budget -= 10


def steps_asked_place(tracker: Tracker) -> bool:
    """True when the latest advice message was the next steps asking for the place (only
    the province was known)."""
    for event in reversed(tracker.events):
        custom = ((event.get("data") or {}).get("custom") or {}) \
            if event.get("event") == "bot" else {}
        if custom.get("type") in ("recommendations", "routes", "funding"):
            return False
        if custom.get("type") == "next_steps":
            return bool((custom.get("contact") or {}).get("ask_place"))
    return False


class ActionShowRoutes(Action):
    """After choosing a profession: a short introduction and four buttons. Routes, funding
    and next steps each come in their own turn when the person asks for them."""

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
        row = gate.profession(profession_id) or {"id": profession_id,
                                                "name": _name(profession_id)}
        intro = {"type": "profession_intro", "profession_id": profession_id,
                 "name": row.get("name"), "pay_min": row.get("pay_min"),
                 "pay_max": row.get("pay_max"), "source": row.get("source"),
                 "checked_at": row.get("checked_at")}
        _send(dispatcher, tracker, advice_texts.intro(row), intro,
              advice_texts.menu_buttons(profession_id))
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
        routes_message(dispatcher, tracker, profession_id, profile_of(tracker))
        return [SlotSet("chosen_profession", profession_id)]


class ActionAnswerFunding(Action):
    """"Wie betaalt de opleiding?" -> the funding payload for this person."""

    def name(self) -> Text:
        return "action_answer_funding"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        named = Reading.of(tracker.latest_message).value("ended_scheme", told=False)
        ended = gate.ended_funding(str(named)) if named else None
        if ended:
            dispatcher.utter_message(text=advice_texts.plain(ended_text(ended),
                                                             explained_terms(tracker)))
        funding_message(dispatcher, tracker, profile_of(tracker),
                        resolve_profession(tracker, fall_back_to_first=True))
        return []


class ActionAnswerNextSteps(Action):
    """"Wat moet ik nu doen?" -> the next_steps payload with the regional contact."""

    def name(self) -> Text:
        return "action_answer_next_steps"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        next_steps_message(dispatcher, tracker, profile_of(tracker),
                           resolve_profession(tracker, fall_back_to_first=True))
        return []


def ended_text(ended: Dict[str, Any]) -> str:
    note = ended.get("ended_note") or f"De regeling {ended.get('name', '')} bestaat niet meer."
    return note.strip() + " Dit kan nu wel:"


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
        dispatcher.utter_message(text=summary, json_message=gate.profile_summary(profile))
        dispatcher.utter_message(
            text=f"Hier staat je kaart, om te bewaren of te printen: {base}/kaart/{token} "
                 f"(als pdf: {base}/kaart/{token}.pdf). Deel deze link alleen met wie je "
                 "vertrouwt. De kaart verdwijnt als je je gegevens laat wissen.")
        return [SlotSet("card_token", token)]
