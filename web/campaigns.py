"""Campaigns that have a landing page on this server (the widget works on any allowed page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional


@dataclass(frozen=True)
class Campaign:
    slug: str
    campaign: str  # value of data-campaign: stored with the conversation
    title: str
    sector: Optional[str]
    region: Optional[str]
    color: str
    greeting: str
    template: str


DEMO = Campaign(
    slug="demo",
    campaign="demo",
    title="Overstappen naar de techniek",
    sector=None,
    region=None,
    color="#0b5394",
    greeting="Hoi! Ik help je ontdekken welk technisch beroep bij je past.",
    template="index.html",
)

CAMPAIGNS: Dict[str, Campaign] = {
    "metaal": Campaign(
        slug="metaal",
        campaign="metaal-2026",
        title="Maak het in de metaal",
        sector="metaal",
        region=None,
        color="#8a3b00",
        greeting="Hoi! In de metaal maak je robots voor operaties, protheses en onderdelen "
                 "voor chipmachines. Zullen we kijken of dat iets voor jou is?",
        template="campaign_metaal.html",
    ),
    "foodvalley": Campaign(
        slug="foodvalley",
        campaign="foodvalley-overstap-2026",
        title="Toe aan iets anders? Techniek in Regio Foodvalley",
        sector=None,
        region="gelderland",
        color="#1d6b2f",
        greeting="Hoi! Wil je weten welk technisch werk er in Regio Foodvalley bij je past?",
        template="campaign_foodvalley.html",
    ),
}
