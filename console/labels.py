"""Dutch words for slot names, slot values and profession ids in the console's pages.

Advisers read "Opleiding: mbo 2", not "education_level: mbo2". The labels come from the
contract module; the console adds names for the slots only advisers see.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import Any

import jinja2

from contract import labels

CONSOLE_SLOT_LABELS: dict[str, str] = {
    **labels.SLOT_LABELS,
    "chosen_profession": "Gekozen beroep",
    "recommended_professions": "Aanbevolen beroepen",
    "campaign": "Campagne",
    "campaign_sector": "Sector van de campagne",
    "campaign_region": "Provincie van de campagne",
    "campaign_page_url": "Pagina van de campagne",
    "channel": "Kanaal",
    "handover_requested": "Wil een adviseur spreken",
    "handover_consent": "Toestemming voor contact",
    "handover_contact": "Contactgegevens",
    "card_token": "Overstapkaart gemaakt",
    "erase_confirmed": "Wissen bevestigd",
    "requested_slot": "Open vraag",
    # entity names in the transcript's NLU details
    "profession": "Beroep",
    "province": "Provincie",
    "interest": "Interesse",
    "job_title": "Werk",
}
# Entities whose values use a contract value set of their own.
ENTITY_VALUE_SETS: dict[str, str] = {"province": "province", "interest": "interest",
                                     "current_sector": "sector"}
CHANNEL_LABELS: dict[str, str] = {
    "web": "website", "socketio": "website", "telegram": "Telegram", "rest": "REST-koppeling",
}
PROFESSION_SLOTS = ("chosen_profession", "recommended_professions")
PROFESSIONS_CSV = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "professions.csv"


def slot_label(name: str) -> str:
    return CONSOLE_SLOT_LABELS.get(str(name), str(name).replace("_", " ").capitalize())


@functools.lru_cache(maxsize=1)
def _profession_names() -> dict[str, str]:
    # Read from the knowledge base's source file: importing `knowledge` builds its whole
    # database (seconds), too slow for the first page an adviser opens.
    try:
        with PROFESSIONS_CSV.open(encoding="utf-8", newline="") as handle:
            return {row["id"]: row["name"] for row in csv.DictReader(handle)
                    if row.get("id") and row.get("name")}
    except (OSError, KeyError, csv.Error):
        return {}


def profession_name(profession_id: str) -> str:
    """The profession's Dutch name; the id made readable if it is unknown."""
    known = _profession_names().get(str(profession_id))
    return known or re.sub(r"[_-]+", " ", str(profession_id)).capitalize()


def value_label(value: Any, slot: str = "") -> str:
    """A slot value as Dutch text: booleans ja/nee, lists joined, codes as words."""
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | tuple):
        return ", ".join(value_label(v, slot) for v in value if v not in (None, ""))
    text = str(value)
    if slot in PROFESSION_SLOTS:
        return profession_name(text)
    if slot == "card_token":
        return "ja"
    if slot == "channel":
        return CHANNEL_LABELS.get(text, text)
    if slot == "profession":
        return profession_name(text)
    if slot in ENTITY_VALUE_SETS:
        return labels.label(ENTITY_VALUE_SETS[slot], text)
    if slot in ("campaign_region", "regions"):
        return labels.label("province", text)
    if slot == "campaign_sector":
        return labels.label("sector", text)
    return labels.slot_value(slot, text) if slot else _any_value(text)


# Profile values never collide across value sets, so a value without its slot is still
# found (filter menus, the list's province and sector columns).
_ALL_VALUES: dict[str, str] = {
    value: labels.label(kind, value)
    for kind in ("sector", "work_status", "interest", "province", "education_level")
    for value in labels.names(kind)
}


def _any_value(text: str) -> str:
    return _ALL_VALUES.get(text, text)


def channel_label(value: Any) -> str:
    return CHANNEL_LABELS.get(str(value), str(value)) if value else "-"


def route_kind_label(value: Any) -> str:
    return labels.label("route_kind", value) if value else ""


def audience_label(values: Any) -> str:
    return ", ".join(labels.label("funding_audience", v) for v in values or [])


def register(env: jinja2.Environment) -> None:
    env.filters["slot_label"] = slot_label
    env.filters["value_label"] = value_label
    env.filters["profession_name"] = profession_name
    env.filters["channel_label"] = channel_label
    env.filters["route_kind"] = route_kind_label
    env.filters["audience"] = audience_label
