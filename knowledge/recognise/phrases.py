"""Phrase matching on normalised text at word boundaries (see lexicon for the syntax)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.text import normalise


def _compile(phrase: str) -> re.Pattern[str]:
    wildcard = phrase.endswith("*")
    body = normalise(phrase.rstrip("*"))
    pattern = re.escape(body) + (r"[a-z0-9]*" if wildcard else "")
    return re.compile(r"(?<![a-z0-9])" + pattern + r"(?![a-z0-9])")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    value: str


class PhraseMatcher:
    """Immutable after construction, so safe to share between threads."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._patterns = tuple((_compile(phrase), value) for phrase, value in pairs)

    def first(self, text: str) -> str | None:
        """Value of the first pattern (in list order) found in the text."""
        norm = normalise(text)
        for pattern, value in self._patterns:
            if pattern.search(norm):
                return value
        return None

    def hits(self, norm: str) -> list[Hit]:
        """Every match in already-normalised text, in order of position."""
        found = [Hit(m.start(), m.end(), value)
                 for pattern, value in self._patterns for m in pattern.finditer(norm)]
        return sorted(found, key=lambda h: (h.start, -(h.end - h.start)))


def negated(norm: str, start: int, negations: frozenset[str], window: int = 3) -> bool:
    """True when one of the ``window`` words before ``start`` negates, with no 'maar'/'wel'
    in between ("niet buiten" yes; "niet binnen maar buiten" no)."""
    before = norm[:start].split()[-window:]
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in ("maar", "wel", "liever", "juist"):
            return False
        if word in negations or (word == "hekel" and "aan" in before[i:]):
            return True
    return False
