"""Rasa NLU component: the knowledge base's recognisers as an entity extractor.

Runs after DIET and adds entities with a confidence and the normalised contract value:
`job` (ESCO label; `esco_uri`, `isco08`, `sector` in the entity), `place` (municipality),
`province`, `education_level`, `work_status`, `interest` (one entity per interest),
`sector` and `learn_while_earning` (true/false), the wish, limits, age and newcomer
facts, and how the message is put: `cue` entities (question, yes, no, correction, ...,
see bot/components/message_reading.py), `job_text` (the person's own words for their
work), `language`, `email`, `phone`. A fact inside a question clause gets the role
`asked`. The actions decide from these entities only; they never read the text again.

No training: the recognisers are deterministic lookups over the knowledge base. A
knowledge-base failure costs the entities of one message, never the parse.
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
from typing import Any, Callable

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components import language_detect
from bot.components import message_patterns as patterns
from bot.components import message_reading as reading
from knowledge.recognise import profile

logger = logging.getLogger(__name__)

EXTRACTOR = "KnowledgeEntityExtractor"
# Entities about the whole message rather than some of its words.
SPANLESS = frozenset({"cue", "job_text", "language", "choice", "profession_id",
                      "ended_scheme", "limit", "age", "newcomer", "email", "phone"})
# Facts the dialogue also takes from a question: the person's own level ("kan dat met
# mijn mbo 2?"), a profession asked about (a wish), limits, age, newcomer, ended schemes.
READ_FROM_QUESTIONS = frozenset({"education_level", "wish", "limit", "age", "newcomer",
                                 "profession_id", "ended_scheme"})
# Messages longer than this are not read (a pasted CV costs time and finds noise).
MAX_CHARS = 600
# Below this a place is a typo-tolerant guess (bot/actions/findings.SURE is the same).
SURE = 0.8
# How long a message waits for the knowledge base after a start (it loads in ~10 s).
LOAD_WAIT_SECONDS = 120.0


def _span(text: str, matched: str | None) -> tuple[int, int]:
    """Character span of what a recogniser matched: the words themselves, else the word of
    the message most like them (a typo, "electricien"), else the whole message."""
    if matched == "":
        return len(text), len(text)  # no words of its own: an empty span at the end
    if matched:
        words = [re.escape(w) for w in matched.split() if w]
        if words:
            found = re.search(r"\W+".join(words), text, re.I)
            if found:
                return found.start(), found.end()
        best, score = None, 0.0
        for token in re.finditer(r"\w+", text):
            ratio = difflib.SequenceMatcher(None, token.group().lower(), matched).ratio()
            if ratio > score:
                best, score = token, ratio
        if best is not None and score >= 0.6:
            return best.start(), best.end()
    return 0, len(text)


def _entity(text: str, name: str, value: Any, confidence: float,
            matched: str | None = None, **extra: Any) -> dict[str, Any]:
    if name in SPANLESS or extra.get("role") in ("loose", "ordinal"):
        # Says how the message is put, not which words: an empty span at the end, so
        # it never competes with the words of a fact (entity evaluation is per token).
        start = end = len(text)
    else:
        start, end = _span(text, matched if matched is not None else str(value))
    return {"entity": name, "value": value, "start": start, "end": end,
            "confidence_entity": round(float(confidence), 3), "extractor": EXTRACTOR,
            **{k: v for k, v in extra.items() if v is not None}}


def recognise(text: str) -> list[dict[str, Any]]:
    """Every entity the knowledge base and the cue words find in `text` (no dialogue
    context): the facts, how the message is put (`cue`), and the person's own words."""
    text = (text or "")[:MAX_CHARS]
    if not text.strip() or text.startswith("/"):
        return []  # button payloads carry their own entities
    questions = reading.question_spans(text)
    statement = _statement_part(text, questions)
    found = _facts(text, statement)
    wishes = [e for e in found if e["entity"] == "wish" and e["end"] > e["start"]]
    # "lasser lijkt me leuk": the profession wished for is no job of the person's own.
    found = [e for e in found if not (e["entity"] in ("job", "sector") and any(
        w["start"] < e["end"] and e["start"] < w["end"] for w in wishes))]
    asked = [e for e in found if questions and reading.in_spans(e, questions)]
    # Facts inside a question are what is asked about, not told about oneself: only the
    # ones the dialogue reads from a question stay, with the role `asked`.
    found = [e for e in found if e not in asked or e["entity"] in READ_FROM_QUESTIONS]
    for entity in found:
        if entity in asked:
            entity["role"] = "asked"
    found += _cues_and_words(text, statement, bool(questions))
    return found


