"""A job told as a description of the work ("ik bak patat en frituur snacks",
"ik melk de koeien en voer de kalveren"): the everyday tasks and workplaces point to a
job title of the job-title index, so the person is understood without naming a title.

Each row: word stems that must ALL occur (in any order, any form), the job title it
points to (a title the index knows, so the ESCO URI and sector come with it), and the
ESCO occupation whose description names those tasks (the source of the row).
Source: ESCO v1.2 occupation descriptions (../shared/esco/occupations_nl.csv) and the
team's list of frequent jobs in shrinking sectors (knowledge/data/common_jobs.csv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text import normalise

# Words that say someone works (or worked) at the place named with them.
_WORKING = "werk|werkte|gewerkt|sta|stond|zit|zat|help|hielp|baan|stage|job|bijbaan"


@dataclass(frozen=True)
class Activity:
    stems: tuple[str, ...]   # every group must match; a group is "a|b|c" of word stems
    title: str               # a title the job index knows


ACTIVITIES: tuple[Activity, ...] = (
    # horeca
    Activity(("frituur|frites|friet|patat|snack|frikandel|kroket|hamburger|shoarma",),
             "snackbarmedewerker"),
    Activity(("kook|koken|kookte|keuken", "gerecht|maaltijd|eten|pannen|menu"), "kok"),
    Activity(("afwas|vaatwas|spoel",), "afwasser"),
    Activity(("bedien|serveer|serveren|tafels|drankjes|gasten",), "medewerker bediening"),
    Activity(("tap|bier|cocktail",), "barmedewerker"),
    Activity(("bak|bakken|bakte|oven", "brood|taart|gebak|koek|deeg"), "bakker"),
    # retail
    Activity(("kassa|afreken|scan",), "kassamedewerker"),
    Activity(("vakken|schappen|aanvul|vul", "winkel|supermarkt|schap|vakken|schappen"),
             "vakkenvuller"),
    Activity(("kringloop|tweedehands|2e\\s*hands|rommelmarkt|inbreng",),
             "winkelmedewerker"),
    Activity(("klanten|verkoop|verkocht|verkopen", "winkel|zaak|filiaal|discounter"),
             "winkelmedewerker"),
    # agrarisch
    Activity(("melk|koeien|kalveren|stal|vee|varkens|kippen|geiten|voeren|voer",),
             "boerenknecht"),
    Activity(("oogst|pluk|plant|kas|kassen|tomaten|paprika|bloemen|bollen",),
             "plukker"),
    Activity(("maai|snoei|tuinen|gras|plantsoen|groenvoorziening",), "hovenier"),
    # industrie / productie
    Activity(("lopende\\s+band|productielijn|productiehal|lijn",
              "fabriek|productie|operator|lijn|band|bedien|stond|sta"),
             "productiemedewerker"),
    Activity(("inpak|verpak|dozen",), "inpakker"),
    Activity(("slacht|vlees|uitbenen|worst",), "slager"),
    # logistiek
    Activity(("order|pakket|pallet|magazijn|picken|pick", "verzamel|pak|klaar|rijd|sorteer|"
              "laad|los|scan|magazijn|pallet|picken|pick"), "magazijnmedewerker"),
    Activity(("heftruck|reachtruck|vorkheftruck",), "heftruckchauffeur"),
    Activity(("bezorg|pakketjes|pakketten|post|brieven", "rijd|bus|busje|auto|fiets|deur|"
              "huizen|adressen|route"), "pakketbezorger"),
    Activity(("vrachtwagen|truck|oplegger|vracht",), "chauffeur"),
    # zorg en welzijn, schoonmaak, kinderopvang
    Activity(("wassen|verzorg|aankleden|douchen|zorgen\\s+voor", "ouderen|bewoners|clienten|"
              "patienten|mensen|verpleeghuis|thuiszorg"), "verzorgende"),
    Activity(("schoonmaak|schoonmaken|poets|stofzuig|dweil|sanitair|maak\\s+schoon|"
              "maakte\\s+schoon",), "schoonmaker"),
    Activity(("kinderen|peuters|baby|kinderopvang|bso|creche",
              "opvang|zorg|pas|speel|begeleid|opvang"), "pedagogisch medewerker"),
    # kantoor, klantenservice, beveiliging
    Activity(("telefoon|bellers|klachten|klantvragen|callcenter|klantenservice",),
             "klantenservicemedewerker"),
    Activity(("facturen|administratie|boekhouding|invoeren|archief|post\\s+verwerken|"
              "excel|planning\\s+maken",), "administratief medewerker"),
    Activity(("bewaking|surveill|toezicht|bewaak|portier",), "beveiliger"),
    # sorting and testing goods (a second-hand shop, a warehouse), counted after the shop rows
    Activity(("sorteer|sorteren|test|testen|controleer", "spullen|apparaten|goederen|"
              "producten|kleding"), "winkelmedewerker"),
    # Last: only the workplace and a word of working there ("ik stond in een fabriek")
    Activity(("snackbar|cafetaria|friettent|lunchroom", _WORKING), "snackbarmedewerker"),
    Activity(("winkel|discounter|filiaal|supermarkt|bouwmarkt", _WORKING), "winkelmedewerker"),
    Activity(("fabriek|productiehal", _WORKING), "productiemedewerker"),
    Activity(("magazijn|distributiecentrum", _WORKING), "magazijnmedewerker"),
    Activity(("boerderij|melkveebedrijf|varkensbedrijf|veehouderij", _WORKING), "boerenknecht"),
)

_WORD = re.compile(r"[a-z0-9]+")


def _group_matches(group: str, norm: str) -> str | None:
    """The words of `norm` that one stem of `group` starts (word starts only)."""
    found = re.search(r"\b(" + group + r")\w*", norm)
    return found.group(0) if found else None


def describe(text: str) -> tuple[str, str] | None:
    """(job title, matched words) for the first activity row whose stem groups all occur
    in `text`; None when no row does."""
    norm = normalise(text)
    if len(_WORD.findall(norm)) < 2:
        return None  # a single word is a title or nothing, never a description
    for activity in ACTIVITIES:
        words = [_group_matches(group, norm) for group in activity.stems]
        if all(words):
            return activity.title, " ".join(w for w in words if w)
    return None
