"""Questions about schemes that ended are recognised, ordinary words are not."""

from __future__ import annotations

import pytest

import knowledge


@pytest.mark.parametrize("question,scheme", [
    ("kan ik STAP-budget krijgen?", "stap_budget"),
    ("bestaat het stap budget nog", "stap_budget"),
    ("kan ik mijn studiekosten aftrekken van de belasting?", "fiscale_aftrek_scholingsuitgaven"),
    ("krijgt mijn baas nog LIV?", "lage_inkomensvoordeel"),
    ("kan het mobiliteitsteam mij helpen", "regionale_mobiliteitsteams"),
])
def test_a_question_about_an_ended_scheme_names_that_scheme(question: str, scheme: str) -> None:
    # GIVEN a question about a scheme that ended WHEN it is looked up
    found = knowledge.ended_funding(question)
    # THEN that scheme is found, marked ended, with a note saying so
    assert found is not None and found["id"] == scheme
    assert found["status"] == "ended" and found["ended_note"]


@pytest.mark.parametrize("question", [
    "wat is de volgende stap?", "stap voor stap uitleggen graag", "ik wil leven en werken",
])
def test_ordinary_words_are_not_taken_for_an_ended_scheme(question: str) -> None:
    # GIVEN everyday Dutch that shares a word with a scheme WHEN it is looked up
    # THEN no ended scheme is named
    assert knowledge.ended_funding(question) is None
