"""Advice payloads after a match: routes, funding, contact, next steps, FAQ answers and the
profile summary. All texts are B1 Dutch, second person, without promises."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from knowledge import funding, steps, vocab
from knowledge.kb import KnowledgeBase, is_current
from knowledge.routes import routes_for  # noqa: F401 (part of the advice payloads)
from knowledge.text import normalise

_PHYSICAL_TEXT = {
    "licht": "Het werk is lichamelijk licht: je staat of zit vooral binnen.",
    "gemiddeld": "Het werk is gemiddeld zwaar: je staat veel en tilt soms iets.",
    "zwaar": "Het werk is zwaar. Je tilt, knielt en werkt soms in kleine ruimtes of buiten.",
    "zeer_zwaar": "Het werk is erg zwaar. Je werkt op hoogte of klimt. Soms is er een "
                  "keuring van je gezondheid.",
}


def _today(today: dt.date | None) -> str:
    return (today or dt.date.today()).isoformat()


def _profile(profile: dict[str, Any] | None) -> dict[str, Any]:
    return profile or {}


def funding_for(kb: KnowledgeBase, profile: dict[str, Any] | None,
                profession_id: str | None = None, today: dt.date | None = None,
                page: int = 0) -> dict[str, Any]:
    """Contract ``funding`` payload, ranked for this person (see :mod:`knowledge.funding`)."""
    return funding.funding_payload(kb, profile, profession_id, today, page)


def ended_funding(kb: KnowledgeBase, text_or_id: str) -> dict[str, Any] | None:
    """An ended scheme named by id or in a question ("kan ik STAP-budget krijgen?")."""
    norm = f" {normalise(text_or_id)} "
    for f in kb.funding:
        if is_current(f, _today(None)):
            continue
        # Full names and curated aliases only: a first word alone ("stap") also
        # occurs in ordinary questions ("wat is de volgende stap?").
        names = {normalise(f["id"].replace("_", " ")), normalise(f["name"])}
        aliases = f.get("aliases") or ()
        # Acronyms count only as written in capitals: "STAP", not "de volgende stap".
        acronyms = [a for a in aliases if a.isupper() and len(a) <= 5]
        names |= {normalise(a) for a in aliases if a not in acronyms}
        if (f["id"] == text_or_id or any(f" {n} " in norm for n in names if n)
                or any(re.search(rf"\b{re.escape(a)}\b", text_or_id) for a in acronyms)):
            note = f["ended_note"] or f"{f['name']} bestaat niet meer."
            return {"id": f["id"], "name": f["name"], "status": "ended",
                    "valid_until": f["valid_until"], "ended_note": note,
                    "source": f["source"], "checked_at": f["checked_at"]}
    return None


def contact_for(kb: KnowledgeBase, profile: dict[str, Any] | None) -> dict[str, Any]:
    return steps.contact_for(kb, _profile(profile))


def next_steps(kb: KnowledgeBase, profile: dict[str, Any] | None,
               profession_id: str | None) -> dict[str, Any]:
    return steps.next_steps(kb, _profile(profile), profession_id)


def _pay_text(prof: dict[str, Any]) -> str:
    low = f"{prof['pay_min']:,}".replace(",", ".")
    high = f"{prof['pay_max']:,}".replace(",", ".")
    name = prof["name"].split(" (")[0].lower()
    return (f"Als {name} verdien je ongeveer €{low} tot €{high} bruto per maand. Dat is bij "
            "een volle werkweek. Dit is een indicatie. Wat je echt verdient, hangt af van de "
            "werkgever, de cao en je ervaring.")


def faq_answer(kb: KnowledgeBase, topic: str, profession_id: str | None = None,
               profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """``{"topic","text","source","checked_at"}``; pay, physical demands and training length
    per profession come from its columns, the rest from faq.csv (profession row first)."""
    prof = kb.professions.get(profession_id or "")
    if prof and topic == "salaris":
        return {"topic": topic, "text": _pay_text(prof), "source": prof["source"],
                "checked_at": prof["checked_at"]}
    if prof and topic == "fysiek":
        text = _PHYSICAL_TEXT.get(prof["physical"], "")
        if prof["tickets"]:
            text += f" Vaak heb je deze papieren nodig: {', '.join(prof['tickets'])}."
        return {"topic": topic, "text": text.strip() + " Dit is een indicatie per beroep.",
                "source": prof["source"], "checked_at": prof["checked_at"]}
    if prof and topic == "opleidingsduur" and prof["bbl_months_min"]:
        low, high = prof["bbl_months_min"], prof["bbl_months_max"] or prof["bbl_months_min"]
        name = prof["name"].split(" (")[0].lower()
        text = (f"Werken en leren (BBL) tot {name} duurt meestal {low} tot {high} maanden. "
                "Met ervaring of een certificaat gaat het soms sneller. Dit is een indicatie.")
        return {"topic": topic, "text": text, "source": prof["source"],
                "checked_at": prof["checked_at"]}
    if prof and topic == "beroep_inhoud" and (topic, prof["id"]) not in kb.faq:
        text = " ".join(t for t in (prof["description"], prof["day_to_day"]) if t)
        return {"topic": topic, "text": text, "source": prof["source"],
                "checked_at": prof["checked_at"]}
    row = kb.faq.get((topic, profession_id or "")) or kb.faq.get((topic, ""))
    if row is None:
        return {"topic": topic, "text": "Daar weet ik het antwoord niet zeker van. Bij het "
                "Werkcentrum in je regio helpen ze je gratis verder.", "source": "",
                "checked_at": ""}
    text = row["answer"]
    if topic == "salaris" and "indicatie" not in text.lower():
        text += " Bedragen zijn een indicatie."
    return {"topic": topic, "text": text, "source": row["source"],
            "checked_at": row["checked_at"]}


def profile_summary(profile: dict[str, Any] | None) -> dict[str, Any]:
    """Contract ``profile_summary`` payload: the contract slots (None when unknown)."""
    profile = _profile(profile)
    summary = {slot: profile.get(slot) for slot in vocab.PROFILE_SLOTS}
    if summary["interests"] is None:
        summary["interests"] = []
    return {"type": "profile_summary", "profile": summary}
