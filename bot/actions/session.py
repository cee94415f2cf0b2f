"""Session start, campaign metadata and the greeting."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from privacy import consent

# user message metadata key -> slot (widget and Telegram bridge send these)
METADATA_SLOTS: Dict[str, str] = {
    "campaign": "campaign",
    "sector": "campaign_sector",
    "region": "campaign_region",
    "page_url": "campaign_page_url",
    "channel": "channel",
    "consent": "adviser_consent",  # the reading consent (privacy/consent.py)
}
MAX_METADATA_LENGTH = 300
SECTOR_PHRASES: Dict[str, str] = {
    "metaal": "de metaal", "installatie": "de installatietechniek", "elektro": "de elektrotechniek",
    "energie": "de energietechniek", "bouw": "de bouw", "infra": "de infra",
    "mobiliteit": "de mobiliteit (auto's en voertuigen)", "proces": "de procesindustrie",
    "food": "de voedingsindustrie", "ict": "de ICT", "maritiem": "de maritieme techniek",
    "luchtvaart": "de luchtvaart", "medische_techniek": "de medische techniek",
    "agrotechniek": "de agrotechniek", "hightech": "de hightech", "water": "de watertechniek",
}


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()[:MAX_METADATA_LENGTH]
    return text or None


def metadata_slot_events(tracker: Tracker, metadata: Dict[str, Any] | None = None
                         ) -> List[EventType]:
    """SlotSet events for campaign metadata that is new or changed."""
    if metadata is None:
        metadata = (tracker.latest_message or {}).get("metadata") or {}
    if not isinstance(metadata, dict):
        return []
    events: List[EventType] = []
    for key, slot in METADATA_SLOTS.items():
        value = _clean(metadata.get(key))
        if key in ("sector", "region", "channel") and value:
            value = value.lower()
        if key == "consent":
            value = consent.parse(value)  # only a known choice is stored
        if value and tracker.get_slot(slot) != value:
            events.append(SlotSet(slot, value))
    return events


def campaign_from_slots(slots: Dict[str, Any]) -> Dict[str, Any] | None:
    """The `campaign` argument of knowledge.match, or None without a campaign."""
    campaign = {"campaign": slots.get("campaign"), "sector": slots.get("campaign_sector"),
                "region": slots.get("campaign_region")}
    return campaign if any(campaign.values()) else None


class ActionSessionStart(Action):
    """Starts a session, keeps earlier slots and stores the campaign metadata."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        carried = {k: v for k, v in tracker.slots.items()
                   if v is not None and k not in ("session_started_metadata", "requested_slot")}
        events += [SlotSet(k, v) for k, v in carried.items()]
        metadata = tracker.get_slot("session_started_metadata") or {}
        events += metadata_slot_events(tracker, metadata)
        events.append(ActionExecuted("action_listen"))
        return events


LIMITS = ("Goed om te weten: ik geef informatie en advies. Ik ben geen uitzendbureau en "
          "kan je geen baan of geld beloven.")
INTRO_SHORT = ("Ik help je op weg naar werk in de techniek: ik stel een paar korte vragen en "
               "laat dan beroepen, opleidingen en hulp in je regio zien. " + LIMITS)


def introduced(events: List[Dict[str, Any]]) -> bool:
    """True unless this is the person's first message and the assistant has said nothing
    yet (no greeting, answer or question), so the introduction is given once."""
    users = sum(1 for event in events if event.get("event") == "user")
    return users > 1 or any(event.get("event") == "bot" for event in events)


class ActionGreet(Action):
    """Says what the assistant does and does not do; mentions the campaign sector."""

    def name(self) -> Text:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        sector = tracker.get_slot("campaign_sector")
        for event in metadata_slot_events(tracker):
            if event["name"] == "campaign_sector":
                sector = event["value"]
        text = ("Hoi! Ik help je als je wilt overstappen naar werk in de techniek. "
                "Ik stel je een paar korte vragen. Daarna laat ik beroepen zien die bij je "
                "passen, hoe je daar komt, wie kan betalen en wie je in je regio helpt.")
        if sector:
            phrase = SECTOR_PHRASES.get(sector, sector.replace("_", " "))
            text += (f" Je komt via een pagina over {phrase}. Daar let ik extra op, "
                     "maar ik laat ook andere beroepen zien.")
        dispatcher.utter_message(text=text)
        # The form asks its first question right after this (rule "greet"), so no start
        # button: the person can simply answer.
        dispatcher.utter_message(text=LIMITS + " We beginnen meteen.")
        return []
