"""Generator of conversations exactly as Rasa 3.6's SQLTrackerStore stores them.

Events are built with Rasa's own event classes (`as_dict()`), and written with the same column
mapping as `SQLTrackerStore.save()` (rasa/core/tracker_store.py): type_name, timestamp,
intent_name from parse_data, action_name from `name`, data = json.dumps(event.as_dict()).
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from conversation_store.schema import metadata as tracker_metadata

INPUT_CHANNELS = {"web": "socketio", "telegram": "telegram", "rest": "rest"}
REGIONS = ["gelderland", "utrecht", "noord-holland", "zuid-holland", "overijssel", "limburg"]
SECTORS = ["horeca", "retail", "logistiek_transport", "zorg_welzijn", "klantenservice", "defensie"]
JOBS = {
    "horeca": "kok",
    "retail": "kassamedewerker",
    "logistiek_transport": "vrachtwagenchauffeur",
    "zorg_welzijn": "verzorgende IG",
    "klantenservice": "klantenservicemedewerker",
    "defensie": "militair",
}
PROFESSIONS = [
    ("elektromonteur", "Elektromonteur", "7411"),
    ("monteur-warmtepompen", "Monteur warmtepompen", "7126"),
    ("lasser", "Lasser", "7212"),
    ("cnc-verspaner", "CNC-verspaner", "7223"),
    ("procesoperator", "Procesoperator", "8131"),
    ("servicemonteur", "Servicemonteur", "7233"),
]
FAQ_QUESTIONS = {
    "leeftijd": ("faq", "Ben ik niet te oud? Ik ben 52."),
    "taalniveau": ("faq", "Mijn Nederlands is niet zo goed, kan dat?"),
    "kosten": ("faq", "Wat kost de opleiding en wie betaalt dat?"),
    "fysiek": ("faq", "Is het werk zwaar? Ik heb last van mijn rug."),
    "salaris": ("faq", "Wat verdien je dan?"),
}
OUTCOMES = ["recommendations_given", "steps_given", "handover_requested", "abandoned",
            "in_progress"]


@dataclass
class Conversation:
    sender_id: str
    events: list[dict[str, Any]] = field(default_factory=list)


class ConversationFactory:
    """Builds realistic Dutch conversations; every choice can be fixed by the caller."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)

    def conversation(
        self,
        sender_id: str | None = None,
        start: float = 1_790_000_000.0,
        channel: str = "web",
        campaign: str | None = "metaal-2026",
        region: str | None = "gelderland",
        sector: str | None = "horeca",
        outcome: str = "steps_given",
        faq_topics: tuple[str, ...] = (),
        low_confidence_turns: int = 0,
        fallback_turns: int = 0,
        first_text: str = "Hoi, ik wil iets anders gaan doen",
        handover_contact: str = "bel mij op 06-12345678",
        extra_user_texts: tuple[str, ...] = (),
        adviser_consent: str | None = "ja",
    ) -> Conversation:
        sender = sender_id or (
            f"telegram:{self.rng.randint(10**8, 10**9)}" if channel == "telegram"
            else uuid.UUID(int=self.rng.getrandbits(128)).hex
        )
        b = _Builder(sender, start, channel, campaign, region, self.rng)
        b.session_start()
        b.user(first_text, "greet", 0.97)
        if adviser_consent is not None:  # the channel's answer, stored from metadata
            b.slot("adviser_consent", adviser_consent)
        b.bot("Hoi! Ik help je ontdekken welk technisch beroep bij je past.", "utter_greet",
              buttons=[{"title": "Start", "payload": "/start_profile"}])
        b.listen()
        for text in extra_user_texts:
            b.user(text, "inform", 0.81)
            b.bot("Dank je. Vertel eens wat meer.", "utter_ask_more")
            b.listen()
        for _ in range(low_confidence_turns):
            b.user("tja weet ik veel eigenlijk", "inform", round(self.rng.uniform(0.2, 0.55), 3))
            b.bot("Kun je dat anders zeggen?", "utter_rephrase")
            b.listen()
        for _ in range(fallback_turns):
            b.user("asdf qwerty", "nlu_fallback", 0.31)
            b.bot("Sorry, dat begreep ik niet. Kies een van de knoppen.", "utter_default",
                  custom={"type": "fallback"})
            b.listen()
        if outcome == "in_progress" or outcome == "abandoned":
            b.user("Ik wil mijn profiel invullen", "start_profile", 0.93)
            b.action("profile_form")
            b.events.append(ActiveLoop("profile_form", timestamp=b.advance(0.01)))
            b.slot("requested_slot", "current_job")
            b.bot("Wat voor werk doe je nu?", "utter_ask_current_job")
            b.listen()
            if outcome == "abandoned":
                b.advance(-0.0)  # nothing more: the person left
            return b.done()
        job = JOBS.get(sector or "", "magazijnmedewerker")
        b.user("Ik wil mijn profiel invullen", "start_profile", 0.93)
        b.action("profile_form")
        b.events.append(ActiveLoop("profile_form", timestamp=b.advance(0.01)))
        b.bot("Wat voor werk doe je nu?", "utter_ask_current_job")
        b.listen()
        b.user(f"Ik werk als {job}", "inform", 0.88,
               entities=[{"entity": "job_title", "value": job, "start": 12, "end": 12 + len(job)}])
        b.slot("current_job", job)
        b.slot("current_sector", sector)
        b.bot("Waar woon je?", "utter_ask_municipality")
        b.listen()
        b.user("In Deventer", "inform", 0.9)
        b.slot("municipality", "Deventer")
        b.slot("region", region)
        b.bot("Wat doe je graag?", "utter_ask_interests")
        b.listen()
        b.user("Ik werk graag met mijn handen en buiten", "inform", 0.86)
        b.slot("interests", ["met_handen", "buiten"])
        b.slot("learn_while_earning", True)
        b.events.append(ActiveLoop(None, timestamp=b.advance(0.01)))
        profile = {"current_job": job, "current_sector": sector, "region": region,
                   "interests": ["met_handen", "buiten"], "learn_while_earning": True}
        b.bot("Dit weet ik nu van je.", "action_profile_summary",
              custom={"type": "profile_summary", "profile": profile})
        picks = self.rng.sample(PROFESSIONS, 3)
        items = [{"id": pid, "name": name, "isco08": isco,
                  "esco_uri": f"http://data.europa.eu/esco/occupation/{pid}",
                  "score": round(0.9 - i * 0.1, 2),
                  "reasons": ["Je werkt graag met je handen", f"Als {job} werk je precies"]}
                 for i, (pid, name, isco) in enumerate(picks)]
        b.slot("recommended_professions", [p[0] for p in picks])
        b.bot("Deze beroepen passen bij je.", "action_recommend",
              custom={"type": "recommendations", "items": items})
        b.listen()
        for topic in faq_topics:
            intent, text = FAQ_QUESTIONS[topic]
            b.user(text, intent, 0.9)
            b.action("action_answer_faq")
            b.bot("Goede vraag. Veel mensen beginnen later, het kan.", "action_answer_faq")
            b.listen()
        if outcome == "recommendations_given":
            return b.done()
        first = picks[0][0]
        b.user(f"Hoe word ik {picks[0][1].lower()}?", "ask_routes", 0.91)
        b.slot("chosen_profession", first)
        b.bot("Zo kun je het worden.", "action_routes", custom={
            "type": "routes", "profession_id": first, "items": [
                {"id": f"bbl-{first}", "name": f"BBL {picks[0][1]}", "kind": "bbl",
                 "level": "mbo2", "duration_months": 24, "learn_while_earning": True,
                 "url": "https://example.org/bbl"}]})
        b.bot("Dit kan helpen met de kosten.", "action_funding", custom={
            "type": "funding", "items": [
                {"id": "slim", "name": "SLIM-regeling", "audience": ["werkgever"],
                 "amount": "tot een deel van de kosten", "conditions": "Via je werkgever.",
                 "url": "https://example.org/slim", "valid_until": "2026-12-31",
                 "checked_at": "2026-11-01"}]})
        b.listen()
        b.user("Wat moet ik nu doen?", "ask_next_steps", 0.94)
        b.bot("Dit zijn je volgende stappen.", "action_next_steps", custom={
            "type": "next_steps",
            "steps": ["Bekijk de opleiding", "Praat met een leerbedrijf", "Bel het werkcentrum"],
            "contact": {"name": "Werkcentrum Oost", "regions": [region or "gelderland"],
                        "url": "https://example.org/werkcentrum"}})
        b.listen()
        if outcome == "handover_requested":
            b.user("Ik wil graag met een adviseur praten", "request_human", 0.95)
            b.slot("handover_requested", True)
            b.bot("Mag een adviseur contact met je opnemen?", "utter_ask_handover_consent")
            b.listen()
            b.user("ja", "affirm", 0.99)
            b.slot("handover_consent", True)
            b.bot("Hoe wil je bereikt worden?", "utter_ask_handover_contact")
            b.listen()
            b.user(handover_contact, "inform", 0.7)
            b.slot("handover_contact", handover_contact)
            b.bot("Dank je. Een adviseur neemt contact met je op.", "utter_handover_done")
            b.listen()
        return b.done()


