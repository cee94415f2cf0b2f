"""User-facing texts of the actions: plain B1 Dutch, short, no promises."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from contract import labels

# Button labels come from the contract module (one label per value and purpose).
SECTOR_NAMES: dict[str, str] = labels.names("sector", "button")
WORK_STATUS_NAMES: dict[str, str] = labels.names("work_status", "button")
EDUCATION_NAMES: dict[str, str] = labels.names("education_level", "button")
INTEREST_NAMES: dict[str, str] = labels.names("interest", "button")
PROVINCE_NAMES: dict[str, str] = labels.names("province", "button")
SECTOR_BUTTONS = ("horeca", "retail", "logistiek_transport", "zorg_welzijn",
                  "kantoor_administratie", "schoonmaak_facilitair", "industrie_productie",
                  "onderwijs_kinderopvang", "overig")
INTEREST_BUTTONS = ("met_handen", "sleutelen", "elektra", "computers", "buiten", "bouwen",
                    "machines", "voertuigen", "duurzaamheid", "mensen", "precisie", "zorg")

EDUCATION_HELP = ("Dat geeft niet. Kies wat het meest in de buurt komt. "
                  "Heb je geen diploma, of weet je het echt niet? Kies dan 'Geen diploma'.")
EDUCATION_DEFAULT = ("Ik noteer voor nu: geen diploma. Dat is geen probleem: veel "
                     "opleidingen in de techniek kun je ook zonder diploma starten. "
                     "Je kunt het later altijd aanpassen.")
INTERESTS_HELP = ("Geen probleem. Denk aan wat je leuk vindt, ook in je vrije tijd. "
                  "Kies hieronder een of meer dingen.")
INTERESTS_DEFAULT = "Geen probleem. Dan kijk ik breed naar beroepen die bij je kunnen passen."
INCOME_HELP = ("Bij sommige opleidingen werk en verdien je terwijl je leert. "
               "Weet je niet of je zonder salaris kunt? Kies dan 'Ja'.")
INCOME_DEFAULT = "Ik ga er voor nu van uit dat je wilt blijven verdienen. Dat kan vaak."
REGION_HELP = ("Ik vraag dit om hulp bij jou in de buurt te vinden. "
               "Noem je woonplaats of je provincie, of kies hieronder.")


@dataclass
class Question:
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)


def payload(intent: str, entities: Optional[dict[str, Any]] = None) -> str:
    """A button payload that Rasa reads as intent plus entities, without NLU."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False, separators=(',', ':'))}"


def _buttons(entity: str, names: dict[str, str], keys: tuple[str, ...] | list[str]
             ) -> list[dict[str, str]]:
    return [{"title": names[k], "payload": payload("inform", {entity: k})} for k in keys]


def progress(number: int, total: int) -> str:
    """"Vraag 2 van 6. " (the ask action makes sure the number never goes down)."""
    total = max(total, number)
    if number >= total:
        return f"Laatste vraag ({number} van {total}). "
    return f"Vraag {number} van {total}. "


# School buttons in plain words (issue 12): two ways to say "no diploma", a foreign
# diploma gets help to pick the nearest Dutch level.
FOREIGN_DIPLOMA = "Diploma uit een ander land"
EDUCATION_BUTTONS: tuple[tuple[str, str], ...] = (
    ("Alleen basisschool", "geen"), ("Middelbare school zonder diploma", "geen"),
    ("vmbo of mavo", "vmbo"), ("mbo 1 (entree)", "mbo1"), ("mbo 2", "mbo2"),
    ("mbo 3", "mbo3"), ("mbo 4", "mbo4"), ("havo", "havo"), ("vwo", "vwo"), ("hbo", "hbo"),
    ("Universiteit", "wo"),
)
FOREIGN_DIPLOMA_NOTED = ("Goed, ik noteer: een diploma uit een ander land. Voor het advies "
                         "reken ik met 'geen Nederlands diploma'. Bij IDW (Internationale "
                         "Diplomawaardering) kun je laten bekijken wat jouw diploma in "
                         "Nederland waard is.")
FOREIGN_DIPLOMA_HELP = ("Goed dat je dat zegt. Kies hieronder het Nederlandse niveau dat er "
                        "het meest op lijkt. Weet je het niet? Kies dan 'Weet ik niet'.")


