"""Value vocabularies of the conversation contract and of the data file formats.

One place for every closed list, so validator, recognisers and matching agree.
"""

from __future__ import annotations

from contract import labels as _labels
from contract import values as _values

# The contract's value sets live in contract.values; these names stay for existing callers.
CURRENT_SECTORS: tuple[str, ...] = _values.SECTORS
WORK_STATUSES: tuple[str, ...] = _values.WORK_STATUSES
INTERESTS: tuple[str, ...] = _values.INTERESTS
PROVINCES: tuple[str, ...] = _values.PROVINCES
EDUCATION_LEVELS: tuple[str, ...] = _values.EDUCATION_LEVELS
# Rank used to compare a person's level with a profession's entry level. havo sits with
# mbo4 (both give access to hbo), vwo just above; hbo/wo above everything mbo.
EDUCATION_RANK: dict[str, int] = {
    "geen": 0, "vmbo": 1, "mbo1": 1, "mbo2": 2, "mbo3": 3, "mbo4": 4, "havo": 4, "vwo": 5,
    "hbo": 6, "wo": 7,
}
ROUTE_KINDS: tuple[str, ...] = _values.ROUTE_KINDS
# Kinds where you work for an employer while you learn.
WORK_LEARN_KINDS: frozenset[str] = frozenset(
    {"bbl", "leerwerktraject", "bedrijfsopleiding", "praktijkverklaring"}
)
FUNDING_AUDIENCES: tuple[str, ...] = _values.FUNDING_AUDIENCES
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
CONTACT_KINDS: tuple[str, ...] = ("werkcentrum", "leerwerkloket", "initiative", "national",
                                  "mobiliteitsteam")
# Kinds that are a regional desk for job seekers (one per labour-market region).
DESK_KINDS: tuple[str, ...] = ("werkcentrum", "leerwerkloket", "mobiliteitsteam")
CONTACT_AUDIENCES: tuple[str, ...] = ("werkzoekenden", "werkenden", "werkgevers", "scholieren")
BACKGROUND_KINDS: tuple[str, ...] = ("isco", "sector")
FAQ_TOPICS: tuple[str, ...] = (
    "salaris", "opleidingsduur", "kosten", "leeftijd", "geen_diploma", "deeltijd",
    "taalniveau", "beroep_inhoud", "vrouwen", "fysiek", "vca", "rijbewijs",
    "uitkering_behouden", "gratis_hulp", "verdienen_tijdens_leren",
    # asked by real people (issue 11)
    "uren_school", "geld_zonder_uitkering", "zzp_subsidie", "leren_bij_bedrijf",
    "verkort_hoger_opgeleid", "loon_leerling", "bootcamp", "schooltijden", "wia_wajong",
    "wind_energie",
)
PROFILE_SLOTS: tuple[str, ...] = _values.PROFILE_SLOTS

PROVINCE_NAMES: dict[str, str] = _labels.names("province")
