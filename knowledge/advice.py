"""Advice payloads after a match: routes, funding, contact, next steps, FAQ answers and the
profile summary. All texts are B1 Dutch, second person, without promises."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from knowledge import vocab
from knowledge.kb import KnowledgeBase, is_current
from knowledge.matching import work_learn_routes
from knowledge.text import normalise

_LEVEL_RANK = {"mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "hbo": 6}
_PHYSICAL_TEXT = {
    "licht": "Het werk is lichamelijk licht: je staat of zit vooral binnen.",
    "gemiddeld": "Het werk is gemiddeld zwaar: je staat veel en tilt soms iets.",
    "zwaar": "Het werk is zwaar: je tilt, knielt en werkt soms in kleine ruimtes of buiten.",
    "zeer_zwaar": "Het werk is erg zwaar: je werkt op hoogte of klimt, en soms is er een "
                  "keuring van je gezondheid.",
}


def _today(today: dt.date | None) -> str:
    return (today or dt.date.today()).isoformat()


def _profile(profile: dict[str, Any] | None) -> dict[str, Any]:
    return profile or {}


def routes_for(kb: KnowledgeBase, profession_id: str,
               profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """Contract ``routes`` payload; work-and-learn routes first when the person needs income,
    then routes that fit the education level, then shorter ones."""
    profile = _profile(profile)
    needs_income = profile.get("learn_while_earning") is True
    rank = vocab.EDUCATION_RANK.get(profile.get("education_level") or "", None)

    def key(route: dict[str, Any]) -> tuple[Any, ...]:
        level = _LEVEL_RANK.get(route["level"] or "", 0)
        reachable = rank is None or level == 0 or level - rank <= 2
        return (0 if (needs_income and route["learn_while_earning"]) else 1,
                0 if reachable else 1, route["duration_months"] or 999, route["id"])

    routes = sorted((kb.routes[r] for r in kb.routes_by_profession.get(profession_id, ())),
                    key=key)
    items = [{k: r[k] for k in ("id", "name", "kind", "level", "duration_months",
                                "learn_while_earning", "url", "cost_indication",
                                "entry_requirements", "provider_type", "description")}
             for r in routes]
    return {"type": "routes", "profession_id": profession_id, "items": items}


def _funding_item(f: dict[str, Any], for_employer: bool) -> dict[str, Any]:
    return {"id": f["id"], "name": f["name"], "audience": list(f["audience"]),
            "amount": f["amount"], "conditions": f["conditions"], "url": f["url"],
            "valid_until": f["valid_until"], "checked_at": f["checked_at"],
            "how_to_apply": f["how_to_apply"], "status": f["status"],
            "max_age": f["max_age"], "for_employer": for_employer}


def funding_for(kb: KnowledgeBase, profile: dict[str, Any] | None,
                profession_id: str | None = None, today: dt.date | None = None
                ) -> dict[str, Any]:
    """Contract ``funding`` payload: current schemes the person can use; employer schemes
    only as 'your future employer can get this' (``for_employer``) on work-and-learn routes.
    Age limits cannot be checked (no age slot), so the condition text is kept."""
    profile = _profile(profile)
    now = _today(today)
    audience = vocab.AUDIENCE_FOR_STATUS.get(profile.get("work_status") or "")
    own_audiences = {"iedereen"} | ({audience} if audience else set())
    if profession_id is not None:
        kinds = {kb.routes[r]["kind"] for r in kb.routes_by_profession.get(profession_id, ())}
        work_learn = {r["kind"] for r in work_learn_routes(kb, profession_id)}
    else:
        kinds = set(vocab.ROUTE_KINDS)
        work_learn = set(vocab.WORK_LEARN_KINDS) if profile.get("learn_while_earning") else set()
    personal, employer = [], []
    for f in kb.funding:
        if not is_current(f, now):
            continue
        applies = not f["route_kinds"] or bool(set(f["route_kinds"]) & kinds)
        if own_audiences & set(f["audience"]):
            if applies:
                personal.append(_funding_item(f, False))
        elif "werkgever" in f["audience"] and work_learn and (
                not f["route_kinds"] or set(f["route_kinds"]) & work_learn):
            employer.append(_funding_item(f, True))
    # Schemes for the person's own situation before the general ones.
    personal.sort(key=lambda i: ("iedereen" in i["audience"], i["id"]))
    return {"type": "funding", "items": personal + employer}


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


def _person_place(kb: KnowledgeBase, profile: dict[str, Any]) -> tuple[str | None, str | None]:
    """(province, labour-market region) from municipality, else the region slot."""
    province = profile.get("region") if profile.get("region") in vocab.PROVINCES else None
    region = None
    if profile.get("municipality"):
        m = kb.places.municipality(str(profile["municipality"]))
        if m is None:
            found = kb.places.recognise(str(profile["municipality"]))
            m = kb.places.municipality(found["municipality"]) if found else None
        if m is not None:
            region = m.labour_market_region
            province = province or m.province
    return province, region


def contact_for(kb: KnowledgeBase, profile: dict[str, Any] | None) -> dict[str, Any]:
    """The Werkcentrum (or leerwerkloket) for the person's region, else the first of the
    province, else a national contact; ``regions`` always includes the person's province."""
    profile = _profile(profile)
    province, region = _person_place(kb, profile)
    desks = [c for c in kb.contacts if c["kind"] in ("werkcentrum", "leerwerkloket")]
    desks.sort(key=lambda c: (c["kind"] != "werkcentrum", c["id"]))
    chosen = None
    if region:
        chosen = next((c for c in desks if region in c["labour_market_regions"]), None)
    if chosen is None and province:
        chosen = next((c for c in desks if province in c["provinces"]), None)
    if chosen is None:
        chosen = next((c for c in kb.contacts if c["kind"] == "national"), None) or (
            desks[0] if desks else None)
    extras = [
        {"name": c["name"], "url": c["url"], "kind": c["kind"], "description": c["description"]}
        for c in kb.contacts if c["kind"] == "initiative" and (
            (region and region in c["labour_market_regions"])
            or (province and province in c["provinces"]))
    ]
    if chosen is None:
        return {"name": "", "regions": [province] if province else [], "url": "", "phone": "",
                "kind": "", "extras": extras}
    regions = list(dict.fromkeys([p for p in [province, *chosen["provinces"]] if p]))
    return {"name": chosen["name"], "regions": regions, "url": chosen["url"],
            "phone": chosen["phone"], "kind": chosen["kind"],
            "description": chosen["description"], "extras": extras}


