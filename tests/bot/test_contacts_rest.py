"""Local help over REST with a real Rasa and action server (issue 23): the partner
initiative for someone from Foodvalley, an honest answer where no local desk is known, no
guess when only the province is said, and an operator's edit used in the next
conversation without restarting anything."""

from __future__ import annotations

import re

import pytest

from knowledge.contacts import ContactStore
from testing.advice_run import Person, Run, play
from tests.conftest import RasaStack

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _person(name: str, province: str, place: str) -> Person:
    # The answers of a person the advice tests already take through the form.
    return Person(name, province, {
        "current_job": "administratief medewerker", "work_status": "ww",
        "education_level": "mbo 4", "interests": "precies werk en tekenen",
        "region": place, "learn_while_earning": "ja"})


def _steps(run: Run) -> dict:
    payload = run.payload("next_steps")
    assert payload is not None, f"{run.person.name}: no next steps"
    return payload


@pytest.fixture(scope="module")
def store(rasa_stack: RasaStack) -> ContactStore:
    url = rasa_stack.env.get("CONTACTS_DATABASE_URL") or rasa_stack.env["CONSOLE_DATABASE_URL"]
    opened = ContactStore.open(url)
    assert opened is not None
    return opened


def test_someone_from_ede_hears_of_knooppunt_techniek_and_the_talentcenter(
        rasa_stack: RasaStack) -> None:
    run = play(rasa_stack, _person("administratie Ede", "gelderland", "Ede"))
    steps = _steps(run)
    text = run.phase("next_steps")[0].text
    assert "Knooppunt Techniek" in text and "TalentCenter" in text
    assert "gelderland" in steps["contact"]["regions"] and steps["ask_place"] is False
    # Foodvalley has no known local desk: the answer says how to find it, no walk-in
    assert "werkcentrum.nl of bel je gemeente" in text and "binnenlopen" not in text
    assert not ISO.search(text)


def test_a_province_alone_is_not_turned_into_one_of_its_regions(
        rasa_stack: RasaStack) -> None:
    run = play(rasa_stack, _person("administratie Gelderland", "gelderland", "Gelderland"))
    steps = _steps(run)
    if run.slots.get("municipality"):
        pytest.skip("the form asked on for the place (the lead's dialogue change)")
    assert steps["ask_place"] is True
    assert {"achterhoek", "foodvalley"} <= {r["id"] for r in steps["province_regions"]}
    assert steps["contact"]["kind"] == "national"
    assert "Achterhoek Werkt Door" not in run.phase("next_steps")[0].text


def test_an_operator_edit_reaches_the_next_conversation_without_a_restart(
        rasa_stack: RasaStack, store: ContactStore) -> None:
    # GIVEN the running stack, WHEN an operator gives Foodvalley's desk its own site
    store.update("desk_foodvalley", {"name": "Werkcentrum FoodValley",
                                     "url": "https://werkcentrum-foodvalley.example",
                                     "checked_at": "2026-12-04"}, "beheerder")
    # THEN the next conversation from Ede is sent there
    run = play(rasa_stack, _person("administratie Wageningen", "gelderland", "Wageningen"))
    steps = _steps(run)
    assert steps["contact"]["url"] == "https://werkcentrum-foodvalley.example"
    assert "Ga voor gratis advies naar Werkcentrum FoodValley" in \
        run.phase("next_steps")[0].text
