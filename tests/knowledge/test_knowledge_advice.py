"""Routes, funding, contacts, next steps, FAQ answers and the profile summary."""

from __future__ import annotations

import datetime as dt

from knowledge import advice
from knowledge.kb import KnowledgeBase

TODAY = dt.date(2026, 11, 23)
WW = {"work_status": "ww", "learn_while_earning": True, "region": "gelderland",
      "municipality": "Ede", "education_level": "vmbo"}


def test_routes_put_work_and_learn_routes_first_when_income_is_needed(kb: KnowledgeBase) -> None:
    # GIVEN a person who needs to keep earning
    # WHEN the routes to electrician are asked
    payload = advice.routes_for(kb, "elektromonteur", WW)
    # THEN the payload is the contract one and the BBL route comes first
    assert payload["type"] == "routes" and payload["profession_id"] == "elektromonteur"
    assert payload["items"][0]["kind"] == "bbl"
    assert payload["items"][0]["learn_while_earning"] is True
    for item in payload["items"]:
        assert {"id", "name", "kind", "level", "duration_months", "learn_while_earning", "url",
                "cost_indication", "entry_requirements"} <= set(item)


def test_routes_of_an_unknown_profession_are_an_empty_list(kb: KnowledgeBase) -> None:
    # GIVEN an id that does not exist
    # WHEN routes are asked
    payload = advice.routes_for(kb, "astronaut", {})
    # THEN the list is empty
    assert payload == {"type": "routes", "profession_id": "astronaut", "items": []}


def test_funding_for_ww_excludes_ended_schemes(kb: KnowledgeBase) -> None:
    # GIVEN a person on WW
    # WHEN funding is asked on a fixed day
    payload = advice.funding_for(kb, WW, today=TODAY)
    ids = [i["id"] for i in payload["items"]]
    # THEN the UWV scheme is offered and neither STAP (ended) nor an expired scheme is
    assert payload["type"] == "funding"
    assert "uwv-scholing" in ids
    assert "stap" not in ids and "oud-regeling" not in ids


def test_funding_follows_the_work_status_audience(kb: KnowledgeBase) -> None:
    # GIVEN people with different work statuses
    # WHEN funding is asked
    def ids(status: str | None) -> set[str]:
        profile = {"work_status": status}
        return {i["id"] for i in advice.funding_for(kb, profile, today=TODAY)["items"]}
    # THEN each sees its own schemes plus the ones for everyone, never another group's
    assert "gemeente-scholing" in ids("bijstand") and "uwv-scholing" not in ids("bijstand")
    assert "wkr" in ids("werkend") and "zzp-fonds" in ids("zzp")
    assert ids("anders") == {"llk"}
    assert ids(None) == {"llk"}


def test_employer_scheme_is_marked_for_the_employer_only_on_work_and_learn_routes(
        kb: KnowledgeBase) -> None:
    # GIVEN a welder (BBL route) and a BIM drafter (no work-and-learn route)
    # WHEN funding is asked per profession
    welder = advice.funding_for(kb, WW, "lasser", today=TODAY)["items"]
    drafter = advice.funding_for(kb, WW, "tekenaar-bim", today=TODAY)["items"]
    # THEN the employer subsidy is named for the welder's employer (one line, not among the
    # person's own schemes) and not at all for the drafter
    welder_payload = advice.funding_for(kb, WW, "lasser", today=TODAY)
    assert [e["id"] for e in welder_payload["employer"]] == ["praktijkleren"]
    assert all(not i["for_employer"] for i in welder)
    assert "praktijkleren" not in {i["id"] for i in welder + drafter}
    assert not advice.funding_for(kb, WW, "tekenaar-bim", today=TODAY)["employer"]


def test_funding_tied_to_route_kinds_needs_such_a_route(kb: KnowledgeBase) -> None:
    # GIVEN the loan for BOL/Ad routes and the welder (BBL and certificate only)
    # WHEN funding is asked for welder and BIM drafter (BOL route)
    welder = {i["id"] for i in advice.funding_for(kb, {}, "lasser", today=TODAY)["items"]}
    drafter = {i["id"] for i in advice.funding_for(kb, {}, "tekenaar-bim", today=TODAY)["items"]}
    # THEN the loan is only offered where a BOL route exists, with its age condition kept
    assert "llk" not in welder and "llk" in drafter


def test_scheme_ending_yesterday_is_no_longer_offered(kb: KnowledgeBase) -> None:
    # GIVEN the zzp fund valid until 2099-12-31
    # WHEN asked the day after its end and on its last day
    after = advice.funding_for(kb, {"work_status": "zzp"}, today=dt.date(2100, 1, 1))
    last = advice.funding_for(kb, {"work_status": "zzp"}, today=dt.date(2099, 12, 31))
    # THEN it is gone after the end date and still there on the last day
    assert "zzp-fonds" not in {i["id"] for i in after["items"]}
    assert "zzp-fonds" in {i["id"] for i in last["items"]}


