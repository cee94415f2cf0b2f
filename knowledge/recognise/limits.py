"""Recognises what a person cannot or will not do (limits) and their age, in everyday
Dutch and English.

Limits are contract-extension values (``contract.values.LIMITS``). Each clause of the
message is read on its own, so "mijn knieën zijn op, maar ik heb wel een rijbewijs" gives
``geen_zwaar_werk`` and no driving-licence limit. Negations matter: "ik heb geen
rugklachten" and "hoogte vind ik niet erg" are no limits. Plain patterns on purpose: the
words for these limits are few, and a wrong limit costs a person good advice.
"""

from __future__ import annotations

import re

from knowledge.text import fold

# Clause boundaries: punctuation and the contrast/addition words that start a new thought.
_CLAUSE = re.compile(r"[.,;!?\n]+|\s(?:maar|but|alleen wel|en ook)\s(?!\d|twee|drie|vier)")
_BODY = (r"(knie\w*|knee\w*|rug\w*|back|schouder\w*|shoulder\w*|hernia|heup\w*|"
         r"gewricht\w*|artrose|slijtage|versleten|reuma\w*|nek)")
# "geen/niet" right before a body word reverses the meaning: "geen rugklachten".
_BODY_NEGATED = re.compile(
    r"\b(geen|nooit|zonder|no|never)\s+(\w+\s+){0,2}" + _BODY
    + r"|" + _BODY + r"\s+(\w+\s+){0,2}(zijn|is|are)\s+(nog\s+)?(prima|goed|gezond|sterk|fine|ok)\b"
    r"|\b(nergens|niks|niets)\s+(last\s+)?(van|aan)\b")
_BODY_COMPLAINT = re.compile(
    r"\b(knie\w*|knee\w*|rug|back|schouder\w*|shoulder\w*|heup\w*|nek)\b.{0,40}?"
    r"\b(op|kapot|versleten|klachten|pijn\w*|problemen|slecht\w*|last|niet meer|geopereerd|"
    r"operatie|bad|hurt\w*|pain|injur\w*|worn)\b"
    r"|\b(rugklacht\w*|rugpijn|rugproblem\w*|knieklacht\w*|kniepijn|knieproblem\w*|"
    r"schouderklacht\w*|schouderpijn|hernia|artrose|reuma\w*|slijtage|versleten)\b"
    r"|\b(last|pijn|problemen|klachten)\s+(van|aan|met|in)\s+(mijn\s+|me\s+|m\s+|de\s+)?"
    r"(knie\w*|rug|schouder\w*|heup\w*|nek|gewricht\w*)\b"
    r"|\b(bad|sore|weak)\s+(knee\w*|back|shoulder\w*)\b")
_HEAVY = re.compile(
    r"\b(geen|niet|nooit|no)\s+(meer\s+)?(zwaar|zware|lichamelijk\w*|fysiek\w*|heavy)\s*"
    r"(werk|work|zware|tillen|lifting|)\b"
    r"|\b(mag|kan|can|may)\s*(not|niet|t|n t)?\s+(meer\s+|zo\s+goed\s+|goed\s+)?(niet\s+)?"
    r"(tillen|lift\w*|sjouwen|bukken|knielen)\b"
    r"|\bniet\s+(meer\s+)?(zwaar\s+)?(tillen|sjouwen|bukken|knielen)\b"
    r"|\b(licht|lichter)\w*\s+(werk|work)\b|\blichamelijk\s+(beperkt|minder)\b"
    r"|\b(zwaar|zware|heavy)\s+(werk|work)\s+(gaat|kan|lukt|is)\s+(niet|not|no)\b"
    r"|\b(fysiek|lichamelijk)\s+zwaar\w*\s+(werk\s+)?(gaat|kan|lukt)\s+niet\b")
_HEIGHTS = re.compile(
    r"\b(hoogtevrees|fear of heights|afraid of heights|scared of heights|duizelig\w*)\b"
    r"|\bbang\s+(voor|op)\s+(de\s+)?(hoogte\w*|ladders?|daken|steigers?)\b"
    r"|\b(niet|geen|nooit|no)\s+(graag\s+|meer\s+)?(op\s+)?(hoogte\w*|heights?|daken|"
    r"een\s+dak|ladders?|steigers?|hoog)\b(?!\s*(vrees|angst))"
    r"|\b(hoogte\w*|ladders?|daken|steigers?)\s+(is|zijn|vind ik)\s+(niks|niets|eng)\b"
    r"|\b(hoogte\w*|heights?|ladders?|daken|steigers?)\s+(\w+\s+){0,3}(niet|not)\s+"
    r"(voor mij|for me|fijn|goed|meer)\b")
_HEIGHTS_OK = re.compile(r"\b(geen|no)\s+(last\s+van\s+)?(hoogtevrees|fear of heights)\b"
                         r"|\bhoogte\w*\s+(\w+\s+){0,2}(niet erg|geen probleem|prima|leuk)\b")
_SHIFTS = re.compile(
    r"\b(geen|niet|nooit|no|not)\s+(in\s+)?(\w+\s+)?(ploeg\w*|nacht\w*|shift\w*|wisseldienst\w*|"
    r"onregelmatig\w*|avond\w*|weekend\w*|night\w*|nights)\b"
    r"|\b(ploeg\w*|nacht\w*|shift\w*|onregelmatig\w*|night\w*)\s+(\w+\s+){0,3}"
    r"(kan|gaat|lukt|wil|can|is)\s+(ik\s+)?(niet|not|no)\b"
    r"|\b(alleen|only|enkel)\s+(\w+\s+)?(overdag|dagdienst\w*|daytime|during the day|"
    r"kantoortijden|onder schooltijd\w*|schooltijden)\b"
    r"|\bs nachts\s+(\w+\s+){0,2}(niet|kan ik niet)\b|\bniet\s+s nachts\b")
