"""What the knowledge component found in a message, read back in the actions.

The NLU component `bot.components.knowledge_entities` runs the knowledge recognisers
once per message and puts their findings in the parse as entities. The actions read
those; for text the component did not see (a clause of the message, a unit test without
NLU) they ask the recognisers directly, so both paths give the same answer.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from bot.actions import knowledge_gate as gate

EXTRACTOR = "KnowledgeEntityExtractor"
# Below this a place or job is a guess (a typo-tolerant or partial match): it is
# confirmed with the person and never replaces a value they gave plainly.
SURE = 0.8


class Findings:
    """Recogniser results for one text: from the component's entities when present."""

    def __init__(self, text: str, entities: Optional[list[dict[str, Any]]] = None) -> None:
        self.text = text
        own = [e for e in entities or [] if e.get("extractor") == EXTRACTOR]
        # The component only ran on this text when it left at least one entity; with none
        # the recognisers are asked again (cheap, and identical by construction).
        self._entities = own or None

    def _all(self, name: str) -> list[dict[str, Any]]:
        return [e for e in self._entities or [] if e.get("entity") == name]

    def _first(self, name: str) -> Optional[dict[str, Any]]:
        found = self._all(name)
        return found[0] if found else None

    def job(self) -> Optional[dict[str, Any]]:
        if self._entities is None:
            return gate.recognise_job(self.text)
        e = self._first("job")
        if not e:
            return None
        return {"label": e["value"], "esco_uri": e.get("esco_uri"), "sector": e.get("sector"),
                "isco08": e.get("isco08"), "confidence": e.get("confidence_entity", 0.5)}

    def place(self) -> Optional[dict[str, Any]]:
        if self._entities is None:
            return gate.recognise_place(self.text)
        e = self._first("place")
        if not e:
            return None
        return {"municipality": e["value"], "province": e.get("province"),
                "confidence": e.get("confidence_entity", 0.5)}

    def province(self) -> Optional[str]:
        if self._entities is None:
            return gate.recognise_province(self.text)
        e = self._first("province")
        return e["value"] if e else None

    def education(self) -> Optional[str]:
        if self._entities is None:
            return gate.recognise_education(self.text)
        e = self._first("education_level")
        return e["value"] if e else None

    def work_status(self) -> Optional[str]:
        if self._entities is None:
            return gate.recognise_work_status(self.text)
        e = self._first("work_status")
        return e["value"] if e else None

    def interests(self) -> list[str]:
        if self._entities is None:
            return gate.recognise_interests(self.text)
        return [e["value"] for e in self._all("interest")]

    def sector(self) -> Optional[str]:
        if self._entities is None:
            return gate.recognise_sector(self.text)
        e = self._first("sector")
        return e["value"] if e else None

    def income(self) -> Optional[bool]:
        if self._entities is None:
            return gate.recognise_learn_while_earning(self.text)
        e = self._first("learn_while_earning")
        return bool(e["value"]) if e else None


# Backup for the interest recogniser when the interests question gets a loose answer
# (word stems, in order).
INTEREST_WORDS: tuple[tuple[str, str], ...] = (
    ("puzzelen", r"problemen\s+op|oplossen|puzzel|uitzoeken|storing"),
    ("met_handen", r"handen|handig|klus|praktisch|\blass|metaal"),
    ("sleutelen", r"sleutel|repar|motor"),
    ("elektra", r"elektr|stroom"),
    ("computers", r"computer|\bpc\b|\bict\b|program|gamen|software"),
    ("buiten", r"buiten|natuur"),
    ("bouwen", r"bouw|monter|timmer|in\s+elkaar"),
    ("ontwerpen", r"teken|ontwerp|\bcad\b"),
    ("mensen", r"mensen|klant|uitleg|samenwerk"),
    ("duurzaamheid", r"duurza|zonnepan|warmtepomp|klimaat|energie"),
    ("voertuigen", r"auto|vrachtwagen|voertuig|fiets|brommer|trekker"),
    ("machines", r"machine|robot"),
    ("voeding", r"voeding|eten|koken|levensmiddel"),
    ("zorg", r"\bzorg"),
    ("precisie", r"precies|nauwkeurig|secuur|fijn\s+werk"),
    ("onderweg", r"onderweg|reizen|op\s+pad|afwisseling"),
)

# Backup when the sector question is answered with a bare word or a button title.
SECTOR_WORDS: tuple[tuple[str, str], ...] = (
    ("overig", r"overig|iets\s+anders|^\s*anders|nooit\s+gewerkt|geen\s+sector"),
    ("horeca", r"horeca|restaurant|hotel|caf[eé]"),
    ("retail", r"retail|winkel|supermarkt"),
    ("logistiek_transport", r"logistiek|transport|magazijn"),
    ("zorg_welzijn", r"zorg|welzijn"),
    ("kantoor_administratie", r"kantoor|administratie"),
    ("schoonmaak_facilitair", r"schoonmaak|facilitair"),
    ("industrie_productie", r"industrie|productie|fabriek"),
    ("onderwijs_kinderopvang", r"onderwijs|kinderopvang|school"),
    ("agrarisch_groen", r"boerderij|agrarisch|\bgroen\b|tuin"),
    ("financiele_dienstverlening", r"\bbank\b|verzekeraar"),
)


def first_match(table: tuple[tuple[str, str], ...], text: str) -> list[str]:
    return [name for name, pattern in table if re.search(pattern, text, re.I)]
