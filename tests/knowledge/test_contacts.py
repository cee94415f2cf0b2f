"""Regional contacts kept by operators (issue 23): the store survives rebuilds, edits reach
the next answer without a restart, province-only asks, honest fallbacks, initiatives."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from knowledge import api, contacts_text, loader, steps
from knowledge.kb import KnowledgeBase
from tests.knowledge.conftest import REAL_DATA, make_settings

TODAY = dt.date(2026, 12, 4)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Regions with a job-seeker desk in domain-nl 4a/4b2 (own site or a dated address).
REGIONS_WITH_A_DESK = ("amersfoort", "zuid_holland_centraal", "groot_amsterdam", "groningen",
                       "twente", "friesland", "rijnmond", "midden_utrecht",
                       "rijk_van_nijmegen", "achterhoek", "zeeland", "noordoost_brabant",
                       "regio_zwolle", "drechtsteden", "gorinchem")


def _settings(tmp: Path):
    settings = make_settings(REAL_DATA, tmp, esco=False)
    return settings.__class__(**{**settings.__dict__,
                                 "contacts_database_url": f"sqlite:///{tmp / 'console.db'}"})


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeBase, object]:
    settings = _settings(tmp_path_factory.mktemp("contacts"))
    return api.open_knowledge_base(settings), settings


def _place(kb: KnowledgeBase, municipality: str) -> dict:
    return steps.contact_for(kb, {"municipality": municipality}, today=TODAY)


def test_an_operator_edit_reaches_the_next_answer_and_survives_a_rebuild(live) -> None:
    kb, settings = live
    # GIVEN a running knowledge base whose contacts come from the operator store
    assert kb.contact_store is not None
    before = _place(kb, "Lelystad")
    assert before["local"] is False
    # WHEN an admin gives Flevoland's desk its own website and a dated walk-in
    kb.contact_store.update("desk_flevoland", {
        "url": "https://werkcentrum-flevoland.example", "walk_in": True,
        "details_date": "2026-11-20", "hours": "elke werkdag van 9 tot 17 uur"}, "beheerder")
    # THEN the same, already loaded knowledge base answers with it at once
    after = _place(kb, "Lelystad")
    assert after["url"] == "https://werkcentrum-flevoland.example" and after["walk_in"]
    assert "zonder afspraak binnenlopen, elke werkdag" in after["text"]
    # AND a forced rebuild of the knowledge database does not lose the edit
    loader.build(settings, force=True)
    reopened = api.open_knowledge_base(settings)
    assert _place(reopened, "Lelystad")["url"] == "https://werkcentrum-flevoland.example"
    row = reopened.contact_store.get("desk_flevoland")
    assert row["origin"] == "operator" and row["changed_by"] == "beheerder"


def test_rows_nobody_edited_follow_the_shipped_file(live) -> None:
    kb, _ = live
    store = kb.contact_store
    shipped = {c["id"]: c for c in kb.contacts}
    # GIVEN the store, WHEN the shipped file says something new about an unedited row
    changed = dict(shipped["desk_drenthe"], description="Nieuwe tekst uit het CSV-bestand.")
    store.sync_seed([changed if c["id"] == "desk_drenthe" else c for c in kb.contacts])
    # THEN the seeded row follows it, while the operator's row keeps the operator's values
    assert store.get("desk_drenthe")["description"] == "Nieuwe tekst uit het CSV-bestand."
    assert store.get("desk_flevoland")["url"] == "https://werkcentrum-flevoland.example"


def test_a_province_alone_gives_a_question_with_its_regions_never_a_guess(live) -> None:
    kb, _ = live
    for province, expected in (("gelderland", {"achterhoek", "foodvalley", "rivierenland"}),
                               ("utrecht", {"amersfoort", "midden_utrecht", "foodvalley"}),
                               ("zuid-holland", {"drechtsteden", "rijnmond", "haaglanden"})):
        contact = steps.contact_for(kb, {"region": province}, today=TODAY)
        ids = {r["id"] for r in contact["province_regions"]}
        # THEN the bot is told to ask, with the regions for buttons, and no desk is picked
        assert contact["ask_place"] is True and expected <= ids
        assert contact["id"] == "werkcentrum_nederland" and not contact["walk_in"]
        assert province in contact["regions"]
        assert "In welke plaats" in contact["text"]
        payload = steps.next_steps(kb, {"region": province}, "lasser")
        assert payload["ask_place"] is True and len(payload["steps"]) >= 3
    assert steps.regions_in_province(kb, "zeeland") == [{"id": "zeeland", "name": "Zeeland"}]
    assert steps.regions_in_province(kb, "atlantis") == []


def test_every_region_gets_its_own_desk_or_an_honest_way_to_find_it(live) -> None:
    kb, _ = live
    for m in kb.municipalities:
        contact = steps.contact_for(kb, {"municipality": m["name"]}, today=TODAY)
        region = m["labour_market_region"]
        text = contact["text"]
        assert not ISO_DATE.search(text), text
        if region in REGIONS_WITH_A_DESK and region != "flevoland":
            assert contact["local"], (m["name"], contact["name"])
        elif not contact["local"]:
            assert "nog niet" in text and "werkcentrum.nl of bel je gemeente" in text
        row = steps.current_contacts(kb)
        desk = next(c for c in row if c["id"] == contact["id"])
        if "binnenlopen" in text:
            # walk-in only from a row that says so with a date
            assert desk["walk_in"] is True and desk["details_date"]


def test_old_visit_details_are_told_with_their_month_and_a_check(live) -> None:
    kb, _ = live
    groningen = _place(kb, "Groningen")
    # GIVEN a desk whose walk-in hours were seen in October 2025 (over six months ago)
    assert "In oktober 2025" in groningen["text"]
    assert "Kijk op de website of dat nog zo is." in groningen["text"]
    # AND an undated address is never said
    brabantse_wal = _place(kb, "Bergen op Zoom")
    assert "Drebbelstraat" not in brabantse_wal["text"]
    assert contacts_text.month_words("2023-08-01") == "augustus 2023"


def test_partner_initiatives_reach_the_steps_of_people_in_their_region(live) -> None:
    kb, _ = live
    ede = steps.next_steps(kb, {"municipality": "Ede", "work_status": "ww"}, "lasser")["steps"]
    zwolle = steps.next_steps(kb, {"municipality": "Zwolle"}, "lasser")["steps"]
    arnhem = steps.next_steps(kb, {"municipality": "Arnhem"}, "lasser")["steps"]
    assert any(s.startswith("Knooppunt Techniek") for s in ede)
    assert any("TalentCenter" in s for s in ede)
    assert any("Vrienden van Techniek" in s for s in zwolle)
    assert not any("Knooppunt" in s or "TalentCenter" in s for s in arnhem)
    everyone = [s for p in ("Ede", "Zwolle", "Arnhem", "Maastricht")
                for s in steps.next_steps(kb, {"municipality": p}, None)["steps"]]
    assert not any("Techniekpact" in s for s in everyone)


def test_women_who_asked_get_the_techniek_inclusief_step(live) -> None:
    kb, _ = live
    asked = steps.next_steps(kb, {"municipality": "Ede", "women_in_tech": True}, "lasser")
    plain = steps.next_steps(kb, {"municipality": "Ede"}, "lasser")
    assert any("Techniek Inclusief" in s for s in asked["steps"])
    assert not any("Techniek Inclusief" in s for s in plain["steps"])


def test_a_region_picked_from_the_buttons_gives_that_regions_desk(live) -> None:
    kb, _ = live
    # GIVEN a province and a region chosen from the province's buttons
    payload = steps.next_steps(kb, {"region": "utrecht", "labour_market_region": "amersfoort"},
                               None)
    # THEN the desk of that region is given, and nothing is asked any more
    assert payload["contact"]["id"] == "desk_amersfoort" and not payload["ask_place"]
    asked = steps.next_steps(kb, {"region": "utrecht"}, None)
    assert asked["contact"]["ask_place"] and asked["contact"]["province_regions"]
    assert "In welke plaats in Utrecht" in asked["contact"]["text"]
    assert not any("In welke plaats" in s for s in asked["steps"])
