"""Which language is a message in? Read in NLU, so the actions decide from an entity.

Uses wordfreq's frequency tables: a message is in language X when its words are clearly
more common in X than in Dutch. Short messages ("hallo", "kok") are always Dutch.
"""

from __future__ import annotations

import re

try:
    from wordfreq import zipf_frequency
except ImportError:  # pragma: no cover - wordfreq is pinned in requirements.lock
    zipf_frequency = None

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_ARABIC = re.compile(r"[\u0600-\u06ff]")
CANDIDATES = ("en", "de", "fr", "es", "pl", "tr")

def _score(words: list[str], lang: str) -> float:
    return sum(zipf_frequency(w, lang) for w in words) / len(words)


def detect(text: str) -> str:
    """'nl' or the code of a language in REPLIES."""
    if _ARABIC.search(text or ""):
        return "ar"
    words = [w.lower() for w in _WORDS.findall(text or "")]
    if zipf_frequency is None or len(words) < 3:
        return "nl"
    dutch = _score(words, "nl")
    best, best_score = "nl", dutch
    for lang in CANDIDATES:
        score = _score(words, lang)
        if score > best_score:
            best, best_score = lang, score
    # Clearly another language, not Dutch with a few loan words ("I live in Utrecht" ties).
    return best if best != "nl" and best_score >= dutch + 0.8 else "nl"