# The first step depends on who pays the bills now: whom to talk to before starting.
FIRST_STEP_BY_STATUS: dict[str, str] = {
    "ww": "Praat met je adviseur van UWV voordat je met een opleiding begint. "
          "Dan weet je zeker dat je je WW houdt.",
    "bijstand": "Vraag eerst je werkcoach bij de gemeente of je een opleiding mag doen "
                "en of de gemeente kan helpen met de kosten.",
    "werkend": "Vraag je werkgever of er een opleidingsbudget is. Je werkgever mag een "
               "opleiding vaak belastingvrij betalen.",
    "zzp": "Kijk of er een opleidingsfonds is voor zzp'ers in jouw vak, en reken uit "
           "hoeveel uur per week je kunt leren naast je klussen.",
    "student": "Praat met de studieloopbaanbegeleider van je school over overstappen "
               "naar een technische opleiding.",
}
FIRST_STEP_DEFAULT = "Zet op een rij hoeveel uur per week je kunt werken en leren."


def next_steps(kb: KnowledgeBase, profile: dict[str, Any] | None,
               profession_id: str | None) -> dict[str, Any]:
    """Contract ``next_steps`` payload: at least three concrete steps and a contact."""
    profile = _profile(profile)
    contact = contact_for(kb, profile)
    prof = kb.professions.get(profession_id or "")
    name = prof["name"].lower() if prof else "het beroep dat je kiest"
    status = profile.get("work_status")
    steps: list[str] = [FIRST_STEP_BY_STATUS.get(status or "", FIRST_STEP_DEFAULT)]
    routes = routes_for(kb, profession_id, profile)["items"] if prof else []
    if any(r["kind"] in ("bbl", "leerwerktraject") for r in routes):
        steps.append(f"Zoek een leerbedrijf dat een leerbaan als {name} biedt, bijvoorbeeld "
                     "op stagemarkt.nl. Eerst een werkgever, dan volgt de school.")
    elif routes:
        steps.append(f"Bekijk de opleiding '{routes[0]['name']}' en vraag een intakegesprek "
                     "aan.")
    else:
        steps.append("Kies een opleiding die bij je past en vraag een intakegesprek aan.")
    if prof:
        steps.append(f"Ga een dag meelopen met een {name}, dan zie je of het werk bij je past.")
    if contact["name"]:
        steps.append(f"Maak een afspraak bij {contact['name']}. Daar krijg je gratis advies "
                     "over werk, opleiding en geld.")
    else:
        steps.append("Maak een afspraak bij het Werkcentrum in je regio voor gratis advies.")
    return {"type": "next_steps", "steps": steps,
            "contact": {k: contact[k] for k in ("name", "regions", "url", "phone", "kind")}}


def _pay_text(prof: dict[str, Any]) -> str:
    low = f"{prof['pay_min']:,}".replace(",", ".")
    high = f"{prof['pay_max']:,}".replace(",", ".")
    return (f"Als {prof['name'].lower()} verdien je ongeveer €{low} tot €{high} bruto per "
            "maand bij een volle werkweek. Dit is een indicatie: wat je echt verdient hangt "
            "af van de werkgever, de cao en je ervaring.")


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
        text = (f"Een BBL-opleiding tot {prof['name'].lower()} duurt meestal {low} tot {high} "
                "maanden. Met ervaring of een certificaat kan het soms korter. Dit is een "
                "indicatie.")
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
