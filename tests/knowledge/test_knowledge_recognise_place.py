"""Place recognition: every municipality and alias of the real municipalities.csv."""

from __future__ import annotations

import pytest

from knowledge.recognise.places import PlaceIndex


def test_every_municipality_and_alias_is_found_in_a_sentence(
        real_places: tuple[PlaceIndex, list[dict]]) -> None:
    # GIVEN every municipality name and every alias of the real data file
    index, rows = real_places
    names = {r["name"] for r in rows}
    owners: dict[str, set[str]] = {}
    for r in rows:
        for alias in r["aliases"]:
            owners.setdefault(alias.lower(), set()).add(r["name"])
    # WHEN each is said in "ik woon in X"
    misses = []
    for r in rows:
        for said in [r["name"], *r["aliases"]]:
            found = index.recognise(f"ik woon in {said}")
            # THEN its municipality comes back (a village name shared by several
            # municipalities may give any of them; a municipality's own name wins)
            expected = {said} if said in names else {r["name"]} | owners.get(said.lower(), set())
            if found is None or found["municipality"] not in expected:
                misses.append((said, found and found["municipality"]))
    assert len(rows) >= 340
    assert misses == []


def test_found_place_carries_province_and_labour_market_region(
        real_places: tuple[PlaceIndex, list[dict]]) -> None:
    # GIVEN the contract example
    index, _ = real_places
    # WHEN 'Deventer' is recognised
    found = index.recognise("Deventer")
    # THEN province and region come with it
    assert found is not None
    assert found["municipality"] == "Deventer"
    assert found["province"] == "overijssel"
    assert found["labour_market_region"]


@pytest.mark.parametrize(("text", "municipality"), [
    ("ik woon in Zwole", "Zwolle"),
    ("ik woon in amsterdm", "Amsterdam"),
    ("in Leeuwaarden", "Leeuwarden"),
    ("ik kom uit eindhovn", "Eindhoven"),
    ("ik woon in Apeldorn", "Apeldoorn"),
    ("ik woon in groningn", "Groningen"),
])
def test_common_misspellings_are_recognised(real_places: tuple[PlaceIndex, list[dict]],
                                            text: str, municipality: str) -> None:
    # GIVEN a misspelled place after a cue word
    index, _ = real_places
    # WHEN recognised
    found = index.recognise(text)
    # THEN the intended municipality is found with less than full confidence
    assert found is not None and found["municipality"] == municipality
    assert found["confidence"] < 0.9


@pytest.mark.parametrize(("text", "municipality"), [
    ("ik woon in Den Bosch", "'s-Hertogenbosch"),
    ("ik woon in s-hertogenbosch", "'s-Hertogenbosch"),
    ("uit sneek", "Súdwest-Fryslân"),
    ("ik woon in Nijmegen-Oost", "Nijmegen"),
    ("ik woon in Bergen op Zoom", "Bergen op Zoom"),
    ("ik woon in alphen aan den rijn", "Alphen aan den Rijn"),
    ("uit Sudwest Fryslan", "Súdwest-Fryslân"),
    ("ik woon in Best", "Best"),
    ("ik woon in de buurt van Ede", "Ede"),
    ("Goes", "Goes"),
])
def test_multi_word_and_informal_names_are_recognised(
        real_places: tuple[PlaceIndex, list[dict]], text: str, municipality: str) -> None:
    # GIVEN multi-word, informal, accented or short names
    index, _ = real_places
    # WHEN recognised
    found = index.recognise(text)
    # THEN the right municipality is found
    assert found is not None and found["municipality"] == municipality


@pytest.mark.parametrize("text", [
    "het is best goed", "ik werk graag buiten", "ik ben best handig", "het gaat goed",
    "ik ben vakkenvuller bij de Albert Heijn", "ik heb mbo 2", "ik werk met hout",
    "ik wil iets met zorg", "ik hou van sleutelen aan auto's",
])
def test_ordinary_words_are_not_taken_for_places(real_places: tuple[PlaceIndex, list[dict]],
                                                 text: str) -> None:
    # GIVEN sentences whose words also happen to be (near) place names
    index, _ = real_places
    # WHEN recognised
    # THEN no place is found
    assert index.recognise(text) is None
