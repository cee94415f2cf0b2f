"""The word cues that tell how to read a message: which words point to a job, a place,
a school level, a correction, a yes or a no. Kept apart so extraction.py holds only decisions."""

from __future__ import annotations

import re

JOB_CUE = re.compile(
    r"\b(ik\s+ben|ik\s+was|ben\s+ik|werk(?:te)?\s+als|werk(?:te)?\s+bij|werk(?:te)?\s+in|"
    r"mijn\s+(?:werk|baan|beroep|functie)\s+is|eigenlijk|bedoel)\b", re.I)
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
# Statuses, not jobs: they answer the work-status question and never replace a real job.
STATUS_JOBS = frozenset({"huisvrouw/huisman", "huisvrouw", "huisman", "student", "werkloze",
                          "mantelzorger", "vrijwilliger", "gepensioneerde"})
PLACE_CUE = re.compile(
    r"\b(in|uit|bij|te|woon\w*|regio|omgeving|buurt|provincie|verhuisd|wonen|woonachtig)\b",
    re.I)
EDU_CUE = re.compile(
    r"\b(mbo|hbo|vmbo|havo|vwo|wo|diploma\w*|niveau|opleiding|school|universiteit|"
    r"mavo|lts|mts|gediplomeerd|afgestudeerd|bachelor|master|bedoel)\b", re.I)
INTEREST_CUE = re.compile(
    r"\b(graag|leuk|interesse|hou\w*\s+van|houd\s+van|vind\s+ik|lijkt\s+me|liefst|"
    r"hobby|passie|trekt|bedoel)\b", re.I)
SECTOR_CUE = re.compile(r"\b(in\s+de|sector|branche|bij\s+de|werk\w*\s+(?:in|bij|op))\b", re.I)
NO_WORK = re.compile(
    r"\b(ik\s+werk\s+(nu\s+)?niet|geen\s+(werk|baan)|werkloos|nooit\s+gewerkt|"
    r"nog\s+nooit\s+gewerkt|zonder\s+werk|thuis\s*zittend|huisvrouw|huisman)\b", re.I)
DONT_KNOW = re.compile(r"\b(weet\s+(ik\s+)?niet|geen\s+idee|geen\s+flauw|geen\s+benul|"
                        r"snap\s+ik\s+niet|weetniet|idk)\b", re.I)
YES = re.compile(r"^\s*(ja+|jazeker|zeker|yes|jep|jup|klopt|graag|ok[eé]?|prima|"
                  r"natuurlijk|tuurlijk|liefst\s+wel|wel)\b", re.I)
NO = re.compile(r"^\s*(nee+|neen|nope|niet|liever\s+niet|no)\b", re.I)
TAGS = re.compile(r"<[^>]*>")
JOB_PREFIX = re.compile(
    r"^\s*(nee,?\s*)?(ik\s+ben\s+(eigenlijk\s+)?(een\s+)?|ik\s+was\s+(een\s+)?|"
    r"ik\s+werk(te)?\s+als\s+(een\s+)?|ik\s+doe\s+|mijn\s+(werk|baan|beroep)\s+is\s+|"
    r"als\s+)", re.I)
ORDINAL_LEVEL = re.compile(r"^\s*(?:niveau\s*)?([1-4])\s*$")
