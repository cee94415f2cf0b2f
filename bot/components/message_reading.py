"""How a message is put: the cue words that tell the dialogue how to read its facts.

The knowledge recognisers say WHAT a message mentions (a job, a town, a school level);
this module says HOW it is put: a question or a statement, a yes or a no, a correction,
"weet ik niet", a wish to start, a job told in the person's own words. The NLU component
`KnowledgeEntityExtractor` emits both as entities, so the actions decide from entities
only and never read the text again.

Cues are entities `{"entity": "cue", "value": <name>}` with the names in `CUES`.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from bot.components import message_patterns as p

# Every cue the component can emit (the dialogue side checks names against this set).
CUES = frozenset({
    "question", "start_request", "explicit_job", "job_context", "correction",
    "place_context", "education_context", "interest_context", "sector_context", "no_work",
    "dont_know", "yes", "no", "foreign_diploma", "short_answer", "bare", "skip", "own_level",
    "via_chat", "asks_for_person",
})
MAX_FREE_TEXT = 80
MAX_JOB_WORDS = 12
# Statuses, not jobs: they answer the work-status question and never replace a real job.
STATUS_JOBS = frozenset({"huisvrouw/huisman", "huisvrouw", "huisman", "student", "werkloze",
                         "mantelzorger", "vrijwilliger", "gepensioneerde"})


# Words that fill a pause; a message of only these is no answer.
FILLER = frozenset("""tja hmm hm hmmm eh ehm uh uhm nou ok oke okay oké ja nee jawel lol haha
pff pfff zo ach tsja huh wat he hé hoezo goed prima misschien denk ik weet niet geen idee
vraag""".split())


def clean_text(text: str) -> str:
    """The message without markup or control characters, on one line."""
    text = p.TAGS.sub(" ", text or "")
    text = "".join(ch for ch in text if ch.isprintable())
    return re.sub(r"\s+", " ", text).strip()


def is_question(text: str) -> bool:
    """A question mark, or a question word first ("waar kan ik advies krijgen")."""
    return bool(p.QUESTION.search(clean_text(text)))


def is_start_request(text: str) -> bool:
    """A wish to start or to be helped that names no job of the person's own."""
    return bool(p.START_REQUEST.search(text)) and not p.EXPLICIT_JOB.search(text)


def cues(text: str) -> list[str]:
    """The cue names that hold for `text` (order of CUES is not significant)."""
    text = clean_text(text)
    if not text:
        return []
    found: list[str] = []
    checks = (
        ("question", p.QUESTION), ("explicit_job", p.EXPLICIT_JOB), ("job_context", p.JOB_CUE),
        ("correction", p.CORRECTION_CUE), ("place_context", p.PLACE_CUE),
        ("education_context", p.EDU_CUE), ("interest_context", p.INTEREST_CUE),
        ("sector_context", p.SECTOR_CUE), ("no_work", p.NO_WORK), ("dont_know", p.DONT_KNOW),
        ("yes", p.YES), ("no", p.NO), ("foreign_diploma", p.FOREIGN), ("skip", p.SKIP),
        ("via_chat", p.VIA_CHAT), ("asks_for_person", p.ASKS_FOR_PERSON),
    )
    found = [name for name, pattern in checks if pattern.search(text)]
    if is_start_request(text):
        found.append("start_request")
    if len(text.split()) <= 12 and "question" not in found:
        found.append("short_answer")
    if len(text.strip(" .!?").split()) <= 3 and "question" not in found:
        found.append("bare")  # only a word or two: "Deventer", "mbo 2", "in Zwolle"
    return found


def own_job_words(text: str) -> Optional[str]:
    """The person's own words for their work ("ik ben imker" -> "imker"), for a job the
    recognisers do not know. None for questions, requests and long stories."""
    text = clean_text(text)
    if not text or text.startswith("/") or is_question(text) or is_start_request(text):
        return None
    if p.DONT_KNOW.search(text) or p.NO_WORK.search(text):
        return None
    job = p.JOB_PREFIX.sub("", text).strip(" .!?,")
    if len(job.split()) > MAX_JOB_WORDS:  # a long story: its first part names the work
        job = p.JOB_PREFIX.sub("", re.split(r"[,.;!]|\s+(?:maar|want|omdat|tot)\s+", job)[0])
        job = job.strip(" .!?,")
    words = job.split()
    if not job or len(job) > MAX_FREE_TEXT or not 1 <= len(words) <= MAX_JOB_WORDS:
        return None
    if not re.search(r"[a-zA-Zà-ÿ]{2,}", job):
        return None
    if all(w.strip(".,!?;:") in FILLER for w in job.lower().split()):
        return None  # "tja, hmm" says nothing about the work
    return job[:1].lower() + job[1:]


def ordinal_level(text: str) -> Optional[str]:
    """"2" or "niveau 3" alone: an mbo level when the education question is open."""
    found = p.ORDINAL_LEVEL.match(clean_text(text))
    return f"mbo{found.group(1)}" if found else None


def loose_words(table: tuple[tuple[str, str], ...], text: str) -> list[str]:
    """Values whose word stems occur in a loose answer ("sleutelen aan brommers")."""
    return [name for name, pattern in table if re.search(pattern, text, re.I)]


def question_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the question clauses of a message ("Ik werk in een fabriek,
    kan dat met mbo 2?" -> the second clause). Facts outside them are statements."""
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in list(p.CLAUSE_END.finditer(text)) + [None]:
        end = cut.end() if cut else len(text)
        clause = text[start:end]
        if clause.strip() and (p.QUESTION.search(clause.strip()) or "?" in clause):
            spans.append((start, end))
        start = end
    return spans


def in_spans(entity: dict[str, Any], spans: list[tuple[int, int]]) -> bool:
    start = int(entity.get("start") or 0)
    return any(s <= start < e for s, e in spans)


def contact(text: str) -> tuple[str, str] | None:
    """("email" | "phone", value) for a contact given for an adviser, else None."""
    email = p.EMAIL.search(text)
    if email:
        return "email", email.group(0).lower()
    phone = p.PHONE.search(text)
    if phone and len(re.sub(r"\D", "", phone.group(1))) >= 10:
        return "phone", re.sub(r"[\s-]", "", phone.group(1))
    return None


ORDINALS: dict[str, int] = {
    "eerste": 0, "1e": 0, "een": 0, "één": 0, "1": 0, "tweede": 1, "2e": 1, "twee": 1, "2": 1,
    "derde": 2, "3e": 2, "drie": 2, "3": 2, "vierde": 3, "4e": 3, "vier": 3, "4": 3,
    "vijfde": 4, "5e": 4, "vijf": 4, "5": 4, "laatste": -1,
}


def ordinal_choice(text: str) -> int | None:
    """0-4 for "de tweede", "nummer 3"; -1 for "de laatste"; None otherwise. A bare number
    only counts when the whole message is that number ("2", "nummer 2")."""
    stripped = clean_text(text).lower()
    found = p.ORDINAL_CHOICE.search(stripped)
    if not found:
        return None
    word = found.group(1).lower()
    if word.isdigit() and not p.BARE_NUMBER.fullmatch(stripped):
        return None
    index = ORDINALS.get(word)
    if index is None and word.rstrip("e") in ORDINALS:
        index = ORDINALS[word.rstrip("e")]
    return index
