"""Per-profession facts for matching, computed once when the knowledge base loads so a
``match`` call only does arithmetic (p95 well under 5 ms)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from knowledge import vocab
from knowledge.newcomers import NEWCOMER_ROUTES

_PREFIX_STRENGTH = {1: 0.5, 2: 0.75, 3: 0.9, 4: 1.0}


@dataclass(frozen=True)
class ProfessionFacts:
    interest_weight: Mapping[str, float]       # interest -> weight by position (1.0 first)
    isco_backgrounds: tuple[tuple[str, float, str], ...]  # (prefix, strength, reason)
    sector_backgrounds: Mapping[str, str]      # current_sector -> reason
    work_learn_kinds: frozenset[str]           # kinds of its learn-while-earning routes
    starts_without_diploma: bool
    entry_rank: int
    high_level: bool                           # has mbo4 or hbo level
    shortage: float                            # 0..1
    sectors: frozenset[str]


def build(professions: Mapping[str, dict[str, Any]],
          backgrounds: Mapping[str, tuple[dict[str, Any], ...]],
          routes: Mapping[str, dict[str, Any]],
          routes_by_profession: Mapping[str, tuple[str, ...]]) -> dict[str, ProfessionFacts]:
    facts = {}
    for pid, prof in professions.items():
        own_routes = [routes[r] for r in routes_by_profession.get(pid, ())
                      if r not in NEWCOMER_ROUTES]
        bgs = backgrounds.get(pid, ())
        isco = tuple(sorted(
            ((b["code"], _PREFIX_STRENGTH.get(len(b["code"]), 0.5), b["reason"])
             for b in bgs if b["kind"] == "isco"), key=lambda t: -t[1]))
        sectors: dict[str, str] = {}
        for b in bgs:
            if b["kind"] == "sector":
                sectors.setdefault(b["code"], b["reason"])
        facts[pid] = ProfessionFacts(
            interest_weight={i: max(0.5, 1.0 - 0.15 * n) for n, i in
                             reversed(list(enumerate(prof["interests"])))},
            isco_backgrounds=isco,
            sector_backgrounds=sectors,
            work_learn_kinds=frozenset(r["kind"] for r in own_routes
                                       if r["learn_while_earning"]),
            starts_without_diploma=prof["entry_level"] == "geen" or any(
                r["kind"] == "praktijkverklaring" or r["level"] in ("mbo1", "mbo2")
                for r in own_routes),
            entry_rank=vocab.EDUCATION_RANK.get(prof["entry_level"], 0),
            high_level=bool({"mbo4", "hbo"} & set(prof["mbo_levels"])),
            shortage=max(0, min(3, prof["shortage"])) / 3,
            sectors=frozenset(prof["sectors"]),
        )
    return facts
