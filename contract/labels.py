"""One Dutch label per contract value and purpose.

Purposes:
- ``button``: what a person taps (first person where it reads naturally: "Ik heb WW");
- ``short``: a lowercase noun phrase for lists, cards and summaries ("WW-uitkering");
- ``sentence``: a phrase that fits in running text ("je hebt een WW-uitkering").

``label("sector", "horeca", "button")`` -> "Horeca". Unknown values come back unchanged,
so a new value never breaks a channel; ``tests/contract`` checks that every value has all
three labels.
"""

from __future__ import annotations

from typing import Any

from contract import values

PURPOSES: tuple[str, ...] = ("button", "short", "sentence")

# kind -> value -> (button, short, sentence)
LABELS: dict[str, dict[str, tuple[str, str, str]]] = {
    "sector": {
        "horeca": ("Horeca", "horeca", "in de horeca"),
        "retail": ("Winkel", "winkel (retail)", "in een winkel"),
        "logistiek_transport": ("Logistiek en transport", "logistiek en transport",
                                "in de logistiek of het transport"),
        "zorg_welzijn": ("Zorg en welzijn", "zorg en welzijn", "in de zorg of het welzijn"),
        "onderwijs_kinderopvang": ("Onderwijs of kinderopvang", "onderwijs en kinderopvang",
                                   "in het onderwijs of de kinderopvang"),
        "kantoor_administratie": ("Kantoor", "kantoor en administratie", "op een kantoor"),
        "klantenservice": ("Klantenservice", "klantenservice", "bij een klantenservice"),
        "schoonmaak_facilitair": ("Schoonmaak", "schoonmaak en facilitair",
                                  "in de schoonmaak"),
        "beveiliging": ("Beveiliging", "beveiliging", "in de beveiliging"),
        "defensie": ("Defensie", "defensie", "bij defensie"),
        "agrarisch_groen": ("Boerderij of groen", "agrarisch en groen",
                            "op een boerderij of in het groen"),
        "bouw": ("Bouw", "bouw", "in de bouw"),
        "industrie_productie": ("Fabriek of productie", "industrie en productie",
                                "in een fabriek of de productie"),
        "techniek_installatie": ("Techniek", "techniek en installatie", "in de techniek"),
        "ict": ("ICT", "ICT", "in de ICT"),
        "financiele_dienstverlening": ("Bank of verzekeraar", "financiële dienstverlening",
                                       "bij een bank of verzekeraar"),
        "cultuur_sport_recreatie": ("Cultuur, sport of recreatie", "cultuur, sport en recreatie",
                                    "in cultuur, sport of recreatie"),
        "overheid": ("Overheid", "overheid", "bij de overheid"),
        "overig": ("Iets anders", "iets anders", "in een andere sector"),
    },
    "work_status": {
        "werkend": ("Ik heb werk", "werkt", "je hebt werk"),
        "ww": ("Ik heb WW", "WW-uitkering", "je hebt een WW-uitkering"),
        "bijstand": ("Ik heb bijstand", "bijstandsuitkering", "je krijgt bijstand"),
        "zzp": ("Ik ben zzp'er", "zzp'er", "je werkt voor jezelf (zzp)"),
        "student": ("Ik studeer", "student", "je studeert"),
        "werkzoekend_zonder_uitkering": ("Ik zoek werk, zonder uitkering",
                                         "werkzoekend zonder uitkering",
                                         "je zoekt werk en hebt geen uitkering"),
        "anders": ("Iets anders", "anders", "je situatie is anders"),
    },
    "interest": {
        "met_handen": ("Met mijn handen werken", "met je handen werken",
                       "je werkt graag met je handen"),
        "sleutelen": ("Sleutelen en repareren", "sleutelen en repareren",
                      "je sleutelt en repareert graag"),
        "elektra": ("Elektra", "elektra", "je houdt van elektra en elektronica"),
        "computers": ("Computers", "computers", "je werkt graag met computers"),
        "puzzelen": ("Problemen oplossen", "problemen oplossen",
                     "je lost graag problemen op"),
        "precisie": ("Precies werk", "precies werk", "je werkt graag heel precies"),
        "buiten": ("Buiten werken", "buiten werken", "je werkt graag buiten"),
        "bouwen": ("Bouwen en monteren", "bouwen en monteren",
                   "je bouwt en monteert graag"),
        "ontwerpen": ("Tekenen en ontwerpen", "tekenen en ontwerpen",
                      "je tekent en ontwerpt graag"),
        "mensen": ("Met mensen werken", "met mensen werken", "je werkt graag met mensen"),
        "duurzaamheid": ("Duurzame energie", "duurzame energie",
                         "je vindt duurzame energie belangrijk"),
        "voertuigen": ("Auto's en voertuigen", "auto's en voertuigen",
                       "je houdt van auto's en andere voertuigen"),
        "machines": ("Machines", "machines", "je werkt graag met machines"),
        "voeding": ("Eten en voeding", "eten en voeding", "je vindt eten en voeding leuk"),
        "zorg": ("Techniek in de zorg", "techniek in de zorg",
                 "je wilt met techniek mensen in de zorg helpen"),
        "onderweg": ("Onderweg zijn", "onderweg zijn", "je bent graag onderweg"),
    },
    "province": {
        p: (name, name, f"in {name}") for p, name in {
            "groningen": "Groningen", "friesland": "Friesland", "drenthe": "Drenthe",
            "overijssel": "Overijssel", "flevoland": "Flevoland", "gelderland": "Gelderland",
            "utrecht": "Utrecht", "noord-holland": "Noord-Holland",
            "zuid-holland": "Zuid-Holland", "zeeland": "Zeeland",
            "noord-brabant": "Noord-Brabant", "limburg": "Limburg",
        }.items()
    },
    "education_level": {
        "geen": ("Geen diploma", "geen diploma", "je hebt geen diploma"),
        "vmbo": ("vmbo of mavo", "vmbo", "je hebt een vmbo-diploma"),
        "mbo1": ("mbo 1 (entree)", "mbo 1", "je hebt mbo niveau 1"),
        "mbo2": ("mbo 2", "mbo 2", "je hebt mbo niveau 2"),
        "mbo3": ("mbo 3", "mbo 3", "je hebt mbo niveau 3"),
        "mbo4": ("mbo 4", "mbo 4", "je hebt mbo niveau 4"),
        "havo": ("havo", "havo", "je hebt een havo-diploma"),
        "vwo": ("vwo", "vwo", "je hebt een vwo-diploma"),
        "hbo": ("hbo", "hbo", "je hebt een hbo-diploma"),
        "wo": ("Universiteit", "universiteit (wo)", "je hebt een universitair diploma"),
    },
    "route_kind": {
        "bbl": ("Leren en werken (bbl)", "leren en werken (bbl)",
                "een bbl-opleiding: je werkt en leert tegelijk"),
        "bol": ("Naar school met stage (bol)", "opleiding op school (bol)",
                "een bol-opleiding: je gaat naar school en loopt stage"),
        "cursus": ("Cursus", "cursus", "een cursus"),
        "praktijkverklaring": ("Praktijkverklaring", "praktijkverklaring",
                               "een praktijkverklaring: bewijs van wat je in de praktijk kunt"),
        "certificaat": ("Certificaat", "certificaat", "een certificaat"),
        "associate_degree": ("Associate degree", "associate degree",
                             "een associate degree: een korte hbo-opleiding van twee jaar"),
        "hbo_deeltijd": ("Hbo in deeltijd", "hbo in deeltijd",
                         "een hbo-opleiding naast je werk"),
        "bedrijfsopleiding": ("Opleiding bij een bedrijf", "opleiding bij een bedrijf",
                              "een opleiding bij een bedrijf"),
        "leerwerktraject": ("Leerwerktraject", "leerwerktraject",
                            "een leerwerktraject: werken en leren bij een bedrijf"),
    },
    "funding_audience": {
        "werknemer": ("Werknemers", "werknemers", "voor mensen met een baan"),
        "werkgever": ("Werkgevers", "werkgevers", "voor werkgevers"),
        "ww": ("Mensen met WW", "mensen met WW", "voor mensen met een WW-uitkering"),
        "bijstand": ("Mensen met bijstand", "mensen in de bijstand",
                     "voor mensen in de bijstand"),
        "zzp": ("Zzp'ers", "zzp'ers", "voor zzp'ers"),
        "student": ("Studenten", "studenten", "voor studenten"),
        "iedereen": ("Iedereen", "iedereen", "voor iedereen"),
    },
    "outcome": {
        "recommendations_given": ("Beroepen getoond", "beroepen getoond",
                                  "de persoon heeft beroepen gekregen"),
        "steps_given": ("Stappen gegeven", "stappen gegeven",
                        "de persoon heeft volgende stappen gekregen"),
        "handover_requested": ("Adviseur gevraagd", "adviseur gevraagd",
                               "de persoon wil een adviseur spreken"),
        "abandoned": ("Gestopt", "gestopt", "de persoon is gestopt"),
        "in_progress": ("Bezig", "bezig", "het gesprek loopt nog"),
    },
    "payload_type": {
        "profile_summary": ("Jouw gegevens", "profiel", "wat je over jezelf vertelde"),
        "recommendations": ("Beroepen", "beroepen", "beroepen die bij je passen"),
        "routes": ("Opleidingen", "opleidingen", "hoe je het beroep kunt leren"),
        "funding": ("Wie betaalt", "geld en regelingen", "wie de opleiding kan betalen"),
        "next_steps": ("Wat doe ik nu", "volgende stappen", "wat je nu kunt doen"),
        "fallback": ("Niet begrepen", "niet begrepen", "de bot begreep het niet"),
    },
}

