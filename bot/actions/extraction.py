"""Which profile facts a message gives, in the context of the question on screen.

Pure decisions over what NLU read (`Reading`: intent, entities, cues) plus the open
question and the slots before the message. Nothing here reads the person's text: the NLU
component found the facts and said how the message is put; this module decides which
facts count now (several at once, corrections, guesses, don't-know, statements that NLU
took for a question).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from bot.actions.intent_groups import NEVER_AN_ANSWER, PROFILE_ANSWERS, REQUESTS
from bot.actions.reading import SURE, Reading
from bot.components.message_reading import STATUS_JOBS
from contract import values

SECTORS = frozenset(values.SECTORS)
WORK_STATUSES = frozenset(values.WORK_STATUSES)
INTERESTS = values.INTERESTS
PROVINCES = frozenset(values.PROVINCES)
EDUCATION_LEVELS = frozenset(values.EDUCATION_LEVELS)
LIMITS = frozenset(getattr(values, "LIMITS", ()))

NO_JOB_VALUE = "geen werk"
UNKNOWN_JOB_VALUE = "onbekend"
MAX_FREE_TEXT = 80
# Values that come along with the asked slot and are set with it.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "current_job": ("current_job_esco", "current_sector"),
    "region": ("municipality",),
}
# Facts that are no form question (issue 22): kept whenever they are said.
LISTENING_SLOTS = ("wished_profession", "limits", "age", "newcomer")


@dataclass
class Turn:
    """One user message as NLU read it, in its context."""

    reading: Reading
    requested_slot: Optional[str] = None
    slots: dict[str, Any] = field(default_factory=dict)

    @property
    def intent(self) -> Optional[str]:
        return self.reading.intent


@dataclass
class Extraction:
    """Slot values the message gives, and what else the dialogue must know."""

    updates: dict[str, Any] = field(default_factory=dict)
    dont_know: bool = False
    skip: bool = False
    # A low-confidence place to confirm with the person ({"municipality", "province"}).
    guess_place: Optional[dict[str, Any]] = None


def decide(turn: Turn) -> Extraction:
    """Every profile fact the message gives; see the module docstring."""
    result = Extraction()
    r = turn.reading
    misread_request = turn.intent == "request_human" and not r.has("asks_for_person")
    if (turn.intent in REQUESTS and not misread_request) or (
            turn.intent in NEVER_AN_ANSWER and not r.is_statement):
        return result  # "geen diploma hier" read as a bot question is still an answer
    asked = turn.requested_slot
    upd = result.updates
    _from_buttons_and_diet(turn, upd)
    if not r.is_payload:
        _read_job(turn, upd)
        _read_place(turn, upd, result)
        _read_education(turn, upd)
        _read_work_status(turn, upd)
        _read_interests(turn, upd)
        _read_sector(turn, upd)
    _read_income(turn, upd)
    _read_listening_facts(turn, upd)
    _handle_dont_know(turn, result)
    result.skip = asked is not None and r.has("skip") and asked not in upd
    if (asked == "current_job" and "current_job" not in upd and not result.dont_know
            and not result.skip and _is_answer(turn) and not r.is_start_request):
        other_facts = [k for k in upd if k not in ("current_sector", "work_status")]
        words = None if other_facts else r.value("job_text")
        if words:  # a job the recognisers do not know: the person's own words count
            upd["current_job"] = str(words)[:MAX_FREE_TEXT]
            upd["current_job_esco"] = None
            sector = r.value("sector", source="knowledge")
            if sector in SECTORS and "current_sector" not in upd:
                upd["current_sector"] = sector
    return result


def _is_answer(turn: Turn) -> bool:
    """An answer to the question on screen: a profile intent, or any statement (NLU may
    take "geen diploma" for a question about diplomas)."""
    return turn.intent in PROFILE_ANSWERS or turn.intent is None or turn.reading.is_statement


def answer_to_open_question(turn: Turn) -> dict[str, Any]:
    """The asked slot and its companions, when the message fills it."""
    found = decide(turn).updates
    asked = turn.requested_slot
    if not asked or found.get(asked) in (None, []):
        return {}
    keep = (asked, *COMPANIONS.get(asked, ()))
    return {k: v for k, v in found.items() if k in keep}


def _from_buttons_and_diet(turn: Turn, upd: dict[str, Any]) -> None:
    """Button payloads (`/inform{"work_status":"ww"}`) and DIET entities. In a question
    DIET's words are what is asked about ("wat verdient een monteur?"), no facts."""
    r = turn.reading
    if r.is_question and not r.is_payload:
        return
    for value in r.values("work_status", source="other"):
        if value in WORK_STATUSES:
            upd["work_status"] = value
    for value in r.values("education_level", source="other"):
        if value in EDUCATION_LEVELS and _education_context(turn):
            upd["education_level"] = value
    for value in r.values("current_sector", source="other"):
        if value in SECTORS:
            upd["current_sector"] = value
    for value in r.values("province", source="other") + r.values("region", source="other"):
        if value in PROVINCES:
            upd["region"] = value
    interests = [v for v in r.values("interest", source="other") if v in INTERESTS]
    if interests:
        upd["interests"] = interests


