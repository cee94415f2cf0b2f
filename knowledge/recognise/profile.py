"""Recognisers for the simple profile slots: education, work status, interests, sector,
province and FAQ topic. Pure functions over the lexicon, no database needed."""

from __future__ import annotations

import re

from knowledge.recognise import lexicon
from knowledge.recognise.common import is_common_word
from knowledge.recognise.phrases import Hit, PhraseMatcher, negated
from knowledge.text import DeletionIndex, normalise

_EDUCATION = PhraseMatcher(lexicon.EDUCATION_PATTERNS)
_WORK_STATUS = PhraseMatcher(lexicon.WORK_STATUS_PATTERNS)
_SECTOR = PhraseMatcher(lexicon.SECTOR_PATTERNS)
_PROVINCE = PhraseMatcher(lexicon.PROVINCE_PATTERNS)
_FAQ = PhraseMatcher(lexicon.FAQ_TOPIC_PATTERNS)
_INTERESTS = PhraseMatcher(
    (phrase, interest) for interest, phrases in lexicon.INTEREST_PATTERNS.items()
    for phrase in phrases
)

# One-typo forms of single interest words ("hande" -> handen, "elektricitijd" ->
# elektriciteit), for words long enough that one typo still says what was meant.
_INTEREST_WORD_VALUES: dict[str, str] = {}
for _interest, _phrases in lexicon.INTEREST_PATTERNS.items():
    for _phrase in _phrases:
        _word = normalise(_phrase.rstrip("*"))
        if " " not in _word and len(_word) >= 5:
            _INTEREST_WORD_VALUES.setdefault(_word, _interest)
_INTEREST_TYPOS = DeletionIndex(set(_INTEREST_WORD_VALUES))


def _interest_hits(norm: str) -> list[Hit]:
    """Exact phrase hits, plus one-typo hits on words no exact phrase covered."""
    hits = _INTERESTS.hits(norm)
    covered = [(h.start, h.end) for h in hits]
    for match in re.finditer(r"[a-z0-9]+", norm):
        word = match.group()
        if (len(word) < 5 or is_common_word(word)
                or any(s <= match.start() < e for s, e in covered)):
            continue
        close = _INTEREST_TYPOS.lookup(word)
        if close:
            hits.append(Hit(match.start(), match.end(), _INTEREST_WORD_VALUES[close[0]]))
    return sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))


# A school as a workplace ("conciërge op een basisschool", "ik werk bij de hogeschool")
# says nothing about a diploma.
_WORKPLACE_SCHOOL = re.compile(
    r"\b(werk\w*|baan|(?:op|bij|aan|voor)\s+(?:een|die))\b(?:\s+\w+){0,3}?\s+"
    r"(?:op|bij|aan|in|voor)?\s*(?:een|de|het)?\s*"
    r"(basisschool|lagere\s+school|hogeschool|universiteit|school)\b"
    r"|\b(?:op|bij|aan|voor)\s+een\s+(basisschool|lagere\s+school|hogeschool|universiteit)\b")
# Still at school for a level ("ik zit nog op het mbo"): the diploma they hold is the one
# before it, so an mbo student without a level has vmbo.
_ATTENDING_MBO = re.compile(
    r"\b(zit|zat)\s+(nog\s+)?(op|in)\s+(school|het\s+mbo|de\s+mbo|mbo)\b.{0,20}\bmbo\b"
    r"(?!\s*(niveau\s*)?[1-4])|\b(zit|zat)\s+(nog\s+)?(op|in)\s+(het\s+|de\s+)?mbo\b"
    r"(?!\s*(niveau\s*)?[1-4])")


def recognise_education(text: str) -> str | None:
    """Contract education_level from everyday words ("mavo" -> vmbo, "mts" -> mbo4).

    Only diploma or school-level phrases count: a school named as a workplace is skipped.
    """
    norm = normalise(text)
    if _ATTENDING_MBO.search(norm):
        return "vmbo"
    cleaned = _WORKPLACE_SCHOOL.sub(" ", norm)
    return _EDUCATION.first(cleaned) if cleaned.strip() else None


def recognise_work_status(text: str) -> str | None:
    """Contract work_status ("ik zit in de ww" -> ww, "eigen bedrijf" -> zzp)."""
    return _WORK_STATUS.first(text)


