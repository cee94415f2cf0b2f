"""Twelve personas over REST, from the first message to the next steps.

Each persona answers the question the form asks (read from `requested_slot` in the
tracker, as a client may) in its own everyday words, then picks the first
recommendation. The test checks the contract: slot values, the payload sequence and
the regional contact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import pytest

from tests.conftest import RasaStack

MAX_TURNS = 14
EDUCATION = {"geen", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo"}
STATUSES = {"werkend", "ww", "bijstand", "zzp", "student", "werkzoekend_zonder_uitkering",
            "anders"}


@dataclass
class Persona:
    name: str
    opening: str
    answers: Dict[str, str]
    expect: Dict[str, Any] = field(default_factory=dict)
    metadata: Optional[Dict[str, Any]] = None


PERSONAS: List[Persona] = [
    Persona("kok uit Zwolle", "ik ben kok in Zwolle en heb mbo 2",
            {"work_status": "ik heb ww", "interests": "ik werk graag met mijn handen",
             "learn_while_earning": "ja"},
            {"current_job": "kok", "region": "overijssel", "municipality": "Zwolle",
             "education_level": "mbo2", "work_status": "ww", "learn_while_earning": True}),
    Persona("kassamedewerker", "hoi",
            {"current_job": "ik werk als kassamedewerker bij de Jumbo",
             "work_status": "ik heb werk", "education_level": "vmbo",
             "interests": "computers en puzzelen", "region": "ik woon in Utrecht",
             "learn_while_earning": "ja"},
            {"current_sector": "retail", "region": "utrecht", "work_status": "werkend"}),
    Persona("statushouder", "ik wil werken in de techniek",
            {"current_job": "ik was elektricien in mijn land", "work_status": "bijstand",
             "education_level": "geen diploma", "interests": "elektra",
             "region": "Den Haag", "learn_while_earning": "ja ik moet geld verdienen"},
            {"region": "zuid-holland", "education_level": "geen", "work_status": "bijstand"}),
    Persona("vrachtwagenchauffeur", "ik ben vrachtwagenchauffeur",
            {"work_status": "ik werk nog", "education_level": "mbo 3",
             "interests": "ik sleutel graag aan auto's", "region": "Tilburg",
             "learn_while_earning": "ja"},
            {"region": "noord-brabant", "education_level": "mbo3"}),
    Persona("zorgmedewerker", "hallo",
            {"current_job": "ik werk in de thuiszorg als verzorgende",
             "work_status": "werkend", "education_level": "mbo 3",
             "interests": "techniek in de zorg en met mensen", "region": "Groningen",
             "learn_while_earning": "ja"},
            {"region": "groningen"}),
    Persona("student havo", "ik wil omscholen",
            {"current_job": "ik werk in een supermarkt als vakkenvuller",
             "work_status": "ik ben student", "education_level": "havo",
             "interests": "computers", "region": "Almere", "learn_while_earning": "nee"},
            {"region": "flevoland", "work_status": "student", "learn_while_earning": False}),
    Persona("zzp schilder", "goedemorgen",
            {"current_job": "ik ben schilder", "work_status": "ik ben zzp'er",
             "education_level": "vmbo", "interests": "buiten werken en bouwen",
             "region": "Maastricht", "learn_while_earning": "ja"},
            {"region": "limburg", "work_status": "zzp"}),
    Persona("administratief medewerker", "ik zoek ander werk in de techniek",
            {"current_job": "administratief medewerker", "work_status": "ww",
             "education_level": "mbo 4", "interests": "precies werk en tekenen",
             "region": "Arnhem", "learn_while_earning": "ja"},
            {"region": "gelderland", "education_level": "mbo4"}),
    Persona("geen werk", "hoi",
            {"current_job": "ik werk niet", "current_sector": "overig",
             "work_status": "werkzoekend zonder uitkering", "education_level": "weet ik niet",
             "interests": "met mijn handen", "region": "Leeuwarden",
             "learn_while_earning": "ja"},
            {"current_job": "geen werk", "region": "friesland"}),
    Persona("metaal campagne", "hoi",
            {"current_job": "ik ben magazijnmedewerker", "work_status": "werkend",
             "education_level": "mbo 2", "interests": "machines", "region": "Apeldoorn",
             "learn_while_earning": "ja"},
            {"campaign": "metaal-2026", "campaign_sector": "metaal", "region": "gelderland"},
            metadata={"campaign": "metaal-2026", "sector": "metaal", "region": "gelderland",
                      "channel": "web"}),
    Persona("oudere beveiliger", "ik ben 56 en beveiliger",
            {"current_job": "beveiliger", "work_status": "werkend", "education_level": "vmbo",
             "interests": "ik los graag problemen op", "region": "Rotterdam",
             "learn_while_earning": "ja"},
            {"region": "zuid-holland"}),
    Persona("kapster Zeeland", "ik ben kapster",
            {"work_status": "werkend", "education_level": "mbo 2",
             "interests": "precies werk", "region": "Middelburg",
             "learn_while_earning": "ja"},
            {"region": "zeeland"}),
]


def _custom(replies: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    return next((r["custom"] for r in replies
                 if isinstance(r.get("custom"), dict) and r["custom"].get("type") == kind),
                None)


def _talk_to_recommendations(stack: RasaStack, sender: str, persona: Persona
                             ) -> Dict[str, Any]:
    replies = stack.send(sender, persona.opening, persona.metadata)
    for _ in range(MAX_TURNS):
        recommendations = _custom(replies, "recommendations")
        if recommendations:
            return recommendations
        asked = stack.tracker(sender)["slots"].get("requested_slot")
        answer = persona.answers.get(asked) if asked else "ja graag"
        assert answer, f"{persona.name}: no answer for {asked}"
        replies = stack.send(sender, answer, persona.metadata)
    raise AssertionError(f"{persona.name}: no recommendations after {MAX_TURNS} turns")


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_persona_reaches_routes_funding_and_next_steps(rasa_stack: RasaStack,
                                                       persona: Persona):
    # GIVEN a person who writes the way people write
    sender = rasa_stack.new_sender("persona")
    # WHEN they answer the questions until the recommendations arrive
    recommendations = _talk_to_recommendations(rasa_stack, sender, persona)
    # THEN 3-5 professions come with reasons and the profile slots hold contract values
    assert 3 <= len(recommendations["items"]) <= 5
    assert all(item["reasons"] for item in recommendations["items"])
    slots = rasa_stack.tracker(sender)["slots"]
    assert slots["education_level"] in EDUCATION
    assert slots["work_status"] in STATUSES
    for name, value in persona.expect.items():
        assert slots[name] == value, f"{persona.name}: {name}={slots[name]!r}"
    # WHEN they pick the first profession
    first = recommendations["items"][0]["id"]
    replies = rasa_stack.send(sender, f'/choose_profession{{"profession":"{first}"}}')
    # THEN a short introduction offers routes, funding and next steps behind buttons, and
    # each button brings its own payload, the next steps with a regional contact
    buttons = {b["title"]: b["payload"] for r in replies for b in (r.get("buttons") or [])}
    kinds = []
    for title in ("Hoe word ik het?", "Wie betaalt?", "Wat doe ik nu?"):
        replies = rasa_stack.send(sender, buttons[title])
        kinds += [r["custom"]["type"] for r in replies if isinstance(r.get("custom"), dict)]
    assert kinds == ["routes", "funding", "next_steps"]
    steps = _custom(replies, "next_steps")
    assert len(steps["steps"]) >= 3
    assert slots["region"] in steps["contact"]["regions"]