def question(slot: str, slots: dict[str, Any], again: bool = False) -> Question:
    if slot == "current_job":
        if again:
            # The second time: the sector is enough to go on.
            return Question("Wat voor werk doe je nu, of wat deed je het laatst? Zeg het in een "
                            "paar woorden, bijvoorbeeld 'ik maak kantoren schoon'. Of kies "
                            "hieronder je sector.",
                            _buttons("current_sector", SECTOR_NAMES, SECTOR_BUTTONS))
        return Question("Wat voor werk doe je nu, of wat deed je het laatst? "
                        "Bijvoorbeeld: 'ik ben kok' of 'ik werk in een magazijn'. "
                        "Werk je niet? Zeg het gerust.")
    if slot == "current_sector":
        job = slots.get("current_job")
        intro = ("In welke sector werk je, of werkte je het laatst?"
                 if job not in (None, "geen werk", "onbekend")
                 else "In welke sector heb je het meest gewerkt? "
                      "Nooit gewerkt? Kies 'Iets anders'.")
        return Question(intro, _buttons("current_sector", SECTOR_NAMES, SECTOR_BUTTONS))
    if slot == "work_status":
        return Question("Wat past het best bij jou op dit moment?",
                        _buttons("work_status", WORK_STATUS_NAMES, list(WORK_STATUS_NAMES)))
    if slot == "education_level":
        buttons = [{"title": title, "payload": payload("inform", {"education_level": value})}
                   for title, value in EDUCATION_BUTTONS]
        buttons.append({"title": FOREIGN_DIPLOMA, "payload": FOREIGN_DIPLOMA.lower()})
        return Question("Wat is je hoogste diploma, of welke school heb je het laatst gedaan? "
                        "Kies wat het meest in de buurt komt.", buttons)
    if slot == "interests":
        return Question("Wat vind je leuk om te doen? Je mag meer dingen noemen, bijvoorbeeld: "
                        "'sleutelen en buiten werken'. Of kies hieronder een of meer dingen.",
                        _buttons("interest", INTEREST_NAMES, INTEREST_BUTTONS))
    if slot == "region":
        buttons = []
        campaign_region = slots.get("campaign_region")
        if campaign_region in PROVINCE_NAMES:
            buttons = _buttons("province", PROVINCE_NAMES, [campaign_region])
        if again:
            buttons += _buttons("province", PROVINCE_NAMES,
                                [p for p in PROVINCE_NAMES if p != campaign_region])
        return Question("In welke plaats of provincie woon je? Dan zoek ik hulp bij jou "
                        "in de buurt.", buttons)
    if slot == "learn_while_earning":
        return Question("Wil of moet je blijven verdienen terwijl je leert? "
                        "Dan zoek ik opleidingen waarbij je werkt en leert.",
                        [{"title": "Ja", "payload": "/affirm"},
                         {"title": "Nee, dat hoeft niet", "payload": "/deny"}])
    return Question("Kun je me daar iets meer over vertellen?")


def not_understood(slot: str) -> str:
    hints = {
        "current_job": "Welk werk doe je? Typ bijvoorbeeld 'schoonmaker' of "
                       "'ik werk in een winkel'.",
        "current_sector": "Kies een sector hieronder, of typ bijvoorbeeld 'zorg' of 'horeca'.",
        "work_status": "Kies hieronder wat het best past.",
        "education_level": "Typ bijvoorbeeld 'mbo 2', 'havo' of 'geen diploma'. "
                           "Of kies hieronder.",
        "interests": "Typ bijvoorbeeld 'met mijn handen werken' of 'computers'. "
                     "Of kies hieronder.",
        "region": "Typ je woonplaats, bijvoorbeeld 'Zwolle', of je provincie.",
        "learn_while_earning": "Kies 'Ja' of 'Nee'.",
    }
    return "Sorry, dat begreep ik niet helemaal. " + hints.get(slot, "Kun je het anders zeggen?")


# The slots `understood` can show (others are derived or not told back).
UNDERSTOOD_KEYS = ("current_job", "current_sector", "work_status", "education_level",
                   "interests", "municipality", "region", "learn_while_earning",
                   "wished_profession", "limits")
SKIP_BUTTON = {"title": "Sla over", "payload": "Sla deze vraag over"}


def understood(values: dict[str, Any]) -> str:
    """One line listing what was read from a message, in the person's terms."""
    parts: list[str] = []
    job = values.get("current_job")
    if job == "geen werk":
        parts.append("je werkt nu niet")
    elif job and job != "onbekend":
        parts.append(f"werk: {job}")
    if values.get("current_sector") in SECTOR_NAMES and not job:
        parts.append(f"sector: {labels.label('sector', values['current_sector'])}")
    if values.get("work_status") in WORK_STATUS_NAMES:
        parts.append(labels.label("work_status", values["work_status"], "sentence"))
    if values.get("education_level") in EDUCATION_NAMES:
        parts.append(f"opleiding: {labels.label('education_level', values['education_level'])}")
    if values.get("interests"):
        parts.append("interesse: " + ", ".join(
            labels.label("interest", i) for i in values["interests"]))
    if values.get("municipality"):
        province = PROVINCE_NAMES.get(values.get("region") or "", "")
        parts.append(f"woonplaats: {values['municipality']}"
                     + (f" ({province})" if province else ""))
    elif values.get("region") in PROVINCE_NAMES:
        parts.append(f"provincie: {PROVINCE_NAMES[values['region']]}")
    wish = values.get("wished_profession")
    if wish:
        parts.append(f"je wilt graag {_profession_name(str(wish))} worden")
    for limit in values.get("limits") or []:
        if limit in labels.LIMIT_LABELS:
            parts.append(labels.LIMIT_LABELS[limit][2])
    if values.get("learn_while_earning") is True:
        parts.append("je wilt werken en leren")
    elif values.get("learn_while_earning") is False:
        parts.append("verdienen tijdens het leren hoeft niet")
    return "; ".join(parts) + "." if parts else "ik heb je antwoord genoteerd."


def _profession_name(wish: str) -> str:
    """A profession id of ours by its name ("procesoperator" -> "procesoperator")."""
    from bot.actions import knowledge_gate as gate

    row = gate.profession(wish) or {}
    return str(row.get("name") or wish.replace("_", " ")).split(" (")[0].lower()


def source_line(fact: dict[str, Any]) -> str:
    source, checked = fact.get("source"), fact.get("checked_at")
    if source and checked:
        return f"(bron: {source}, gecontroleerd op {checked})"
    if source:
        return f"(bron: {source})"
    return ""
