"""Text normalisation and cheap typo matching shared by the recognisers.

Typos are matched with a deletion index (the SymSpell idea for distance 1): every key and
every key with one character deleted point to the key, so a lookup costs a handful of
dict probes instead of a scan over 20,000 titles.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u0060\u00b4]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Súdwest-Fryslân' -> 'súdwest-fryslân' -> 'sudwest-fryslan'."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered  # the common case: nothing to strip
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Folded text with punctuation as single spaces; apostrophes vanish ("auto's" -> autos)."""
    return " ".join(tokens(text))


def tokens(text: str) -> list[str]:
    folded = _APOSTROPHES.sub("", fold(text))
    return [t for t in _NON_WORD.split(folded) if t]


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insert, delete, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if la > lb:
        a, b = b, a
    # b is one longer: skip one char of b
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class DeletionIndex:
    """Finds keys within one edit of a query. Built once, then only read (thread-safe)."""

    def __init__(self, keys: list[str] | set[str]) -> None:
        self._index: dict[str, list[str]] = {}
        for key in sorted(set(keys)):
            self._index.setdefault(key, []).append(key)
            for variant in _deletes(key):
                self._index.setdefault(variant, []).append(key)

    def lookup(self, query: str) -> list[str]:
        """Keys within one edit of ``query``, sorted, the query itself excluded."""
        candidates: set[str] = set(self._index.get(query, ()))
        for variant in _deletes(query):
            candidates.update(self._index.get(variant, ()))
        candidates.discard(query)
        return sorted(c for c in candidates if within_one_edit(query, c))