class _Builder:
    def __init__(self, sender: str, start: float, channel: str, campaign: str | None,
                 region: str | None, rng: random.Random) -> None:
        self.sender, self.t, self.channel, self.rng = sender, start, channel, rng
        self.meta: dict[str, Any] = {"channel": channel}
        if campaign:
            self.meta.update({"campaign": campaign, "page_url": f"https://example.org/{campaign}"})
            if region:
                self.meta["region"] = region
        self.events: list[Event] = []

    def advance(self, seconds: float | None = None) -> float:
        self.t += seconds if seconds is not None else self.rng.uniform(2, 40)
        return self.t

    def session_start(self) -> None:
        self.events.append(ActionExecuted("action_session_start", timestamp=self.t))
        self.events.append(SessionStarted(timestamp=self.t))
        self.events.append(SlotSet("session_started_metadata", self.meta, timestamp=self.t))
        if self.meta.get("campaign"):
            self.events.append(SlotSet("campaign", self.meta["campaign"], timestamp=self.t))
        self.events.append(SlotSet("channel", self.channel, timestamp=self.t))
        self.listen()

    def listen(self) -> None:
        self.events.append(ActionExecuted("action_listen", policy="RulePolicy",
                                          confidence=1.0, timestamp=self.advance(0.01)))

    def action(self, name: str) -> None:
        self.events.append(ActionExecuted(name, policy="RulePolicy", confidence=1.0,
                                          timestamp=self.advance(0.05)))

    def slot(self, name: str, value: Any) -> None:
        self.events.append(SlotSet(name, value, timestamp=self.advance(0.01)))

    def user(self, text: str, intent: str, confidence: float,
             entities: list[dict[str, Any]] | None = None) -> None:
        message_id = uuid.UUID(int=self.rng.getrandbits(128)).hex
        parse = {"intent": {"name": intent, "confidence": confidence},
                 "entities": entities or [], "text": text, "message_id": message_id,
                 "metadata": self.meta,
                 "intent_ranking": [{"name": intent, "confidence": confidence},
                                    {"name": "inform", "confidence": round(1 - confidence, 3)}]}
        self.events.append(UserUttered(text, parse["intent"], entities or [], parse_data=parse,
                                       timestamp=self.advance(), input_channel=INPUT_CHANNELS.get(
                                           self.channel, self.channel),
                                       message_id=message_id, metadata=self.meta))
        self.events.append(DefinePrevUserUtteredFeaturization(False, timestamp=self.t))

    def bot(self, text: str, utter_action: str, buttons: list[dict[str, Any]] | None = None,
            custom: dict[str, Any] | None = None) -> None:
        self.action(utter_action)
        data = {"elements": None, "quick_replies": None, "buttons": buttons, "attachment": None,
                "image": None, "custom": custom}
        self.events.append(BotUttered(text, data, {"utter_action": utter_action},
                                      timestamp=self.advance(0.02)))

    def done(self) -> Conversation:
        return Conversation(self.sender, [e.as_dict() for e in self.events])


