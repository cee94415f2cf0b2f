"""Is a token an ordinary Dutch word? Then typo tolerance must not apply to it.

"vaste" (as in "vaste dienst") is one edit away from the village Vasse; a fuzzy match
may only guess for tokens that are not words people use every day. The word list is
wordfreq's Dutch frequency table (Zipf scale: 3 is about once per million words).
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.recognise import lexicon

# Zipf >= 3.0: the word appears at least about once per million words of Dutch.
COMMON_ZIPF = 3.0

try:
    from wordfreq import zipf_frequency
except ImportError:  # pragma: no cover - wordfreq is pinned in requirements.lock
    zipf_frequency = None


@lru_cache(maxsize=65536)
def is_common_word(token: str) -> bool:
    """True for tokens that are themselves common Dutch words (never fuzzy-matched)."""
    token = token.strip().lower()
    if not token:
        return False
    if token in lexicon.COMMON_WORDS:
        return True
    if zipf_frequency is None:
        return False
    return zipf_frequency(token, "nl") >= COMMON_ZIPF
