"""Turns one user message into profile slot values.

Pure logic over (text, intent, entities, requested slot, current slots), so the
form validation action and the global slot-mapping action share it and unit tests
can call it directly. The knowledge base's recognisers do the reading; this module
decides which of their findings to trust in the current context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from bot.actions import cues
from bot.actions.findings import (
    EXTRACTOR,
    INTEREST_WORDS,
    SECTOR_WORDS,
    SURE,
    Findings,
    first_match,
)
from contract import values

SECTORS = frozenset(values.SECTORS)
WORK_STATUSES = frozenset(values.WORK_STATUSES)
INTERESTS = values.INTERESTS
PROVINCES = frozenset(values.PROVINCES)
EDUCATION_LEVELS = frozenset(values.EDUCATION_LEVELS)

# Intents that ask something or change the subject: their messages never fill a slot,
# so "wat verdient een lasser?" while the form asks for the job is not read as "lasser".
DIGRESSION_INTENTS = frozenset({
    "faq", "request_human", "erase_data", "bot_challenge", "out_of_scope", "english",
    "goodbye", "ask_routes", "ask_funding", "ask_next_steps", "ask_capabilities", "restart",
})

NO_JOB_VALUE = "geen werk"
UNKNOWN_JOB_VALUE = "onbekend"
MAX_FREE_TEXT = 80



@dataclass
class Turn:
    """What the extraction looks at: one user message in its context."""

    text: str
    intent: Optional[str]
    entities: list[dict[str, Any]] = field(default_factory=list)
    requested_slot: Optional[str] = None
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass
class Extraction:
    """Slot values read from a message, plus short notes to tell the person."""

    updates: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    dont_know: bool = False
    # A low-confidence place to confirm with the person ({"municipality", "province"}).
    guess_place: Optional[dict[str, Any]] = None


def clean_text(text: str) -> str:
    """The message without markup or control characters, cut to a sane length."""
    text = cues.TAGS.sub(" ", text or "")
    text = "".join(ch for ch in text if ch.isprintable())
    return re.sub(r"\s+", " ", text).strip()


def _entity_values(entities: list[dict[str, Any]], name: str) -> list[Any]:
    return [e.get("value") for e in entities if e.get("entity") == name
            and e.get("value") not in (None, "")]


def _is_payload(text: str) -> bool:
    return text.startswith("/")


def _free_text_job(text: str) -> Optional[str]:
    """A job title typed in words the recognisers do not know ("ik ben imker")."""
    job = cues.JOB_PREFIX.sub("", text).strip(" .!?,")
    words = job.split()
    if not job or len(job) > MAX_FREE_TEXT or not 1 <= len(words) <= 8:
        return None
    if not re.search(r"[a-zA-Zà-ÿ]{2,}", job):
        return None
    return job[:1].lower() + job[1:]


_QUESTION = re.compile(
    r"\?|^\s*(wat|hoe|waar|wie|welke?|wanneer|waarom|kan|kun|mag|moet|is|ben|heb|krijg|"
    r"hou|houd|zijn|word|wordt)\b", re.I)
# Values that come along with the asked slot and may be set with it.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "current_job": ("current_job_esco", "current_sector"),
    "region": ("municipality",),
}


def is_question(text: str) -> bool:
    """A question mark, or a question word first ("waar kan ik advies krijgen")."""
    return bool(_QUESTION.search(clean_text(text)))


def looks_like_answer(text: str) -> bool:
    """A short statement, not a question: "bijstand", "geen diploma", "Den Haag"."""
    text = clean_text(text)
    return bool(text) and len(text.split()) <= 12 and not _QUESTION.search(text)


def extract_answer(turn: Turn) -> dict[str, Any]:
    """The asked slot (and its companions) from a short answer that NLU took for a
    question, e.g. "geen diploma" classified as faq while the education is asked."""
    asked = turn.requested_slot
    if not asked or not looks_like_answer(turn.text):
        return {}
    found = extract(Turn(turn.text, "inform", turn.entities, asked, turn.slots)).updates
    if asked not in found or found[asked] in (None, []):
        return {}
    keep = (asked, *COMPANIONS.get(asked, ()))
    return {k: v for k, v in found.items() if k in keep}


_CLAUSES = re.compile(r"[,.;!?]+|\s+(?=\b(?:wat|hoe|waar|wie|welke?|wanneer|waarom|kan|kun|"
                      r"mag|moet)\b)", re.I)


def statement_before_question(turn: Turn) -> dict[str, Any]:
    """The job from a statement that comes with a question ("ik ben kok, wat verdient een
    lasser?"): only explicit "ik ben/werk als" clauses, never the question itself."""
    text = clean_text(turn.text)
    for clause in _CLAUSES.split(text):
        clause = (clause or "").strip()
        if not clause or _QUESTION.search(clause) or not cues.EXPLICIT_JOB.search(clause):
            continue
        upd: dict[str, Any] = {}
        _read_job(clause, None, upd, turn.slots)
        if upd.get("current_job") and upd["current_job"] != NO_JOB_VALUE:
            return {k: v for k, v in upd.items()
                    if k in ("current_job", "current_job_esco", "current_sector")}
    return {}


def bare_place(turn: Turn) -> dict[str, Any]:
    """A message that is only a town or province ("Deventer", "in Zwolle")."""
    text = clean_text(turn.text).strip(" .!?")
    if not text or len(text.split()) > 3 or _is_payload(text):
        return {}
    upd: dict[str, Any] = {}
    _read_place(text, "region", upd)
    return upd


def extract(turn: Turn) -> Extraction:
    """Reads every profile slot the message mentions; see module docstring."""
    result = Extraction()
    if turn.intent in DIGRESSION_INTENTS:
        return result
    text = clean_text(turn.text)
    asked = turn.requested_slot
    upd = result.updates
    _from_entities(turn, upd)
    if text and not _is_payload(text):
        find = Findings(text, turn.entities)
        _read_job(text, asked, upd, turn.slots, find)
        _read_place(text, asked, upd, find, turn.slots)
        _read_education(text, asked, upd, find)
        _read_work_status(text, asked, upd, find)
        _read_interests(text, asked, upd, find)
        _read_sector(text, asked, upd, find)
        _read_income(text, turn.intent, asked, upd, find)
    elif asked == "learn_while_earning" and turn.intent in ("affirm", "deny"):
        upd.setdefault("learn_while_earning", turn.intent == "affirm")
    result.guess_place = upd.pop(GUESS, None)
    _handle_dont_know(text, turn, result)
    if (asked == "current_job" and "current_job" not in upd and not result.dont_know
            and turn.intent in ("inform", "nlu_fallback", "choose_profession", None)
            and text and not _is_payload(text) and not is_start_request(text)):
        job = _free_text_job(text)
        if job:
            upd["current_job"] = job
            upd["current_job_esco"] = None
    return result


# Key under which _read_place hands a guessed place to extract (never a slot).
GUESS = "_guess_place"


def _from_entities(turn: Turn, upd: dict[str, Any]) -> None:
    """Button payloads (`/inform{"work_status":"ww"}`) and DIET entities. The knowledge
    component's entities are read with their context rules by the _read_* functions."""
    ents = [e for e in turn.entities if e.get("extractor") != EXTRACTOR]
    for value in _entity_values(ents, "work_status"):
        if value in WORK_STATUSES:
            upd["work_status"] = value
    for value in _entity_values(ents, "education_level"):
        if value in EDUCATION_LEVELS and _education_context(turn):
            upd["education_level"] = value
    for value in _entity_values(ents, "current_sector"):
        if value in SECTORS:
            upd["current_sector"] = value
    for value in _entity_values(ents, "province") + _entity_values(ents, "region"):
        if value in PROVINCES:
            upd["region"] = value
    interests = [v for v in _entity_values(ents, "interest") if v in INTERESTS]
    if interests:
        upd["interests"] = list(dict.fromkeys(interests))


def is_start_request(text: str) -> bool:
    """A wish to start or to be helped that names no job of the person's own."""
    return bool(cues.START_REQUEST.search(text)) and not cues.EXPLICIT_JOB.search(text)


def _has_real_job(slots: dict[str, Any]) -> bool:
    job = slots.get("current_job")
    return (bool(job) and job not in (NO_JOB_VALUE, UNKNOWN_JOB_VALUE)
            and job not in cues.STATUS_JOBS)


def _education_context(turn: Turn) -> bool:
    """A DIET education entity counts from a button, an answer to the education question,
    or a diploma phrase the recogniser also reads ("conciërge op een basisschool" is a
    workplace, not a diploma)."""
    text = clean_text(turn.text)
    if _is_payload(text) or turn.requested_slot == "education_level":
        return True
    return Findings(text, turn.entities).education() is not None


def _read_job(text: str, asked: Optional[str], upd: dict[str, Any],
              slots: Optional[dict[str, Any]] = None, find: Optional[Findings] = None) -> None:
    slots = slots or {}
    if is_start_request(text):
        return
    # Answering another question ("ik ben nu huisvrouw" to the work-status question) does
    # not replace a job already given, unless the person clearly corrects it.
    correction = bool(cues.CORRECTION_CUE.search(text))
    keep_job = asked not in ("current_job", None) and _has_real_job(slots) and not correction
    if cues.NO_WORK.search(text) and asked in ("current_job", None):
        upd["current_job"] = NO_JOB_VALUE
        upd["current_job_esco"] = None
        return
    if keep_job or (asked != "current_job" and not cues.JOB_CUE.search(text)):
        return
    job = (find or Findings(text)).job()
    if not job or not job.get("label"):
        return
    if asked not in ("current_job", None) and str(job["label"]) in cues.STATUS_JOBS \
            and slots.get("current_job"):
        return
    if float(job.get("confidence") or 0) < SURE and _has_real_job(slots) and not correction:
        return  # a guess never replaces a job the person already gave
    upd["current_job"] = clean_text(str(job["label"]))[:MAX_FREE_TEXT]
    upd["current_job_esco"] = job.get("esco_uri") or None
    if job.get("sector") in SECTORS and "current_sector" not in upd:
        upd["current_sector"] = job["sector"]


def _read_place(text: str, asked: Optional[str], upd: dict[str, Any],
                find: Optional[Findings] = None, slots: Optional[dict[str, Any]] = None
                ) -> None:
    if asked != "region" and not cues.PLACE_CUE.search(text):
        return
    find = find or Findings(text)
    place = find.place()
    if place and place.get("province") in PROVINCES:
        if float(place.get("confidence") or 0) < SURE:
            # A typo-tolerant guess ("Vasse" for "vaste"): ask, never overwrite silently.
            if asked == "region" or cues.CORRECTION_CUE.search(text) \
                    or not (slots or {}).get("region"):
                upd[GUESS] = {"municipality": place["municipality"],
                              "province": place["province"]}
            return
        upd["region"] = place["province"]
        upd["municipality"] = place.get("municipality") or None
        return
    province = find.province()
    if province in PROVINCES:
        upd["region"] = province
        # A province alone says nothing about the town: forget an older town.
        upd["municipality"] = None


def _read_education(text: str, asked: Optional[str], upd: dict[str, Any],
                    find: Findings) -> None:
    if asked == "education_level":
        m = cues.ORDINAL_LEVEL.match(text)
        if m:  # "2" in answer to the education question means mbo 2
            upd["education_level"] = f"mbo{m.group(1)}"
            return
    elif not cues.EDU_CUE.search(text):
        return
    level = find.education()
    if level in EDUCATION_LEVELS:
        upd["education_level"] = level


def _read_work_status(text: str, asked: Optional[str], upd: dict[str, Any],
                      find: Findings) -> None:
    status = find.work_status()
    if status not in WORK_STATUSES:
        return
    # "ik werk als kok" says werkend only when we asked; explicit statuses always count.
    if asked == "work_status" or status != "werkend":
        upd.setdefault("work_status", status)


def _read_interests(text: str, asked: Optional[str], upd: dict[str, Any],
                    find: Findings) -> None:
    if asked != "interests" and not cues.INTEREST_CUE.search(text):
        return
    found = [i for i in find.interests() if i in INTERESTS]
    if not found and asked == "interests":
        found = first_match(INTEREST_WORDS, text)
    if found:
        merged = list(dict.fromkeys(upd.get("interests", []) + found))
        upd["interests"] = merged


def _read_sector(text: str, asked: Optional[str], upd: dict[str, Any],
                 find: Findings) -> None:
    if "current_sector" in upd:
        return
    if asked != "current_sector" and not cues.SECTOR_CUE.search(text):
        return
    sector = find.sector()
    if sector not in SECTORS and asked == "current_sector":
        sector = next(iter(first_match(SECTOR_WORDS, text)), None)
    if sector in SECTORS:
        upd["current_sector"] = sector


def _read_income(text: str, intent: Optional[str], asked: Optional[str],
                 upd: dict[str, Any], find: Findings) -> None:
    income = find.income()
    if income is not None:
        upd["learn_while_earning"] = income
    elif asked == "learn_while_earning":
        # "nee, ik woon in Deventer" corrects the place; its "nee" answers nothing. A "ja"
        # with a reason ("ja graag, de ww loopt niet eeuwig door") is still a yes.
        if cues.YES.match(text) or (intent == "affirm" and not upd):
            upd["learn_while_earning"] = True
        elif (intent == "deny" or cues.NO.match(text)) and not upd:
            upd["learn_while_earning"] = False


def _handle_dont_know(text: str, turn: Turn, result: Extraction) -> None:
    asked = turn.requested_slot
    if asked is None or asked in result.updates:
        return
    if turn.intent != "dont_know" and not cues.DONT_KNOW.search(text):
        return
    result.dont_know = True
    if asked == "current_job":
        result.updates["current_job"] = UNKNOWN_JOB_VALUE
        result.updates["current_job_esco"] = None
