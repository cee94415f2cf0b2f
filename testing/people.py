"""Simulated people for conversation tests and bench/bench_understanding.py.

A person reads only the bot's text and buttons (never the tracker's `requested_slot`),
recognises which question is on screen by its words and answers it in their own words:
loose answers, phone typos, simple (A2) Dutch, several facts at once, corrections,
questions in the middle of the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

Reply = dict[str, Any]
Send = Callable[[str], list[Reply]]

# Words on screen -> the question being asked (first match wins; confirmation first).
QUESTION_WORDS: tuple[tuple[str, str], ...] = (
    ("confirm_place", r"\bbedoel je\b"),
    ("start", r"zal ik je een paar"),
    ("current_job", r"wat voor werk doe je|wat deed je het laatst"),
    ("current_sector", r"welke sector"),
    ("work_status", r"past het best bij jou"),
    ("education_level", r"hoogste diploma|welke school"),
    ("interests", r"wat vind je leuk"),
    ("region", r"welke plaats|provincie woon"),
    ("learn_while_earning", r"blijven verdienen"),
)


@dataclass
class Person:
    name: str
    opener: str
    answers: dict[str, str]
    expect: dict[str, Any]
    # slot -> a question the person asks when that slot is first asked
    questions: dict[str, str] = field(default_factory=dict)
    # a message sent once, right after the given slot was answered (a correction)
    correction: tuple[str, str] | None = None


@dataclass
class Conversation:
    person: Person
    turns: list[tuple[str, list[Reply]]] = field(default_factory=list)
    question_answers: list[tuple[str, list[Reply]]] = field(default_factory=list)
    recommended: bool = False

    def bot_texts(self) -> list[str]:
        return [" ".join(r.get("text") or "" for r in replies).strip()
                for _, replies in self.turns]

    def asks_per_slot(self) -> dict[str, int]:
        """How many bot turns showed each profile question (in any wording)."""
        counts: dict[str, int] = {}
        for _, replies in self.turns:
            slot = question_on_screen(replies)
            if slot and slot not in ("confirm_place", "start"):
                counts[slot] = counts.get(slot, 0) + 1
        return counts

    def max_asks(self) -> int:
        """The most times any one profile question was shown."""
        return max(self.asks_per_slot().values(), default=0)

    def max_repeat(self) -> int:
        """Longest run of identical bot turns in a row."""
        best, run, last = 0, 0, None
        for text in self.bot_texts():
            run = run + 1 if text == last else 1
            best, last = max(best, run), text
        return best


def question_on_screen(replies: list[Reply]) -> str | None:
    for reply in reversed(replies):
        text = (reply.get("text") or "").lower()
        for slot, pattern in QUESTION_WORDS:
            if re.search(pattern, text):
                return slot
    return None


def is_fallback(replies: list[Reply]) -> bool:
    return any(isinstance(r.get("custom"), dict) and r["custom"].get("type") == "fallback"
               for r in replies)


def has_payload(replies: list[Reply], kind: str) -> bool:
    return any(isinstance(r.get("custom"), dict) and r["custom"].get("type") == kind
               for r in replies)


def talk(send: Send, person: Person, max_turns: int = 18) -> Conversation:
    """Runs the conversation until the recommendations (or max_turns)."""
    conv = Conversation(person)
    replies = send(person.opener)
    conv.turns.append((person.opener, replies))
    asked_questions: set[str] = set()
    answered: set[str] = set()
    for _ in range(max_turns):
        if has_payload(replies, "recommendations"):
            conv.recommended = True
            break
        slot = question_on_screen(replies)
        if slot in person.questions and slot not in asked_questions:
            asked_questions.add(slot)
            message = person.questions[slot]
            replies = send(message)
            conv.turns.append((message, replies))
            conv.question_answers.append((message, replies))
            continue
        if person.correction and person.correction[0] in answered:
            message = person.correction[1]
            person = Person(person.name, person.opener, person.answers, person.expect,
                            person.questions, None)
        elif slot == "confirm_place":
            message = person.answers.get("confirm_place", "ja")
        elif slot == "start":
            message = "ja"
        elif slot in person.answers:
            message = person.answers[slot]
            answered.add(slot)
        else:
            message = "weet ik niet"
        replies = send(message)
        conv.turns.append((message, replies))
    conv.recommended = conv.recommended or has_payload(replies, "recommendations")
    return conv


def slot_score(slots: dict[str, Any], expect: dict[str, Any]) -> tuple[int, int]:
    """(right, expected) over the expected profile slots."""
    right = sum(1 for k, v in expect.items()
                if (sorted(slots.get(k) or []) == sorted(v) if isinstance(v, list)
                    else slots.get(k) == v))
    return right, len(expect)


ALL = {"current_job", "current_sector", "work_status", "education_level", "interests",
       "region", "learn_while_earning"}


def P(name: str, opener: str, answers: dict[str, str], expect: dict[str, Any],
      **kw: Any) -> Person:
    return Person(name, opener, answers, expect, **kw)


# Thirty people: multi-fact openers, loose answers, typos, A2 Dutch, corrections, questions.
PEOPLE: list[Person] = [
    P("bakker met alles in een keer",
      "Hoi, ik ben bakker in Deventer, heb mbo 2 en werk nog gewoon. Ik wil wel mijn loon houden.",
      {"interests": "met mijn handen en machines", "current_sector": "horeca"},
      {"region": "overijssel", "municipality": "Deventer", "education_level": "mbo2",
       "learn_while_earning": True}),
    P("kaasfabriek vraag in opener",
      "Ik werk in een zuivelfabriek in Woerden. Ik wil verder als operator. Lukt dat met "
      "alleen mbo 1?",
      {"current_job": "productiemedewerker", "work_status": "ik heb werk",
       "interests": "machines", "learn_while_earning": "ja"},
      {"region": "utrecht", "education_level": "mbo1", "work_status": "werkend"}),
    P("bijstand in spreektaal", "hallo",
      {"current_job": "ik maak schoon in kantoren", "work_status": "ik krijg geld van de gemeente",
       "education_level": "alleen basisschool", "interests": "buiten werken",
       "region": "Rotterdam", "learn_while_earning": "ja ik heb geld nodig"},
      {"work_status": "bijstand", "education_level": "geen", "region": "zuid-holland"}),
    P("typo's op de telefoon", "hoi ik zoek ander werk",
      {"current_job": "ik ben vrachtwagenchaufeur", "work_status": "ik zit in de bystand",
       "education_level": "mbo niveua 2", "interests": "sleutelen aan autos",
       "region": "ik woon in Eindhovn", "learn_while_earning": "jaa"},
      {"work_status": "bijstand", "region": "noord-brabant", "learn_while_earning": True}),
    P("vaste dienst in Den Haag", "ik woon in Den Haag",
      {"current_job": "beveiliger", "work_status": "Ik werk nog, in vaste dienst",
       "education_level": "vmbo", "interests": "problemen oplossen",
       "learn_while_earning": "ja"},
      {"region": "zuid-holland", "municipality": "Den Haag", "work_status": "werkend"}),
    P("salaris houden is geen vraag", "ik ben kok",
      {"work_status": "ik werk", "education_level": "mbo 3", "interests": "eten en machines",
       "region": "Zwolle",
       "learn_while_earning": "Ik wil mijn salaris houden, dus leren naast het werk"},
      {"learn_while_earning": True, "education_level": "mbo3", "region": "overijssel"}),
    P("geen diploma zonder lus",
      "Ik heb geen diploma. Kan ik toch in de techniek werken?",
      {"current_job": "ik werk in een magazijn", "work_status": "werkend",
       "education_level": "geen diploma, van school af op mijn 16e",
       "interests": "met mijn handen", "region": "Venlo", "learn_while_earning": "ja"},
      {"education_level": "geen", "region": "limburg"}),
    P("A2 statushouder", "Goedemiddag. Ik kom uit Eritrea. Ik zoek werk.",
      {"current_job": "ik was lasser in mijn land", "work_status": "bijstand",
       "education_level": "diploma uit een ander land", "interests": "lassen en metaal",
       "region": "Assen", "learn_while_earning": "ja graag"},
      {"work_status": "bijstand", "region": "drenthe"}),
    P("engelse opener", "Hello, I am looking for a job in tech",
      {"current_job": "ik ben schilder", "work_status": "ik ben zzp'er",
       "education_level": "vmbo", "interests": "buiten en bouwen", "region": "Utrecht",
       "learn_while_earning": "ja"},
      {"work_status": "zzp", "region": "utrecht"}),
    P("verhuisd tijdens het gesprek", "ik ben kapster in Groningen",
      {"work_status": "werkend", "education_level": "mbo 2", "interests": "precies werk",
       "learn_while_earning": "ja"},
      {"region": "gelderland", "municipality": "Arnhem"},
      correction=("education_level", "we zijn net verhuisd naar Arnhem")),
    P("nee ik woon in", "ik ben postbode in Utrecht",
      {"work_status": "ik heb werk", "education_level": "havo", "interests": "onderweg zijn",
       "learn_while_earning": "nee hoeft niet"},
      {"region": "noord-holland", "municipality": "Haarlem", "learn_while_earning": False},
      correction=("work_status", "nee, ik woon in Haarlem")),
    P("vraag midden in het formulier", "hoi",
      {"current_job": "ik werk in de thuiszorg", "work_status": "werkend",
       "education_level": "mbo 3", "interests": "mensen en techniek in de zorg",
       "region": "Nijmegen", "learn_while_earning": "ja"},
      {"region": "gelderland", "education_level": "mbo3"},
      questions={"education_level": "hoeveel uur per week zit je op school?"}),
    P("te oud vraag", "ik ben 58 en werk als conciërge op een basisschool",
      {"work_status": "ik werk", "education_level": "mavo", "interests": "klussen",
       "region": "Amersfoort", "learn_while_earning": "ja"},
      {"education_level": "vmbo", "region": "utrecht"},
      questions={"work_status": "ben ik niet te oud om nog om te scholen?"}),
    P("ww en korte antwoorden", "ik zoek werk",
      {"current_job": "callcenter", "work_status": "ww", "education_level": "mbo4",
       "interests": "computers", "region": "Almere", "learn_while_earning": "ja"},
      {"work_status": "ww", "education_level": "mbo4", "region": "flevoland"}),
    P("alles in een zin", "Ik ben 34, werk als vakkenvuller bij de Lidl in Breda, heb vmbo "
      "en zit graag te sleutelen.",
      {"work_status": "werkend", "learn_while_earning": "ja"},
      {"region": "noord-brabant", "education_level": "vmbo", "municipality": "Breda"}),
    P("student met deeltijd vraag", "hallo daar",
      {"current_job": "ik werk in een snackbar", "work_status": "ik studeer nog",
       "education_level": "havo", "interests": "computers en puzzelen",
       "region": "Leiden", "learn_while_earning": "nee"},
      {"work_status": "student", "education_level": "havo", "region": "zuid-holland"},
      questions={"interests": "kan ik het ook in deeltijd doen?"}),
    P("zzp subsidie vraag", "ik heb een eigen klusbedrijf",
      {"current_job": "klusjesman", "work_status": "zzp", "education_level": "lts",
       "interests": "bouwen", "region": "Zeeland", "learn_while_earning": "ja"},
      {"work_status": "zzp", "region": "zeeland"},
      questions={"education_level": "krijg ik als zzp'er subsidie voor een opleiding?"}),
    P("weet ik niet alles", "hoi",
      {"current_job": "weet ik niet", "current_sector": "weet ik niet",
       "work_status": "weet ik niet", "education_level": "weet ik niet",
       "interests": "weet ik niet", "region": "Zwolle", "learn_while_earning": "weet ik niet"},
      {"region": "overijssel"}),
    P("opener met provincie", "Ik woon in Friesland en werk in de zorg",
      {"current_job": "verzorgende", "work_status": "werkend", "education_level": "mbo 3",
       "interests": "mensen", "learn_while_earning": "ja", "region": "Sneek"},
      {"region": "friesland"}),
    P("A2 schoonmaker", "ik werk schoonmaak. ik wil andere werk",
      {"current_job": "schoonmaker", "work_status": "ik heb werk",
       "education_level": "geen school", "interests": "met hande werken",
       "region": "in Tilburg", "learn_while_earning": "ja moet geld"},
      {"region": "noord-brabant", "education_level": "geen"}),
    P("loon als leerling vraag", "hoi ik ben timmerman",
      {"work_status": "ik werk", "education_level": "mbo 2", "interests": "bouwen",
       "region": "Enschede", "learn_while_earning": "ja"},
      {"region": "overijssel", "education_level": "mbo2"},
      questions={"region": "wat verdien je als leerling?"}),
    P("middelbare school", "hallo",
      {"current_job": "ik ben kassamedewerker", "work_status": "ik werk",
       "education_level": "middelbare school zonder diploma",
       "interests": "elektra", "region": "Hilversum", "learn_while_earning": "ja"},
      {"education_level": "geen", "region": "noord-holland"}),
    P("uitkering behouden vraag", "ik zit in de ww en woon in Lelystad",
      {"current_job": "administratief medewerker", "education_level": "mbo 4",
       "interests": "tekenen en ontwerpen", "learn_while_earning": "ja"},
      {"work_status": "ww", "region": "flevoland"},
      questions={"education_level": "mag ik mijn uitkering houden als ik ga leren?"}),
    P("alleen provincie", "hoi",
      {"current_job": "heftruckchauffeur", "work_status": "werkend",
       "education_level": "vmbo", "interests": "machines en voertuigen",
       "region": "Limburg", "learn_while_earning": "ja"},
      {"region": "limburg"}),
    P("hoofdletters en punten", "IK BEN LASSER. IK WOON IN HENGELO.",
      {"work_status": "WERKEND", "education_level": "MBO 2", "interests": "LASSEN",
       "learn_while_earning": "JA"},
      {"region": "overijssel", "education_level": "mbo2"}),
    P("vraag over bootcamp", "ik werk bij een bank",
      {"current_job": "bankmedewerker", "work_status": "werkend", "education_level": "hbo",
       "interests": "computers", "region": "Amsterdam", "learn_while_earning": "ja"},
      {"education_level": "hbo", "region": "noord-holland"},
      questions={"interests": "bestaan er bootcamps voor de techniek?"}),
    P("woonplaats met typo", "ik ben kok",
      {"work_status": "werkend", "education_level": "mbo 2", "interests": "voeding",
       "region": "Apeldorn", "learn_while_earning": "ja"},
      {"region": "gelderland"}),
    P("geen werk", "ik heb geen werk",
      {"current_sector": "iets anders", "work_status": "werkzoekend zonder uitkering",
       "education_level": "havo", "interests": "duurzame energie",
       "region": "Groningen", "learn_while_earning": "ja"},
      {"work_status": "werkzoekend_zonder_uitkering", "region": "groningen"}),
    P("leren op het werk vraag", "ik werk in een supermarkt",
      {"current_job": "vakkenvuller", "work_status": "werkend", "education_level": "vmbo",
       "interests": "met mijn handen", "region": "Zaandam", "learn_while_earning": "ja"},
      {"region": "noord-holland"},
      questions={"work_status": "kan ik bij een bedrijf beginnen en daar leren?"}),
    P("hbo verkort", "ik heb hbo en werk op kantoor",
      {"current_job": "beleidsmedewerker", "work_status": "werkend",
       "interests": "duurzaamheid", "region": "Den Bosch", "learn_while_earning": "ja"},
      {"education_level": "hbo", "region": "noord-brabant"}),
]
