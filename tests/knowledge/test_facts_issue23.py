"""Facts fixed in issue 23, each checked against the data files (and its source cell)."""

from __future__ import annotations

import csv
import re

from settings import REPO_ROOT
from tests.knowledge.conftest import REAL_DATA


def _rows(name: str) -> list[dict[str, str]]:
    with open(REAL_DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _by(name: str, key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in _rows(name)}


def test_slim_for_small_firms_follows_the_reference() -> None:
    slim = _by("funding.csv", "id")["slim_regeling_mkb"]
    assert "80%" in slim["amount"] and "€24.999" in slim["amount"]
    assert "zzp" in slim["conditions"].lower() and "niet aanvragen" not in slim["conditions"]
    assert slim["valid_until"] == "" and "2030" not in slim["conditions"]
    assert "§3a" in slim["source"]


def test_municipalities_sit_in_the_region_the_reference_names() -> None:
    towns = _by("municipalities.csv", "name")
    assert towns["Nijkerk"]["labour_market_region"] == "foodvalley"
    assert towns["Renkum"]["labour_market_region"] != "foodvalley"
    assert towns["Hoeksche Waard"]["labour_market_region"] == "drechtsteden"
    assert towns["Zeewolde"]["labour_market_region"] == "flevoland"
    assert towns["Assen"]["labour_market_region"] == "drenthe"
    assert not [n for n, r in towns.items() if "te controleren" in r["source"]]
    foodvalley = {n for n, r in towns.items() if r["labour_market_region"] == "foodvalley"}
    assert foodvalley == {"Barneveld", "Ede", "Nijkerk", "Renswoude", "Rhenen", "Scherpenzeel",
                          "Veenendaal", "Wageningen"}


def test_nen_3140_is_a_standard_and_courses_do_not_link_to_sbb() -> None:
    routes = _by("routes.csv", "id")
    nen = routes["cursus_nen3140"]
    assert "norm" in nen["description"] and "geen cursus" in nen["description"]
    for route in routes.values():
        if route["kind"] in ("cursus", "certificaat", "bbl"):
            assert "s-bb.nl" not in route["url"], route["id"]


def test_minimum_wage_texts_know_the_july_2026_indexation() -> None:
    for row in _rows("faq.csv"):
        if "minimumloon" in row["answer"] and "14,71" in row["answer"]:
            assert "juli 2026" in row["answer"], row["topic"]


def test_no_faq_promises_walk_in_and_women_hear_of_techniek_inclusief() -> None:
    faq = {(r["topic"], r["profession_id"]): r for r in _rows("faq.csv")}
    assert not any("zonder afspraak" in r["answer"] for r in faq.values())
    assert "Techniek Inclusief" in faq[("vrouwen", "")]["answer"]


def test_contacts_have_sources_and_no_regionless_techniekpact_rows() -> None:
    contacts = _by("contacts.csv", "id")
    assert not [i for i in contacts if i.startswith("techniekpact_")]
    assert "werkzoekenden" not in contacts["techniekpact"]["audience"]
    assert {"techniek_inclusief", "hybride_techniek_centra"} <= set(contacts)
    for row in contacts.values():
        assert row["source"] and row["checked_at"], row["id"]
        if row["walk_in"] or row["hours"]:
            assert row["details_date"], row["id"]


def test_the_diploma_step_names_idw() -> None:
    from knowledge.steps import DIPLOMA_STEP
    assert "IDW" in DIPLOMA_STEP and "Werkcentrum" not in DIPLOMA_STEP


def test_the_metal_page_leads_with_high_tech_not_welding() -> None:
    page = (REPO_ROOT / "web" / "templates" / "campaign_metaal.html").read_text("utf-8")
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    assert "robot" in lead and "prothese" in lead and "chips" in lead
    assert "lassen" not in page.lower()
    from web.campaigns import CAMPAIGNS
    greeting = CAMPAIGNS["metaal"].greeting
    assert "robots" in greeting and "lassen" not in greeting
