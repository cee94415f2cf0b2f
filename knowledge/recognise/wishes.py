"""Recognises a profession the person wants or asks about: their wish.

"ik wil procesoperator worden", "medisch technicus lijkt me mooi", "hoe lang duurt de
opleiding tot liftmonteur?", "liefst iets als elektricien", "I want to become a welder".
The person's current job is no wish: "ik ben lasser" and "ik werk als kok" carry no wish
cue, so they give nothing.

A wish cue marks the words around it; in those words we look for one of our professions
(names, ESCO labels, lexicon keywords, one-typo forms), else for any ESCO title (then
``profession_id`` is None and ``words`` holds the person's words, for "closest" matching).
"""

from __future__ import annotations

import re
from typing import Any

from knowledge.text import DeletionIndex, fold, normalise, tokens

_ART = r"(?:een |de |het |a |an |the )?"
# Each pattern captures the words that should name the profession (group "w").
_CUES: tuple[tuple[re.Pattern[str], float], ...] = tuple((re.compile(p), c) for p, c in (
    (r"\b(?:ik wil|wil ik|ik zou|zou ik|ik ga|ik hoop|wil|zou)\s+(?:graag\s+|heel graag\s+|"
     r"later\s+|ooit\s+|eigenlijk\s+|liever\s+|misschien\s+|nog\s+)*" + _ART
     + r"(?P<w>.{2,60}?)\s+(?:worden|word|willen worden|te worden)\b", 0.95),
    (r"\b(?:werken|aan de slag|beginnen|starten|verder)\s+als\s+" + _ART + r"(?P<w>.{2,50})",
     0.9),
    (r"\b(?:wil|zou|ga|hoop)\s+(?:ik\s+)?(?:graag\s+|heel graag\s+|liever\s+|later\s+)*als\s+"
     + _ART + r"(?P<w>.{2,50}?)\s+(?:aan de slag|werken|beginnen|starten)\b", 0.9),
    (r"\b(?:opleiding|cursus|omscholing|training|scholing|studie)\s+(?:tot|voor|als)\s+"
     + _ART + r"(?P<w>.{2,50})", 0.9),
    (r"\b(?:omscholen|overstappen|switchen|overstap)\s+(?:tot|naar|als|richting)\s+"
     + _ART + r"(?P<w>.{2,50})", 0.9),
    (r"\bhoe\s+(?:word|wordt|kan)\s+(?:ik|je|jij|men)\s+(?:nog\s+)?" + _ART
     + r"(?P<w>.{2,50}?)(?:\s+(?:worden|word))?$", 0.85),
    (r"\b(?:kan|kun|mag)\s+(?:ik|je)\s+(?:nog\s+|ook\s+)?" + _ART
     + r"(?P<w>.{2,50}?)\s+worden\b", 0.85),
    (r"(?P<w>.{2,50}?)\s+(?:lijkt|lijken)\s+(?:me|mij)\s+(?:wel\s+|heel\s+|erg\s+|echt\s+)?"
     r"(?:mooi|leuk|wat|iets|interessant|gaaf|tof|fijn|goed)\b", 0.9),
    (r"\b(?:lijkt|lijken)\s+(?:me|mij)\s+(?:wel\s+|heel\s+|erg\s+)?(?:mooi|leuk|wat|iets|"
     r"interessant|gaaf)\s*(?:om\s+|,\s*|:\s*)?(?:te\s+worden\s+)?" + _ART
     + r"(?P<w>.{2,50})", 0.9),
    (r"\b(?:het\s+)?liefst(?:e)?\s+(?:iets\s+als|wil ik|word ik|werk ik als|als|iets met|"
     r"zou ik)\s+" + _ART + r"(?P<w>.{2,50})", 0.9),
    (r"\b(?:mijn\s+)?(?:droom|droombaan|droomberoep|wens|doel)\s+(?:is|zou zijn|=)\s+"
     r"(?:om\s+)?" + _ART + r"(?P<w>.{2,50}?)(?:\s+te\s+worden)?$", 0.9),
    (r"\b(?:interesse in|interesse voor|geinteresseerd in|benieuwd naar)\s+(?:het\s+beroep\s+|"
     r"werk\s+als\s+|het\s+vak\s+(?:van\s+)?)?" + _ART + r"(?P<w>.{2,50})", 0.85),
    (r"\b(?:wat|hoeveel)\s+(?:verdient|doet|kost)\s+" + _ART + r"(?P<w>.{2,50})", 0.8),
    (r"\b(?:hoe lang duurt|hoelang duurt)\s+(?:de|het)?\s*(?:opleiding|worden|traject)?\s*"
     r"(?:tot|voor|als)?\s*" + _ART + r"(?P<w>.{2,50})", 0.85),
    (r"\b(?:want to|wanna|would like to|d like to|like to|hope to|plan to)\s+(?:be|become|"
     r"work as|train as|retrain as)\s+" + _ART + r"(?P<w>.{2,50})", 0.95),
    (r"\b(?:training|course)\s+(?:to become|for|as)\s+" + _ART + r"(?P<w>.{2,50})", 0.85),
    (r"\bbecome\s+" + _ART + r"(?P<w>.{2,50})", 0.85),
    # A choice among the professions shown, or asking about one ("vertel meer over X").
    (r"\b(?:ik\s+)?(?:kies|ga)\s+(?:voor|met)\s+" + _ART + r"(?P<w>.{2,50})", 0.85),
    (r"^\s*doe\s+maar\s+" + _ART + r"(?P<w>.{2,50})", 0.85),
    (r"\b(?:vertel|zeg)\s+(?:me\s+|mij\s+|eens\s+)*(?:wat\s+)?meer\s+over\s+" + _ART
     + r"(?P<w>.{2,50})", 0.85),
    (r"\bmeer\s+(?:weten\s+)?over\s+" + _ART + r"(?P<w>.{2,50}?)(?:\s+weten)?$", 0.8),
    (r"^\s*(?P<w>[a-z][a-z -]{2,40}?)\s+(?:graag|alsjeblieft|please)\s*[.!]?$", 0.8),
))
# Words that end the wished profession ("ik wil lasser worden, want ..." / "bij Dow").
_STOP = re.compile(r"\s(?:want|omdat|maar|en ik|bij|in de|in het|in|op|voor|met|dus|"
                   r"because|but|at|in the|and)\s|[.,;!?]")
