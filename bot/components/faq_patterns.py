"""Which frequent question is this, by its words: the backup of the learned topic in
`FaqTopicClassifier`, which puts one final topic in the parse. Topic names match
knowledge/data/faq.csv."""

from __future__ import annotations

import re
from typing import Optional


def _knowledge_topic(text: str) -> Optional[str]:
    import knowledge  # deferred: the knowledge base loads on first use

    return knowledge.recognise_faq_topic(text)


# Topics real people ask (issue 11), checked before the general ones: each needs two
# things together ("zzp" and "subsidie"), so a plain mention of one never picks it.
SPECIFIC_TOPICS: tuple[tuple[str, str], ...] = (
    ("wia_wajong", r"\b(wia|wajong|wao|arbeidsongeschikt\w*|arbeidsbeperking)\b"),
    ("uren_school", r"(hoeveel|hoe\s+veel|aantal)\s+(uur|uren|dagen|dag)\b.{0,40}"
                    r"\b(school|les|lessen)\b|\b(uur|uren|dagen|dag)\s+(per|in\s+de)\s+week\b"
                    r".{0,30}\b(school|les)|\b(school|les)\w*\b.{0,30}\b(uur|uren|dagen)\s+per"
                    r"\s+week"),
    ("schooltijden", r"schooltijd\w*|schooluren|onder\s+schooltijd|als\s+de\s+kinderen\s+op"
                     r"\s+school|alleen\s+overdag\s+werken"),
    ("zzp_subsidie", r"\b(zzp\w*|zelfstandige\w*|eigen\s+bedrijf)\b.{0,60}\b(subsidie\w*|"
                     r"vergoeding|regeling\w*|betaal\w*|geld)\b|\b(subsidie\w*|regeling\w*)\b"
                     r".{0,60}\b(zzp\w*|zelfstandige\w*)\b"),
    ("geld_zonder_uitkering", r"\b(geen|zonder)\s+(uitkering|ww|bijstand)\b.{0,60}\b(geld|"
                              r"leven|inkomen|betalen|rond|rondkomen|huur)\b|\b(geld|leven|inkomen|"
                              r"rond|rondkomen|huur)\b.{0,60}\b(geen|zonder)\s+(uitkering|ww|"
                              r"bijstand)\b"),
    ("loon_leerling", r"\b(als|een)\s+(leerling|bbl\W?er|leerjongen|leermeisje)\b.{0,40}"
                      r"\b(verdien\w*|loon|salaris|betaald)|\b(verdien\w*|loon|salaris|"
                      r"betaald)\b.{0,40}\b(als|een)\s+(leerling|bbl)|leerlingloon|leerloon"),
    ("bootcamp", r"boot\s*-?camps?|spoedcursus|snelcursus|snel\s+omscholen"),
    ("verkort_hoger_opgeleid", r"\b(hbo|wo|universiteit|master|bachelor|hoger\s+opgeleid|"
                               r"hoogopgeleid\w*|academisch)\b.{0,80}\b(korter|sneller|verkort\w*|"
                               r"vrijstelling\w*|versneld\w*)|\b(korter|sneller|verkort\w*|"
                               r"versneld\w*|vrijstelling\w*)\b.{0,80}\b(hbo|wo|universiteit|"
                               r"master|bachelor|hoger\s+opgeleid)\b"),
    ("leren_bij_bedrijf", r"(bij\s+een\s+(bedrijf|werkgever|baas)|in\s+dienst)\b.{0,40}"
                          r"\b(beginnen|starten|leren|opgeleid|opleiden)\b|\b(beginnen|starten)"
                          r"\b.{0,30}\bbij\s+een\s+(bedrijf|werkgever)|\bbedrijf\w*\b.{0,30}"
                          r"\b(opleiden|leiden\s+.{0,10}op)\b|op\s+de\s+werkvloer\s+leren|"
                          r"leren\s+op\s+de\s+werkvloer"),
    ("wind_energie", r"\b(wind\w*|zonnepane\w*|warmtepomp\w*|energietransitie|energie)\b.{0,60}"
                     r"\b(zonder|geen)\s+(ervaring|achtergrond)|\b(zonder|geen)\s+(ervaring|"
                     r"achtergrond)\b.{0,60}\b(wind\w*|zonnepane\w*|warmtepomp\w*|energie)"),
)

FAQ_TOPICS = frozenset({
    "salaris", "opleidingsduur", "kosten", "leeftijd", "geen_diploma", "deeltijd",
    "taalniveau", "beroep_inhoud", "vrouwen", "fysiek", "vca", "rijbewijs",
    "uitkering_behouden", "gratis_hulp", "verdienen_tijdens_leren",
    *(name for name, _ in SPECIFIC_TOPICS),
})
ENDED_TOPIC = "stap_budget"
_ENDED_WORDS = re.compile(
    r"\b(stap|stap-?budget|stapbudget|scholingsaftrek|aftrek\w*|nl\s*leert\s*door|rmt)\b",
    re.I)