# Contract extension (issue #22): limit value -> (button, short, sentence), like LABELS.
LIMIT_LABELS: dict[str, tuple[str, str, str]] = {
    "geen_zwaar_werk": ("Geen zwaar werk", "geen zwaar werk",
                        "je kunt geen zwaar lichamelijk werk doen"),
    "geen_hoogte": ("Niet op hoogte", "niet op hoogte werken", "je werkt liever niet op hoogte"),
    "geen_ploegen": ("Geen ploegendienst", "geen ploegendienst of nachtwerk",
                     "je werkt niet in ploegen of 's nachts"),
    "geen_rijbewijs": ("Geen rijbewijs", "geen rijbewijs", "je hebt geen rijbewijs"),
    "deeltijd": ("Alleen deeltijd", "alleen deeltijd", "je kunt alleen in deeltijd werken"),
}
# Field labels of the extension slots (cards, console).
EXTENSION_SLOT_LABELS: dict[str, str] = {
    "wished_profession": "Beroep dat je wilt",
    "limits": "Waar we rekening mee houden",
    "age": "Leeftijd",
    "newcomer": "Nieuw in Nederland",
}


# Reasons per interest for recommendations, B1, second person, in the person's terms
# (moved here from knowledge/recognise/lexicon.py: user-facing text lives in contract/).
INTEREST_REASONS: dict[str, str] = {
    "met_handen": "Je werkt graag met je handen",
    "sleutelen": "Je vindt sleutelen en repareren leuk",
    "elektra": "Je hebt interesse in stroom en elektronica",
    "computers": "Je houdt van computers en techniek op een scherm",
    "puzzelen": "Je zoekt graag uit hoe iets werkt en waarom iets kapot is",
    "precisie": "Je werkt graag precies en netjes",
    "buiten": "Je werkt graag buiten",
    "bouwen": "Je vindt het leuk om dingen te bouwen en in elkaar te zetten",
    "ontwerpen": "Je tekent en ontwerpt graag",
    "mensen": "Je werkt graag met mensen",
    "duurzaamheid": "Je wilt meehelpen aan duurzame energie",
    "voertuigen": "Je hebt iets met auto's en andere voertuigen",
    "machines": "Je vindt machines interessant",
    "voeding": "Je hebt interesse in eten en voeding",
    "zorg": "Je wilt met techniek mensen in de zorg helpen",
    "onderweg": "Je houdt van afwisseling en onderweg zijn",
}

