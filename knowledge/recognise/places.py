"""Finds a municipality (or a town/alias in it) inside a sentence.

Multi-word names ("Bergen op Zoom", "'s-Hertogenbosch") match as token n-grams, longest
first. Names that are also ordinary words ("Best", "Epe", "Son") need a cue: a
preposition before them, a capital letter mid-sentence, or being the whole answer.
Misspellings within one edit are accepted for names of 5+ letters when such a cue is there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from knowledge.recognise import lexicon
from knowledge.recognise.common import is_common_word
from knowledge.text import DeletionIndex, normalise, tokens

_MAX_TOKENS = 5
_CASED_SPLIT = re.compile(r"[^0-9A-Za-z]+")
_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u0060\u00b4]")
_PARENS = re.compile(r"\(.*?\)")


@dataclass(frozen=True)
class Municipality:
    name: str
    province: str
    labour_market_region: str


def _cased_tokens(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return [t for t in _CASED_SPLIT.split(plain) if t]


def name_keys(name: str) -> list[str]:
    """Normalised keys a name is known by: 'Bergen (NH.)' -> ['bergen nh', 'bergen'];
    "'s-Hertogenbosch" -> ['s hertogenbosch', 'hertogenbosch']."""
    keys = [normalise(name)]
    without_parens = normalise(_PARENS.sub(" ", name))
    keys.append(without_parens)
    for key in list(keys):
        if key.startswith("s ") or key.startswith("t "):
            keys.append(key[2:])  # "'s-Gravenhage", "'t Zandt" typed without the article
        if " " in key:
            keys.append(key.replace(" ", ""))
    return [k for k in dict.fromkeys(keys) if k]


class PlaceIndex:
    def __init__(self, municipalities: list[dict[str, Any]],
                 aliases: list[tuple[str, str]]) -> None:
        self._by_name = {m["name"]: Municipality(m["name"], m["province"],
                                                 m["labour_market_region"])
                         for m in municipalities}
        official: dict[str, list[str]] = {}
        alias_map: dict[str, list[str]] = {}
        for name in sorted(self._by_name):
            for key in name_keys(name):
                official.setdefault(key, []).append(name)
        for municipality, alias in sorted(aliases):
            if municipality in self._by_name:
                for key in name_keys(alias):
                    alias_map.setdefault(key, []).append(municipality)
        # An official municipality name beats a village of the same name elsewhere.
        self._keys: dict[str, str] = {}
        for key, names in alias_map.items():
            self._keys[key] = names[0]
        for key, names in official.items():
            self._keys[key] = names[0]
        self._fuzzy = DeletionIndex([k for k in self._keys if len(k.replace(" ", "")) >= 5])

    def municipality(self, name: str) -> Municipality | None:
        found = self._by_name.get(name)
        if found is None:
            key = self._keys.get(normalise(name))
            found = self._by_name.get(key) if key else None
        return found

    @property
    def names(self) -> list[str]:
        return sorted(self._by_name)

    def recognise(self, text: str) -> dict[str, Any] | None:
        toks = tokens(text)
        cased = _cased_tokens(text)
        if len(cased) != len(toks):
            cased = toks  # unusual characters: fall back to no capitalisation cues
        if not toks:
            return None
        found = self._exact(toks, cased)
        if found is None:
            found = self._fuzzy_match(toks, cased)
        if found is None:
            return None
        name, matched, confidence = found
        m = self._by_name[name]
        return {"municipality": m.name, "province": m.province,
                "labour_market_region": m.labour_market_region, "matched": matched,
                "confidence": confidence}

    @staticmethod
    def _has_cue(toks: list[str], cased: list[str], i: int, n: int,
                 capitals_count: bool = True) -> bool:
        if n == len(toks):
            return True  # the whole answer is the name
        if i > 0 and toks[i - 1] in lexicon.PLACE_CUES:
            return True
        return capitals_count and i > 0 and cased[i][:1].isupper()

    def _exact(self, toks: list[str], cased: list[str]) -> tuple[str, str, float] | None:
        candidates: list[tuple[int, int, str, str]] = []
        for n in range(min(_MAX_TOKENS, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                key = " ".join(toks[i:i + n])
                name = self._keys.get(key)
                if name is None:
                    continue
                ambiguous = key in lexicon.AMBIGUOUS_PLACE_WORDS or len(key) <= 3
                if ambiguous and not self._has_cue(toks, cased, i, n):
                    continue
                cue = i > 0 and toks[i - 1] in lexicon.PLACE_CUES
                candidates.append((0 if cue else 1, i, name, key))
            if candidates:
                break  # longest names first: "Bergen op Zoom" before "Bergen"
        if not candidates:
            return None
        _, _, name, key = min(candidates)
        return name, key, 0.95

    def _fuzzy_match(self, toks: list[str], cased: list[str]) -> tuple[str, str, float] | None:
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                span = toks[i:i + n]
                key = " ".join(span)
                if len(key.replace(" ", "")) < 5 or any(is_common_word(t) for t in span):
                    continue
                # A capital alone is too weak for a guess ("bij Albert Heijn" is no place).
                if not self._has_cue(toks, cased, i, n, capitals_count=False):
                    continue
                hits = self._fuzzy.lookup(key)
                if hits:
                    return self._keys[hits[0]], hits[0], 0.75
        return None
