"""The word patterns behind the cues of `message_reading`: which words point to a job, a
place, a school level, a correction, a yes or a no. Read by the NLU component only."""

from __future__ import annotations

import re

JOB_CUE = re.compile(
    r"\b(ik\s+ben|ik\s+was|ben\s+ik|werk(?:te)?\s+als|werk(?:te)?\s+bij|werk(?:te)?\s+in|"
    r"mijn\s+(?:werk|baan|beroep|functie)\s+is|eigenlijk|bedoel|ik\s+doe|deed\s+ik|"
    r"ik\s+sta|ik\s+stond|ik\s+zat|ik\s+zit)\b", re.I)
# A request to start or to get help ("ik wil weten welk technisch beroep bij mij past",
# "kun je mij helpen aan ander werk"): it names what the person wants, not their job.
START_REQUEST = re.compile(
    r"\b(ik\s+wil|ik\s+zoek|ik\s+ben\s+op\s+zoek|zoek\s+ik|wil\s+ik|kun\s+je|kan\s+je|"
    r"kunt\s+u|kan\s+jij|kun\s+jij|help\s+me|help\s+mij|helpen|welk\w*\s+(beroep|baan|"
    r"werk|vak)|past\s+bij\s+m[ie]j?|bij\s+m[ie]j?\s+past|advies)\b", re.I)
EXPLICIT_JOB = re.compile(
    r"\b(ik\s+ben\s+(nu\s+)?(een\s+)?(?!op\s+zoek|toe\s+aan|benieuwd|op\b)\w+|"
    r"ik\s+was\s+\w+|werk(?:te)?\s+als|mijn\s+(?:werk|baan|beroep|functie)\s+is)\b", re.I)
# "ja" in a correction ("nee, ik woon in Deventer") answers nothing; a reason after it does.
CORRECTION_CUE = re.compile(
    r"\b(nee|eigenlijk|bedoel|toch|verkeerd|klopt\s+niet|verhuisd|verhuizen|verhuis|"
    r"inmiddels|tegenwoordig|woon\s+nu|nu\s+in|niet\s+meer|sorry)\b", re.I)
PLACE_CUE = re.compile(
    r"\b(in|uit|bij|te|woon\w*|regio|omgeving|buurt|provincie|verhuisd|wonen|woonachtig)\b",
    re.I)
EDU_CUE = re.compile(
    r"\b(mbo|hbo|vmbo|havo|vwo|wo|diploma\w*|niveau|opleiding|school|universiteit|"
    r"mavo|lts|mts|gediplomeerd|afgestudeerd|bachelor|master|bedoel|gymnasium|atheneum|"
    r"middelbare)\b", re.I)
INTEREST_CUE = re.compile(
    r"\b(graag|leuk|interesse|hou\w*\s+van|houd\s+van|vind\s+ik|lijkt\s+me|liefst|"
    r"hobby|passie|trekt|bedoel|liever|het\s+mooiste|genieten|geniet|boeien|boeit)\b", re.I)
SECTOR_CUE = re.compile(r"\b(in\s+de|sector|branche|bij\s+de|werk\w*\s+(?:in|bij|op))\b", re.I)
NO_WORK = re.compile(
    r"\b(ik\s+werk\s+(nu\s+)?niet|geen\s+(werk|baan)|werkloos|nooit\s+gewerkt|"
    r"nog\s+nooit\s+gewerkt|zonder\s+werk|thuis\s*zittend|huisvrouw|huisman)\b", re.I)
DONT_KNOW = re.compile(r"\b(weet\s+(ik\s+)?niet|geen\s+idee|geen\s+flauw|geen\s+benul|"
                       r"snap\s+ik\s+niet|weetniet|idk|don'?t\s+know)\b", re.I)
YES = re.compile(r"^\s*(ja+|jazeker|zeker|yes|jep|jup|klopt|graag|ok[eé]?|prima|"
                 r"natuurlijk|tuurlijk|liefst\s+wel|wel|goed|precies|dat\s+mag)\b", re.I)
NO = re.compile(r"^\s*(nee+|neen|nope|niet|liever\s+niet|no)\b", re.I)
SKIP = re.compile(r"^\s*(sla\s+(\w+\s+){0,3}over|overslaan|skip|volgende\s+vraag)\b", re.I)
FOREIGN = re.compile(r"\b(ander\s+land|buitenland\w*|niet\s+uit\s+nederland|uit\s+het\s+"
                     r"buitenland)\b", re.I)
