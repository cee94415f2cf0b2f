"""Ranks our professions for a person's profile and explains each match in their terms.

Score (0..1) = 0.40 interests + 0.25 transferable background + 0.15 education fit
+ 0.10 learn-while-earning fit + 0.10 shortage, plus 0.08 when a campaign's sector focus
matches. Physical demands are never guessed. Ties break on profession id, so the same
profile always gives the same list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from knowledge import vocab
from knowledge.kb import KnowledgeBase
from knowledge.match_index import ProfessionFacts
from knowledge.newcomers import NEWCOMER_ROUTES
from knowledge.recognise.lexicon import INTEREST_REASONS

WEIGHTS = {"interests": 0.40, "background": 0.25, "education": 0.15, "lwe": 0.10,
           "shortage": 0.10}
CAMPAIGN_BONUS = 0.08
# Campaign pages may name a sector loosely; map to our profession sectors.
_CAMPAIGN_SECTOR_ALIASES = {"elektrotechniek": "elektro", "techniek": "", "installatietechniek":
                            "installatie", "maak": "metaal", "maakindustrie": "metaal",
                            "energietransitie": "energie", "procesindustrie": "proces",
                            "voeding": "food", "agro": "agrotechniek", "zorg": "medische_techniek"}


@dataclass(frozen=True)
class PersonFacts:
    """What matching needs from a profile, derived once per call."""

    interests: tuple[str, ...]
    isco08: str | None
    job_label: str | None
    sector: str | None
    education: str | None
    needs_income: bool
    campaign_sector: str | None
    job_words: str | None = None  # the person's own word for their job ("boer")


def person_facts(kb: KnowledgeBase, profile: dict[str, Any],
                 campaign: dict[str, Any] | None) -> PersonFacts:
    raw_interests = profile.get("interests") or []
    if isinstance(raw_interests, str):  # a slot filled with one value instead of a list
        raw_interests = [raw_interests]
    interests = tuple(dict.fromkeys(i for i in raw_interests if i in vocab.INTERESTS))
    isco08 = job_label = None
    sector = profile.get("current_sector") if profile.get("current_sector") in \
        vocab.CURRENT_SECTORS else None
    uri = profile.get("current_job_esco")
    if uri and uri in kb.esco_occupations:
        isco08, job_label = kb.esco_occupations[uri]
    elif profile.get("current_job"):
        job = kb.jobs.recognise(str(profile["current_job"]))
        if job is not None:
            isco08, job_label = job["isco08"], job["label"]
            sector = sector or job["sector"]
    if profile.get("current_job") and not job_label:
        job_label = str(profile["current_job"])
    education = profile.get("education_level")
    campaign_sector = (campaign or {}).get("sector") or profile.get("campaign_sector")
    if campaign_sector:
        campaign_sector = _CAMPAIGN_SECTOR_ALIASES.get(campaign_sector, campaign_sector)
    typed = str(profile.get("current_job_text") or "").strip() or None
    return PersonFacts(interests, isco08, job_label, sector,
                       education if education in vocab.EDUCATION_RANK else None,
                       profile.get("learn_while_earning") is True, campaign_sector or None,
                       typed)


_ALS_JOB = re.compile(r"^Als (?:een |de )?(.+?) (\w+ je\b)")


def in_own_words(reason: str, job_words: str | None) -> str:
    """'Als boerenknecht werk je ...' -> 'Als boer werk je ...' when the person said 'boer':
    their word for their job, not our taxonomy's."""
    if not job_words:
        return reason
    return _ALS_JOB.sub(lambda m: f"Als {job_words} {m.group(2)}", reason, count=1)


def _short_name(prof: dict[str, Any]) -> str:
    return prof["name"].split(" (")[0].lower()


def _interest_reason(interest: str, prof: dict[str, Any]) -> str:
    return INTEREST_REASONS[interest]


def starts_without_diploma(kb: KnowledgeBase, prof: dict[str, Any]) -> bool:
    return kb.profession_facts[prof["id"]].starts_without_diploma


def work_learn_routes(kb: KnowledgeBase, prof_id: str) -> list[dict[str, Any]]:
    return [kb.routes[r] for r in kb.routes_by_profession.get(prof_id, ())
            if kb.routes[r]["learn_while_earning"] and r not in NEWCOMER_ROUTES]


def _education_score(person: PersonFacts, facts: ProfessionFacts) -> float:
    if person.education is None:
        return 0.7
    if person.education == "geen":
        return 1.0 if facts.starts_without_diploma else 0.2
    rank = vocab.EDUCATION_RANK[person.education]
    if rank >= 6:  # hbo/wo: can do anything, but roles at mbo4/hbo level use more of it
        return 1.0 if facts.high_level else 0.8
    if rank >= facts.entry_rank:
        return 1.0
    return 0.5 if facts.entry_rank - rank == 1 or facts.starts_without_diploma else 0.2


