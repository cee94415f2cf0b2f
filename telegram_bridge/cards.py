"""Telegram cards for the contract's section-3 `custom` payloads (HTML parse mode)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contract.labels import card_heading, slot_value
from telegram_bridge.html_text import (
    dutch_date,
    esc,
    humanise,
    level_label,
    link,
    lower_first,
    months_label,
    safe_url,
    text_to_html,
)
from telegram_bridge.labels import AUDIENCE_LABELS, PROFILE_FIELDS, ROUTE_KIND_LABELS

# A card is read on a phone: the first few items (payloads come best first), then a count.
MAX_ROUTES = 4
MAX_FUNDING = 4


def render_custom(payload: Any) -> str | None:
    """HTML for a contract section-3 payload; None when there is nothing to show."""
    if not isinstance(payload, Mapping):
        return None
    # Tolerate the socket.io-style wrapper {"data": {...}} some channels need.
    if "type" not in payload and isinstance(payload.get("data"), Mapping):
        payload = payload["data"]
    renderer = _RENDERERS.get(str(payload.get("type")))
    if renderer is None:
        return None
    return renderer(payload)


def _items(payload: Mapping[str, Any], key: str = "items") -> list[Mapping[str, Any]]:
    values = payload.get(key)
    if not isinstance(values, list):
        return []
    return [item for item in values if isinstance(item, Mapping)]


def _recommendations(payload: Mapping[str, Any]) -> str | None:
    items = _items(payload)
    if not items:
        return None
    lines = [f"<b>{esc(card_heading('recommendations'))}</b>"]
    for number, item in enumerate(items, start=1):
        lines.append("")
        lines.append(f"{number}. <b>{esc(item.get('name') or humanise(item.get('id')))}</b>")
        reasons = item.get("reasons")
        for reason in reasons if isinstance(reasons, list) else []:
            lines.append(f"   • {esc(reason)}")
    lines.append("")
    lines.append("<i>Dit is advies, geen garantie op werk.</i>")
    return "\n".join(lines)


def _routes(payload: Mapping[str, Any]) -> str | None:
    items = _items(payload)
    if not items:
        return None
    name = payload.get("profession_name") or humanise(payload.get("profession_id"))
    lines = [f"<b>{esc(card_heading('routes', lower_first(name) if name else ''))}</b>"]
    for item in items[:MAX_ROUTES]:
        lines.append("")
        name_html = link(item.get("name") or humanise(item.get("id")), item.get("url"))
        lines.append(f"• <b>{name_html}</b>")
        facts = [
            ROUTE_KIND_LABELS.get(str(item.get("kind")), humanise(item.get("kind"))),
            level_label(item.get("level")),
            months_label(item.get("duration_months")),
        ]
        if item.get("learn_while_earning") is True and item.get("kind") != "bbl":
            facts.append("je verdient tijdens het leren")
        lines.append("  " + esc(" · ".join(fact for fact in facts if fact)))
    if len(items) > MAX_ROUTES:
        lines.append("")
        lines.append(f"En nog {_more(len(items) - MAX_ROUTES, 'route', 'routes')}. "
                     "Vraag ernaar bij het Werkcentrum in je regio.")
    return "\n".join(lines)


def _funding(payload: Mapping[str, Any]) -> str | None:
    items = _items(payload)
    if not items:
        return None
    lines = [f"<b>{esc(card_heading('funding'))}</b>"]
    for item in items[:MAX_FUNDING]:
        lines.append("")
        lines.append(f"• <b>{esc(item.get('name') or humanise(item.get('id')))}</b>")
        if item.get("amount"):
            lines.append(f"  {esc(item['amount'])}")
        if item.get("conditions"):
            lines.append(f"  Voorwaarden: {esc(item['conditions'])}")
        audience = item.get("audience")
        if isinstance(audience, list) and audience:
            who = ", ".join(AUDIENCE_LABELS.get(str(a), str(a)) for a in audience)
            lines.append(f"  Voor: {esc(who)}")
        if item.get("valid_until"):
            lines.append(f"  Aanvragen kan tot {esc(dutch_date(item['valid_until']))}")
        if safe_url(item.get("url")):
            lines.append(f"  {link('Meer informatie', item['url'])}")
        if item.get("checked_at"):
            lines.append(f"  <i>Gecontroleerd op {esc(dutch_date(item['checked_at']))}</i>")
    if len(items) > MAX_FUNDING:
        lines.append("")
        lines.append(f"En nog {_more(len(items) - MAX_FUNDING, 'regeling', 'regelingen')}. "
                     "Het Werkcentrum in je regio weet welke bij je passen.")
    lines.append("")
    lines.append("<i>Bedragen zijn een maximum. Of je het krijgt, hangt af van de regels.</i>")
    return "\n".join(lines)


def _more(count: int, one: str, many: str) -> str:
    return f"1 {one}" if count == 1 else f"{count} {many}"


def _next_steps(payload: Mapping[str, Any]) -> str | None:
    steps = payload.get("steps")
    lines = [f"<b>{esc(card_heading('next_steps'))}</b>"]
    for number, step in enumerate(steps if isinstance(steps, list) else [], start=1):
        lines.append(f"{number}. {text_to_html(str(step))}")
    contact = payload.get("contact")
    if isinstance(contact, Mapping) and contact.get("name"):
        lines.append("")
        lines.append(f"<b>{esc(card_heading('contact'))}</b>")
        lines.append(link(contact["name"], contact.get("url")))
        if contact.get("phone"):
            lines.append(f"Telefoon: {esc(contact['phone'])}")
    return "\n".join(lines) if len(lines) > 1 else None


def _profile_summary(payload: Mapping[str, Any]) -> str | None:
    profile = payload.get("profile")
    if not isinstance(profile, Mapping):
        return None
    lines = [f"<b>{esc(card_heading('profile_summary'))}</b>"]
    for slot, label in PROFILE_FIELDS:
        value = profile.get(slot)
        shown = _profile_value(slot, value)
        if shown:
            lines.append(f"• {esc(label)}: {esc(shown)}")
    if len(lines) == 1:
        return None
    lines.append("")
    lines.append("Klopt iets niet? Typ dan wat er anders is.")
    return "\n".join(lines)


def _profile_value(slot: str, value: Any) -> str:
    # The contract's words: lists joined, booleans ja/nee, codes as their labels.
    return slot_value(slot, value)


_RENDERERS = {
    "recommendations": _recommendations,
    "routes": _routes,
    "funding": _funding,
    "next_steps": _next_steps,
    "profile_summary": _profile_summary,
    # "fallback" marks a not-understood turn; its text already says so, nothing to add.
}
