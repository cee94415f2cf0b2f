"""Dutch labels for slot names and values, for route cards (HTML and PDF)."""

from __future__ import annotations

from typing import Any, Dict

SLOT_LABELS: Dict[str, str] = {
    "current_job": "Werk nu of laatst",
    "current_sector": "Sector nu",
    "work_status": "Situatie",
    "interests": "Wat je leuk vindt",
    "region": "Provincie",
    "municipality": "Woonplaats",
    "education_level": "Opleiding",
    "learn_while_earning": "Leren en verdienen tegelijk",
}

VALUE_LABELS: Dict[str, str] = {
    # work_status
    "werkend": "werkt", "ww": "WW-uitkering", "bijstand": "bijstandsuitkering",
    "zzp": "zzp'er", "student": "student",
    "werkzoekend_zonder_uitkering": "werkzoekend zonder uitkering", "anders": "anders",
    # current_sector
    "horeca": "horeca", "retail": "winkel (retail)",
    "logistiek_transport": "logistiek en transport", "zorg_welzijn": "zorg en welzijn",
    "onderwijs_kinderopvang": "onderwijs en kinderopvang",
    "kantoor_administratie": "kantoor en administratie", "klantenservice": "klantenservice",
    "schoonmaak_facilitair": "schoonmaak en facilitair", "beveiliging": "beveiliging",
    "defensie": "defensie", "agrarisch_groen": "agrarisch en groen", "bouw": "bouw",
    "industrie_productie": "industrie en productie",
    "techniek_installatie": "techniek en installatie", "ict": "ICT",
    "financiele_dienstverlening": "financiële dienstverlening",
    "cultuur_sport_recreatie": "cultuur, sport en recreatie", "overheid": "overheid",
    "overig": "overig",
    # interests
    "met_handen": "met je handen werken", "sleutelen": "sleutelen", "elektra": "elektra",
    "computers": "computers", "puzzelen": "puzzelen en problemen oplossen",
    "precisie": "precies werk", "buiten": "buiten werken", "bouwen": "bouwen en monteren",
    "ontwerpen": "ontwerpen en tekenen", "mensen": "met mensen werken",
    "duurzaamheid": "duurzaamheid en energie", "voertuigen": "voertuigen",
    "machines": "machines", "voeding": "voeding", "zorg": "techniek in de zorg",
    "onderweg": "onderweg zijn",
    # region
    "groningen": "Groningen", "friesland": "Fryslân", "drenthe": "Drenthe",
    "overijssel": "Overijssel", "flevoland": "Flevoland", "gelderland": "Gelderland",
    "utrecht": "Utrecht", "noord-holland": "Noord-Holland", "zuid-holland": "Zuid-Holland",
    "zeeland": "Zeeland", "noord-brabant": "Noord-Brabant", "limburg": "Limburg",
    # education_level
    "geen": "geen diploma", "vmbo": "vmbo", "mbo1": "mbo 1", "mbo2": "mbo 2", "mbo3": "mbo 3",
    "mbo4": "mbo 4", "havo": "havo", "vwo": "vwo", "hbo": "hbo", "wo": "wo",
}

ROUTE_KIND_LABELS: Dict[str, str] = {
    "bbl": "leren en werken (bbl)", "bol": "opleiding op school (bol)", "cursus": "cursus",
    "praktijkverklaring": "praktijkverklaring", "certificaat": "certificaat",
    "associate_degree": "associate degree", "hbo_deeltijd": "hbo in deeltijd",
    "bedrijfsopleiding": "opleiding bij een bedrijf", "leerwerktraject": "leerwerktraject",
}


def value_label(value: Any) -> str:
    """A slot value as Dutch text: lists joined, booleans as ja/nee, codes as words."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(value_label(v) for v in value if v not in (None, ""))
    text = str(value)
    return VALUE_LABELS.get(text, text)
