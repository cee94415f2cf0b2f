"""Route card as a tagged PDF (fpdf2): DejaVu Sans when present, else core Helvetica.

Headings, paragraphs and lists are tagged (web.routecard.tagged), text is left-aligned
(no justified gaps), sentences are joined without doubling their full stops.
"""

from __future__ import annotations

from typing import Any

from contract.labels import card_heading
from web.dates import amsterdam_iso
from web.routecard.data import RouteCard
from web.routecard.fonts import dejavu_fonts
from web.routecard.tagged import TaggedPDF
from web.routecard.texts import dutch_date, funding_text, route_text, sentence

# Core fonts only know latin-1: replace the few characters our texts use outside it.
_LATIN1_FALLBACKS = {
    "\u20ac": "EUR", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u2022": "-", "\u00a0": " ",
}


def _date(timestamp: float) -> str:
    return dutch_date(amsterdam_iso(timestamp))  # Dutch time, whatever the server zone


class _CardPDF(TaggedPDF):
    def __init__(self) -> None:
        super().__init__("Jouw overstapkaart")
        fonts = dejavu_fonts()
        self.unicode = fonts is not None
        if fonts:
            self.add_font("Card", "", str(fonts[0]))
            self.add_font("Card", "B", str(fonts[1]))
            self.set_font("Card", "", 10.5)
        else:
            self.set_font("Helvetica", "", 10.5)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)

    def normalize_text(self, text: str) -> str:
        if not self.unicode:
            for char, repl in _LATIN1_FALLBACKS.items():
                text = text.replace(char, repl)
            text = text.encode("latin-1", "replace").decode("latin-1")
        return super().normalize_text(text)


def render_pdf(card: RouteCard) -> bytes:
    pdf = _CardPDF()
    pdf.add_page()
    pdf.heading("Jouw overstapkaart", 1)
    pdf.para(f"Gemaakt op {_date(card.created_at)}. Deze kaart verdwijnt uiterlijk op "
             f"{_date(card.expires_at)}, of eerder als je je gegevens laat verwijderen.")
    if card.profile:
        pdf.heading("Over jou")
        pdf.items([f"{row['label']}: {row['value']}" for row in card.profile])
    if card.profession:
        pdf.heading(f"Beroep: {card.profession.get('name', '')}")
        if card.profession.get("description"):
            pdf.para(sentence(card.profession["description"]))
        if card.profession.get("day_to_day"):
            pdf.para("Een gewone dag: " + sentence(card.profession["day_to_day"]))
        if card.reasons:
            pdf.heading("Waarom het bij je past", 3)
            pdf.items([sentence(r) for r in card.reasons])
        if card.transferable_skills:
            pdf.para("Wat je al kunt: " + ", ".join(card.transferable_skills) + ".")
        if card.skills_to_learn:
            pdf.para("Wat je nog leert: " + ", ".join(card.skills_to_learn) + ".")
    if card.routes:
        pdf.heading(card_heading("routes"))
        pdf.items([route_text(route) for route in card.routes])
    if card.funding:
        pdf.heading(card_heading("funding"))
        pdf.items([funding_text(item) for item in card.funding])
        pdf.para("Bedragen zijn een maximum, geen belofte. Check de regeling zelf of vraag "
                 "het na.")
    if card.steps:
        pdf.heading(card_heading("next_steps"))
        pdf.items([sentence(step) for step in card.steps], numbered=True)
    if card.contact:
        pdf.heading(card_heading("contact"))
        pdf.para(_contact_text(card.contact))
    if card.sources:
        pdf.heading("Bronnen", 3)
        pdf.items([_source_text(source) for source in card.sources], size=9.5)
    return pdf.tagged_output()


def _contact_text(contact: dict[str, Any]) -> str:
    parts = [str(contact.get("name") or "")]
    if contact.get("phone"):
        parts.append(f"telefoon {contact['phone']}")
    if contact.get("url"):
        parts.append(f"website {contact['url']}")
    return ", ".join(p for p in parts if p)


def _source_text(source: dict[str, str]) -> str:
    line = source["name"]
    if source.get("url") and source["url"] != source["name"]:
        line += f": {source['url']}"
    if source.get("checked_at"):
        line += f" (gecontroleerd op {dutch_date(source['checked_at'])})"
    return line