def create_tracker_db(url: str) -> sa.engine.Engine:
    """The `events` table with Rasa's DDL (same columns, types and index)."""
    engine = sa.create_engine(url, future=True)
    tracker_metadata.create_all(engine)
    return engine


def rows_for(conv: Conversation) -> list[dict[str, Any]]:
    """Column values exactly as SQLTrackerStore.save() computes them."""
    rows = []
    for data in conv.events:
        rows.append({
            "sender_id": conv.sender_id,
            "type_name": data["event"],
            "timestamp": data.get("timestamp"),
            "intent_name": (data.get("parse_data") or {}).get("intent", {}).get("name"),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        })
    return rows


def write(engine: sa.engine.Engine, *convs: Conversation) -> None:
    from conversation_store.schema import events

    with engine.begin() as conn:
        for conv in convs:
            conn.execute(sa.insert(events), rows_for(conv))


def populate(engine: sa.engine.Engine, count: int, now: float, seed: int = 3,
             days: int = 60) -> list[Conversation]:
    """`count` varied conversations started over the last `days` days."""
    factory = ConversationFactory(seed)
    rng = random.Random(seed)
    convs = []
    for _ in range(count):
        outcome = rng.choices(OUTCOMES, weights=[3, 3, 1, 2, 1])[0]
        start = now - rng.uniform(0, days * 86400)
        if outcome == "in_progress":
            start = now - rng.uniform(60, 3600)
        convs.append(factory.conversation(
            start=start,
            channel=rng.choice(["web", "web", "telegram", "rest"]),
            campaign=rng.choice([None, "metaal-2026", "energie-2026", "zorg-naar-techniek"]),
            region=rng.choice(REGIONS),
            sector=rng.choice(SECTORS),
            outcome=outcome,
            faq_topics=tuple(rng.sample(sorted(FAQ_QUESTIONS), rng.randint(0, 2))),
            low_confidence_turns=rng.choice([0, 0, 1]),
            fallback_turns=rng.choice([0, 0, 0, 1]),
        ))
    for start in range(0, len(convs), 500):
        write(engine, *convs[start : start + 500])
    return convs
