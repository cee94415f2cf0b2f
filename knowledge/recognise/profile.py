"""Recognisers for the simple profile slots: education, work status, interests, sector,
province and FAQ topic. Pure functions over the lexicon, no database needed."""

from __future__ import annotations

from knowledge.recognise import lexicon
from knowledge.recognise.phrases import PhraseMatcher, negated
from knowledge.text import normalise

_EDUCATION = PhraseMatcher(lexicon.EDUCATION_PATTERNS)
_WORK_STATUS = PhraseMatcher(lexicon.WORK_STATUS_PATTERNS)
_SECTOR = PhraseMatcher(lexicon.SECTOR_PATTERNS)
_PROVINCE = PhraseMatcher(lexicon.PROVINCE_PATTERNS)
_FAQ = PhraseMatcher(lexicon.FAQ_TOPIC_PATTERNS)
_INTERESTS = PhraseMatcher(
    (phrase, interest) for interest, phrases in lexicon.INTEREST_PATTERNS.items()
    for phrase in phrases
)


def recognise_education(text: str) -> str | None:
    """Contract education_level from everyday words ("mavo" -> vmbo, "mts" -> mbo4)."""
    return _EDUCATION.first(text)


def recognise_work_status(text: str) -> str | None:
    """Contract work_status ("ik zit in de ww" -> ww, "eigen bedrijf" -> zzp)."""
    return _WORK_STATUS.first(text)


def recognise_sector(text: str) -> str | None:
    """Contract current_sector named in the text ("ik werk in de zorg" -> zorg_welzijn)."""
    return _SECTOR.first(text)


def recognise_province(text: str) -> str | None:
    """Contract province from "Noord Holland", "NH", "brabant", "Fryslân"."""
    return _PROVINCE.first(text)


def recognise_faq_topic(text: str) -> str | None:
    """FAQ topic of a question ("ben ik te oud?" -> leeftijd)."""
    return _FAQ.first(text)


def recognise_interests(text: str) -> list[str]:
    """Contract interest values in order of mention; negated mentions ("niet buiten") are
    left out, and a value is listed once."""
    norm = normalise(text)
    result: list[str] = []
    negated_values: set[str] = set()
    for hit in _INTERESTS.hits(norm):
        if negated(norm, hit.start, lexicon.NEGATIONS):
            negated_values.add(hit.value)
            continue
        if hit.value not in result:
            result.append(hit.value)
    # "niet buiten, liever binnen": a value said once negated stays out even if another
    # phrase of it matched too ("buiten" inside "niet buiten werken").
    return [v for v in result if v not in negated_values]
