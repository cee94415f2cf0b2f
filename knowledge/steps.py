"""Next steps and the regional contact: what the person can do this week, and where.

Steps are short (one idea, at most about 15 words) because they reach the chat as they
are. Non-money help (a trial placement, the Werkcentrum's advice) lives here, not under
funding. Statushouders get a language step and the diploma evaluation step.
"""

from __future__ import annotations

from typing import Any

from knowledge import vocab
from knowledge.kb import KnowledgeBase

# The first step depends on who pays the bills now: whom to talk to before starting.
FIRST_STEP_BY_STATUS: dict[str, str] = {
    "ww": "Praat eerst met je adviseur van UWV. Dan houd je je WW.",
    "bijstand": "Vraag eerst je werkcoach bij de gemeente of je mag leren. "
                "Soms betaalt de gemeente mee.",
    "werkend": "Vraag je werkgever naar een opleidingsbudget.",
    "zzp": "Als zzp'er: reken uit hoeveel uur per week je kunt leren.",
    "student": "Praat met je studiebegeleider over overstappen naar techniek.",
}
FIRST_STEP_DEFAULT = "Kijk hoeveel uur per week je kunt werken en leren."
TRIAL_STEP = ("Vraag of een proefplaatsing kan. Dan werk je even op proef en houd je je "
              "uitkering.")
LANGUAGE_STEP = "Vraag je gemeente naar inburgering of een taalcursus naast je werk."
DIPLOMA_STEP = ("Heb je een diploma uit een ander land? IDW kijkt wat je diploma uit een "
                "ander land waard is.")


def person_place(kb: KnowledgeBase, profile: dict[str, Any]) -> tuple[str | None, str | None]:
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


def contact_for(kb: KnowledgeBase, profile: dict[str, Any]) -> dict[str, Any]:
    """The Werkcentrum (or leerwerkloket) for the person's labour-market region, else the
    first of the province, else a national contact; ``regions`` always includes the
    person's province. Regional initiatives only for the person's own labour-market
    region: a province is far too wide (Foodvalley is not all of Gelderland)."""
    province, region = person_place(kb, profile)
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
        for c in kb.contacts
        if c["kind"] == "initiative" and region and region in c["labour_market_regions"]
    ]
    if chosen is None:
        return {"name": "", "regions": [province] if province else [], "url": "", "phone": "",
                "kind": "", "walk_in": False, "extras": extras, "source": "",
                "checked_at": ""}
    regions = list(dict.fromkeys([p for p in [province, *chosen["provinces"]] if p]))
    return {"name": chosen["name"], "regions": regions, "url": chosen["url"],
            "phone": chosen["phone"], "kind": chosen["kind"],
            "walk_in": "binnenlopen" in (chosen["description"] or "").lower(),
            "description": chosen["description"], "extras": extras,
            "source": chosen["source"], "checked_at": chosen["checked_at"]}


def _short(name: str) -> str:
    """'Werkcentrum Twente (voorheen Leerwerkloket Twente)' -> 'Werkcentrum Twente'."""
    return name.split(" (")[0].strip()


def next_steps(kb: KnowledgeBase, profile: dict[str, Any],
               profession_id: str | None) -> dict[str, Any]:
    """Contract ``next_steps`` payload: at least three concrete steps and a contact."""
    from knowledge.advice import routes_for  # routes live in advice; no import cycle

    contact = contact_for(kb, profile)
    prof = kb.professions.get(profession_id or "")
    name = prof["name"].split(" (")[0].lower() if prof else "het beroep dat je kiest"
    status = profile.get("work_status")
    steps: list[str] = [FIRST_STEP_BY_STATUS.get(status or "", FIRST_STEP_DEFAULT)]
    # Issue #22: a newcomer in any words (slot ``newcomer``) gets both steps too.
    if profile.get("statushouder") or profile.get("newcomer"):
        steps.append(LANGUAGE_STEP)
    if profile.get("statushouder") or profile.get("foreign_diploma") or profile.get("newcomer"):
        steps.append(DIPLOMA_STEP)
    routes = routes_for(kb, profession_id, profile)["items"] if prof else []
    if any(r["kind"] in ("bbl", "leerwerktraject") for r in routes):
        steps.append(f"Zoek een leerbaan als {name} op stagemarkt.nl.")
    elif routes:
        steps.append(f"Vraag een intake aan voor '{routes[0]['name']}'.")
    else:
        steps.append("Kies een opleiding en vraag een intake aan.")
    if profile.get("statushouder") or profile.get("newcomer"):
        pass  # five steps are enough: language and diploma came first
    elif status in ("ww", "bijstand"):
        steps.append(TRIAL_STEP)
    elif prof:
        steps.append(f"Loop een dag mee met een {name}. Dan zie je of het past.")
    if contact["name"]:
        how = ("Je kunt er zonder afspraak binnenlopen." if contact["walk_in"]
               else "Kijk op de website hoe je langs kunt komen.")
        steps.append(f"Ga naar {_short(contact['name'])}. {how}")
    else:
        steps.append("Vraag gratis advies bij het Werkcentrum in je regio.")
    return {"type": "next_steps", "steps": steps,
            "contact": {k: contact[k] for k in ("name", "regions", "url", "phone", "kind",
                                                "walk_in", "source", "checked_at")}}
