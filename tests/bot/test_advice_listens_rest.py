"""Advice that listens, over REST with a real Rasa and action server: what people say
about their wish, their body, their age and where they come from reaches the advice.

Conversations in our own words (A2 Dutch, a typo here and there); each runs once per
module and each test checks one promise.
"""

from __future__ import annotations

import csv

import pytest

from settings import REPO_ROOT
from testing.advice_run import Person, Run, play
from tests.conftest import RasaStack

PROFESSIONS = {r["id"]: r for r in csv.DictReader(
    (REPO_ROOT / "knowledge" / "data" / "professions.csv").open(encoding="utf-8"))}

WISH = Person("kantoor wil operator", "gelderland", {
    "current_job": "ik werk op kantoor, administratief medewerker",
    "work_status": "ik heb werk", "education_level": "mbo 3",
    "interests": "computers en uitzoeken hoe iets werkt", "region": "Arnhem",
    "learn_while_earning": "ja"},
    opening="hoi, ik wil graag procesoperator worden bij de chemische fabrieken hier")
KNEES = Person("timmerman knieen", "utrecht", {
    "current_job": "ik ben timmerman maar mijn knieen zijn op",
    "work_status": "ik heb werk", "education_level": "vmbo",
    "interests": "bouwen en precies werk", "region": "Amersfoort",
    "learn_while_earning": "ja"},
    opening="hallo, ik ben 58 en ik zoek lichter werk in de techniek")
NEWCOMER = Person("monteur uit Eritrea", "noord-brabant", {
    "current_job": "in Eritrea was ik automonteur", "work_status": "bijstand",
    "education_level": "geen diploma", "interests": "sleutelen aan auto's",
    "region": "Eindhoven", "learn_while_earning": "ja"},
    opening="hallo, ik kom uit Eritrea en ik zoek werk")


@pytest.fixture(scope="module")
def runs(rasa_stack: RasaStack) -> dict[str, Run]:
    return {p.name: play(rasa_stack, p) for p in (WISH, KNEES, NEWCOMER)}


def _items(run: Run) -> list[dict]:
    return run.payload("recommendations")["items"]


def test_a_named_wish_comes_first(runs: dict[str, Run]) -> None:
    run = runs[WISH.name]
    assert _items(run)[0]["id"] == "procesoperator"
    assert run.slots.get("wished_profession") == "procesoperator"


def test_worn_knees_keep_heavy_work_out_of_the_top_three(runs: dict[str, Run]) -> None:
    run = runs[KNEES.name]
    top3 = [i["id"] for i in _items(run)[:3]]
    assert "geen_zwaar_werk" in (run.slots.get("limits") or [])
    assert all(PROFESSIONS[i]["physical"] not in ("zwaar", "zeer_zwaar") for i in top3), top3
    assert "timmerman" not in top3


def test_the_recommendations_name_what_carries_over(runs: dict[str, Run]) -> None:
    for run in runs.values():
        turn = run.phase("recommendations")[0]
        assert "Wat je al kunt:" in turn.text, run.person.name


def test_a_newcomer_gets_the_language_and_diploma_steps(runs: dict[str, Run]) -> None:
    steps = runs[NEWCOMER.name].payload("next_steps")["steps"]
    assert any("IDW" in s for s in steps), steps
    assert any("inburgering" in s or "taal" in s for s in steps), steps