def has_real_job(slots: dict[str, Any]) -> bool:
    job = slots.get("current_job")
    return (bool(job) and job not in (NO_JOB_VALUE, UNKNOWN_JOB_VALUE)
            and job not in STATUS_JOBS)


def _education_context(turn: Turn) -> bool:
    """A DIET education entity counts from a button, an answer to the education question,
    or a diploma phrase the recogniser also reads ("conciërge op een basisschool" is a
    workplace, not a diploma)."""
    r = turn.reading
    if r.is_payload or turn.requested_slot == "education_level":
        return True
    return r.value("education_level", source="knowledge") is not None


def _read_job(turn: Turn, upd: dict[str, Any]) -> None:
    r, asked, slots = turn.reading, turn.requested_slot, turn.slots
    if r.is_start_request:
        return
    # Answering another question ("ik ben nu huisvrouw" to the work-status question) does
    # not replace a job already given, unless the person clearly corrects it.
    correction = r.has("correction")
    keep_job = asked not in ("current_job", None) and has_real_job(slots) and not correction
    if r.has("no_work") and asked in ("current_job", None):
        upd["current_job"] = NO_JOB_VALUE
        upd["current_job_esco"] = None
        return
    job = r.job()
    if not job or not job.get("label"):
        return
    told = r.has("job_context") or (job.get("described") and asked in ("current_job", None))
    if keep_job or (asked != "current_job" and not told):
        return
    if asked not in ("current_job", None) and str(job["label"]) in STATUS_JOBS \
            and slots.get("current_job"):
        return
    if float(job.get("confidence") or 0) < SURE and has_real_job(slots) and not correction:
        return  # a guess never replaces a job the person already gave
    upd["current_job"] = str(job["label"])[:MAX_FREE_TEXT]
    upd["current_job_esco"] = job.get("esco_uri") or None
    if job.get("sector") in SECTORS and "current_sector" not in upd:
        upd["current_sector"] = job["sector"]


def _read_place(turn: Turn, upd: dict[str, Any], result: Extraction) -> None:
    r, asked = turn.reading, turn.requested_slot
    if asked != "region" and not r.has("place_context") and not r.has("bare"):
        return
    place = r.place()
    only_bare = asked != "region" and not r.has("place_context")
    if place and only_bare and float(place.get("confidence") or 0) < SURE:
        return  # "werkend" typed for another question is no guess at Werkendam
    if place and place.get("province") in PROVINCES:
        if float(place.get("confidence") or 0) < SURE:
            # A typo-tolerant guess ("Vasse" for "vaste"): ask, never overwrite silently.
            if asked == "region" or r.has("correction") or not turn.slots.get("region"):
                result.guess_place = {"municipality": place["municipality"],
                                      "province": place["province"]}
            return
        upd["region"] = place["province"]
        upd["municipality"] = place.get("municipality") or None
        return
    province = r.value("province", source="knowledge")
    if province in PROVINCES:
        upd["region"] = province
        # A province alone says nothing about the town: forget an older town.
        upd["municipality"] = None


