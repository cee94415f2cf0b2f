"""Finds a job title inside a sentence using the job-title index (ESCO + curated list).

Longest token n-gram first; exact titles, then plural/inflected forms, then compounds
ending in a known title, then one-typo matches; employer names ("bij de Jumbo") give a
default job only when no title is found. Built once, read-only afterwards (thread-safe).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from knowledge.recognise import lexicon
from knowledge.recognise.common import is_common_word
from knowledge.text import DeletionIndex, normalise, tokens

_ORIGIN_RANK = {"common": 0, "esco_preferred": 1, "esco_alt": 2, "esco_hidden": 3}
_MAX_TOKENS = 6
_EMPLOYER_CUES = frozenset({"bij", "de", "het", "voor", "in", "van", "op"})


@dataclass(frozen=True)
class JobEntry:
    label: str
    esco_uri: str | None
    isco08: str
    sector: str
    origin: str
    ambiguous: bool


def _pick(rows: list[dict[str, Any]]) -> JobEntry:
    """One entry for a label several occupations share: best origin first, then the ISCO
    group most of them belong to ('tuinman' -> hovenier rather than botanicus)."""
    top_rank = min(_ORIGIN_RANK.get(r["origin"], 9) for r in rows)
    top = [r for r in rows if _ORIGIN_RANK.get(r["origin"], 9) == top_rank]
    votes: dict[str, int] = {}
    for r in rows:
        votes[r["isco08"]] = votes.get(r["isco08"], 0) + 1
    top.sort(key=lambda r: (-votes[r["isco08"]], len(r["occupation_label"]),
                            r["occupation_uri"] or "", r["isco08"]))
    best = top[0]
    groups = {r["isco08"] for r in top}
    return JobEntry(best["occupation_label"], best["occupation_uri"], best["isco08"],
                    best["sector"], best["origin"], len(groups) > 1)


def _head_words(grouped: dict[str, list[dict[str, Any]]]) -> frozenset[str]:
    """Last words of multi-word titles that name a person ('kunstenaar' in 'digitaal
    kunstenaar'): the only everyday words that may stand for a job on their own."""
    return frozenset(key.split(" ")[-1] for key in grouped if " " in key
                     and key.split(" ")[-1].endswith(lexicon.PERSON_NOUN_ENDINGS))


def _partial_index(grouped: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[JobEntry, str]]:
    """Head words of multi-word titles: 'verpleegkundige' alone finds the occupation group
    most titles like 'algemeen verpleegkundige', 'verpleegkundige ouderenzorg' belong to."""
    by_word: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, rows in grouped.items():
        parts = key.split(" ")
        if len(parts) < 2:
            continue
        # Dutch puts the head noun last ("algemeen verpleegkundige"): it counts double.
        for word, weight in ((parts[0], 1), (parts[-1], 2)):
            if (len(word) >= 5 and word not in lexicon.GENERIC_JOB_WORDS
                    and word not in lexicon.COMMON_WORDS):
                by_word.setdefault(word, []).extend((key, r, weight) for r in rows)
    result: dict[str, tuple[JobEntry, str]] = {}
    for word, triples in by_word.items():
        votes: dict[str, int] = {}
        for _, r, weight in triples:
            votes[r["isco08"]] = votes.get(r["isco08"], 0) + weight
        pairs = [(k, r) for k, r, _ in triples]
        group = min(votes, key=lambda g: (-votes[g], g))
        key, _ = min(((k, r) for k, r in pairs if r["isco08"] == group),
                     key=lambda kr: (len(kr[0]), _ORIGIN_RANK.get(kr[1]["origin"], 9), kr[0]))
        result[word] = (_pick([r for k, r in pairs if k == key and r["isco08"] == group]), key)
    return result


def _inflections(token: str) -> list[str]:
    """Singular/male candidates for an inflected form (lassers -> lasser,
    chauffeuse -> chauffeur, assistente -> assistent)."""
    out = []
    if token.endswith("euse") and len(token) > 6:
        out.append(token[:-4] + "eur")
    if token.endswith("ster") and len(token) > 7:
        out.append(token[:-4] + "er")
    if len(token) > 4:
        if token.endswith("s"):
            out.append(token[:-1])
        if token.endswith("en"):
            out.append(token[:-1])   # verpleegkundigen -> verpleegkundige
            out.append(token[:-2])   # monteuren (rare) / koken -> kok via doubled below
        if token.endswith("n"):
            out.append(token[:-1])
        if token.endswith("e") and len(token) > 6:
            out.append(token[:-1])
    return out


class JobIndex:
    def __init__(self, titles: Iterable[dict[str, Any]]) -> None:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for row in titles:
            key = normalise(row["label"])
            if key:
                grouped.setdefault(key, []).append(row)
        self._exact: dict[str, JobEntry] = {}
        for key, rows in grouped.items():
            self._exact[key] = _pick(rows)
        # "kassa medewerker" typed apart still finds "kassamedewerker", and vice versa.
        self._joined: dict[str, str] = {}
        for key in sorted(self._exact):
            self._joined.setdefault(key.replace(" ", ""), key)
        single = [k for k in self._exact if " " not in k and len(k) >= 5
                  and k not in lexicon.GENERIC_JOB_WORDS]
        self._single = frozenset(single)
        self._fuzzy = DeletionIndex(single)
        self._partial = _partial_index(grouped)
        self._person_heads = _head_words(grouped)

    def __len__(self) -> int:
        return len(self._exact)

    def entry(self, label: str) -> JobEntry | None:
        return self._exact.get(normalise(label))

    def _lookup(self, key: str) -> tuple[JobEntry, str] | None:
        if key in self._exact:
            return self._exact[key], key
        joined = self._joined.get(key.replace(" ", ""))
        if joined is not None:
            return self._exact[joined], joined
        return None

    def recognise(self, text: str) -> dict[str, Any] | None:
        toks = tokens(text)
        if not toks:
            return None
        found = self._exact_match(toks)
        if found is None:
            found = self._compound_or_fuzzy(toks)
        if found is None:
            found = self._employer_hint(toks)
        if found is None:
            return None
        entry, matched, confidence = found
        if entry.ambiguous:
            confidence -= 0.1
        return {"label": entry.label, "esco_uri": entry.esco_uri, "isco08": entry.isco08,
                "sector": entry.sector, "confidence": round(confidence, 2), "matched": matched}

    @staticmethod
    def _skip(toks: list[str], i: int, n: int) -> bool:
        """Negated ("ik ben geen kok") or a wish, not a job ("ik wil lasser worden")."""
        before = toks[max(0, i - 2):i]
        after = toks[i + n:i + n + 1]
        return "geen" in before or "niet" in before[-1:] or after in (["worden"], ["word"])

    def _exact_match(self, toks: list[str]) -> tuple[JobEntry, str, float] | None:
        for n in range(min(_MAX_TOKENS, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                span = toks[i:i + n]
                if n == 1 and span[0] in lexicon.GENERIC_JOB_WORDS:
                    continue
                hit = self._lookup(" ".join(span))
                confidence = 0.95
                if hit is None:
                    for variant in _inflections(span[-1]):
                        hit = self._lookup(" ".join([*span[:-1], variant]))
                        if hit is not None:
                            confidence = 0.88
                            break
                if hit is None or hit[1] in lexicon.GENERIC_JOB_WORDS:
                    continue
                if self._skip(toks, i, n):
                    continue
                entry, key = hit
                if entry.origin == "esco_hidden":
                    confidence -= 0.05
                return entry, key, confidence
        return None

    def _compound_or_fuzzy(self, toks: list[str]) -> tuple[JobEntry, str, float] | None:
        for i, tok in enumerate(toks):
            if tok in lexicon.COMMON_WORDS or tok in lexicon.GENERIC_JOB_WORDS or len(tok) < 5:
                continue
            if self._skip(toks, i, 1):
                continue
            variants = [tok, *_inflections(tok)]
            # A common word ("dienst", "vaste") is no job title on its own: no typo guessing,
            # and a partial title only when the word names a person ("chauffeur").
            guess = not is_common_word(tok)
            for variant in variants:
                if variant in self._partial and (guess or variant in self._person_heads):
                    entry, key = self._partial[variant]
                    return entry, key, 0.7
            for variant in variants if guess else ():
                candidates = self._fuzzy.lookup(variant)
                if candidates:
                    best = min(candidates, key=lambda k: (
                        _ORIGIN_RANK.get(self._exact[k].origin, 9), k))
                    return self._exact[best], best, 0.72
            # Compound ending in a known title: "supermarktchauffeur" -> chauffeur,
            # "keukenkok" -> kok (short tails only when they are a main title).
            for variant in variants:
                for start in range(3, len(variant) - 2):
                    tail = variant[start:]
                    entry = self._exact.get(tail)
                    if (entry is None or entry.ambiguous or tail in lexicon.GENERIC_JOB_WORDS
                            or (len(tail) < 7 and entry.origin == "esco_alt")
                            or entry.origin == "esco_hidden"):
                        continue
                    return entry, tail, 0.65
        return None

    def _employer_hint(self, toks: list[str]) -> tuple[JobEntry, str, float] | None:
        for n in (2, 1):
            for i in range(len(toks) - n + 1):
                name = " ".join(toks[i:i + n])
                hint = lexicon.EMPLOYER_HINTS.get(name)
                if hint is None:
                    continue
                if n == 1 and len(name) <= 4 and not (i > 0 and toks[i - 1] in _EMPLOYER_CUES):
                    continue  # "ah", "plus" need "bij (de)" before them
                labels, isco08, sector = hint
                candidates = labels.split("|")
                entry = next((self._exact[normalise(c)] for c in candidates
                              if normalise(c) in self._exact), None) or JobEntry(
                    candidates[-1], None, isco08, sector, "employer", False)
                return entry, name, 0.55
        return None