def test_ended_funding_explains_that_stap_is_gone(kb: KnowledgeBase) -> None:
    # GIVEN a question about the STAP budget
    # WHEN the ended scheme is looked up by text and by id
    by_text = advice.ended_funding(kb, "kan ik STAP-budget krijgen?")
    by_id = advice.ended_funding(kb, "stap")
    # THEN it is found with its note, and a current scheme is not reported as ended
    assert by_text is not None and by_text == by_id
    assert "bestaat sinds 1 januari 2024 niet meer" in by_text["ended_note"]
    assert advice.ended_funding(kb, "Levenlanglerenkrediet") is None


def test_contact_is_the_werkcentrum_of_the_municipality_region(kb: KnowledgeBase) -> None:
    # GIVEN someone living in Ede (region Foodvalley)
    # WHEN a contact is asked
    contact = advice.contact_for(kb, WW)
    # THEN it is the Foodvalley Werkcentrum, regions include gelderland, initiatives as extras
    assert contact["name"] == "Werkcentrum Foodvalley"
    assert "gelderland" in contact["regions"]
    assert [e["name"] for e in contact["extras"]] == ["Knooppunt Techniek"]


def test_contact_falls_back_to_the_province_and_always_includes_it(kb: KnowledgeBase) -> None:
    # GIVEN only a province, and a municipality in a province other than the region slot
    by_province = advice.contact_for(kb, {"region": "zuid-holland"})
    mixed = advice.contact_for(kb, {"region": "utrecht", "municipality": "Ede"})
    # THEN no region of the province is guessed (issue 23): the bot is told to ask, with
    # the province's regions for buttons; the person's province is listed
    assert by_province["ask_place"] is True and by_province["kind"] == "national"
    assert {r["id"] for r in by_province["province_regions"]} == {"holland-rijnland"}
    assert by_province["regions"][0] == "zuid-holland"
    assert mixed["regions"][0] == "utrecht"


def test_next_steps_for_ww_start_with_the_uwv_adviser(kb: KnowledgeBase) -> None:
    # GIVEN a person on WW who chose welding
    # WHEN next steps are asked
    payload = advice.next_steps(kb, WW, "lasser")
    # THEN there are at least 3 steps, UWV first, a BBL employer via stagemarkt, and a contact
    assert payload["type"] == "next_steps"
    assert len(payload["steps"]) >= 3
    assert "UWV" in payload["steps"][0] and "eerst" in payload["steps"][0]
    assert any("stagemarkt.nl" in s for s in payload["steps"])
    assert "gelderland" in payload["contact"]["regions"]


def test_next_steps_differ_by_work_status(kb: KnowledgeBase) -> None:
    # GIVEN the same choice for bijstand, werkend and zzp
    first = {status: advice.next_steps(kb, {"work_status": status, "region": "friesland"},
                                       "lasser")["steps"][0]
             for status in ("bijstand", "werkend", "zzp")}
    # THEN each first step fits the situation
    assert "werkcoach" in first["bijstand"]
    assert "werkgever" in first["werkend"]
    assert "zzp" in first["zzp"]


def test_pay_answer_per_profession_is_indicative_with_source(kb: KnowledgeBase) -> None:
    # GIVEN the welder's pay columns
    # WHEN the pay question is answered for welding
    answer = advice.faq_answer(kb, "salaris", "lasser")
    # THEN the text gives the range, says it is indicative, and carries source and date
    assert "€2.900 tot €3.600" in answer["text"]
    assert "indicatie" in answer["text"]
    assert answer["source"] and answer["checked_at"] == "2026-11-01"


def test_physical_answer_and_general_answer_come_with_source(kb: KnowledgeBase) -> None:
    # GIVEN a physical question for the solar fitter and a general age question
    physical = advice.faq_answer(kb, "fysiek", "monteur-zonnepanelen")
    age = advice.faq_answer(kb, "leeftijd")
    # THEN both carry text, source and checked_at
    assert "hoogte" in physical["text"] and physical["source"]
    assert "maximumleeftijd" in age["text"] and age["checked_at"] == "2026-11-01"


def test_profile_summary_lists_every_contract_slot(kb: KnowledgeBase) -> None:
    # GIVEN a partial profile with an extra key
    # WHEN summarised
    payload = advice.profile_summary({"current_job": "kok", "interests": None, "x": 1})
    # THEN all nine contract slots are present and nothing else
    assert payload["type"] == "profile_summary"
    assert set(payload["profile"]) == {
        "current_job", "current_job_esco", "current_sector", "work_status", "interests",
        "region", "municipality", "education_level", "learn_while_earning"}
    assert payload["profile"]["interests"] == []
