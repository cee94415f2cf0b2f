"""Dutch labels for the contract's slot values, as the Telegram cards show them.

One table per slot; the contract (`../shared/conversation-contract.md`) defines the values.
"""

from __future__ import annotations

from collections.abc import Mapping

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

SECTOR_LABELS = {
    "horeca": "Horeca",
    "retail": "Winkel en retail",
    "logistiek_transport": "Logistiek en transport",
    "zorg_welzijn": "Zorg en welzijn",
    "onderwijs_kinderopvang": "Onderwijs en kinderopvang",
    "kantoor_administratie": "Kantoor en administratie",
    "klantenservice": "Klantenservice",
    "schoonmaak_facilitair": "Schoonmaak en facilitair",
    "beveiliging": "Beveiliging",
    "defensie": "Defensie",
    "agrarisch_groen": "Agrarisch en groen",
    "bouw": "Bouw",
    "industrie_productie": "Industrie en productie",
    "techniek_installatie": "Techniek en installatie",
    "ict": "ICT",
    "financiele_dienstverlening": "Financiële dienstverlening",
    "cultuur_sport_recreatie": "Cultuur, sport en recreatie",
    "overheid": "Overheid",
    "overig": "Iets anders",
}
WORK_STATUS_LABELS = {
    "werkend": "Ik werk",
    "ww": "WW-uitkering",
    "bijstand": "Bijstand",
    "zzp": "Zzp'er",
    "student": "Student",
    "werkzoekend_zonder_uitkering": "Werkzoekend zonder uitkering",
    "anders": "Anders",
}
INTEREST_LABELS = {
    "met_handen": "met je handen werken",
    "sleutelen": "sleutelen",
    "elektra": "elektra",
    "computers": "computers",
    "puzzelen": "puzzelen en problemen oplossen",
    "precisie": "precies werk",
    "buiten": "buiten werken",
    "bouwen": "bouwen en monteren",
    "ontwerpen": "tekenen en ontwerpen",
    "mensen": "met mensen werken",
    "duurzaamheid": "duurzame energie",
    "voertuigen": "voertuigen",
    "machines": "machines",
    "voeding": "voeding",
    "zorg": "techniek in de zorg",
    "onderweg": "onderweg zijn",
}
REGION_LABELS = {
    "groningen": "Groningen",
    "friesland": "Friesland",
    "drenthe": "Drenthe",
    "overijssel": "Overijssel",
    "flevoland": "Flevoland",
    "gelderland": "Gelderland",
    "utrecht": "Utrecht",
    "noord-holland": "Noord-Holland",
    "zuid-holland": "Zuid-Holland",
    "zeeland": "Zeeland",
    "noord-brabant": "Noord-Brabant",
    "limburg": "Limburg",
}
EDUCATION_LABELS = {
    "geen": "Geen diploma",
    "vmbo": "Vmbo",
    "mbo1": "Mbo niveau 1",
    "mbo2": "Mbo niveau 2",
    "mbo3": "Mbo niveau 3",
    "mbo4": "Mbo niveau 4",
    "havo": "Havo",
    "vwo": "Vwo",
    "hbo": "Hbo",
    "wo": "Universiteit (wo)",
}
ROUTE_KIND_LABELS = {
    "bbl": "BBL: leren en werken",
    "bol": "BOL: naar school met stage",
    "cursus": "Cursus",
    "praktijkverklaring": "Praktijkverklaring",
    "certificaat": "Certificaat",
    "associate_degree": "Associate degree",
    "hbo_deeltijd": "Hbo in deeltijd",
    "bedrijfsopleiding": "Opleiding bij een bedrijf",
    "leerwerktraject": "Leerwerktraject",
}
AUDIENCE_LABELS = {
    "werknemer": "werknemers",
    "werkgever": "werkgevers",
    "ww": "mensen met WW",
    "bijstand": "mensen in de bijstand",
    "zzp": "zzp'ers",
    "student": "studenten",
    "iedereen": "iedereen",
}
PROFILE_FIELDS = (
    ("current_job", "Werk"),
    ("current_sector", "Sector"),
    ("work_status", "Situatie"),
    ("education_level", "Opleiding"),
    ("region", "Provincie"),
    ("municipality", "Woonplaats"),
    ("interests", "Interesses"),
    ("learn_while_earning", "Leren en verdienen tegelijk"),
)
VALUE_LABELS: Mapping[str, Mapping[str, str]] = {
    "current_sector": SECTOR_LABELS,
    "work_status": WORK_STATUS_LABELS,
    "education_level": EDUCATION_LABELS,
    "region": REGION_LABELS,
    "interests": INTEREST_LABELS,
}