# Compounds ending in a sector word ("kaasfabriek", "kledingwinkel"): the last part counts.
_SECTOR_TAILS: tuple[tuple[str, str], ...] = tuple(
    (phrase, value) for phrase, value in lexicon.SECTOR_PATTERNS
    if " " not in phrase and not phrase.endswith("*") and len(phrase) >= 6)


# "ik wil de techniek in", "omscholen naar techniek": where the person wants to go, not
# the sector they work in.
_TECHNIEK_WISH = re.compile(
    r"\b(naar|wil\w*|zoek\w*|omscho\w*|overstap\w*|overstappen|richting|graag|leren)\b"
    r"(?:\W+\w+){0,4}?\W+(de\s+)?techniek\b")


def recognise_sector(text: str) -> str | None:
    """Contract current_sector named in the text ("ik werk in de zorg" -> zorg_welzijn)."""
    text = _TECHNIEK_WISH.sub(" ", normalise(text))
    found = _SECTOR.first(text)
    if found:
        return found
    for token in normalise(text).split():
        for tail, value in _SECTOR_TAILS:
            if len(token) >= len(tail) + 3 and token.endswith(tail):
                return value
    return None


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
    for hit in _interest_hits(norm):
        if negated(norm, hit.start, lexicon.NEGATIONS):
            negated_values.add(hit.value)
            continue
        if hit.value not in result:
            result.append(hit.value)
    # "niet buiten, liever binnen": a value said once negated stays out even if another
    # phrase of it matched too ("buiten" inside "niet buiten werken").
    return [v for v in result if v not in negated_values]


# Wanting or needing an income while retraining ("ik moet blijven verdienen", "mijn salaris
# houden") versus not needing it ("dat hoeft niet", "kan ook zonder loon").
_NO_INCOME_NEEDED = re.compile(
    r"\b(hoeft\s+niet|niet\s+nodig|geen\s+inkomen\s+nodig|zonder\s+(salaris|loon|inkomen)|"
    r"kan\s+(ook\s+)?zonder)\b")
_WANT_INCOME = re.compile(
    r"\b(moet|wil|wel)\b.{0,30}\b(verdienen|inkomen|salaris|loon|geld)\b|"
    r"\b(blijven\s+verdienen|inkomen\s+houden|salaris\s+houden|loon\s+houden|loon\s+nodig|"
    r"salaris\s+nodig|geld\s+nodig|leren\s+naast\s+(het|mijn)\s+werk|werken\s+en\s+leren|"
    r"leren\s+en\s+werken|naast\s+mijn\s+werk|terwijl\s+ik\s+(door)?werk|"
    r"leren\s+met\s+(loon|salaris)|betaald\s+leren)\b|"
    r"\b(houd|hou|behoud|houden|behouden)\b.{0,20}\b(inkomen|salaris|loon)\b")


def learn_while_earning_words(text: str) -> str | None:
    """The (normalised) words that say whether an income is needed, for entity spans."""
    norm = normalise(text)
    found = _NO_INCOME_NEEDED.search(norm) or _WANT_INCOME.search(norm)
    return found.group(0) if found else None


def recognise_learn_while_earning(text: str) -> bool | None:
    """True when the person wants to keep an income while learning, False when they say it
    is not needed, None when the text says nothing about it."""
    norm = normalise(text)
    if _NO_INCOME_NEEDED.search(norm):
        return False
    if _WANT_INCOME.search(norm):
        return True
    return None


_MATCHERS: dict[str, PhraseMatcher] = {
    "education_level": _EDUCATION, "work_status": _WORK_STATUS, "sector": _SECTOR,
    "province": _PROVINCE, "interest": _INTERESTS,
}


def matched_words(kind: str, text: str, value: str) -> str | None:
    """The (normalised) words that gave `value` for `kind` in `text`, for entity spans."""
    matcher = _MATCHERS.get(kind)
    if matcher is None:
        return None
    norm = normalise(text)
    hits = [h for h in (_interest_hits(norm) if kind == "interest" else matcher.hits(norm))
            if h.value == value]
    if hits:
        # A sector by the workplace, the last words ("kassa bij de supermarkt").
        hit = hits[-1] if kind == "sector" else hits[0]
        return norm[hit.start:hit.end]
    if kind == "sector":  # a compound ending in a sector word ("kledingwinkel")
        for token in norm.split():
            if any(token.endswith(tail) and len(token) >= len(tail) + 3 and v == value
                   for tail, v in _SECTOR_TAILS):
                return token
    return None
