"""Route card as PDF (fpdf2). Embeds DejaVu Sans when present, else core Helvetica (latin-1)."""

from __future__ import annotations

import time
from typing import Any, Dict, Iterable

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from web.routecard.data import RouteCard
from web.routecard.fonts import dejavu_fonts

# Core fonts only know latin-1: replace the few characters our texts use outside it.
_LATIN1_FALLBACKS = {
    "\u20ac": "EUR", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u2022": "-", "\u00a0": " ",
}


def _date(timestamp: float) -> str:
    return time.strftime("%d-%m-%Y", time.localtime(timestamp))


class _CardPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        fonts = dejavu_fonts()
        self.unicode = fonts is not None
        if fonts:
            self.add_font("Card", "", str(fonts[0]))
            self.add_font("Card", "B", str(fonts[1]))
            self.family = "Card"
        else:
            self.family = "Helvetica"
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title("Jouw overstapkaart")
        self.set_lang("nl")

    def text_safe(self, text: Any) -> str:
        text = str(text or "")
        if self.unicode:
            return text
        for char, repl in _LATIN1_FALLBACKS.items():
            text = text.replace(char, repl)
        return text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(3)
        self.set_font(self.family, "B", size)
        self.multi_cell(0, 7, self.text_safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(self.family, "", 10.5)

    def para(self, text: str) -> None:
        self.set_font(self.family, "", 10.5)
        self.multi_cell(0, 5.5, self.text_safe(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.para("- " + str(item))


def render_pdf(card: RouteCard) -> bytes:
    pdf = _CardPDF()
    pdf.add_page()
    pdf.heading("Jouw overstapkaart", 18)
    pdf.para(f"Gemaakt op {_date(card.created_at)}. Deze kaart verdwijnt uiterlijk op "
             f"{_date(card.expires_at)}, of eerder als je je gegevens laat verwijderen.")
    if card.profile:
        pdf.heading("Over jou")
        for row in card.profile:
            pdf.para(f"{row['label']}: {row['value']}")
    if card.profession:
        pdf.heading(f"Beroep: {card.profession.get('name', '')}")
        if card.profession.get("description"):
            pdf.para(card.profession["description"])
        if card.reasons:
            pdf.para("Waarom het bij je past:")
            pdf.bullets(card.reasons)
    if card.routes:
        pdf.heading("Zo word je het")
        for route in card.routes:
            pdf.para(_route_line(route))
    if card.funding:
        pdf.heading("Wie kan meebetalen")
        for item in card.funding:
            pdf.para(_funding_line(item))
    if card.steps:
        pdf.heading("Dit kun je nu doen")
        for number, step in enumerate(card.steps, 1):
            pdf.para(f"{number}. {step}")
    if card.contact:
        pdf.heading("Hier kun je terecht")
        pdf.para(" - ".join(str(card.contact.get(k)) for k in ("name", "phone", "url")
                            if card.contact.get(k)))
    if card.sources:
        pdf.heading("Bronnen", 11)
        for source in card.sources:
            pdf.para(_source_line(source))
    pdf.ln(2)
    pdf.para("Bedragen en regelingen kunnen veranderen. Check altijd de website van de "
             "regeling of vraag het na bij het werkcentrum.")
    return bytes(pdf.output())


def _route_line(route: Dict[str, Any]) -> str:
    parts = [str(route.get("name", ""))]
    if route.get("kind_label"):
        parts.append(route["kind_label"])
    if route.get("duration_months"):
        parts.append(f"ongeveer {route['duration_months']} maanden")
    if route.get("learn_while_earning"):
        parts.append("je verdient tijdens het leren")
    line = ", ".join(p for p in parts if p)
    return line + (f" ({route['url']})" if route.get("url") else "")


def _funding_line(item: Dict[str, Any]) -> str:
    line = str(item.get("name", ""))
    if item.get("amount"):
        line += f": {item['amount']}"
    if item.get("conditions"):
        line += f". {item['conditions']}"
    if item.get("url"):
        line += f" ({item['url']})"
    return line


def _source_line(source: Dict[str, str]) -> str:
    line = source["name"]
    if source.get("url") and source["url"] != source["name"]:
        line += f" - {source['url']}"
    if source.get("checked_at"):
        line += f" (gecontroleerd {source['checked_at']})"
    return line