_SHIFTS_OK = re.compile(r"\b(ploeg\w*|nacht\w*|shift\w*)\s+(\w+\s+){0,3}"
                        r"(geen probleem|prima|is goed|vind ik niet erg|no problem|fine)\b")
_NO_LICENCE = re.compile(
    r"\b(geen|zonder|no|nog\s+geen|niet\s+een|not\s+a)\s+(auto\s*|auto-\s*)?(rijbewijs\w*|"
    r"driv\w*\s+licen[cs]e|licen[cs]e|drivers\s+licen[cs]e)\b"
    r"|\b(rijbewijs\w*)\s+(\w+\s+){0,2}(kwijt|ingetrokken|ingenomen|heb ik niet|nog niet|niet)\b"
    r"|\b(kan|mag|can)\s*(t|not|niet)?\s+(niet\s+)?(auto\s*)?(rijden|drive|autorijden)\b"
    r"|\b(dont|do not|don t)\s+(have\s+)?(a\s+)?(driv\w*\s+)?licen[cs]e\b")
_PART_TIME = re.compile(
    r"\b(kan|wil|mag|alleen|maar|liefst|zoek\w*|can|only|want)\s+(\w+\s+){0,4}"
    r"(parttime|part time|part-time|deeltijd|halve dagen|halve dag)\b"
    r"|\b(maar|alleen|maximaal|max|hooguit|niet meer dan|only|at most)\s+(\w+\s+){0,2}"
    r"(\d{1,2}|twee|drie|vier)\s+(uur|uren|hours|dagen|days)\b"
    r"|\b(niet|geen)\s+(fulltime|full time|voltijd|40 uur|hele dagen|hele weken)\b"
    r"|\bin deeltijd\b|\b(naast|vanwege|door)\s+(de\s+)?(zorg\s+voor|mijn)\s+(\w+\s+)?"
    r"(kinderen|kids|moeder|vader|mantelzorg)\b|\bschooltijden\b|\bonder schooltijd\b")
_HOURS = re.compile(r"\b(\d{1,2})\s*(uur|uren|hours)\s*(per|in de|a|p)\s*(week|w)\b")

# Explicit age only: "ik ben 58", "58 jaar oud", "op mijn 58e", "I am 58".
_AGE = re.compile(
    r"\b(?:ik ben|ben ik|ik ben al|ben al|i am|i m|im|leeftijd(?:\s+is)?|age)\s*:?\s*"
    r"(\d{2})(?!\s*(?:uur|euro|procent|%|km|keer|minuten|dagen|weken|maanden|kilo|kg|jaar\s+"
    r"(?:lang|bezig|gewerkt|werkzaam|in dienst|geleden|ervaring)|jaar\s+\w+\s+(?:geweest|"
    r"gewerkt)))\b"
    r"|\b(\d{2})\s*(?:jaar|jr|years?)\s*(?:oud|old)\b"
    r"|\bop\s+(?:mijn|m)\s+(\d{2})\s*(?:e|ste|de)?\b"
    r"|\b(?:als|een|ik ben een)\s+(\d{2})\s*-?\s*jarige\b"
    r"|(?:^|[,.;]\s*)(\d{2})\s*(?:jaar|jr)\b(?!\s*(?:lang|gewerkt|werkzaam|ervaring|geleden"
    r"|in dienst|bezig))")


def _clauses(text: str) -> list[str]:
    folded = fold(text or "").replace("'", " ").replace("’", " ")
    return [" ".join(c.split()) for c in _CLAUSE.split(folded) if c and c.strip()]


def _body_limit(clause: str) -> bool:
    if _HEAVY.search(clause):
        return True
    return bool(_BODY_COMPLAINT.search(clause)) and not _BODY_NEGATED.search(clause)


def recognise_limits(text: str) -> list[str]:
    """Limit values in contract order (``contract.values.LIMITS``); empty when none."""
    found: set[str] = set()
    for clause in _clauses(text):
        if _body_limit(clause):
            found.add("geen_zwaar_werk")
        if _HEIGHTS.search(clause) and not _HEIGHTS_OK.search(clause):
            found.add("geen_hoogte")
        if _SHIFTS.search(clause) and not _SHIFTS_OK.search(clause):
            found.add("geen_ploegen")
        if _NO_LICENCE.search(clause):
            found.add("geen_rijbewijs")
        if _PART_TIME.search(clause) or _few_hours(clause):
            found.add("deeltijd")
    from contract.values import LIMITS  # the one home of the values and their order
    return [value for value in LIMITS if value in found]


def _few_hours(clause: str) -> bool:
    """"ik kan 24 uur per week": fewer than 32 hours a week is part-time."""
    m = _HOURS.search(clause)
    return bool(m) and int(m.group(1)) < 32 and bool(
        re.search(r"\b(kan|wil|mag|beschikbaar|can|available)\b", clause))


def recognise_age(text: str) -> int | None:
    """The person's age when they say it outright; never guessed from other numbers."""
    folded = " ".join(fold(text or "").replace("'", " ").split())
    for m in _AGE.finditer(folded):
        value = next((g for g in m.groups() if g), None)
        if value is not None and 15 <= int(value) <= 80:
            return int(value)
    return None