TAGS = re.compile(r"<[^>]*>")
JOB_PREFIX = re.compile(
    r"^\s*(nee,?\s*)?(ik\s+ben\s+(eigenlijk\s+)?(een\s+)?|ik\s+was\s+(een\s+)?|"
    r"ik\s+werk(te)?\s+als\s+(een\s+)?|ik\s+doe\s+|mijn\s+(werk|baan|beroep)\s+is\s+|"
    r"als\s+)", re.I)
ORDINAL_LEVEL = re.compile(r"^\s*(?:niveau\s*)?([1-4])\s*$")
# A question mark, a question word first, or a verb first with its subject after it
# ("kan ik ...", "heb je ..."); "heb mbo 2" (the subject left out) is a statement.
QUESTION = re.compile(
    r"\?|^\s*(wat|hoe|waar|wie|welke?|wanneer|waarom|hoeveel|how|what|where|which|when|"
    r"why|who)\b|"
    r"^\s*(kan|kun|kunt|mag|moet|is|ben|heb|hebben|krijg|krijgen|hou|houd|zijn|word|wordt|"
    r"gaat|lukt|verdien|verdient|zit|werk|werkt|betalen|betaalt|heeft|doe|doet|kunnen|"
    r"moeten|mogen|zou|zouden)\s+(ik|je|jij|u|dat|het|er|men|we|wij|jullie|ze|zij|"
    r"een|die|zo'?n|techniek|dit)\b", re.I)
# Where a message turns from telling to asking: a sentence end, or a comma before a
# question word ("ik ben kok, wat verdient een lasser").
CLAUSE_END = re.compile(r"[.!?;]+\s*|,\s*(?=(?:en\s+)?(?:wat|hoe|waar|wie|welke?|wanneer|"
                        r"waarom|kan|kun|mag|moet|is|ben|heb)\s+(?:ik|je|jij|u|dat|het|er|"
                        r"een|die|we)?\b)", re.I)
# "Kan dat met alleen een mbo 1?": the person's own level inside a question.
OWN_LEVEL = re.compile(r"\b(met\s+(alleen\s+)?(een\s+|mijn\s+)?|alleen\s+(een\s+)?|ik\s+heb\s+"
                       r"(alleen\s+)?(een\s+)?|maar\s+)(mbo|vmbo|mavo|havo|vwo|hbo|diploma|"
                       r"basisschool|lts|mts)", re.I)

# Backup for the interest recogniser when the interests question gets a loose answer
# (word stems, in order).
INTEREST_WORDS: tuple[tuple[str, str], ...] = (
    ("puzzelen", r"problemen\s+op|oplossen|puzzel|uitzoeken|storing|waarom\s+iets|"
                 r"kapot|stuk\s+gaat|zoeken\s+wat"),
    ("met_handen", r"handen|handig|klus|praktisch|\blass|metaal"),
    ("sleutelen", r"sleutel|repar|motor|monteur|maken\s+wat\s+stuk"),
    ("elektra", r"elektr|stroom"),
    ("computers", r"computer|\bpc\b|\bict\b|program|gamen|software|laptop|wifi|internet|"
                  r"router|netwerk"),
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
# Phone numbers and e-mail addresses given as a contact for an adviser, or "this chat".
PHONE = re.compile(r"(\+?\d[\d\s-]{8,14}\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
VIA_CHAT = re.compile(r"\b(chat|hier|via\s+deze|app|berichtje)\b", re.I)
# "de tweede", "nummer 3", "die laatste": a choice among the listed professions.
ORDINAL_CHOICE = re.compile(
    r"\b(?:nummer|nr\.?|de|die|optie|keuze)?\s*(eerste|tweede|derde|vierde|vijfde|laatste|"
    r"[1-5]e?)\b", re.I)
BARE_NUMBER = re.compile(r"\s*(nummer|nr\.?|optie|keuze)?\s*\d\s*")
# Asking for a person: an adviser, a human, a call back ("bankmedewerker" is no such word).
ASKS_FOR_PERSON = re.compile(
    r"\b(adviseur\w*|mens(en)?\s+spreken|echt(e)?\s+mens|iemand\s+(spreken|bellen)|"
    r"persoon|human|real\s+person|bel\s+me|terugbellen|contact\s+met\s+iemand|"
    r"medewerker\s+spreken|hulp\s+van\s+iemand|coach)\b", re.I)