_NOT_A_WISH = re.compile(r"^(?:iets|wat|ander\w*|nieuw\w*|technisch\w*|techniek|het|dat|dit|"
                         r"dingen|mezelf|mijzelf)$")


# English words for our professions: the job-title index is Dutch.
ENGLISH_WORDS: dict[str, str] = {
    "welder": "lasser", "electrician": "elektricien", "plumber": "loodgieter",
    "car mechanic": "autotechnicus", "mechanic": "monteur", "carpenter": "timmerman",
    "bricklayer": "metselaar", "roofer": "dakdekker", "process operator": "procesoperator",
    "operator": "operator", "medical technician": "medisch technicus",
    "software developer": "software developer", "programmer": "software developer",
    "developer": "software developer", "network administrator": "netwerkbeheerder",
    "helpdesk": "servicedesk", "solar panel installer": "monteur zonnepanelen",
    "solar installer": "monteur zonnepanelen", "wind turbine technician":
    "windturbinetechnicus", "lift technician": "liftmonteur", "elevator technician":
    "liftmonteur", "aircraft mechanic": "vliegtuigonderhoudstechnicus", "crane operator":
    "machinist mobiele kraan", "machinist": "verspaner", "cnc operator": "cnc verspaner",
    "heat pump installer": "warmtepomp", "maintenance technician": "onderhoudsmonteur",
    "technician": "technicus", "engineer": "technicus", "veterinarian": "dierenarts",
    "nurse": "verpleegkundige", "teacher": "docent", "pilot": "piloot", "driver": "chauffeur",
}