# Backup for knowledge.recognise_faq_topic: first matching pattern wins, so the more
# specific topics come first ("wat kost een vca cursus" is about VCA).
_TOPIC_PATTERNS: tuple[tuple[str, str], ...] = (
    ("vca", r"\bvca\b|veiligheidsdiploma"),
    ("rijbewijs", r"rijbewijs|auto\s*rijden|autorijden|geen\s+auto|bus\s+van\s+de\s+zaak"),
    ("uitkering_behouden", r"uitkering|\bww\b|bijstand|\buwv\b"),
    # \btaal: "betaald" contains "taal" and is not about language.
    ("taalniveau", r"nederlands|\btaal|statushouder|\ba2\b|\bb1\b"),
    ("leeftijd", r"\boud\b|oudere|leeftijd|\b[1-9]\d\s*(jaar|e\b)|te\s+laat|\bben\s+\d\d|"
                 r"\bal\s+\d\d|pas\s+\d\d"),
    ("vrouwen", r"vrouw|moeder|mannenwereld|meisje"),
    ("fysiek", r"zwaar|tillen|rug|knie|fit\b|sterk|hoogte|lichamelijk"),
    ("geen_diploma", r"diploma|papieren|school\s+niet\s+afgemaakt|zonder\s+opleiding"),
    ("verdienen_tijdens_leren", r"\bbbl\b|\bbol\b|leerbaan|tijdens\s+(de\s+)?opleiding|"
                                r"terwijl\s+ik\s+leer|werken\s+en\s+leren|als\s+leerling"),
    ("deeltijd", r"deeltijd|part\s*-?time|naast\s+mijn|avond|combineren|eigen\s+tempo|"
                 r"minder\s+uren"),
    ("salaris", r"verdien|salaris|loon|lonen|betaald\s+als|krijg\s+je\s+betaald"),
    ("kosten", r"kost|betalen|gratis|duur\b|cursusgeld|lesgeld"),
    ("opleidingsduur", r"hoe\s*lang|duur[t]|maanden|hoeveel\s+jaar|sneller|kort\b|hoe\s+snel|"
                       r"hoeveel\s+tijd"),
    ("gratis_hulp", r"helpen|hulp|advies|loket|werkcentrum|adviseur|terecht"),
    ("beroep_inhoud", r"wat\s+doe|wat\s+is\s+(een|dat)|werkdag|houdt|wat\s+moet\s+je\s+doen|"
                      r"voor\s+werk"),
)


# "ik werk al 30 jaar op kantoor": a number of years of work, not an age.
_YEARS_OF_WORK = re.compile(
    r"\b(al|sinds|ruim|bijna|meer\s+dan|zo'?n)\s+\d+\s+jaar\s+(op|in|bij|als|aan|voor|"
    r"werk\w*|gewerkt)\b|\b(werk|werkte|gewerkt)\s+(al\s+)?\d+\s+jaar\b", re.I)


# The NLU component bot/components/faq_topic.py learns the topic from the faq examples;
# below this confidence its guess is not used and the word patterns decide.
LEARNED_MIN_CONFIDENCE = 0.3
LEARNED_WEAK_CONFIDENCE = 0.15


def final_topic(text: str, learned: Optional[str], confidence: float
                ) -> tuple[Optional[str], float]:
    """(topic, confidence) of a message: the learned topic when it is sure enough, else
    the word patterns. A scheme that has ended is named by its own name, so those names
    always win (the person must hear that it is over)."""
    by_words = pick_topic(text)
    if by_words == ENDED_TOPIC:
        return ENDED_TOPIC, 1.0
    if learned not in FAQ_TOPICS and learned != ENDED_TOPIC:
        learned, confidence = None, 0.0
    if learned and confidence >= LEARNED_MIN_CONFIDENCE:
        return learned, confidence
    # Unsure: the word patterns first, then a weaker learned guess rather than no answer.
    if by_words:
        return by_words, max(confidence, LEARNED_MIN_CONFIDENCE)
    if learned and confidence >= LEARNED_WEAK_CONFIDENCE:
        return learned, confidence
    return None, 0.0


def pick_topic(text: str) -> Optional[str]:
    """The FAQ topic of a question from word patterns (backup of the learned topic)."""
    text = _YEARS_OF_WORK.sub(" ", text)
    if _ENDED_WORDS.search(text):
        return ENDED_TOPIC
    for name, pattern in SPECIFIC_TOPICS:
        if re.search(pattern, text, re.I):
            return name
    topic = _knowledge_topic(text)
    if topic in FAQ_TOPICS:
        return topic
    for name, pattern in _TOPIC_PATTERNS:
        if re.search(pattern, text, re.I):
            return name
    return None


