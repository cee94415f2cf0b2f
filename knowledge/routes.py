"""The contract ``routes`` payload: the ways into one profession, in the order that suits
the person. Its own module because both the advice payloads (knowledge/advice.py) and the
next steps (knowledge/steps.py) need it, and those two must not import each other."""

from __future__ import annotations

from typing import Any

from knowledge import vocab
from knowledge.kb import KnowledgeBase
from knowledge.newcomers import NEWCOMER_ROUTES

_LEVEL_RANK = {"mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "hbo": 6}


def routes_for(kb: KnowledgeBase, profession_id: str,
               profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """Contract ``routes`` payload; work-and-learn routes first when the person needs income,
    then routes that fit the education level, then shorter ones."""
    profile = profile or {}
    needs_income = profile.get("learn_while_earning") is True
    rank = vocab.EDUCATION_RANK.get(profile.get("education_level") or "", None)

    def key(route: dict[str, Any]) -> tuple[Any, ...]:
        level = _LEVEL_RANK.get(route["level"] or "", 0)
        reachable = rank is None or level == 0 or level - rank <= 2
        return (0 if (needs_income and route["learn_while_earning"]) else 1,
                0 if reachable else 1, route["duration_months"] or 999, route["id"])

    newcomer = bool(profile.get("statushouder"))
    routes = sorted((kb.routes[r] for r in kb.routes_by_profession.get(profession_id, ())
                     if newcomer or r not in NEWCOMER_ROUTES),
                    key=lambda r: (0 if r["id"] in NEWCOMER_ROUTES else 1, *key(r)))
    items = [{k: r[k] for k in ("id", "name", "kind", "level", "duration_months",
                                "learn_while_earning", "url", "cost_indication",
                                "entry_requirements", "provider_type", "description")}
             for r in routes]
    return {"type": "routes", "profession_id": profession_id, "items": items}
