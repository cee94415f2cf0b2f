"""Recognises one of our professions in free text ("lasser", "iets met zonnepanelen").

Keys: profession names and ids, the ESCO labels of each profession's occupation, and the
curated keywords of the lexicon (resolved to the first profession whose id/name holds them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knowledge.recognise import lexicon
from knowledge.recognise.jobs import _inflections
from knowledge.text import normalise, tokens

_MAX_TOKENS = 5


class ProfessionIndex:
    def __init__(self, professions: Mapping[str, dict[str, Any]],
                 uri_labels: Mapping[str, list[str]]) -> None:
        keys: dict[str, str] = {}
        ordered = sorted(professions.values(), key=lambda p: p["id"])
        for p in ordered:  # own names and ids first: they win over ESCO labels
            for key in (normalise(p["name"]), normalise(p["id"].replace("-", " "))):
                keys.setdefault(key, p["id"])
        for p in ordered:
            for label in uri_labels.get(p.get("esco_uri") or "", []):
                key = normalise(label)
                if key not in lexicon.GENERIC_JOB_WORDS:
                    keys.setdefault(key, p["id"])
        for word, target in sorted(lexicon.PROFESSION_KEYWORDS.items()):
            t = normalise(target)
            owner = next((p["id"] for p in ordered if t in normalise(p["id"].replace("-", " "))
                          or t.replace(" ", "") in normalise(p["name"]).replace(" ", "")), None)
            if owner is not None:
                keys.setdefault(normalise(word), owner)
        self._keys = keys

    def recognise(self, text: str) -> str | None:
        toks = tokens(text)
        for n in range(min(_MAX_TOKENS, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                span = toks[i:i + n]
                for candidate in [span[-1], *_inflections(span[-1])]:
                    found = self._keys.get(" ".join([*span[:-1], candidate]))
                    if found is not None:
                        return found
        return None
