"""What the person said that bends the ranking: their wish, their limits, their age and
their own former job. Pure functions over the knowledge base's own fields.

Penalties (subtracted from the 0..1 score; big enough that a profession that does not fit
a limit never beats one that does, small enough that it can still appear lower down):

- ``geen_zwaar_werk``: physical zwaar -0.6, zeer_zwaar -0.9, gemiddeld -0.05;
- ``geen_hoogte``: ``heights`` -0.6; ``geen_ploegen``: ``shifts`` -0.6;
- ``geen_rijbewijs``: ``driving_licence`` -0.3 (a licence can still be got);
- ``deeltijd``: no penalty (werken en leren kan in deeltijd, domain-nl §5), only a note;
- age 55 or more: zwaar -0.15, zeer_zwaar -0.3 (said kindly, never as a rule);
- the person's own job (same profession or same 4-digit ISCO group): left out, unless it
  is their wish.
The wish itself is never pushed down: it goes first and a note says why it may not fit.
"""

from __future__ import annotations

from typing import Any

from contract.values import LIMITS
from knowledge.text import tokens

_HEAVY_PENALTY = {"zwaar": 0.6, "zeer_zwaar": 0.9, "gemiddeld": 0.05}
_AGE_PENALTY = {"zwaar": 0.15, "zeer_zwaar": 0.3}
OLDER_AGE = 55

# Why a profession may not fit a limit: one kind B1 sentence each ({name} = profession).
CONFLICT_TEXT = {
    "geen_zwaar_werk": "Let op: {name} is vaak zwaar werk voor je lichaam. Vraag een "
                       "werkgever of er lichter werk in het vak is.",
    "geen_hoogte": "Let op: als {name} werk je vaak op hoogte. Praat daar eerst over "
                   "met een werkgever.",
    "geen_ploegen": "Let op: als {name} werk je vaak in ploegen, ook 's nachts. Vraag of "
                    "er dagwerk is.",
    "geen_rijbewijs": "Let op: als {name} heb je vaak een rijbewijs nodig. Dat kun je er "
                      "wel bij halen.",
}
CLOSEST_TEXT = ("{words} staat niet in onze lijst van technische beroepen. {name} lijkt "
                "er het meest op.")
CLOSEST_FAR_TEXT = ("{words} staat niet in onze lijst van technische beroepen. Bovenaan "
                    "staat wat het best past bij wat je vertelde.")
LIMIT_TEXT = {
    "geen_zwaar_werk": "zwaar werk",
    "geen_hoogte": "werk op hoogte",
    "geen_ploegen": "werk in ploegen",
    "geen_rijbewijs": "werk waarvoor je een rijbewijs nodig hebt",
}
PART_TIME_TEXT = ("Werken en leren kan ook in deeltijd. Reken wel op ongeveer 15 uur "
                  "werk per week.")
OLDER_TEXT = "Ook na je 50e kun je nog een vak in de techniek leren."


def limits_of(profile: dict[str, Any]) -> frozenset[str]:
    raw = profile.get("limits") or []
    if isinstance(raw, str):
        raw = [raw]
    return frozenset(v for v in raw if v in LIMITS)


def age_of(profile: dict[str, Any]) -> int | None:
    try:
        age = int(float(profile.get("age")))  # a Rasa float slot
    except (TypeError, ValueError):
        return None
    return age if 15 <= age <= 90 else None


def conflicts(prof: dict[str, Any], limits: frozenset[str]) -> list[str]:
    """The person's limits this profession does not fit, in contract order."""
    out = []
    if "geen_zwaar_werk" in limits and prof.get("physical") in ("zwaar", "zeer_zwaar"):
        out.append("geen_zwaar_werk")
    if "geen_hoogte" in limits and prof.get("heights"):
        out.append("geen_hoogte")
    if "geen_ploegen" in limits and prof.get("shifts"):
        out.append("geen_ploegen")
    if "geen_rijbewijs" in limits and prof.get("driving_licence"):
        out.append("geen_rijbewijs")
    return out


def penalty(prof: dict[str, Any], limits: frozenset[str], age: int | None) -> float:
    total = 0.0
    if "geen_zwaar_werk" in limits:
        total += _HEAVY_PENALTY.get(prof.get("physical") or "", 0.0)
    if "geen_hoogte" in limits and prof.get("heights"):
        total += 0.6
    if "geen_ploegen" in limits and prof.get("shifts"):
        total += 0.6
    if "geen_rijbewijs" in limits and prof.get("driving_licence"):
        total += 0.3
    if age is not None and age >= OLDER_AGE and "geen_zwaar_werk" not in limits:
        total += _AGE_PENALTY.get(prof.get("physical") or "", 0.0)
    return total


