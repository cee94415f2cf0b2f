"""Sentences for the route card (HTML and PDF): one full stop, Dutch dates, no codes."""

from __future__ import annotations

import re
from typing import Any

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
_END = re.compile(r"[.!?:;…]\s*$")


def dutch_date(value: Any) -> str:
    """'2026-11-01' -> '1 november 2026'; anything else unchanged."""
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not match or not 1 <= int(match.group(2)) <= 12:
        return str(value or "")
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {MONTHS[month - 1]} {year}"


def sentence(text: Any) -> str:
    """The text as one sentence ending in exactly one full stop (or its own ! or ?)."""
    text = re.sub(r"\s+", " ", str(text or "")).strip()
    if not text:
        return ""
    text = re.sub(r"\.{2,}$", ".", text)
    return text if _END.search(text) else text + "."


def join_sentences(*parts: Any) -> str:
    return " ".join(s for s in (sentence(p) for p in parts) if s)


def route_text(route: dict[str, Any]) -> str:
    facts = [route.get("kind_label") or ""]
    if route.get("duration_months"):
        facts.append(f"ongeveer {route['duration_months']} maanden")
    if route.get("learn_while_earning"):
        facts.append("je verdient tijdens het leren")
    head = str(route.get("name") or "")
    facts_text = ", ".join(f for f in facts if f)
    text = sentence(f"{head}: {facts_text}" if facts_text else head)
    if route.get("url"):
        text += f" Meer informatie: {route['url']}"
    return text


def funding_text(item: dict[str, Any]) -> str:
    text = join_sentences(item.get("name"), item.get("amount"), item.get("conditions"))
    if item.get("valid_until"):
        text += f" Loopt tot {dutch_date(item['valid_until'])}."
    if item.get("url"):
        text += f" Meer informatie: {item['url']}"
    return text
