"""A conversation driver that plays a persona against the running bot, over HTTP only.

It behaves like a person in a chat window: it reads texts, buttons and `custom` payloads
from the REST channel, and looks at the tracker (API) only to know which question the
profile form is asking (`requested_slot`). It never imports bot code.

The driver does not assert: it records what happened (turns, payloads, timings) and
writes down every deviation it had to work around as a `problem`, so a test can show
all of them at once instead of stopping at the first.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Protocol

from testing.personas import Persona, as_list

FORM = "profile_form"
ADVICE_TYPES = ("routes", "funding", "next_steps")
# What a person types when the bot did not send one of the advice payloads by itself.
ADVICE_QUESTIONS = {
    "routes": "hoe word ik dat?",
    "funding": "wie betaalt de opleiding?",
    "next_steps": "wat moet ik nu doen?",
}
START_TEXT = "ik wil weten welk technisch beroep bij mij past"
_PROGRESS = re.compile(r"^\s*(nog\s+\d+\s+vragen\.?|laatste\s+vraag!?)\s*", re.I)


class Stack(Protocol):
    """What the driver needs from the `rasa_stack` fixture."""

    def send(self, sender: str, text: str, metadata: Optional[Dict[str, Any]] = None,
             timeout: float = 30) -> List[Dict[str, Any]]: ...

    def tracker(self, sender: str) -> Dict[str, Any]: ...


# --------------------------------------------------------------------------- records


@dataclass
class Turn:
    number: int
    sent: str
    replies: List[Dict[str, Any]]
    ms: float
    asked_before: Optional[str] = None  # requested_slot when the message was sent

    def texts(self) -> List[str]:
        return [r["text"] for r in self.replies if r.get("text")]

    def payloads(self) -> List[Dict[str, Any]]:
        return [r["custom"] for r in self.replies if isinstance(r.get("custom"), dict)]

    def buttons(self) -> List[Dict[str, Any]]:
        return [b for r in self.replies for b in (r.get("buttons") or [])]

    def has_fallback(self) -> bool:
        return any(p.get("type") == "fallback" for p in self.payloads())

    def describe(self) -> str:
        shown = [t.replace("\n", " / ")[:160] for t in self.texts()]
        kinds = [p.get("type") for p in self.payloads()]
        return f"turn {self.number}: sent {self.sent!r} -> texts {shown} payloads {kinds}"


@dataclass
class FaqCheck:
    question: str
    asked_slot: Optional[str]
    turn: Optional[Turn]
    slot_after: Optional[str]
    loop_after: Optional[str]
    answer_texts: List[str]
    keyword_found: bool
    fallback: bool

    @property
    def ok(self) -> bool:
        return (self.turn is not None and self.asked_slot is not None
                and self.loop_after == FORM and self.slot_after == self.asked_slot
                and bool(self.answer_texts) and self.keyword_found and not self.fallback)


@dataclass
class Conversation:
    persona: Persona
    sender: str
    turns: List[Turn] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)
    faq: Optional[FaqCheck] = None
    recommendations: Optional[Dict[str, Any]] = None
    chosen: Optional[str] = None
    advice: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    slots: Dict[str, Any] = field(default_factory=dict)
    dont_know_turns: List[Turn] = field(default_factory=list)

    def payloads(self, kind: str) -> List[Dict[str, Any]]:
        return [p for t in self.turns for p in t.payloads() if p.get("type") == kind]

    @property
    def max_ms(self) -> float:
        return max((t.ms for t in self.turns), default=0.0)

    @property
    def top3(self) -> List[str]:
        items = (self.recommendations or {}).get("items") or []
        return [str(i.get("id")) for i in items[:3]]

    def transcript(self) -> str:
        return "\n".join(t.describe() for t in self.turns)


# --------------------------------------------------------------------------- driver


def _strip_progress(text: str) -> str:
    return _PROGRESS.sub("", text or "").strip()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip()


class PersonaDriver:
    """Plays one persona from the first message to the next steps."""

    def __init__(self, stack: Stack, persona: Persona, sender: str,
                 max_messages: int = 40) -> None:
        self.stack = stack
        self.persona = persona
        self.conv = Conversation(persona=persona, sender=sender)
        self.max_messages = max_messages
        self._attempts: Dict[str, int] = {}
        self._questions: List[str] = []  # texts of the form's questions so far
        self._last_answer: Dict[str, Turn] = {}
        self._advice_from = 0  # index of the first turn after choosing a profession
        self._stuck = False

    # -- low level

    def send(self, text: str, asked: Optional[str] = None) -> Turn:
        started = time.perf_counter()
        replies = self.stack.send(self.conv.sender, text)
        ms = (time.perf_counter() - started) * 1000
        turn = Turn(number=len(self.conv.turns) + 1, sent=text, replies=replies, ms=ms,
                    asked_before=asked)
        self.conv.turns.append(turn)
        for payload in turn.payloads():
            if payload.get("type") == "recommendations":
                self.conv.recommendations = payload
        return turn

    def form_state(self) -> tuple[Optional[str], Optional[str], Dict[str, Any]]:
        tracker = self.stack.tracker(self.conv.sender)
        loop = (tracker.get("active_loop") or {}).get("name")
        slots = tracker.get("slots") or {}
        return loop, slots.get("requested_slot"), slots

    def problem(self, text: str) -> None:
        self.conv.problems.append(text)

    # -- the conversation

    def play(self) -> Conversation:
        for text in self.persona.opening:
            self.send(text)
        self._fill_profile()
        if self.conv.recommendations is None:
            self.problem("no recommendations payload reached the person "
                         f"after {len(self.conv.turns)} messages")
            self.conv.slots = self.form_state()[2]
            return self.conv
        if self.persona.correction and self.persona.correction.after_slot is None:
            self._correct_after_recommendations()
        self._choose_first()
        self._collect_advice()
        self.conv.slots = self.form_state()[2]
        return self.conv

    def _fill_profile(self) -> None:
        start_tries = 0
        correction = self.persona.correction
        pending_correction = correction is not None and correction.after_slot is not None
        while (self.conv.recommendations is None and not self._stuck
               and len(self.conv.turns) < self.max_messages):
            loop, asked, slots = self.form_state()
            if loop != FORM or not asked:
                start_tries += 1
                if start_tries > 2:
                    self.problem(f"the profile form did not start or went quiet "
                                 f"(active_loop={loop!r}, requested_slot={asked!r}) after "
                                 f"{self.conv.turns[-1].describe()}")
                    return
                self._start()
                continue
            self._remember_question()
            if self.conv.faq is None and self._faq_due(asked, slots):
                self._ask_faq(asked)
                continue
            self._answer(asked)
            if (pending_correction and correction is not None
                    and correction.after_slot == asked
                    and self.conv.recommendations is None):
                pending_correction = False
                self.send(correction.text, asked=self.form_state()[1])
        if pending_correction:
            self.problem(f"the correction {correction.text!r} was never sent: the form did "
                         f"not ask {correction.after_slot!r}")

    def _start(self) -> None:
        """A person clicks the start button when there is one, else says what they want."""
        last = self.conv.turns[-1] if self.conv.turns else None
        for button in last.buttons() if last else []:
            if "start" in _norm(button.get("title", "")) or "start_profile" in str(
                    button.get("payload", "")):
                self.send(button["payload"])
                return
        self.send(START_TEXT)

    def _remember_question(self) -> None:
        last = self.conv.turns[-1]
        texts = last.texts()
        if texts:
            self._questions.append(_strip_progress(texts[-1]))

    def _faq_due(self, asked: str, slots: Dict[str, Any]) -> bool:
        wanted = self.persona.faq.at_slot
        if wanted is None or asked == wanted:
            return True
        # The slot was already filled by an earlier message: ask at the next question.
        return slots.get(wanted) not in (None, [])

    def _ask_faq(self, asked: str) -> None:
        faq = self.persona.faq
        turn = self.send(faq.text, asked=asked)
        loop, after, _ = self.form_state()
        questions = {_norm(q) for q in self._questions}
        answers = [t for t in turn.texts() if _norm(_strip_progress(t)) not in questions]
        # The form's own question again (maybe with other buttons) is not an answer.
        if answers and turn.buttons() and after == asked:
            reask = _norm(_strip_progress(turn.texts()[-1]))
            answers = [t for t in answers if _norm(_strip_progress(t)) != reask] or answers[:-1]
        joined = _norm(" ".join(answers))
        found = any(_norm(k) in joined for k in faq.expect_any)
        self.conv.faq = FaqCheck(question=faq.text, asked_slot=asked, turn=turn,
                                 slot_after=after, loop_after=loop, answer_texts=answers,
                                 keyword_found=found, fallback=turn.has_fallback())

    def _answer(self, asked: str) -> None:
        attempt = self._attempts.get(asked, 0)
        self._attempts[asked] = attempt + 1
        scripted = self.persona.answers.get(asked, [])
        allowed_reasks = 1 if asked in self.persona.dont_know_slots else 0
        previous = self._last_answer.get(asked)
        if attempt > allowed_reasks and previous is not None:
            self.problem(f"slot {asked!r} asked again after the person answered it: "
                         f"{previous.describe()}")
        if attempt < len(scripted):
            turn = self.send(scripted[attempt], asked=asked)
            if asked in self.persona.dont_know_slots and attempt == 0:
                self.conv.dont_know_turns.append(turn)
        elif attempt > len(scripted) + 1:
            self.problem(f"gave up: the bot keeps asking {asked!r}")
            self._stuck = True
            return
        else:
            turn = self._click_expected(asked)
        self._last_answer[asked] = turn

    def _click_expected(self, asked: str) -> Turn:
        """Out of free-text answers: click the button of the expected value, like a
        person who gives up typing; else say it once more the simplest way."""
        expected = self.persona.expect.get(asked)
        values = [str(v).lower() for v in as_list(expected if not isinstance(expected, bool)
                                                   else None)]
        if isinstance(expected, bool):
            values = ["/affirm"] if expected else ["/deny"]
        for button in self.conv.turns[-1].buttons():
            payload = str(button.get("payload", "")).lower()
            if any(f'"{v}"' in payload or payload == v for v in values):
                return self.send(button["payload"], asked=asked)
        fallback = (self.persona.answers.get(asked) or ["weet ik niet"])[-1]
        return self.send(fallback, asked=asked)

    def _correct_after_recommendations(self) -> None:
        correction = self.persona.correction
        assert correction is not None
        before = self.conv.recommendations
        self.conv.recommendations = None
        turn = self.send(correction.text)
        if self.conv.recommendations is None:
            loop, asked, _ = self.form_state()
            if loop == FORM and asked:  # the form asks something again first
                self._fill_profile()
        if self.conv.recommendations is None:
            self.conv.recommendations = before
            self.problem(f"after the correction {correction.text!r} no new "
                         f"recommendations came ({turn.describe()})")

    def _choose_first(self) -> None:
        recs = self.conv.recommendations or {}
        items = recs.get("items") or []
        if not items:
            self.problem("the recommendations payload has no items")
            return
        first = items[0]
        self.conv.chosen = str(first.get("id"))
        self._advice_from = len(self.conv.turns)
        turn = next(t for t in reversed(self.conv.turns)
                    if any(p is recs for p in t.payloads()))
        buttons = turn.buttons()
        name = _norm(str(first.get("name", "")))
        button = next((b for b in buttons if _norm(b.get("title", "")) == name), None)
        if button is None:
            button = next((b for b in buttons if f'"{first.get("id")}"' in
                           str(b.get("payload", ""))), None)
            if button is not None:
                self.problem(f"no button titled like the first recommendation "
                             f"{first.get('name')!r}; used the one with its id")
        if button is None:
            self.problem(f"no button for the first recommendation {first.get('id')!r} "
                         f"(buttons: {[b.get('title') for b in buttons]})")
            payload = '/choose_profession{"profession":"' + str(first.get("id")) + '"}'
            self.send(payload)
            return
        self.send(str(button["payload"]))

    def _collect_advice(self) -> None:
        for kind in ADVICE_TYPES:
            found = self._latest(kind)
            if found is None and len(self.conv.turns) < self.max_messages:
                self.send(ADVICE_QUESTIONS[kind])
                found = self._latest(kind)
            if found is None:
                self.problem(f"no {kind!r} payload, also not after asking "
                             f"{ADVICE_QUESTIONS[kind]!r} ({self.conv.turns[-1].describe()})")
            else:
                self.conv.advice[kind] = found

    def _latest(self, kind: str) -> Optional[Dict[str, Any]]:
        """The newest payload of this kind sent since the profession was chosen."""
        for turn in reversed(self.conv.turns[self._advice_from:]):
            for payload in reversed(turn.payloads()):
                if payload.get("type") == kind:
                    return payload
        return None


def play(stack: Stack, persona: Persona, sender: str) -> Conversation:
    return PersonaDriver(stack, persona, sender).play()
