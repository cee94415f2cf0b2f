"""The advice turns after choosing a profession, in plain Dutch and in small pieces.

Each builder returns the text of one turn (about 120 words at most, sentences of at most
15 words where possible). ``repeat`` is True when the person asked the same thing before:
then the turn is a short recap, never the same block again. Sources and check dates stay
out of the chat; they travel in the payloads for the route card and the console.
"""

from __future__ import annotations

import re
from typing import Any

from contract import glossary

MENU_TITLES = {"routes": "Hoe word ik het?", "funding": "Wie betaalt?",
               "next_steps": "Wat doe ik nu?"}
MENU_INTENTS = {"routes": "ask_routes", "funding": "ask_funding",
                "next_steps": "ask_next_steps"}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def words(text: str) -> int:
    return len(re.findall(r"[\wÀ-ÿ€'-]+", text or ""))


def money(amount: int) -> str:
    return "€" + f"{amount:,}".replace(",", ".")


def period(months_min: int | None, months_max: int | None) -> str:
    """'1 tot 2 jaar', '3 tot 12 maanden', 'ongeveer 3,5 jaar'."""
    low = months_min or months_max
    high = months_max or months_min
    if not low:
        return ""

    def years(m: int) -> str:
        y = m / 12
        return str(int(y)) if y == int(y) else f"{y:.1f}".replace(".", ",")

    if high and high >= 12 and low >= 12:
        return f"{years(low)} jaar" if low == high else f"{years(low)} tot {years(high)} jaar"
    return f"{low} maanden" if low == high else f"{low} tot {high} maanden"


def first_sentences(text: str, limit: int) -> str:
    """As many whole sentences of ``text`` as fit in ``limit`` words (at least one)."""
    out: list[str] = []
    for sentence in _SENTENCE.split((text or "").strip()):
        if out and words(" ".join(out + [sentence])) > limit:
            break
        out.append(sentence)
    return " ".join(out)


def short_reason(reason: str) -> str:
    """The first sentence of a reason; a long one up to its first comma."""
    first = first_sentences(reason, 1).rstrip(".")
    if words(first) > 12 and "," in first:
        first = first.split(",")[0]
    return first + "."


TURN_WORDS = 120  # a chat turn stays under about this many words


def skills_sentence(item: dict[str, Any], most: int = 2, learn: bool = True) -> str:
    """"Wat je al kunt: ... Wat je nog leert: ..." from the item's skill lists (issue #22);
    empty when neither list has anything. ``learn=False`` leaves the second part out."""
    have = [s for s in item.get("transferable_skills") or [] if s][:most]
    learn_now = [s for s in item.get("skills_to_learn") or [] if s][:most] if learn else []
    return _skill_parts(have, learn_now)


def _skill_parts(have: list[str], learn: list[str]) -> str:
    parts = []
    if have:
        parts.append("Wat je al kunt: " + " en ".join(have) + ".")
    if learn:
        parts.append("Wat je nog leert: " + " en ".join(learn) + ".")
    return " ".join(parts)


def recommendation_notes(payload: dict[str, Any]) -> list[str]:
    """The wish note and the limit note of a recommendations payload, when there."""
    return [str(note) for note in (payload.get("wish_note"), payload.get("limit_note"))
            if note]


def intro(prof: dict[str, Any]) -> str:
    """A normal day, the pay range and how long it takes: at most 60 words."""
    name = prof.get("name") or prof.get("id", "")
    pay = ""
    if prof.get("pay_min") and prof.get("pay_max"):
        pay = (f"Je verdient ongeveer {money(prof['pay_min'])} tot {money(prof['pay_max'])} "
               "bruto per maand.")
    how_long = period(prof.get("bbl_months_min"), prof.get("bbl_months_max"))
    duration = f"Met werken en leren ben je in {how_long} klaar." if how_long else ""
    fixed = f"Over {name.lower()}: " + " " + pay + " " + duration
    day = first_sentences(prof.get("day_to_day") or prof.get("description") or "",
                          max(10, 56 - words(fixed)))
    text = f"Over {name.lower()}. {day} {pay} {duration}".strip()
    return re.sub(r"\s+", " ", text) + "\nWat wil je weten?"