def _lwe_reason(kinds: frozenset[str]) -> str:
    if "bbl" in kinds:
        return "Je kunt leren en tegelijk loon krijgen, met werken en leren"
    if "leerwerktraject" in kinds or "bedrijfsopleiding" in kinds:
        return "Je kunt leren en verdienen tegelijk, want een werkgever leidt je op"
    return "Je kunt leren en verdienen tegelijk"


def score_profession(kb: KnowledgeBase, person: PersonFacts,
                     prof: dict[str, Any], with_reasons: bool = True
                     ) -> tuple[float, list[str]]:
    """Score 0..1 and (when asked; only the shown items need them) the reasons."""
    facts: ProfessionFacts = kb.profession_facts[prof["id"]]
    # interests: weighted by how typical each is for the profession
    matched = [i for i in person.interests if i in facts.interest_weight]
    s_int = 0.0
    if person.interests:
        s_int = min(1.0, sum(facts.interest_weight[i] for i in matched)
                    / min(len(person.interests), 3))
    # background: the strongest ISCO prefix or sector that transfers
    s_bg, bg_reason = 0.0, None
    if person.isco08:
        for code, strength, reason in facts.isco_backgrounds:
            if person.isco08.startswith(code):
                s_bg, bg_reason = strength, reason
                break
    if person.sector in facts.sector_backgrounds and s_bg < 0.8:
        s_bg, bg_reason = 0.8, facts.sector_backgrounds[person.sector]
    s_edu = _education_score(person, facts)
    can_earn = bool(facts.work_learn_kinds)
    s_lwe = (1.0 if can_earn else 0.0) if person.needs_income else 1.0
    total = (WEIGHTS["interests"] * s_int + WEIGHTS["background"] * s_bg
             + WEIGHTS["education"] * s_edu + WEIGHTS["lwe"] * s_lwe
             + WEIGHTS["shortage"] * facts.shortage)
    if person.campaign_sector and person.campaign_sector in facts.sectors:
        total += CAMPAIGN_BONUS
    if not with_reasons:
        return min(1.0, total), []
    # Background first: it is the most personal reason, in the person's own words.
    reasons = [in_own_words(bg_reason, person.job_words).rstrip(".")] if bg_reason else []
    reasons += [_interest_reason(i, prof) for i in matched[:2]]
    if person.needs_income and can_earn:
        reasons.append(_lwe_reason(facts.work_learn_kinds))
    if person.education == "geen" and facts.starts_without_diploma:
        reasons.append("Je kunt ook zonder diploma beginnen")
    if prof["shortage"] >= 3 and len(reasons) < 3:
        reasons.append("Er zijn veel vacatures in dit vak")
    if len(reasons) < 2:
        reasons.append(f"Als {_short_name(prof)} vind je makkelijk werk, want er zijn veel "
                       "vacatures" if prof["shortage"] >= 2 else
                       f"Veel zij-instromers worden {_short_name(prof)}")
    if len(reasons) < 2:
        reasons.append(f"Je kunt als {_short_name(prof)} stap voor stap beginnen")
    return min(1.0, total), reasons[:4]


def distinct_first_reasons(items: list[dict[str, Any]]) -> None:
    """No two professions in one list open with the same reason: a repeated first reason
    swaps with the item's next reason that is still unused as a first reason."""
    used: set[str] = set()
    for item in items:
        reasons = item["reasons"]
        for index, reason in enumerate(reasons):
            if reason not in used:
                reasons.insert(0, reasons.pop(index))
                break
        else:
            short = item["name"].split(" (")[0].lower()
            reasons[0] = f"{reasons[0]} en dat kan als {short}"
        used.add(reasons[0])


def match(kb: KnowledgeBase, profile: dict[str, Any] | None, limit: int = 5,
          campaign: dict[str, Any] | None = None) -> dict[str, Any]:
    """Contract ``recommendations`` payload with 3 to 5 items, best first."""
    person = person_facts(kb, profile or {}, campaign)
    limit = max(3, min(5, int(limit or 5)))
    scored = []
    for prof in kb.professions.values():
        score, _ = score_profession(kb, person, prof, with_reasons=False)
        scored.append((-round(score, 6), prof["id"], score))
    scored.sort(key=lambda t: (t[0], t[1]))
    items = []
    for _, prof_id, score in scored[:limit]:
        prof = kb.professions[prof_id]
        _, reasons = score_profession(kb, person, prof)
        items.append({"id": prof_id, "name": prof["name"], "isco08": prof["isco08"],
                      "esco_uri": prof["esco_uri"] or None, "score": round(score, 2),
                      "reasons": reasons})
    distinct_first_reasons(items)
    return {"type": "recommendations", "items": items}
