"""Words that need an explanation, in plain Dutch, and helpers to explain each one the first
time it appears in a conversation (see ../shared/reference/plain-dutch.md).

``explain(text, already)`` adds a short explanation after the sentence where a term first
appears; ``explained_in(texts)`` tells which terms earlier bot messages already explained.
Each explanation is one or two sentences of at most 15 words, so the readability of a turn
does not suffer. ``long_date`` writes an ISO date the Dutch way ("23 november 2026").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    pattern: re.Pattern[str]
    explanation: str


def _t(key: str, pattern: str, explanation: str, flags: int = 0) -> Term:
    return Term(key, re.compile(pattern, flags), explanation)


# Order matters only for terms that contain each other: the longer one first.
TERMS: tuple[Term, ...] = (
    _t("bbl", r"\bBBL\b", "BBL betekent: je werkt 3 of 4 dagen en gaat 1 dag naar school."),
    _t("bol", r"\bBOL\b", "BOL betekent: je gaat elke dag naar school en loopt stage."),
    _t("mbo", r"\bmbo\b", "Het mbo is de school voor een vak, van niveau 1 tot 4.", re.I),
    _t("hbo", r"\bhbo\b", "Het hbo is de hogeschool.", re.I),
    _t("uwv", r"\bUWV\b", "UWV is de organisatie voor uitkeringen en werk."),
    _t("ww", r"\bWW\b", "WW is een uitkering als je je baan kwijt bent."),
    _t("evc", r"\bEVC\b", "Met een EVC telt je werkervaring mee voor een diploma."),
    _t("oo_fonds", r"\bO&O-fonds", "Een O&O-fonds is de opleidingspot van een sector."),
    _t("vca", r"\b(?:B-|VOL-)?VCA\b", "VCA is een diploma voor veilig werken."),
    _t("cursusgeld", r"\bcursusgeld\b", "Cursusgeld betaal je per jaar aan de school.", re.I),
    _t("lesgeld", r"\blesgeld\b", "Lesgeld betaal je per jaar voor een opleiding op school.",
       re.I),
    _t("slim", r"\bSLIM\b", "SLIM is geld voor bedrijven die hun mensen laten leren."),
    _t("duo", r"\bDUO\b", "DUO regelt het geld voor je studie."),
    _t("praktijkverklaring", r"\bpraktijkverklaring", "Met een praktijkverklaring laat je "
       "werkgever zien wat je kunt. Je leert op het werk, zonder examen.", re.I),
    _t("leerbedrijf", r"\bleerbedrij(?:f|ven)\b",
       "Een leerbedrijf mag leerlingen opleiden.", re.I),
    _t("leerbaan", r"\bleerba(?:an|nen)\b",
       "Een leerbaan is een baan waarin je ook een opleiding volgt.", re.I),
    _t("leerwerktraject", r"\bleerwerktraject",
       "Bij een leerwerktraject neemt een bedrijf je aan en leidt je zelf op.", re.I),
    _t("bijstand", r"\bbijstand\b", "Bijstand is een uitkering van de gemeente.", re.I),
    _t("werkcentrum", r"\bWerkcentrum\b",
       "Bij het Werkcentrum krijg je gratis advies over werk en leren."),
    _t("inburgering", r"\binburger(?:ing|en)\b",
       "Bij inburgering leer je Nederlands en hoe Nederland werkt.", re.I),
    _t("idw", r"\bIDW\b", "IDW kijkt wat je diploma uit een ander land waard is."),
    _t("cao", r"\bcao\b", "In de cao staan afspraken over loon en werk.", re.I),
    _t("nen3140", r"\bNEN 3140\b", "NEN 3140 is een norm: regels voor veilig werken met stroom."),
    _t("taalniveau", r"\b(?:A2|B1|2F|3F)\b",
       "A2 is eenvoudig Nederlands. B1 en 2F zijn iets moeilijker."),
)
BY_KEY: dict[str, Term] = {t.key: t for t in TERMS}
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def terms_in(text: str) -> list[str]:
    """Keys of the glossary terms in ``text``, in order of first appearance."""
    found = [(m.start(), t.key) for t in TERMS for m in [t.pattern.search(text or "")] if m]
    return [key for _, key in sorted(found)]


def explained_in(texts: Iterable[str]) -> set[str]:
    """Terms whose explanation already stands in one of ``texts``."""
    joined = "\n".join(t for t in texts if t)
    return {t.key for t in TERMS if t.explanation in joined}


def unexplained(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(term, text) for each term whose first appearance in the conversation ``texts``
    (in order) is not in a message that also carries its explanation."""
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []
    for text in texts:
        for key in terms_in(text):
            if key in seen:
                continue
            seen.add(key)
            if BY_KEY[key].explanation not in text:
                problems.append((key, text))
    return problems


def explain(text: str, already: set[str] | None = None) -> str:
    """``text`` with an explanation after the sentence where each new term first appears.
    ``already`` (terms explained earlier in the conversation) is updated in place."""
    done = already if already is not None else set()
    for key in terms_in(text):
        if key in done:
            continue
        term = BY_KEY[key]
        done.add(key)
        if term.explanation in text:
            continue
        match = term.pattern.search(text)
        assert match is not None
        end = _SENTENCE_END.search(text, match.end())
        line_end = text.find("\n", match.end())
        cut = len(text)
        if end is not None:
            cut = end.end()
        if line_end != -1 and line_end < cut:
            cut = line_end
        before, after = text[:cut].rstrip(), text[cut:]
        if before and before[-1] not in ".!?:":
            before += "."
        text = f"{before} {term.explanation}{after}"
    return text


def long_date(value: str | dt.date | None) -> str:
    """'2026-11-23' -> '23 november 2026'; empty for no date."""
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def dutch_dates(text: str) -> str:
    """Every ISO date in ``text`` written the Dutch way."""
    return ISO_DATE.sub(lambda m: long_date(m.group(0)), text or "")
