"""Limits, age and being new to the Netherlands, read from everyday Dutch (A2 level,
typos) and English. Pure functions: no knowledge base needed."""

from __future__ import annotations

import pytest

import knowledge

LIMIT_CASES = [
    ("Mijn knieën zijn op na 30 jaar in de bouw", ["geen_zwaar_werk"]),
    ("ik heb last van me rug", ["geen_zwaar_werk"]),
    ("Hernia gehad, dokter zegt rustig aan", ["geen_zwaar_werk"]),
    ("van de bedrijfsarts mag ik niet meer tillen", ["geen_zwaar_werk"]),
    ("geen zwaar werk meer graag", ["geen_zwaar_werk"]),
    ("schouder kapot van het stukadoren", ["geen_zwaar_werk"]),
    ("I have a bad back", ["geen_zwaar_werk"]),
    ("ik ben bang voor hoogte", ["geen_hoogte"]),
    ("hoogtevrees, dus niet op daken", ["geen_hoogte"]),
    ("I have a fear of heights", ["geen_hoogte"]),
    ("ik wil niet in ploegen werken", ["geen_ploegen"]),
    ("geen nachtdiensten ivm mijn kinderen", ["geen_ploegen"]),
    ("alleen overdag werken", ["geen_ploegen"]),
    ("no night shifts please", ["geen_ploegen"]),
    ("ik heb geen rijbewijs", ["geen_rijbewijs"]),
    ("mijn rijbewijs is ingetrokken", ["geen_rijbewijs"]),
    ("I don't have a driving licence", ["geen_rijbewijs"]),
    ("ik kan alleen parttime werken", ["deeltijd"]),
    ("ik kan maar 20 uur per week", ["deeltijd"]),
    ("max 3 dagen in de week", ["deeltijd"]),
    ("knieen versleten en geen rijbewijs", ["geen_zwaar_werk", "geen_rijbewijs"]),
]
NO_LIMIT = [
    "ik heb geen rugklachten",
    "ik heb wel een rijbewijs",
    "ik heb een rijbewijs B",
    "ik heb geen hoogtevrees",
    "ploegendienst is geen probleem voor mij",
    "ik werk nu parttime als kassamedewerker",
    "ik wil met mijn handen werken",
    "mijn knieën zijn prima",
]


@pytest.mark.parametrize(("text", "expected"), LIMIT_CASES)
def test_a_stated_limit_is_read_in_everyday_words(text: str, expected: list[str]) -> None:
    # GIVEN a person who says what they cannot do, in their own words
    # WHEN the message is read
    # THEN exactly those limits come back, in contract order
    assert knowledge.recognise_limits(text) == expected


@pytest.mark.parametrize("text", NO_LIMIT)
def test_a_negated_or_absent_limit_gives_nothing(text: str) -> None:
    # GIVEN a sentence that denies a limit or names none
    # THEN no limit is recorded
    assert knowledge.recognise_limits(text) == []


def test_a_limit_in_one_clause_does_not_spill_into_the_next() -> None:
    # GIVEN bad knees but a driving licence in one message
    said = "Mijn knieën zijn versleten, maar ik heb wel een rijbewijs"
    # THEN only the body limit counts
    assert knowledge.recognise_limits(said) == ["geen_zwaar_werk"]


@pytest.mark.parametrize(("text", "age"), [
    ("ik ben 58", 58), ("Ik ben 58 jaar en timmerman", 58), ("op mijn 58e nog omscholen?", 58),
    ("I am 45 years old", 45), ("52 jaar, lasser", 52), ("ben al 61 hoor", 61),
])
def test_an_age_is_taken_only_when_said_outright(text: str, age: int) -> None:
    assert knowledge.recognise_age(text) == age


@pytest.mark.parametrize("text", [
    "ik werk al 20 jaar als lasser", "ik ben 40 uur per week bezig", "ik heb 3 kinderen",
    "30 jaar ervaring in de bouw", "ik verdien 2500 euro",
])
def test_other_numbers_are_no_age(text: str) -> None:
    assert knowledge.recognise_age(text) is None


@pytest.mark.parametrize("text", [
    "ik heb een verblijfsvergunning", "ik zit nog in de inburgering", "Ik kom uit Syrië",
    "mijn diploma is uit Turkije", "ik ben gevlucht in 2022", "statushouder",
    "ik woon pas 2 jaar in nederland", "in mijn land was ik elektricien",
    "ik heb een Oekraïens diploma", "I am a refugee", "I just got a residence permit",
    "I studied in Iran", "ik kom oorspronkelijk uit Eritrea",
])
def test_a_newcomer_is_recognised_in_any_words(text: str) -> None:
    assert knowledge.recognise_newcomer(text) is True


@pytest.mark.parametrize("text", [
    "ik kom uit Limburg", "ik werk als kok", "ik woon in Rotterdam", "ik ben lasser",
    "ik kom uit de bouw",
])
def test_a_dutch_background_is_no_newcomer(text: str) -> None:
    assert knowledge.recognise_newcomer(text) is False
