"""Builds a route card from the tracker store (slots, payloads) plus the knowledge base.

Nothing is copied: the card is computed on every request, so it changes with the data and
disappears when the conversation is erased or expires.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from web.labels import ROUTE_KIND_LABELS, SLOT_LABELS, value_label
from web.routecard.token_index import index_for

# secrets.token_urlsafe(24) gives 32 characters; accept a little either way.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,86}$")
PROFILE_SLOTS = (
    "current_job", "current_sector", "work_status", "interests", "region", "municipality",
    "education_level", "learn_while_earning",
)
SECONDS_PER_DAY = 86400
# A card is a summary to keep: the best few options (payloads are ordered best first).
MAX_ROUTES = 3
MAX_FUNDING = 4
ESCO_NAME = "ESCO, de Europese lijst van beroepen"


@dataclass
class RouteCard:
    profile: List[Dict[str, str]]
    profession: Optional[Dict[str, Any]]
    reasons: List[str]
    routes: List[Dict[str, Any]]
    funding: List[Dict[str, Any]]
    steps: List[str]
    contact: Optional[Dict[str, Any]]
    sources: List[Dict[str, str]]
    created_at: float
    expires_at: float
    raw: Dict[str, Any] = field(default_factory=dict)
    # Issue #22: the same skill lists the chat showed for the chosen profession.
    transferable_skills: List[str] = field(default_factory=list)
    skills_to_learn: List[str] = field(default_factory=list)


def valid_token(token: str) -> bool:
    return bool(TOKEN_PATTERN.match(token or ""))


def _last_timestamp(events: List[Dict[str, Any]]) -> Optional[float]:
    stamps = [e.get("timestamp") for e in events if isinstance(e.get("timestamp"), int | float)]
    return max(stamps) if stamps else None


def _card_created_at(events: List[Dict[str, Any]], token: str) -> Optional[float]:
    for event in events:
        if event.get("event") == "slot" and event.get("name") == "card_token" \
                and event.get("value") == token:
            return event.get("timestamp")
    return None


def _latest_payload(events: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    for event in reversed(events):
        if event.get("event") != "bot":
            continue
        custom = (event.get("data") or {}).get("custom")
        if isinstance(custom, dict) and custom.get("type") == kind:
            return custom
    return None


def _reasons_for(events: List[Dict[str, Any]], profession_id: str) -> List[str]:
    # Why it fits: the reasons the person was shown in the conversation itself.
    recommendations = _latest_payload(events, "recommendations") or {}
    for item in recommendations.get("items") or []:
        if isinstance(item, dict) and item.get("id") == profession_id:
            return [str(r) for r in item.get("reasons") or []]
    return []


def _skills_for(events: List[Dict[str, Any]], profession_id: str) -> Dict[str, List[str]]:
    # What carries over and what is new, as shown in the conversation's recommendations.
    recommendations = _latest_payload(events, "recommendations") or {}
    for item in recommendations.get("items") or []:
        if isinstance(item, dict) and item.get("id") == profession_id:
            return {key: [str(s) for s in item.get(key) or []]
                    for key in ("transferable_skills", "skills_to_learn")}
    return {}


def _profile_rows(profile: Dict[str, Any]) -> List[Dict[str, str]]:
    rows = []
    for slot in PROFILE_SLOTS:
        text = value_label(profile.get(slot))
        if text:
            rows.append({"label": SLOT_LABELS[slot], "value": text})
    return rows


def _add_source(sources: List[Dict[str, str]], name: Any, url: Any, checked: Any) -> None:
    name, url, checked = str(name or ""), str(url or ""), str(checked or "")
    if not (name or url):
        return
    for known in sources:  # one line per web page (several routes share a site)
        if (url and known["url"] == url) or (not url and known["name"] == name):
            if checked and not known["checked_at"]:
                known["checked_at"] = checked
            return
    sources.append({"name": name or url, "url": url, "checked_at": checked})


def card_sender(store: Any, token: str) -> Optional[str]:
    """The conversation that holds card `token` now (indexed: no scan of slot events)."""
    return index_for(store).find(token) if valid_token(token) else None


def build_card(store: Any, knowledge: Any, token: str, retention_days: int,
               now: Optional[float] = None) -> Optional[RouteCard]:
    """The card for `token`, or None when unknown, erased or past retention."""
    if not valid_token(token):
        return None
    sender_id = card_sender(store, token)
    if not sender_id:
        return None
    events = store.events(sender_id)
    now = time.time() if now is None else now
    last = _last_timestamp(events) or now
    expires_at = last + retention_days * SECONDS_PER_DAY
    if expires_at < now:
        return None
    slots = store.latest_slots(sender_id)
    profile = {slot: slots.get(slot) for slot in PROFILE_SLOTS}
    profession_id = slots.get("chosen_profession")

    profession = knowledge.profession(profession_id) if profession_id else None
    routes_payload = knowledge.routes_for(profession_id, profile) if profession_id else {}
    funding_payload = knowledge.funding_for(profile, profession_id) or {}
    steps_payload = knowledge.next_steps(profile, profession_id) if profession_id else {}
    summary = knowledge.profile_summary(profile) or {}

    routes = []
    for item in ((routes_payload or {}).get("items") or [])[:MAX_ROUTES]:
        routes.append({**item, "kind_label": ROUTE_KIND_LABELS.get(item.get("kind"), ""),
                       "level_label": value_label(item.get("level"))})
    funding = list(funding_payload.get("items") or [])[:MAX_FUNDING]
    steps = [str(s) for s in (steps_payload or {}).get("steps") or []]
    contact = (steps_payload or {}).get("contact")

    sources: List[Dict[str, str]] = []
    # Only public pages a person can open: the knowledge base's `source` fields are notes
    # for its editors (section numbers, "eigen koppeling"), not for the person.
    if profession and profession.get("esco_uri"):
        _add_source(sources, ESCO_NAME, profession["esco_uri"], profession.get("checked_at"))
    for item in routes:
        _add_source(sources, item.get("name"), item.get("url"), item.get("checked_at"))
    for item in funding:
        _add_source(sources, item.get("name"), item.get("url"), item.get("checked_at"))
    if isinstance(contact, dict):
        _add_source(sources, contact.get("name"), contact.get("url"), contact.get("checked_at"))

    return RouteCard(
        profile=_profile_rows({**profile, **(summary.get("profile") or {})}),
        profession=profession,
        reasons=_reasons_for(events, profession_id) if profession_id else [],
        **(_skills_for(events, profession_id) if profession_id else {}),
        routes=routes,
        funding=funding,
        steps=steps,
        contact=contact if isinstance(contact, dict) else None,
        sources=sources,
        created_at=_card_created_at(events, token) or last,
        expires_at=expires_at,
        raw={"sender_id": sender_id},
    )