def _read_education(turn: Turn, upd: dict[str, Any]) -> None:
    r, asked = turn.reading, turn.requested_slot
    if asked == "education_level":
        ordinal = r.role_value("education_level", "ordinal")
        if ordinal in EDUCATION_LEVELS:  # "2" in answer to the education question: mbo 2
            upd["education_level"] = ordinal
            return
    elif not r.has("education_context"):
        return
    # "kan dat met alleen een mbo 1?": the person's own level, inside a question.
    level = r.value("education_level", source="knowledge", told=not r.has("own_level"))
    if level in EDUCATION_LEVELS:
        upd["education_level"] = level


def _read_work_status(turn: Turn, upd: dict[str, Any]) -> None:
    status = turn.reading.value("work_status", source="knowledge")
    if status not in WORK_STATUSES:
        return
    # "ik werk als kok" says werkend only when we asked; explicit statuses always count.
    if turn.requested_slot == "work_status" or status != "werkend":
        upd.setdefault("work_status", status)


def _read_interests(turn: Turn, upd: dict[str, Any]) -> None:
    r, asked = turn.reading, turn.requested_slot
    if asked != "interests" and not r.has("interest_context"):
        return
    found = [i for i in r.values("interest", source="knowledge") if i in INTERESTS]
    if not found and asked == "interests" and not r.is_question:
        found = [i for i in r.values("interest", source="knowledge", loose=True)
                 if i in INTERESTS]
    if found:
        upd["interests"] = list(dict.fromkeys(upd.get("interests", []) + found))


def _read_sector(turn: Turn, upd: dict[str, Any]) -> None:
    r, asked = turn.reading, turn.requested_slot
    if "current_sector" in upd:
        return
    if asked != "current_sector" and not r.has("sector_context"):
        return
    sector = r.value("sector", source="knowledge")
    if sector not in SECTORS and asked == "current_sector" and not r.is_question:
        sector = r.value("sector", source="knowledge", loose=True)
    if sector in SECTORS:
        upd["current_sector"] = sector


def _read_income(turn: Turn, upd: dict[str, Any]) -> None:
    r = turn.reading
    income = r.value("learn_while_earning", source="knowledge")
    if income is not None:
        upd["learn_while_earning"] = bool(income)
        return
    if turn.requested_slot != "learn_while_earning":
        return
    # "nee, ik woon in Deventer" corrects the place; its "nee" answers nothing. A "ja"
    # with a reason ("ja graag, de ww loopt niet eeuwig door") is still a yes.
    others = {k for k in upd if k != "learn_while_earning"}
    if r.has("yes") or (turn.intent == "affirm" and not others):
        upd["learn_while_earning"] = True
    elif (turn.intent == "deny" or r.has("no")) and not others:
        upd["learn_while_earning"] = False


def _read_listening_facts(turn: Turn, upd: dict[str, Any]) -> None:
    """A wish (also when asked about: "hoe word ik lasser?"), limits, age, newcomer."""
    r, slots = turn.reading, turn.slots
    wish = r.value("wish", told=False)
    if wish:
        upd["wished_profession"] = str(wish)[:MAX_FREE_TEXT]
    limits = [v for v in r.values("limit", told=False) if not LIMITS or v in LIMITS]
    if limits:
        upd["limits"] = list(dict.fromkeys(list(slots.get("limits") or []) + limits))
    age = r.value("age")
    if age:
        upd["age"] = float(age)
    if r.value("newcomer", told=False):
        upd["newcomer"] = True


def _handle_dont_know(turn: Turn, result: Extraction) -> None:
    asked = turn.requested_slot
    if asked is None or asked in result.updates:
        return
    if turn.intent != "dont_know" and not turn.reading.has("dont_know"):
        return
    result.dont_know = True
    if asked == "current_job":
        result.updates["current_job"] = UNKNOWN_JOB_VALUE
        result.updates["current_job_esco"] = None