def _in_dutch(span: str) -> str:
    for english in sorted(ENGLISH_WORDS, key=len, reverse=True):
        if re.search(rf"\b{english}s?\b", span):
            return ENGLISH_WORDS[english]
    return span


class WishIndex:
    """One-typo lookup over our profession keys ("procesoperater"), built once per base."""

    def __init__(self, profession_keys: dict[str, str]) -> None:
        self._keys = {k: v for k, v in profession_keys.items() if " " not in k and len(k) >= 6}
        self._fuzzy = DeletionIndex(set(self._keys))

    def lookup(self, words: str) -> tuple[str, str] | None:
        for tok in tokens(words):
            if len(tok) < 6:
                continue
            close = self._fuzzy.lookup(tok)
            if close:
                return self._keys[close[0]], tok
        return None


_INDEXES: dict[int, tuple[Any, WishIndex]] = {}


def _wish_index(kb: Any) -> WishIndex:
    cached = _INDEXES.get(id(kb))
    if cached is None or cached[0] is not kb:
        keys = dict(getattr(kb.profession_index, "_keys", {}))
        cached = (kb, WishIndex(keys))
        _INDEXES.clear()  # one knowledge base in use at a time; tests swap them
        _INDEXES[id(kb)] = cached
    return cached[1]


def _candidates(text: str) -> list[tuple[str, float]]:
    """Word spans after a wish cue, strongest cue first, each trimmed at a clause end."""
    folded = " ".join(fold(text or "").replace("'", " ").split())
    out: list[tuple[str, float]] = []
    for clause in re.split(r"[.;!?\n]+", folded):
        clause = clause.strip()
        for pattern, confidence in _CUES:
            for m in pattern.finditer(clause):
                words = _STOP.split(" " + m.group("w").strip() + " ")
                span = next((w.strip() for w in words if w.strip()), "")
                span = re.sub(r"^(?:een|de|het|a|an|the)\s+", "", span)
                if span and not _NOT_A_WISH.match(span):
                    out.append((span, confidence))
    return sorted(out, key=lambda t: -t[1])


def _ours_for_uri(kb: Any, uri: str | None) -> str | None:
    if not uri:
        return None
    return next((pid for pid, p in kb.professions.items() if p.get("esco_uri") == uri), None)


def recognise_wish(kb: Any, text: str) -> dict[str, Any] | None:
    """``{"profession_id", "words", "matched", "confidence"}`` or None without a wish."""
    for span, confidence in _candidates(text):
        span = _in_dutch(span)
        pid = kb.profession_index.recognise(span)
        if pid is not None:
            return {"profession_id": pid, "words": span, "matched": span,
                    "confidence": confidence}
        typo = _wish_index(kb).lookup(span)
        if typo is not None:
            return {"profession_id": typo[0], "words": span, "matched": typo[1],
                    "confidence": round(confidence - 0.1, 2)}
        job = kb.jobs.recognise(span)
        if job is not None and job["confidence"] >= 0.7:
            ours = (_ours_for_uri(kb, job.get("esco_uri"))
                    or kb.profession_index.recognise(job["matched"])
                    or kb.profession_index.recognise(job["label"]))
            return {"profession_id": ours, "words": job["matched"] if ours is None else span,
                    "matched": job["matched"],
                    "confidence": round(min(confidence, job["confidence"]), 2)}
    return None


def isco_of_words(kb: Any, words: str) -> str | None:
    """ISCO group of the person's own words for a wish outside our list (via ESCO titles)."""
    job = kb.jobs.recognise(words or "")
    return job["isco08"] if job else None


def normalised(words: str) -> str:
    return normalise(words or "")