# Slot names as Dutch field labels (cards, console, Telegram summaries).
SLOT_LABELS: dict[str, str] = {
    "current_job": "Werk nu of laatst",
    "current_job_esco": "Beroep (ESCO)",
    "current_sector": "Sector",
    "work_status": "Situatie",
    "interests": "Wat je leuk vindt",
    "region": "Provincie",
    "municipality": "Woonplaats",
    "education_level": "Opleiding",
    "learn_while_earning": "Leren en verdienen tegelijk",
}


# Card headings per payload type, the same in every channel (widget, Telegram, route card
# HTML and PDF); "contact" heads the regional contact inside the next-steps card.
CARD_HEADINGS: dict[str, str] = {
    "profile_summary": "Dit weet ik van je",
    "recommendations": "Beroepen die bij je passen",
    "routes": "Zo word je het",
    "funding": "Wie kan meebetalen",
    "next_steps": "Dit kun je nu doen",
    "contact": "Hier kun je terecht",
}
# The routes heading when the card names its profession (Telegram, route card).
ROUTES_HEADING_NAMED = "Zo word je {name}"


def card_heading(payload_type: str, name: str = "") -> str:
    """The heading of a card; routes of a named profession say which."""
    if payload_type == "routes" and name:
        return ROUTES_HEADING_NAMED.format(name=name)
    return CARD_HEADINGS[payload_type]


def label(kind: str, value: Any, purpose: str = "short") -> str:
    """Dutch label of a contract value; unknown values come back as text."""
    index = PURPOSES.index(purpose)
    entry = LABELS.get(kind, {}).get(str(value))
    return entry[index] if entry else str(value)


def names(kind: str, purpose: str = "short") -> dict[str, str]:
    """All labels of one value set, in contract order: {value: label}."""
    return {v: label(kind, v, purpose) for v in values.VALUE_SETS[kind]}


def slot_value(slot: str, value: Any, purpose: str = "short") -> str:
    """A profile slot's value as Dutch text: lists joined, booleans ja/nee, codes as words."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(slot_value(slot, v, purpose) for v in value if v not in (None, ""))
    kind = values.SLOT_VALUE_SET.get(slot)
    return label(kind, value, purpose) if kind else str(value)


def export() -> dict[str, Any]:
    """Every label as plain data, for the widget build (contract/export.py)."""
    return {
        # The ESCO URI is for machines; cards never show it.
        "slots": {k: v for k, v in SLOT_LABELS.items() if k != "current_job_esco"},
        "slot_value_set": dict(values.SLOT_VALUE_SET),
        "card_headings": dict(CARD_HEADINGS),
        "values": {kind: {p: names(kind, p) for p in PURPOSES} for kind in values.VALUE_SETS},
    }