def menu_buttons(profession_id: str, skip: str | None = None) -> list[dict[str, str]]:
    """The four choices after a profession: three questions and another profession."""
    entity = '{"profession": "' + profession_id + '"}'
    buttons = [{"title": title, "payload": f"/{MENU_INTENTS[key]}{entity}"}
               for key, title in MENU_TITLES.items() if key != skip]
    buttons.append({"title": "Ander beroep", "payload": "/other_profession"})
    return buttons


def routes_text(payload: dict[str, Any], name: str, repeat: bool) -> str:
    items = payload.get("items") or []
    if not items:
        return (f"Ik heb nog geen opleiding voor {name.lower()} gevonden. "
                "Vraag het na bij het Werkcentrum in je regio.")
    if repeat:
        names = "\n".join(f"• {i.get('name', '')}." for i in items[:3])
        return f"Nog even op een rij. Zo word je {name.lower()}:\n{names}"
    lines = [f"Zo word je {name.lower()}:"]
    for item in items[:3]:
        bits = [f"• {item.get('name')}."]
        if item.get("duration_months"):
            bits.append(f"Het duurt ongeveer {period(item['duration_months'], None)}.")
        if item.get("learn_while_earning"):
            bits.append("Je krijgt loon.")
        lines.append(" ".join(bits))
    if any(i.get("kind") in ("bbl", "leerwerktraject") for i in items[:3]):
        lines.append("Tip: zoek eerst een werkgever. De school komt daarna.")
    return "\n".join(lines)


def _amount(item: dict[str, Any]) -> str:
    return first_sentences(item.get("amount") or "", 12)


def funding_text(payload: dict[str, Any], repeat: bool) -> str:
    items = payload.get("items") or []
    employer = payload.get("employer") or []
    if not items:
        return ("Ik vond geen regeling die nu bij jou past. Vaak betaalt de werkgever de "
                "opleiding. Het Werkcentrum in je regio weet meer.")
    if repeat and not payload.get("page"):
        names = "\n".join(f"• {i.get('name', '')}." for i in items)
        return f"Kort nog een keer. Dit past bij jou:\n{names}"
    personal = not items[0].get("for_employer")
    opening = ("Dit kan ook nog bij jou passen:" if payload.get("page") else
               "Wie betaalt? Dit past het best bij jou:" if personal else
               "Voor jou zelf vond ik geen regeling. Je werkgever kan wel hulp krijgen:")
    lines = [opening]
    for number, item in enumerate(items):
        amount = _amount(item) if number == 0 else ""
        lines.append(f"• {item.get('name')}." + (f" {amount}" if amount else ""))
    if employer:
        lines.append(f"Je werkgever kan ook subsidie krijgen, bijvoorbeeld {employer[0]['name']}.")
    lines.append("Bedragen zijn een maximum, geen belofte.")
    return "\n".join(lines)


def next_steps_text(payload: dict[str, Any], repeat: bool, limit: int | None = None) -> str:
    """The steps as a numbered list; with `limit`, the steps with the contact and the
    initiatives, then the others in order, up to `limit` (the rest is on the card)."""
    steps = payload.get("steps") or []
    contact = payload.get("contact") or {}
    if repeat:
        lines = [f"Je eerste stap: {steps[0]}" if steps else "Begin bij het Werkcentrum."]
        if contact.get("name"):
            lines.append(f"Hulp in de buurt: {contact['name'].split(' (')[0]}.")
    else:
        # The local contact and the partner initiatives of the region first (who to go to
        # is what a person needs most), then the other steps in their order.
        key = set(payload.get("key_steps") or [])
        order = sorted(range(len(steps)), key=lambda i: (i not in key, i))
        keep = sorted(order[:limit] if limit else order)
        lines = ["Wat kun je nu doen?"]
        lines += [f"{n}. {steps[i]}" for n, i in enumerate(keep, start=1)]
        if len(keep) < len(steps):
            lines.append("Meer stappen staan op je overstapkaart.")
    if contact.get("url"):
        lines.append(contact["url"])
    return "\n".join(lines)


def plain(text: str, already: set[str]) -> str:
    """Dutch dates and first-time explanations of terms."""
    return glossary.explain(glossary.dutch_dates(text), already)