def _statement_part(text: str, questions: list[tuple[int, int]]) -> str:
    """The message without its question clauses (blanked, so spans stay the same)."""
    chars = list(text)
    for start, end in questions:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _facts(text: str, statement: str) -> list[dict[str, Any]]:
    import knowledge  # deferred: the knowledge base loads on first use, not on import

    found: list[dict[str, Any]] = []
    # A job asked about ("wat verdient een lasser?") is no job of the person's own.
    job = _safe(knowledge.recognise_job, statement) if statement.strip() else None
    if job and job.get("label"):
        # A job told as a description names no job words: no span to compete with.
        span_words = "" if job.get("described") else job.get("matched")
        found.append(_entity(text, "job", job["label"], job.get("confidence", 0.5),
                             span_words, esco_uri=job.get("esco_uri"),
                             isco08=job.get("isco08"), sector=job.get("sector"),
                             described=job.get("described"), words=job.get("matched")))
    place = _safe(knowledge.recognise_place, text)
    if place and place.get("municipality"):
        confidence = place.get("confidence", 0.5)
        found.append(_entity(text, "place", place["municipality"], confidence,
                             place.get("matched"), province=place.get("province")))
        if confidence >= SURE:  # a guessed town is confirmed first, never mapped at once
            found.append(_entity(text, "province", place["province"], confidence,
                                 place.get("matched")))
    else:
        province = _safe(knowledge.recognise_province, text)
        if province:
            found.append(_entity(text, "province", province, 0.95,
                                 _words("province", text, province)))
    for name, func in (("education_level", knowledge.recognise_education),
                       ("work_status", knowledge.recognise_work_status),
                       ("sector", knowledge.recognise_sector)):
        value = _safe(func, text)
        if value:
            words = _words(name, text, value)
            # The sector of the job, with no words of its own: derived, so spanless.
            found.append(_entity(text, name, value, 0.9, words or ""))
    for interest in _safe(knowledge.recognise_interests, text) or []:
        found.append(_entity(text, "interest", interest, 0.9,
                             _words("interest", text, interest)))
    income = _safe(profile.recognise_learn_while_earning, text)
    if income is not None:
        found.append(_entity(text, "learn_while_earning", income, 0.85,
                             _safe(profile.learn_while_earning_words, text) or ""))
    named = _safe(knowledge.recognise_profession, text)
    if named:
        found.append(_entity(text, "profession_id", named, 0.85, ""))
    ended = _safe(knowledge.ended_funding, text)
    if ended and ended.get("id"):
        found.append(_entity(text, "ended_scheme", ended["id"], 0.9, ""))
    found += _listening_facts(text)
    return found


def _listening_facts(text: str) -> list[dict[str, Any]]:
    """The wish, limits, age and newcomer facts (issue 22), when the knowledge base has
    their recognisers."""
    import knowledge

    found: list[dict[str, Any]] = []
    wish = _safe(getattr(knowledge, "recognise_wish", _none), text)
    if wish and (wish.get("profession_id") or wish.get("words")):
        found.append(_entity(text, "wish", wish.get("profession_id") or wish["words"],
                             wish.get("confidence", 0.8), wish.get("matched"),
                             words=wish.get("words")))
    for limit in _safe(getattr(knowledge, "recognise_limits", _none), text) or []:
        found.append(_entity(text, "limit", limit, 0.85, ""))
    age = _safe(getattr(knowledge, "recognise_age", _none), text)
    if age:
        found.append(_entity(text, "age", age, 0.9, str(age)))
    if _safe(getattr(knowledge, "recognise_newcomer", _none), text):
        found.append(_entity(text, "newcomer", True, 0.85, ""))
    return found


