"""Plain-Dutch sentences about a regional contact, honest about what we know and since when.

Walk-in, opening hours and an address are only said when the row has them together with
the date of the source that showed them; when that date is more than six months old the
sentence says the month and year in words ("In oktober 2025 kon je er ..."), never an ISO
date, and asks the person to check the website. A region without a known local desk gets
the honest fallback: we do not know the address yet, and how to find it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlparse

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
# A source older than this is told with its month and year.
FRESH_DAYS = 183
# Sites that only refer people on: a contact with such a URL and no dated address is not
# a local desk we know.
NATIONAL_HOSTS = ("werkcentrum.nl", "lerenenwerken.nl", "leerwerkloket.nl")


TRANSITION_NOTES = {
    "mobiliteitsteam": "Misschien hoort dit team nu bij het Werkcentrum in je regio.",
    "leerwerkloket": "Het leerwerkloket gaat op in het Werkcentrum in je regio.",
}


def host(url: str) -> str:
    name = (urlparse(url).hostname or "").lower()
    return name[4:] if name.startswith("www.") else name


def month_words(iso: str) -> str:
    """'2025-10-31' -> 'oktober 2025'."""
    day = dt.date.fromisoformat(iso)
    return f"{MONTHS[day.month - 1]} {day.year}"


def is_fresh(iso: str, today: dt.date) -> bool:
    return (today - dt.date.fromisoformat(iso)).days <= FRESH_DAYS


def is_local(contact: dict[str, Any]) -> bool:
    """True when we know something local: its own website, or an address with a date."""
    if host(contact.get("url") or "") not in NATIONAL_HOSTS:
        return True
    return bool(contact.get("address") and contact.get("details_date"))


def short_name(name: str) -> str:
    """'Werkcentrum Twente (voorheen Leerwerkloket Twente)' -> 'Werkcentrum Twente'."""
    return name.split(" (")[0].strip()


def visit_sentences(contact: dict[str, Any], today: dt.date) -> list[str]:
    """Address, walk-in and hours, each only from a dated row."""
    when = contact.get("details_date") or ""
    if not when:
        return []
    fresh = is_fresh(when, today)
    month = month_words(when)
    out: list[str] = []
    if contact.get("address"):
        out.append(f"Het adres is {contact['address']}." if fresh
                   else f"In {month} was het adres: {contact['address']}.")
    hours = contact.get("hours") or ""
    # The month is said once; a second sentence about the same source says "toen".
    then = "Je kon er toen" if out else f"In {month} kon je er"
    if contact.get("walk_in") is True:
        tail = f", {hours}" if hours else ""
        out.append(f"Je kunt er zonder afspraak binnenlopen{tail}." if fresh
                   else f"{then} zonder afspraak binnenlopen{tail}.")
    elif hours:
        out.append(f"Open: {hours}." if fresh else
                   ("Het was toen open: " if out else f"In {month} was het open: ")
                   + f"{hours}.")
    if out and not fresh:
        out.append("Kijk op de website of dat nog zo is.")
    return out


def desk_text(contact: dict[str, Any], region_name: str, today: dt.date) -> str:
    """The step that sends the person to their regional desk (or says we do not know it)."""
    if not is_local(contact):
        place = f"Werkcentrum {region_name}" if region_name else "het Werkcentrum in je regio"
        return (f"We weten het adres van het Werkcentrum in je regio nog niet. Zoek {place} "
                "op werkcentrum.nl of bel je gemeente.")
    parts = [f"Ga voor gratis advies naar {short_name(contact['name'])}."]
    # Desks from before the merger (2025-2026) may now be part of the Werkcentrum.
    transition = TRANSITION_NOTES.get(contact.get("kind") or "")
    if transition:
        parts.append(transition)
    visit = visit_sentences(contact, today)
    parts += visit
    if not visit:
        parts.append("Kijk op de website hoe je langs kunt komen.")
    if contact.get("phone"):
        parts.append(f"Bellen kan ook: {contact['phone']}.")
    return " ".join(parts)


def initiative_text(contact: dict[str, Any]) -> str:
    """One step for a partner initiative: what they do for this person, and where to look."""
    description = (contact.get("description") or short_name(contact["name"])).strip()
    site = host(contact.get("url") or "")
    return f"{description} Kijk op {site}." if site else description


def province_question(province_name: str) -> str:
    """What the bot can ask when only the province is known (the lead may word it)."""
    return (f"In welke plaats in {province_name} woon je? Dan zoek ik het Werkcentrum "
            "bij jou in de buurt.")
