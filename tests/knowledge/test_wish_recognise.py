"""A profession the person wants or asks about is a wish; their current job is not."""

from __future__ import annotations

import pytest

from knowledge.kb import KnowledgeBase
from knowledge.recognise.wishes import recognise_wish

OURS = [
    ("Ik wil graag procesoperator worden bij de chemie hier", "procesoperator"),
    ("medisch technicus lijkt me echt mooi", "medisch_technicus"),
    ("Hoe lang duurt de opleiding tot medisch technicus?", "medisch_technicus"),
    ("het liefst iets als elektricien", "elektromonteur"),
    ("lijkt me wel wat, liftmonteur", "liftmonteur"),
    ("hoe word ik monteur zonnepanelen", "monteur_zonnepanelen"),
    ("ik zou graag als lasser aan de slag", "lasser"),
    ("I want to become a welder", "lasser"),
    ("I'd like to work as an electrician", "elektromonteur"),
    ("ik wil procesoperater worden", "procesoperator"),  # typo
    ("Mijn droom is om windturbinetechnicus te worden", "windturbinetechnicus"),
    ("omscholen tot dakdekker, kan dat?", "dakdekker"),
    ("wat verdient een automonteur?", "autotechnicus"),
]


@pytest.mark.parametrize(("text", "profession_id"), OURS)
def test_a_wish_for_one_of_our_professions_gives_its_id(
        real_kb: KnowledgeBase, text: str, profession_id: str) -> None:
    # GIVEN a person who names a profession they want, in any wording
    found = recognise_wish(real_kb, text)
    # THEN it is recognised as a wish for that profession
    assert found is not None and found["profession_id"] == profession_id, found
    assert 0 < found["confidence"] <= 1


@pytest.mark.parametrize(("text", "words"), [
    ("ik wil dierenarts worden", "dierenarts"),
    ("mijn droom is om piloot te worden", "piloot"),
])
def test_a_wish_outside_our_list_keeps_the_persons_words(
        real_kb: KnowledgeBase, text: str, words: str) -> None:
    found = recognise_wish(real_kb, text)
    assert found is not None and found["profession_id"] is None
    assert found["words"] == words


@pytest.mark.parametrize("text", [
    "ik ben lasser", "ik werk als kok in een restaurant", "ik was vroeger elektricien",
    "ik wil met mijn handen werken", "ik wil iets anders", "ik zoek werk",
    "ik heb 10 jaar als timmerman gewerkt",
])
def test_the_current_job_or_a_vague_wish_is_no_wish(real_kb: KnowledgeBase, text: str) -> None:
    assert recognise_wish(real_kb, text) is None


def test_the_facade_uses_the_default_knowledge_base(real_kb: KnowledgeBase) -> None:
    import knowledge
    from knowledge import api
    api.set_default(real_kb)
    try:
        found = knowledge.recognise_wish("ik ben administratief medewerker en wil "
                                         "procesoperator worden")
    finally:
        api.set_default(None)
    assert found is not None and found["profession_id"] == "procesoperator"
