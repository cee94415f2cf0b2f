"""Value vocabularies of the conversation contract and of the data file formats.

One place for every closed list, so validator, recognisers and matching agree.
"""

from __future__ import annotations

CURRENT_SECTORS: tuple[str, ...] = (
    "horeca", "retail", "logistiek_transport", "zorg_welzijn", "onderwijs_kinderopvang",
    "kantoor_administratie", "klantenservice", "schoonmaak_facilitair", "beveiliging",
    "defensie", "agrarisch_groen", "bouw", "industrie_productie", "techniek_installatie",
    "ict", "financiele_dienstverlening", "cultuur_sport_recreatie", "overheid", "overig",
)
WORK_STATUSES: tuple[str, ...] = (
    "werkend", "ww", "bijstand", "zzp", "student", "werkzoekend_zonder_uitkering", "anders",
)
INTERESTS: tuple[str, ...] = (
    "met_handen", "sleutelen", "elektra", "computers", "puzzelen", "precisie", "buiten",
    "bouwen", "ontwerpen", "mensen", "duurzaamheid", "voertuigen", "machines", "voeding",
    "zorg", "onderweg",
)
PROVINCES: tuple[str, ...] = (
    "groningen", "friesland", "drenthe", "overijssel", "flevoland", "gelderland", "utrecht",
    "noord-holland", "zuid-holland", "zeeland", "noord-brabant", "limburg",
)
EDUCATION_LEVELS: tuple[str, ...] = (
    "geen", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo", "vwo", "hbo", "wo",
)
# Rank used to compare a person's level with a profession's entry level. havo sits with
# mbo4 (both give access to hbo), vwo just above; hbo/wo above everything mbo.
EDUCATION_RANK: dict[str, int] = {
    "geen": 0, "vmbo": 1, "mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "havo": 4, "vwo": 5,
    "hbo": 6, "wo": 7,
}
ROUTE_KINDS: tuple[str, ...] = (
    "bbl", "bol", "cursus", "praktijkverklaring", "certificaat", "associate_degree",
    "hbo_deeltijd", "bedrijfsopleiding", "leerwerktraject",
)
# Kinds where you work for an employer while you learn.
WORK_LEARN_KINDS: frozenset[str] = frozenset(
    {"bbl", "leerwerktraject", "bedrijfsopleiding", "praktijkverklaring"}
)
FUNDING_AUDIENCES: tuple[str, ...] = (
    "werknemer", "werkgever", "ww", "bijstand", "zzp", "student", "iedereen",
)
FUNDING_STATUSES: tuple[str, ...] = ("open", "recurring", "ended")
# work_status -> funding audience; statuses not listed only get `iedereen` schemes.
AUDIENCE_FOR_STATUS: dict[str, str] = {
    "werkend": "werknemer", "ww": "ww", "bijstand": "bijstand", "zzp": "zzp",
    "student": "student",
}
PROFESSION_SECTORS: tuple[str, ...] = (
    "metaal", "installatie", "elektro", "energie", "bouw", "infra", "mobiliteit", "proces",
    "food", "ict", "maritiem", "luchtvaart", "medische_techniek", "agrotechniek", "hightech",
    "water",
)
MBO_LEVELS: tuple[str, ...] = ("mbo1", "mbo2", "mbo3", "mbo4", "hbo")
ENTRY_LEVELS: tuple[str, ...] = EDUCATION_LEVELS
PHYSICAL: tuple[str, ...] = ("licht", "gemiddeld", "zwaar", "zeer_zwaar")
CONTACT_KINDS: tuple[str, ...] = ("werkcentrum", "leerwerkloket", "initiative", "national")
BACKGROUND_KINDS: tuple[str, ...] = ("isco", "sector")
FAQ_TOPICS: tuple[str, ...] = (
    "salaris", "opleidingsduur", "kosten", "leeftijd", "geen_diploma", "deeltijd",
    "taalniveau", "beroep_inhoud", "vrouwen", "fysiek", "vca", "rijbewijs",
    "uitkering_behouden", "gratis_hulp", "verdienen_tijdens_leren",
)
PROFILE_SLOTS: tuple[str, ...] = (
    "current_job", "current_job_esco", "current_sector", "work_status", "interests",
    "region", "municipality", "education_level", "learn_while_earning",
)

PROVINCE_NAMES: dict[str, str] = {
    "groningen": "Groningen", "friesland": "Friesland", "drenthe": "Drenthe",
    "overijssel": "Overijssel", "flevoland": "Flevoland", "gelderland": "Gelderland",
    "utrecht": "Utrecht", "noord-holland": "Noord-Holland", "zuid-holland": "Zuid-Holland",
    "zeeland": "Zeeland", "noord-brabant": "Noord-Brabant", "limburg": "Limburg",
}
