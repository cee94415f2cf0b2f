"""Knowledge base for side-entry into technical work: professions, routes, funding,
regions, recognisers for everyday Dutch, and matching.

The module-level functions use a default knowledge base that is built from the data files
on first use (rebuilt only when the files changed) and then kept in memory. All return
plain JSON-serialisable dicts/lists shaped as the conversation contract says.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from knowledge import advice, matching
from knowledge import newcomers as _newcomers
from knowledge import steps as _steps
from knowledge.api import default, open_knowledge_base, set_default
from knowledge.recognise import activities as _activities
from knowledge.recognise import limits as _limits_rec
from knowledge.recognise import profile as _profile_rec
from knowledge.recognise import wishes as _wishes_rec

__all__ = [
    "recognise_job", "recognise_place", "recognise_province", "recognise_education",
    "recognise_work_status", "recognise_interests", "recognise_sector", "recognise_profession",
    "recognise_faq_topic", "match", "routes_for", "funding_for", "ended_funding",
    "contact_for", "regions_in_province", "next_steps", "profession", "faq_answer",
    "profile_summary", "stats",
    "open_knowledge_base", "set_default", "default",
    "recognise_wish", "recognise_limits", "recognise_age", "recognise_newcomer",
]


# Below this a title match is a guess, and a description of the work may say more.
_SURE_TITLE = 0.75


def recognise_job(text: str) -> dict[str, Any] | None:
    """{"label","esco_uri","isco08","sector","confidence","matched"} or None. A job told
    as a description of the work ("ik melk de koeien") counts too (`described`: true)."""
    kb = default()
    found = kb.jobs.recognise(text or "")
    if found is not None and found["confidence"] >= _SURE_TITLE:
        return found
    described = _activities.describe(text or "")
    entry = kb.jobs.entry(described[0]) if described else None
    if entry is None:
        return found
    return {"label": entry.label, "esco_uri": entry.esco_uri, "isco08": entry.isco08,
            "sector": entry.sector, "confidence": 0.8, "matched": described[1],
            "described": True}


def recognise_place(text: str) -> dict[str, Any] | None:
    """{"municipality","province","labour_market_region","matched","confidence"} or None."""
    return default().places.recognise(text or "")


def recognise_province(text: str) -> str | None:
    return _profile_rec.recognise_province(text or "")


def recognise_education(text: str) -> str | None:
    return _profile_rec.recognise_education(text or "")


def recognise_work_status(text: str) -> str | None:
    return _profile_rec.recognise_work_status(text or "")


def recognise_interests(text: str) -> list[str]:
    return _profile_rec.recognise_interests(text or "")


def recognise_sector(text: str) -> str | None:
    """Sector named in the text; else the sector of a job title in it."""
    found = _profile_rec.recognise_sector(text or "")
    if found is None:
        job = recognise_job(text)
        found = job["sector"] if job and job["confidence"] >= 0.8 else None
    return found


def recognise_profession(text: str) -> str | None:
    return default().profession_index.recognise(text or "")


def recognise_wish(text: str) -> dict[str, Any] | None:
    """{"profession_id" (ours or None), "words", "matched", "confidence"} or None."""
    return _wishes_rec.recognise_wish(default(), text or "")


def recognise_limits(text: str) -> list[str]:
    """Contract-extension limit values (contract.values.LIMITS) said in the text."""
    return _limits_rec.recognise_limits(text or "")


def recognise_age(text: str) -> int | None:
    """The age when the person states it ("ik ben 58"), else None."""
    return _limits_rec.recognise_age(text or "")


def recognise_newcomer(text: str) -> bool:
    """New to the Netherlands: permit, inburgering, refugee, job or diploma from abroad."""
    return _newcomers.recognise_newcomer(text or "")


def recognise_faq_topic(text: str) -> str | None:
    return _profile_rec.recognise_faq_topic(text or "")


def match(profile: dict[str, Any] | None, limit: int = 5,
          campaign: dict[str, Any] | None = None) -> dict[str, Any]:
    return matching.match(default(), profile, limit, campaign)


def routes_for(profession_id: str, profile: dict[str, Any] | None = None) -> dict[str, Any]:
    return advice.routes_for(default(), profession_id, profile)


def funding_for(profile: dict[str, Any] | None, profession_id: str | None = None,
                today: dt.date | None = None, page: int = 0) -> dict[str, Any]:
    return advice.funding_for(default(), profile, profession_id, today, page)


def ended_funding(text_or_id: str) -> dict[str, Any] | None:
    return advice.ended_funding(default(), text_or_id or "")


def contact_for(profile: dict[str, Any] | None) -> dict[str, Any]:
    return advice.contact_for(default(), profile)


def regions_in_province(province: str | None) -> list[dict[str, str]]:
    """[{"id","name"}] of the labour-market regions in a province (buttons), by name."""
    return _steps.regions_in_province(default(), province)


def next_steps(profile: dict[str, Any] | None, profession_id: str | None) -> dict[str, Any]:
    return advice.next_steps(default(), profile, profession_id)


def profession(profession_id: str) -> dict[str, Any] | None:
    kb = default()
    prof = kb.professions.get(profession_id)
    if prof is None:
        return None
    return {**prof, "route_ids": list(kb.routes_by_profession.get(profession_id, ())),
            "backgrounds": [dict(b) for b in kb.backgrounds.get(profession_id, ())]}


def faq_answer(topic: str, profession_id: str | None = None,
               profile: dict[str, Any] | None = None) -> dict[str, Any]:
    return advice.faq_answer(default(), topic, profession_id, profile)


def profile_summary(profile: dict[str, Any] | None) -> dict[str, Any]:
    return advice.profile_summary(profile)


def stats() -> dict[str, int]:
    return dict(default().stats)
