"""Recognises newcomers (statushouders) and foreign diplomas in what a person writes.

Used by the advice: a statushouder gets a route that combines learning Dutch with working,
a language step and the diploma evaluation step. Plain patterns on purpose: the words
people use for this are few and specific ("ik ben statushouder", "vluchteling",
"ik heb een verblijfsvergunning", "inburgering").
"""

from __future__ import annotations

import re

from knowledge.text import fold

# Routes only for newcomers: never shown to others, never counted in matching.
NEWCOMER_ROUTES: frozenset[str] = frozenset({"taal_en_werk_statushouders"})

_NEWCOMER = re.compile(
    r"\b(statushouder\w*|vluchteling\w*|verblijfsvergunning\w*|inburger\w*|asielzoeker\w*|"
    r"nieuwkomer\w*|gevlucht\w*|asiel|status gekregen|azc)\b")
_FOREIGN_DIPLOMA = re.compile(
    r"\b(diploma (uit|in) (een ander land|het buitenland|mijn land)|buitenlands\w* diploma"
    r"|diploma van (thuis|mijn land|mijn vaderland)|in mijn land (gestudeerd|geleerd))\b")


def is_newcomer(text: str) -> bool:
    """True when the text says the person is a statushouder or refugee."""
    return bool(_NEWCOMER.search(fold(text or "")))


def has_foreign_diploma(text: str) -> bool:
    return bool(_FOREIGN_DIPLOMA.search(fold(text or "")))


# Countries people name as where they come from or studied (Dutch and English names,
# folded). "ik kom uit Limburg" is no newcomer: only countries count.
_COUNTRIES = (
    r"syrie|syria|turkije|turkey|marokko|morocco|eritrea|afghanistan|irak|iraq|iran|"
    r"oekraine|ukraine|polen|poland|roemenie|romania|bulgarije|bulgaria|somalie|somalia|"
    r"ethiopie|ethiopia|soedan|sudan|jemen|yemen|pakistan|india|bangladesh|suriname|"
    r"brazilie|brazil|venezuela|colombia|nigeria|ghana|egypte|egypt|algerije|algeria|"
    r"tunesie|tunisia|libie|libya|rusland|russia|belarus|wit rusland|georgie|georgia|"
    r"armenie|armenia|azerbeidzjan|bosnie|bosnia|servie|serbia|kosovo|albanie|albania|"
    r"hongarije|hungary|litouwen|lithuania|letland|latvia|spanje|spain|portugal|italie|"
    r"italy|griekenland|greece|china|vietnam|filipijnen|philippines|indonesie|indonesia|"
    r"jordanie|jordan|libanon|lebanon|palestina|palestine|congo|kameroen|cameroon|"
    r"zuid afrika|south africa|peru|chili|chile|argentinie|argentina|mexico|cuba|"
    r"kroatie|croatia|slowakije|slovakia|tsjechie|czechia|moldavie|moldova|kazachstan|"
    r"oezbekistan|tadzjikistan|sri lanka|nepal|guinee|guinea|mali|senegal|kenia|kenya|"
    r"oeganda|uganda|burundi|rwanda|zimbabwe|angola|mozambique|koerdistan|kurdistan")
_NATIONALITY = (
    r"syrisch\w*|turks\w*|marokkaans\w*|eritrees\w*|afghaans\w*|iraaks\w*|iraans\w*|"
    r"oekraiens\w*|pools\w*|roemeens\w*|bulgaars\w*|somalisch\w*|russisch\w*|"
    r"buitenlands\w*|foreign|syrian|turkish|ukrainian|polish")
_NEWCOMER_ANY = re.compile(
    r"\b(ik kom|kom|ik kwam|kwam|komen|i come|i am|i m|ik ben)\s+(oorspronkelijk\s+)?"
    r"(uit|van|from)\s+(" + _COUNTRIES + r")\b"
    r"|\b(diploma\w*|opleiding|studie|degree|gestudeerd|gewerkt|werkte|studied|worked|"
    r"ervaring|geleerd)\s+(\w+\s+){0,3}(in|uit|from)\s+(het\s+)?(" + _COUNTRIES
    + r"|buitenland|abroad|mijn\s+(eigen\s+)?(land|thuisland|vaderland))\b"
    r"|\b(" + _NATIONALITY + r")\s+(diploma\w*|opleiding|degree|papieren)\b"
    r"|\b(nieuw|net|pas|sinds kort|kort)\s+(\w+\s+){0,3}in\s+nederland\b"
    r"|\b(naar|in)\s+nederland\s+(gekomen|gevlucht|verhuisd|geemigreerd)\b"
    r"|\bin\s+(mijn\s+)?(eigen\s+)?(thuisland|vaderland|land van herkomst)\b"
    r"|\bin\s+mijn\s+land\s+(was|werkte|heb|deed|studeerde)\b"
    r"|\b(refugee|asylum|residence permit|new to the netherlands|new in the netherlands|"
    r"integration course|status holder|verblijfsstatus|verblijfsdocument|"
    r"taalschool|nt2|staatsexamen nt2|idw)\b")


def recognise_newcomer(text: str) -> bool:
    """True when the person says they are new to the Netherlands in any words: a permit,
    inburgering, fleeing, a country they come from, or a job or diploma from abroad."""
    folded = " ".join(fold(text or "").replace("'", " ").replace("-", " ").split())
    return bool(_NEWCOMER.search(folded) or _FOREIGN_DIPLOMA.search(folded)
                or _NEWCOMER_ANY.search(folded))