def is_own_job(prof: dict[str, Any], isco08: str | None, own_ids: set[str]) -> bool:
    return prof["id"] in own_ids or bool(isco08 and len(isco08) == 4
                                         and prof["isco08"] == isco08)


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


# ISCO-08 puts the professional (major group 2, hbo/wo) and the associate professional
# (group 3, mbo) of one field in different groups; a wish for the first is closest to the
# second. Pairs from the ISCO-08 structure (ILO): engineers 214x/215x/216x -> engineering
# technicians 311x, ICT 25xx -> 35xx, dental and medical technicians -> 3214.
PROFESSIONAL_TO_TECHNICIAN: dict[str, str] = {
    "2141": "3119", "2142": "3112", "2143": "3132", "2144": "3115", "2145": "3116",
    "2146": "3117", "2149": "3119", "2151": "3113", "2152": "3114", "2153": "3114",
    "2161": "3118", "2162": "3118", "2164": "3112", "2165": "3112", "2166": "3118",
    "2511": "3512", "2512": "3512", "2513": "3512", "2514": "3512", "2521": "3513",
    "2522": "3513", "2523": "3513", "2529": "3513", "2261": "3214", "2269": "3214",
    "3251": "3214",
}


def _word_points(wanted: set[str], name_words: set[str]) -> int:
    """2 for a shared word, 1 for a shared stem of at least 6 letters ("elektrotechnisch"
    and "elektrotechnicus")."""
    points = 0
    for w in wanted:
        if w in name_words:
            points += 2
        elif any(_shared_prefix(w, n) >= 6 for n in name_words):
            points += 1
    return points


def closest(kb: Any, words: str, wish_isco: str | None, ranked: list[str]) -> str | None:
    """Our profession nearest to a wish outside our list: the most ISCO digits shared (at
    least two; a professional's wish also counts its technician group), then shared name
    words; ties go to the better-ranked profession. None when nothing is near (then the
    best of the ranking stands first)."""
    wanted = {t for t in tokens(words) if len(t) > 3}
    codes = [c for c in (wish_isco, PROFESSIONAL_TO_TECHNICIAN.get(wish_isco or "")) if c]
    best, best_key = None, (0, 0)
    for pid in ranked:
        prof = kb.professions[pid]
        shared = max((_shared_prefix(c, prof["isco08"]) for c in codes), default=0)
        name_words = {t for t in tokens(prof["name"]) if len(t) > 3}
        key = (shared if shared >= 2 else 0, _word_points(wanted, name_words))
        if key > best_key:
            best, best_key = pid, key
    return best


def short_name(prof: dict[str, Any]) -> str:
    return prof["name"].split(" (")[0]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def wish_note(kind: str | None, prof: dict[str, Any] | None, words: str | None,
              limits: frozenset[str]) -> str | None:
    """One kind B1 sentence about the wish: not in our list, or not fitting a limit."""
    if kind == "closest" and words:
        if prof is None:
            return CLOSEST_FAR_TEXT.format(words=_capital(words))
        return CLOSEST_TEXT.format(words=_capital(words), name=short_name(prof))
    if kind == "exact" and prof is not None:
        found = conflicts(prof, limits)
        if found:
            return CONFLICT_TEXT[found[0]].format(name=short_name(prof).lower())
    return None


def limit_note(limits: frozenset[str], age: int | None) -> str | None:
    """One or two short sentences on how the list respects what the person said."""
    left_out = [LIMIT_TEXT[v] for v in LIMITS if v in limits and v in LIMIT_TEXT]
    parts = []
    if left_out:
        joined = left_out[0] if len(left_out) == 1 else (
            ", ".join(left_out[:-1]) + " en " + left_out[-1])
        parts.append(f"Ik heb rekening gehouden met wat je zei: {joined} staat niet bovenaan.")
    if "deeltijd" in limits:
        parts.append(PART_TIME_TEXT)
    if age is not None and age >= OLDER_AGE and not left_out:
        parts.append(OLDER_TEXT)
    return " ".join(parts) or None