def _none(_text: str) -> None:
    return None


def _cues_and_words(text: str, statement: str, has_question: bool) -> list[dict[str, Any]]:
    """How the message is put (bot/components/message_reading.py), as entities."""
    found = [_entity(text, "cue", cue, 1.0, "") for cue in reading.cues(text)]
    words = reading.own_job_words(statement if has_question else text)
    if words:
        found.append(_entity(text, "job_text", words, 0.6, words))
    choice = reading.ordinal_choice(text)
    if choice is not None:
        found.append(_entity(text, "choice", choice, 0.8, ""))
    level = reading.ordinal_level(text)
    if level:
        found.append(_entity(text, "education_level", level, 0.6, None, role="ordinal"))
    for interest in reading.loose_words(patterns.INTEREST_WORDS, text):
        found.append(_entity(text, "interest", interest, 0.5, "", role="loose"))
    for sector in reading.loose_words(patterns.SECTOR_WORDS, text)[:1]:
        found.append(_entity(text, "sector", sector, 0.5, "", role="loose"))
    if has_question and patterns.OWN_LEVEL.search(text):
        found.append(_entity(text, "cue", "own_level", 1.0, ""))
    lang = language_detect.detect(text)
    if lang != "nl":
        found.append(_entity(text, "language", lang, 0.8, ""))
    given = reading.contact(text)
    if given:
        found.append(_entity(text, given[0], given[1], 0.95, ""))
    return found


def _words(kind: str, text: str, value: str) -> str:
    """The words behind a value, so the entity's span is those words (else the message)."""
    return _safe(profile.matched_words, kind, text, value) or ""


# Messages DIET is sure are not about the person ("ben jij een robot?"): "robot" is no
# interest there. Other questions keep their facts with the role `asked`.
NOT_ABOUT_THE_PERSON = frozenset({"bot_challenge"})
SURE_INTENT = 0.8


def _not_about_the_person(message: Message) -> bool:
    intent = message.get(INTENT) or {}
    return (intent.get("name") in NOT_ABOUT_THE_PERSON
            and float(intent.get("confidence") or 0.0) >= SURE_INTENT)


_READY = threading.Event()


def _warm_up() -> None:
    _safe(recognise, "ik ben kok in Utrecht")
    _READY.set()


def wait_until_ready(timeout: float) -> bool:
    """For tests and benchmarks: True once the knowledge base is loaded."""
    return _READY.wait(timeout)


def _safe(func: Callable[..., Any], *args: Any) -> Any:
    try:
        return func(*args)
    except Exception:  # noqa: BLE001 - a knowledge failure must not break the parse
        logger.exception("knowledge recogniser %s failed", getattr(func, "__name__", "?"))
        return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class KnowledgeEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds the knowledge base's findings to the parsed message's entities."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext
               ) -> KnowledgeEntityExtractor:
        return cls(config)

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config
        # Load the knowledge base in the background: the server starts at once; the first
        # message waits for the base (see process).
        if not _READY.is_set():
            threading.Thread(target=_warm_up, name="knowledge-warm-up", daemon=True).start()

    def process(self, messages: list[Message]) -> list[Message]:
        # The first messages after a start wait for the base (seconds), so that the same
        # message always gets the same entities; a base that cannot load costs entities only.
        if not _READY.wait(LOAD_WAIT_SECONDS):
            return messages
        for message in messages:
            text = message.get(TEXT) or ""
            entities = [e for e in message.get(ENTITIES, []) or []
                        if e.get("extractor") != EXTRACTOR]
            found = recognise(text)
            if _not_about_the_person(message):
                found = [e for e in found if e["entity"] in ("cue", "language")]
            message.set(ENTITIES, entities + found, add_to_output=True)
        return messages
