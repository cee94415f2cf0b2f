"""Next steps and the regional contact: what the person can do this week, and where.

Steps are short (one idea, at most about 15 words) because they reach the chat as they
are. Non-money help (a trial placement, the Werkcentrum's advice) lives here, not under
funding. Statushouders get a language step and the diploma evaluation step.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from knowledge import contacts, contacts_text, vocab
from knowledge.kb import KnowledgeBase
from knowledge.routes import routes_for

logger = logging.getLogger(__name__)

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
    chosen = profile.get("labour_market_region")
    if chosen in kb.regions and not profile.get("municipality"):
        # The person picked their region from the province's regions (a button).
        return province or next(iter(kb.regions[chosen].get("provinces") or []), None), chosen
    if profile.get("municipality"):
        m = kb.places.municipality(str(profile["municipality"]))
        if m is None:
            found = kb.places.recognise(str(profile["municipality"]))
            m = kb.places.municipality(found["municipality"]) if found else None
        if m is not None:
            region = m.labour_market_region
            province = province or m.province
    return province, region


def current_contacts(kb: KnowledgeBase) -> tuple[dict[str, Any], ...]:
    """The operator-kept contacts when a store is attached, else the shipped rows. A store
    that cannot be read (database down) falls back to the shipped rows, logged."""
    store = kb.contact_store
    if store is not None:
        try:
            return store.rows()
        except SQLAlchemyError as exc:
            logger.error("contact store unreadable, using shipped contacts: %s",
                         type(exc).__name__)
    return tuple(contacts.normalise(c) for c in kb.contacts)


def _for_people(contact: dict[str, Any]) -> bool:
    """Serves adults looking for (other) work; an empty audience means everyone."""
    audience = contact.get("audience") or []
    return not audience or bool({"werkzoekenden", "werkenden"} & set(audience))


def regions_in_province(kb: KnowledgeBase, province: str | None) -> list[dict[str, str]]:
    """The labour-market regions with at least one municipality in the province, by name:
    [{"id","name"}] for buttons. Empty for an unknown province."""
    if province not in vocab.PROVINCES:
        return []
    ids = {m["labour_market_region"] for m in kb.municipalities if m["province"] == province}
    found = [{"id": rid, "name": kb.regions[rid]["name"]} for rid in ids if rid in kb.regions]
    return sorted(found, key=lambda r: r["name"])


def _desk(all_contacts: tuple[dict[str, Any], ...], region: str) -> dict[str, Any] | None:
    desks = [c for c in all_contacts if c["kind"] in vocab.DESK_KINDS and _for_people(c)
             and region in c["labour_market_regions"]]
    rank = {kind: n for n, kind in enumerate(vocab.DESK_KINDS)}
    desks.sort(key=lambda c: (not contacts_text.is_local(c), rank[c["kind"]], c["id"]))
    return desks[0] if desks else None


def contact_for(kb: KnowledgeBase, profile: dict[str, Any],
                today: dt.date | None = None) -> dict[str, Any]:
    """The job-seeker desk of the person's labour-market region, with the sentence to say
    about it (``text``). With only a province known this never picks one of its regions:
    ``ask_place`` is True and ``province_regions`` lists the regions for buttons, while the
    contact is the national site. ``regions`` always includes the person's province.
    Partner initiatives (``extras``) only for the person's own labour-market region."""
    today = today or dt.date.today()
    province, region = person_place(kb, profile)
    all_contacts = current_contacts(kb)
    chosen = _desk(all_contacts, region) if region else None
    ask_place = region is None and province is not None
    if chosen is None:
        chosen = next((c for c in all_contacts if c["id"] == "werkcentrum_nederland"), None) \
            or next((c for c in all_contacts if c["kind"] == "national"), None)
    extras = [
        {"id": c["id"], "name": c["name"], "url": c["url"], "kind": c["kind"],
         "description": c["description"], "text": contacts_text.initiative_text(c),
         "source": c["source"], "checked_at": c["checked_at"]}
        for c in all_contacts
        if c["kind"] == "initiative" and region and region in c["labour_market_regions"]
        and _for_people(c)
    ]
    region_name = kb.regions[region]["name"] if region in kb.regions else ""
    base: dict[str, Any] = {
        "region": region, "region_name": region_name, "ask_place": ask_place,
        "province_regions": regions_in_province(kb, province) if ask_place else [],
        "extras": extras}
    if chosen is None:
        return {**base, "id": "", "name": "", "regions": [province] if province else [],
                "url": "", "phone": "", "kind": "", "walk_in": False, "local": False,
                "description": "", "text": "", "source": "", "checked_at": ""}
    regions = list(dict.fromkeys([p for p in [province, *chosen["provinces"]] if p]))
    local = region is not None and contacts_text.is_local(chosen)
    if region is not None and chosen["kind"] in vocab.DESK_KINDS:
        text = contacts_text.desk_text(chosen, region_name, today)
    elif ask_place:
        text = contacts_text.province_question(vocab.PROVINCE_NAMES.get(province, province))
    else:
        text = ("Zoek het Werkcentrum in je regio op werkcentrum.nl of bel je gemeente. "
                "Daar krijg je gratis advies.")
    # Walk-in is only True when a dated row says so (the text then says since when).
    walk_in = bool(local and chosen.get("walk_in") is True and chosen.get("details_date"))
    return {**base, "id": chosen["id"], "name": chosen["name"], "regions": regions,
            "url": chosen["url"], "phone": chosen["phone"], "kind": chosen["kind"],
            "walk_in": walk_in, "local": local, "description": chosen["description"],
            "text": text, "source": chosen["source"], "checked_at": chosen["checked_at"]}


def next_steps(kb: KnowledgeBase, profile: dict[str, Any],
               profession_id: str | None) -> dict[str, Any]:
    """Contract ``next_steps`` payload: at least three concrete steps and a contact."""
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
    key = len(steps)  # from here: the contact and the partner initiatives
    if contact["ask_place"]:
        # The bot asks the place with the contact's text and region buttons; the step
        # itself stays true without an answer.
        steps.append("Zoek het Werkcentrum in je regio op werkcentrum.nl of bel je gemeente.")
    else:
        steps.append(contact["text"] or "Vraag gratis advies bij het Werkcentrum in je regio.")
    # Partner initiatives of the person's own region (at most two: the chat stays short).
    steps += [extra["text"] for extra in contact["extras"][:2]]
    if profile.get("women_in_tech"):
        inclusive = next((c for c in current_contacts(kb) if c["id"] == "techniek_inclusief"),
                         None)
        if inclusive is not None:
            steps.append(contacts_text.initiative_text(inclusive))
    return {"type": "next_steps", "steps": steps,
            # The steps a short chat shows first: who to go to in the region.
            "key_steps": list(range(key, len(steps))),
            "ask_place": contact["ask_place"], "province_regions": contact["province_regions"],
            # The region's partner initiatives named in the steps (a chat may show only
            # some steps; these come right after the contact).
            "initiatives": [{"id": x["id"], "name": x["name"], "url": x["url"]}
                            for x in contact["extras"][:2]],
            "contact": {k: contact[k] for k in ("id", "name", "regions", "url", "phone", "kind",
                                                "walk_in", "local", "source", "checked_at",
                                                "ask_place", "province_regions", "text")}}
