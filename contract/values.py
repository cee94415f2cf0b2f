"""Every closed value set of the conversation contract, in contract order.

Never rename or drop a value: the contract is shared with the acceptance tests.
"""

from __future__ import annotations

SECTORS: tuple[str, ...] = (
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
ROUTE_KINDS: tuple[str, ...] = (
    "bbl", "bol", "cursus", "praktijkverklaring", "certificaat", "associate_degree",
    "hbo_deeltijd", "bedrijfsopleiding", "leerwerktraject",
)
FUNDING_AUDIENCES: tuple[str, ...] = (
    "werknemer", "werkgever", "ww", "bijstand", "zzp", "student", "iedereen",
)
OUTCOMES: tuple[str, ...] = (
    "recommendations_given", "steps_given", "handover_requested", "abandoned", "in_progress",
)
PAYLOAD_TYPES: tuple[str, ...] = (
    "profile_summary", "recommendations", "routes", "funding", "next_steps", "fallback",
)
# Profile slots of contract section 2, in contract order.
PROFILE_SLOTS: tuple[str, ...] = (
    "current_job", "current_job_esco", "current_sector", "work_status", "interests",
    "region", "municipality", "education_level", "learn_while_earning",
)

# Value-set name -> values. The names are the `kind` argument of contract.labels.label.
VALUE_SETS: dict[str, tuple[str, ...]] = {
    "sector": SECTORS,
    "work_status": WORK_STATUSES,
    "interest": INTERESTS,
    "province": PROVINCES,
    "education_level": EDUCATION_LEVELS,
    "route_kind": ROUTE_KINDS,
    "funding_audience": FUNDING_AUDIENCES,
    "outcome": OUTCOMES,
    "payload_type": PAYLOAD_TYPES,
}
# Profile slot -> its value set (only the closed ones).
SLOT_VALUE_SET: dict[str, str] = {
    "current_sector": "sector",
    "work_status": "work_status",
    "interests": "interest",
    "region": "province",
    "education_level": "education_level",
}
# NLU entity -> value set, for entities whose values are contract values.
ENTITY_VALUE_SET: dict[str, str] = {
    "current_sector": "sector",
    "sector": "sector",
    "work_status": "work_status",
    "interest": "interest",
    "province": "province",
    "education_level": "education_level",
}

# Contract extension (issue #22, docs/architecture.md "Contract extensions"): what a person
# says they cannot do. Kept out of VALUE_SETS so the widget's label export stays as it is;
# the Dutch labels are in contract.labels.LIMIT_LABELS.
LIMITS: tuple[str, ...] = (
    "geen_zwaar_werk", "geen_hoogte", "geen_ploegen", "geen_rijbewijs", "deeltijd",
)
# New profile slots of that extension, beside PROFILE_SLOTS (which stays contract section 2).
EXTENSION_PROFILE_SLOTS: tuple[str, ...] = ("wished_profession", "limits", "age", "newcomer")
