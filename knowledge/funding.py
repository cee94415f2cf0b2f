"""Who pays: the funding schemes that fit one person and one profession, best fit first.

A scheme is offered only when it is current, pays money (advice and trial placements are
next steps, not funding), fits the person's own situation (work status, statushouder) and,
for a sector fund, when the chosen profession is in that fund's sector. Employer-side
schemes are not the person's to apply for: they are summarised in one line
("Je werkgever kan ...") and fill the payload only when nothing else fits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from knowledge import vocab
from knowledge.kb import KnowledgeBase, is_current
from knowledge.matching import work_learn_routes
from knowledge.newcomers import NEWCOMER_ROUTES

SHOWN = 3  # schemes in the text and the payload; the rest behind a "meer" button
# A disability wage subsidy needs a UWV target-group statement we never ask about, so it
# is not offered on a guess (a refugee is not a person with a work limitation).
NEEDS_TARGET_GROUP = frozenset({"lkv_arbeidsbeperkte_werknemer"})


def _item(f: dict[str, Any], for_employer: bool) -> dict[str, Any]:
    return {"id": f["id"], "name": f["name"], "audience": list(f["audience"]),
            "amount": f["amount"], "conditions": f["conditions"], "url": f["url"],
            "valid_until": f["valid_until"], "checked_at": f["checked_at"],
            "how_to_apply": f["how_to_apply"], "status": f["status"],
            "max_age": f["max_age"], "sectors": list(f.get("sectors") or []),
            "source": f["source"], "for_employer": for_employer}


def _kinds(kb: KnowledgeBase, profile: dict[str, Any], profession_id: str | None
           ) -> tuple[set[str], set[str], set[str]]:
    """(route kinds of the profession, its work-and-learn kinds, its sectors)."""
    if profession_id is not None and profession_id in kb.professions:
        kinds = {kb.routes[r]["kind"] for r in kb.routes_by_profession.get(profession_id, ())
                 if r not in NEWCOMER_ROUTES}
        work_learn = {r["kind"] for r in work_learn_routes(kb, profession_id)}
        return kinds, work_learn, set(kb.professions[profession_id]["sectors"])
    work_learn = set(vocab.WORK_LEARN_KINDS) if profile.get("learn_while_earning") else set()
    return set(vocab.ROUTE_KINDS), work_learn, set()


def _in_sector(f: dict[str, Any], sectors: set[str]) -> bool:
    return not f.get("sectors") or bool(set(f["sectors"]) & sectors)


def ranked(kb: KnowledgeBase, profile: dict[str, Any] | None, profession_id: str | None,
           today: dt.date | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(schemes for the person, best fit first; schemes their employer can use)."""
    profile = profile or {}
    now = (today or dt.date.today()).isoformat()
    own = vocab.AUDIENCE_FOR_STATUS.get(profile.get("work_status") or "")
    kinds, work_learn, sectors = _kinds(kb, profile, profession_id)
    needs_income = profile.get("learn_while_earning") is True
    personal: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    employer: list[dict[str, Any]] = []
    for f in kb.funding:
        if not is_current(f, now) or f["id"] in NEEDS_TARGET_GROUP:
            continue
        if not _in_sector(f, sectors):
            continue
        route_kinds = set(f["route_kinds"])
        applies = not route_kinds or bool(route_kinds & kinds)
        audience = set(f["audience"])
        if (own and own in audience) or "iedereen" in audience:
            if not applies:
                continue
            # Own situation first; then what pays for a route this person can take
            # (work-and-learn when they need an income); sector funds before general ones.
            earns = bool(route_kinds & work_learn)
            rank = (0 if own and own in audience else 1,
                    0 if (earns and needs_income) or (not needs_income and applies
                                                        and bool(route_kinds)) else 1,
                    0 if f.get("sectors") else 1, f["id"])
            personal.append((rank, _item(f, False)))
        elif "werkgever" in audience and work_learn and (
                not route_kinds or route_kinds & work_learn):
            employer.append(_item(f, True))
    personal.sort(key=lambda pair: pair[0])
    # Sector funds first among employer schemes: they are the most specific.
    employer.sort(key=lambda i: (0 if i["sectors"] else 1, i["id"]))
    return [item for _, item in personal], employer


def funding_payload(kb: KnowledgeBase, profile: dict[str, Any] | None,
                    profession_id: str | None = None, today: dt.date | None = None,
                    page: int = 0) -> dict[str, Any]:
    """Contract ``funding`` payload: at most three schemes (page 0 the best, page 1 the
    next ones), ``employer`` with the employer-side schemes for one summary line and
    ``more`` with how many of the person's schemes are not shown yet."""
    personal, employer = ranked(kb, profile, profession_id, today)
    pool = personal or employer  # never an empty card while the employer can get help
    start = max(0, page) * SHOWN
    items = pool[start:start + SHOWN]
    return {"type": "funding", "items": items, "page": page,
            "more": max(0, len(pool) - start - SHOWN),
            "employer": [{"id": e["id"], "name": e["name"], "url": e["url"]}
                         for e in employer] if personal else []}
