"""Ranks our professions for a person's profile and explains each match in their terms.

Score (0..1) = 0.40 interests + 0.25 transferable background + 0.15 education fit
+ 0.10 learn-while-earning fit + 0.10 shortage, plus 0.08 when a campaign's sector focus
matches, plus 0.10 x skill overlap (knowledge.skills), minus the limit and age penalties
of knowledge.match_limits (the person's own job is left out). A named wish goes first
(``wish``: "exact"); a wish outside our list puts the closest profession first
(``wish``: "closest") and ``wish_note`` says so in one sentence. Physical demands are
never guessed: they come from the data. Ties break on profession id, so the same profile
always gives the same list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from contract.labels import INTEREST_REASONS
from knowledge import match_limits, skills, vocab
from knowledge.kb import KnowledgeBase
from knowledge.match_index import ProfessionFacts
from knowledge.newcomers import NEWCOMER_ROUTES

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
    esco_uri: str | None = None
    wish_id: str | None = None      # one of our professions the person wants
    wish_words: str | None = None   # their words for a wish outside our list
    wish_isco: str | None = None
    limits: frozenset[str] = frozenset()
    age: int | None = None
    own_ids: frozenset[str] = frozenset()  # our professions that are their own job
    skills: frozenset[str] = frozenset()


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
    esco_uri = uri if uri in kb.esco_occupations else None
    if esco_uri is None and profile.get("current_job"):
        found = kb.jobs.recognise(str(profile["current_job"]))
        esco_uri = (found or {}).get("esco_uri")
    wish_id, wish_words, wish_isco = _wish(kb, profile.get("wished_profession"))
    own = {kb.profession_index.recognise(str(w)) for w in (
        profile.get("current_job"), typed, job_label) if w}
    own |= {pid for pid, p in kb.professions.items() if esco_uri and p["esco_uri"] == esco_uri}
    own.discard(None)
    index = skills.index_for(kb)
    return PersonFacts(interests, isco08, job_label, sector,
                       education if education in vocab.EDUCATION_RANK else None,
                       profile.get("learn_while_earning") is True, campaign_sector or None,
                       typed, esco_uri, wish_id, wish_words, wish_isco,
                       match_limits.limits_of(profile), match_limits.age_of(profile),
                       frozenset(own), index.person_skills(isco08, sector, interests, esco_uri))


def _wish(kb: KnowledgeBase, raw: Any) -> tuple[str | None, str | None, str | None]:
    """(our profession id, the person's words, ISCO of those words) of the wish slot."""
    words = str(raw or "").strip()
    if not words:
        return None, None, None
    if words in kb.professions:
        return words, None, None
    found = kb.profession_index.recognise(words)
    if found:
        return found, None, None
    job = kb.jobs.recognise(words)
    return None, words, (job or {}).get("isco08")


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


def _skill_reasons(have: list[str]) -> list[str]:
    """Each carried-over skill is a reason of its own, so every list can open with a
    different one."""
    return [f"Je kunt al {label}, en dat heb je hier nodig" for label in have[:2]]


def score_profession(kb: KnowledgeBase, person: PersonFacts,
                     prof: dict[str, Any], with_reasons: bool = True
                     ) -> tuple[float, list[str]]:
    """Score 0..1 and (when asked; only the shown items need them) the reasons."""
    score, reasons, _ = score_and_skills(kb, person, prof, with_reasons)
    return score, reasons


def score_and_skills(kb: KnowledgeBase, person: PersonFacts, prof: dict[str, Any],
                     with_reasons: bool = True
                     ) -> tuple[float, list[str], tuple[list[str], list[str], int]]:
    """Score, reasons (personal ones first) and (transferable, to learn, personal count)."""
    facts: ProfessionFacts = kb.profession_facts[prof["id"]]
    # interests: weighted by how typical each is for the profession
    matched = [i for i in person.interests if i in facts.interest_weight]
    s_int = 0.0
    if person.interests:
        s_int = min(1.0, sum(facts.interest_weight[i] for i in matched)
                    / min(len(person.interests), 3))
    # background: the strongest ISCO prefix or sector that transfers
    s_bg, bg_reason, by_sector = 0.0, None, False
    if person.isco08:
        for code, strength, reason in facts.isco_backgrounds:
            if person.isco08.startswith(code):
                s_bg, bg_reason = strength, reason
                break
    if person.sector in facts.sector_backgrounds and s_bg < 0.8:
        s_bg, bg_reason, by_sector = 0.8, facts.sector_backgrounds[person.sector], True
    s_edu = _education_score(person, facts)
    can_earn = bool(facts.work_learn_kinds)
    s_lwe = (1.0 if can_earn else 0.0) if person.needs_income else 1.0
    index = skills.index_for(kb)
    needed = index.profession_skills(prof["id"], prof.get("esco_uri"))
    if "geen_zwaar_werk" in person.limits:  # never "you can already do heavy work" to them
        needed = tuple(k for k in needed if k not in skills.HEAVY_WORK_SKILLS)
    have, learn, overlap = index.compare(person.skills, needed)
    total = (WEIGHTS["interests"] * s_int + WEIGHTS["background"] * s_bg
             + WEIGHTS["education"] * s_edu + WEIGHTS["lwe"] * s_lwe
             + WEIGHTS["shortage"] * facts.shortage + skills.SKILL_WEIGHT * overlap)
    if person.campaign_sector and person.campaign_sector in facts.sectors:
        total += CAMPAIGN_BONUS
    total -= match_limits.penalty(prof, person.limits, person.age)
    total = max(0.0, min(1.0, total))
    if not with_reasons:
        return total, [], (have, learn, 0)
    # Personal reasons first: their job (in their own words), their skills, their likes.
    # A sector sentence ("In de zorg werk je ...") is never the first reason.
    personal = []
    if bg_reason and not by_sector:
        personal.append(in_own_words(bg_reason, person.job_words).rstrip("."))
    liked = [_interest_reason(i, prof) for i in matched[:2]]
    carried = _skill_reasons(have)
    for pair in zip(carried + [""] * 2, liked + [""] * 2, strict=False):  # skill, like, ...
        personal += [r for r in pair if r]
    personal = personal[:3]  # room for the practical reasons (earning, diploma)
    reasons = list(personal)
    if bg_reason and by_sector:
        reasons.append(in_own_words(bg_reason, person.job_words).rstrip("."))
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
    return total, reasons[:5], (have, learn, len(personal))


def distinct_first_reasons(items: list[dict[str, Any]],
                           personal: list[int] | None = None) -> None:
    """No two professions in one list open with the same reason: a repeated first reason
    swaps with the item's next reason that is still unused as a first reason, a personal
    one (the first ``personal[i]`` reasons) before any other."""
    used: set[str] = set()
    for number, item in enumerate(items):
        reasons = item["reasons"]
        own = personal[number] if personal else len(reasons)
        order = list(range(len(reasons)))
        order = order[:own] + order[own:] if own else order
        for index in order:
            if reasons[index] not in used:
                reasons.insert(0, reasons.pop(index))
                break
        else:
            short = item["name"].split(" (")[0].lower()
            reasons[0] = f"{reasons[0]} en dat kan als {short}"
        used.add(reasons[0])


def _ranked(kb: KnowledgeBase, person: PersonFacts) -> list[tuple[float, str]]:
    scored = []
    for prof in kb.professions.values():
        if prof["id"] != person.wish_id and match_limits.is_own_job(
                prof, person.isco08, set(person.own_ids)):
            continue  # their own job is no advice, unless they ask for it
        score, _ = score_profession(kb, person, prof, with_reasons=False)
        scored.append((-round(score, 6), prof["id"], score))
    scored.sort(key=lambda t: (t[0], t[1]))
    return [(score, pid) for _, pid, score in scored]


def match(kb: KnowledgeBase, profile: dict[str, Any] | None, limit: int = 5,
          campaign: dict[str, Any] | None = None) -> dict[str, Any]:
    """Contract ``recommendations`` payload with 3 to 5 items, best first."""
    person = person_facts(kb, profile or {}, campaign)
    limit = max(3, min(5, int(limit or 5)))
    ranked = _ranked(kb, person)
    order = [pid for _, pid in ranked]
    scores = dict((pid, score) for score, pid in ranked)
    wish_kind, first = None, None
    if person.wish_id and person.wish_id in kb.professions:
        wish_kind, first = "exact", person.wish_id
        if first not in scores:
            scores[first] = score_profession(kb, person, kb.professions[first], False)[0]
    elif person.wish_words:
        wish_kind = "closest"
        # Every profession can be the closest, also one the limits pushed down.
        first = match_limits.closest(kb, person.wish_words, person.wish_isco, order)
    if first is not None:
        order = [first] + [pid for pid in order if pid != first]
    items, personal = [], []
    for prof_id in order[:limit]:
        prof = kb.professions[prof_id]
        _, reasons, (have, learn, own) = score_and_skills(kb, person, prof)
        # A wish outside our list that nothing resembles: the best match stands first.
        kind = wish_kind if prof_id == first or (wish_kind and first is None
                                                  and not items) else None
        wish_reason = _wish_reason(kind, prof, person) if prof_id == first else None
        if wish_reason:
            reasons, own = [wish_reason, *reasons], own + 1
        items.append({"id": prof_id, "name": prof["name"], "isco08": prof["isco08"],
                      "esco_uri": prof["esco_uri"] or None, "score": round(scores[prof_id], 2),
                      "reasons": reasons, "transferable_skills": have,
                      "skills_to_learn": learn, "wish": kind})
        personal.append(own)
    distinct_first_reasons(items, personal)
    first_prof = kb.professions.get(first) if first else None
    payload: dict[str, Any] = {"type": "recommendations", "items": items}
    note = match_limits.wish_note(wish_kind, first_prof, person.wish_words, person.limits)
    if wish_kind == "closest" and first is None:
        note = match_limits.wish_note("closest", None, person.wish_words, person.limits)
    payload["wish_note"] = note
    payload["limit_note"] = match_limits.limit_note(person.limits, person.age)
    return payload


def _wish_reason(kind: str | None, prof: dict[str, Any], person: PersonFacts) -> str | None:
    if kind == "exact":
        return f"Je wilt zelf graag {_short_name(prof)} worden"
    if kind == "closest" and person.wish_words:
        return f"Dit lijkt het meest op {person.wish_words}, wat je graag wilt"
    return None
