"""Recognises newcomers (statushouders) and foreign diplomas in what a person writes.

Used by the advice: a statushouder gets a route that combines learning Dutch with working,
a language step and the diploma evaluation step. Plain patterns on purpose: the words
people use for this are few and specific ("ik ben statushouder", "vluchteling",
"ik heb een verblijfsvergunning", "inburgering").
"""

from __future__ import annotations

import re

from knowledge.text import fold

# Routes only for newcomers: never shown to others, never counted in matching.
NEWCOMER_ROUTES: frozenset[str] = frozenset({"taal_en_werk_statushouders"})

_NEWCOMER = re.compile(
    r"\b(statushouder\w*|vluchteling\w*|verblijfsvergunning\w*|inburger\w*|asielzoeker\w*|"
    r"nieuwkomer\w*|gevlucht\w*|asiel|status gekregen|azc)\b")
_FOREIGN_DIPLOMA = re.compile(
    r"\b(diploma (uit|in) (een ander land|het buitenland|mijn land)|buitenlands\w* diploma"
    r"|diploma van (thuis|mijn land|mijn vaderland)|in mijn land (gestudeerd|geleerd))\b")


def is_newcomer(text: str) -> bool:
    """True when the text says the person is a statushouder or refugee."""
    return bool(_NEWCOMER.search(fold(text or "")))


def has_foreign_diploma(text: str) -> bool:
    return bool(_FOREIGN_DIPLOMA.search(fold(text or "")))
