"""People from every province talk to the running bot over REST until they have their
advice: used by the advice REST tests and by ``bench/bench_readability.py``.

Like a person in a chat window, a run answers the question the form asks (read from
``requested_slot``), picks the first recommendation by its button, presses "Hoe word ik
het?", "Wie betaalt?" and "Wat doe ik nu?", asks one frequent question and asks who pays
once more. It records every bot turn; it never imports bot code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

MAX_FORM_TURNS = 14


class Stack(Protocol):
    def send(self, sender: str, text: str, metadata: dict[str, Any] | None = None,
             timeout: float = 30) -> list[dict[str, Any]]: ...

    def tracker(self, sender: str) -> dict[str, Any]: ...

    @staticmethod
    def new_sender(prefix: str = "test") -> str: ...


@dataclass(frozen=True)
class Person:
    name: str
    province: str
    answers: dict[str, str]
    faq: str = "hoeveel verdien je dan?"
    opening: str = "hoi"


PEOPLE: tuple[Person, ...] = (
    Person("kok Zwolle", "overijssel", {
        "current_job": "ik ben kok", "work_status": "ik heb ww",
        "education_level": "mbo 2", "interests": "ik werk graag met mijn handen",
        "region": "Zwolle", "learn_while_earning": "ja"}),
    Person("boer Friesland", "friesland", {
        "current_job": "ik ben boer", "work_status": "ik heb werk",
        "education_level": "vmbo", "interests": "buiten en machines",
        "region": "Leeuwarden", "learn_while_earning": "ja"}, faq="ben ik te oud?"),
    Person("kassamedewerker Utrecht", "utrecht", {
        "current_job": "ik werk als kassamedewerker bij de Jumbo", "work_status": "ik heb werk",
        "education_level": "vmbo", "interests": "computers en puzzelen",
        "region": "ik woon in Utrecht", "learn_while_earning": "ja"}),
    Person("elektricien Den Haag", "zuid-holland", {
        "current_job": "ik was elektricien in mijn land", "work_status": "bijstand",
        "education_level": "geen diploma", "interests": "elektra", "region": "Den Haag",
        "learn_while_earning": "ja ik moet geld verdienen"},
        faq="welk niveau Nederlands heb ik nodig?"),
    Person("chauffeur Tilburg", "noord-brabant", {
        "current_job": "ik ben vrachtwagenchauffeur", "work_status": "ik werk nog",
        "education_level": "mbo 3", "interests": "ik sleutel graag aan auto's",
        "region": "Tilburg", "learn_while_earning": "ja"}),
    Person("verzorgende Groningen", "groningen", {
        "current_job": "ik werk in de thuiszorg als verzorgende", "work_status": "werkend",
        "education_level": "mbo 3", "interests": "techniek in de zorg en met mensen",
        "region": "Groningen", "learn_while_earning": "ja"}, faq="wat kost de opleiding?"),
    Person("vakkenvuller Almere", "flevoland", {
        "current_job": "ik werk in een supermarkt als vakkenvuller",
        "work_status": "ik ben student", "education_level": "havo",
        "interests": "computers", "region": "Almere", "learn_while_earning": "nee"}),
    Person("schilder Maastricht", "limburg", {
        "current_job": "ik ben schilder", "work_status": "ik ben zzp'er",
        "education_level": "vmbo", "interests": "buiten werken en bouwen",
        "region": "Maastricht", "learn_while_earning": "ja"}, faq="heb ik vca nodig?"),
    Person("administratie Arnhem", "gelderland", {
        "current_job": "administratief medewerker", "work_status": "ww",
        "education_level": "mbo 4", "interests": "precies werk en tekenen",
        "region": "Arnhem", "learn_while_earning": "ja"}),
    Person("kapster Middelburg", "zeeland", {
        "current_job": "ik ben kapster", "work_status": "werkend",
        "education_level": "mbo 2", "interests": "precies werk", "region": "Middelburg",
        "learn_while_earning": "ja"}),
    Person("beveiliger Haarlem", "noord-holland", {
        "current_job": "beveiliger", "work_status": "werkend", "education_level": "vmbo",
        "interests": "ik los graag problemen op", "region": "Haarlem",
        "learn_while_earning": "ja"}, faq="kan ik mijn uitkering houden?"),
    Person("statushouder Leiden", "zuid-holland", {
        "current_job": "ik was lasser in Syrie", "work_status": "bijstand",
        "education_level": "geen diploma", "interests": "met mijn handen", "region": "Leiden",
        "learn_while_earning": "ja"}, faq="welk niveau Nederlands heb ik nodig?",
        opening="hallo, ik ben statushouder en ik zoek werk in de techniek"),
    Person("magazijn Emmen", "drenthe", {
        "current_job": "ik ben magazijnmedewerker", "work_status": "bijstand",
        "education_level": "mbo 1", "interests": "machines", "region": "Emmen",
        "learn_while_earning": "ja"}),
)


@dataclass
class BotTurn:
    phase: str  # form, recommendations, intro, routes, funding, next_steps, faq, again
    sent: str
    replies: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "\n".join(r["text"] for r in self.replies if r.get("text"))

    def payloads(self, kind: str | None = None) -> list[dict[str, Any]]:
        out = [r["custom"] for r in self.replies if isinstance(r.get("custom"), dict)]
        return [p for p in out if kind is None or p.get("type") == kind]

    def buttons(self) -> list[dict[str, Any]]:
        return [b for r in self.replies for b in (r.get("buttons") or [])]


@dataclass
class Run:
    person: Person
    sender: str
    turns: list[BotTurn] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)

    def phase(self, name: str) -> list[BotTurn]:
        return [t for t in self.turns if t.phase == name]

    def payload(self, kind: str) -> dict[str, Any] | None:
        found = [p for t in self.turns for p in t.payloads(kind)]
        return found[0] if found else None

    def after_recommendations(self) -> list[BotTurn]:
        return [t for t in self.turns if t.phase not in ("form", "recommendations")]


def _press(stack: Stack, run: Run, phase: str, title: str) -> BotTurn:
    last = next(t for t in reversed(run.turns) if t.buttons())
    button = next((b for b in last.buttons() if b.get("title") == title), None)
    assert button is not None, (f"{run.person.name}: no button {title!r} after "
                                f"{last.text[:200]!r}")
    return _send(stack, run, phase, str(button["payload"]))


def _send(stack: Stack, run: Run, phase: str, text: str) -> BotTurn:
    turn = BotTurn(phase, text, stack.send(run.sender, text))
    run.turns.append(turn)
    return turn


def play(stack: Stack, person: Person) -> Run:
    run = Run(person, stack.new_sender("advice"))
    turn = _send(stack, run, "form", person.opening)
    for _ in range(MAX_FORM_TURNS):
        if turn.payloads("recommendations"):
            turn.phase = "recommendations"
            break
        asked = stack.tracker(run.sender)["slots"].get("requested_slot")
        turn = _send(stack, run, "form", person.answers.get(asked or "", "ik wil beginnen"))
    else:
        raise AssertionError(f"{person.name}: no recommendations after {MAX_FORM_TURNS} turns")
    first = turn.payloads("recommendations")[0]["items"][0]
    _press(stack, run, "intro", str(first["name"]))
    _press(stack, run, "routes", "Hoe word ik het?")
    _press(stack, run, "funding", "Wie betaalt?")
    _press(stack, run, "next_steps", "Wat doe ik nu?")
    _send(stack, run, "faq", person.faq)
    _send(stack, run, "again", "wie betaalt de opleiding?")
    run.slots = stack.tracker(run.sender).get("slots") or {}
    return run


# --------------------------------------------------------------------------- readability

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9€'][A-Za-zÀ-ÿ0-9€'.,-]*")
_VOWELS = re.compile(r"ij|[aeiouyàáâäèéêëìíîïòóôöùúûü]+", re.I)
# Web addresses are not words; the full stop after one still ends the sentence.
_URL = re.compile(r"https?://[\w./-]*[\w/-]|\b[\w-]+(?:\.[\w-]+)*\.(?:nl|com|eu)\b(?:/[\w/-]*)?")


def sentences(text: str) -> list[str]:
    cleaned = _URL.sub("", text or "")
    return [s.strip(" •-–") for s in _SENTENCE_SPLIT.split(cleaned)
            if _WORD.search(s.strip(" •-–"))]


def words(sentence: str) -> list[str]:
    return [w.rstrip(".,") for w in _WORD.findall(sentence)]


def syllables(word: str) -> int:
    """Vowel groups, 'ij' as one vowel; numbers and symbols count as one syllable."""
    groups = _VOWELS.findall(word.replace("IJ", "ij"))
    return max(1, len(groups))


def readability(texts: list[str]) -> dict[str, float]:
    """Flesch-Douma and the share of sentences over 15 words over ``texts``."""
    all_sentences = [s for t in texts for s in sentences(t)]
    all_words = [w for s in all_sentences for w in words(s)]
    if not all_sentences or not all_words:
        return {"flesch_douma": 0.0, "long_share": 0.0, "sentences": 0, "words": 0}
    syl_per_100 = 100 * sum(syllables(w) for w in all_words) / len(all_words)
    words_per_sentence = len(all_words) / len(all_sentences)
    long = sum(1 for s in all_sentences if len(words(s)) > 15)
    return {"flesch_douma": 206.84 - 0.77 * syl_per_100 - 0.93 * words_per_sentence,
            "long_share": long / len(all_sentences), "sentences": len(all_sentences),
            "words": len(all_words)}
