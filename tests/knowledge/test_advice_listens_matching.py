"""Advice that listens: the person's wish, limits, age, own job and being new to the
Netherlands decide the ranking (real data files, curated skills)."""

from __future__ import annotations

import pytest

from knowledge import advice, matching
from knowledge.kb import KnowledgeBase

HEAVY = ("zwaar", "zeer_zwaar")


def _ids(result: dict) -> list[str]:
    return [item["id"] for item in result["items"]]


def test_a_named_wish_that_we_know_stands_first_with_a_reason_about_the_wish(
        real_kb: KnowledgeBase) -> None:
    # GIVEN an office worker who wants to become a process operator
    profile = {"current_job": "administratief medewerker", "interests": ["computers"],
               "wished_profession": "procesoperator"}
    # WHEN matched
    result = matching.match(real_kb, profile)
    first = result["items"][0]
    # THEN the wish is first, marked exact, and its first reason is about the wish
    assert first["id"] == "procesoperator" and first["wish"] == "exact"
    assert "procesoperator" in first["reasons"][0].lower()
    assert result["wish_note"] is None


def test_a_wish_given_in_the_persons_words_is_found_in_our_list(
        real_kb: KnowledgeBase) -> None:
    # GIVEN the wish slot holds the person's own words for one of our professions
    result = matching.match(real_kb, {"current_job": "verpleegkundige",
                                      "wished_profession": "medisch technicus"})
    # THEN that profession is first
    assert _ids(result)[0] == "medisch_technicus"


def test_without_a_wish_nothing_is_marked_as_the_wish(real_kb: KnowledgeBase) -> None:
    result = matching.match(real_kb, {"current_job": "kok", "interests": ["voeding"]})
    assert all(item["wish"] is None for item in result["items"])
    assert result["wish_note"] is None and result["limit_note"] is None


def test_a_wish_outside_our_list_puts_the_closest_first_and_says_so(
        real_kb: KnowledgeBase) -> None:
    # GIVEN someone who wants to become an electrical engineer at hbo level (ESCO title,
    # not one of ours)
    result = matching.match(real_kb, {"current_job": "monteur",
                                      "wished_profession": "elektrotechnisch ingenieur"})
    first = result["items"][0]
    # THEN the closest of ours is first, marked closest, and one sentence explains it
    assert first["wish"] == "closest"
    assert first["id"] == "elektrotechnicus"  # the mbo technician of the same field
    assert "elektrotechnisch ingenieur" in first["reasons"][0]
    assert result["wish_note"] and "niet in onze lijst" in result["wish_note"]


def test_a_far_wish_still_gets_an_honest_note(real_kb: KnowledgeBase) -> None:
    result = matching.match(real_kb, {"current_job": "kok", "wished_profession": "dierenarts"})
    assert "Dierenarts staat niet in onze lijst" in result["wish_note"]
    assert "lijkt het meest op" not in result["items"][0]["reasons"][0]


def test_heavy_work_leaves_the_top_three_for_someone_with_worn_knees(
        real_kb: KnowledgeBase) -> None:
    # GIVEN a 58-year-old carpenter whose knees are worn out
    profile = {"current_job": "timmerman", "interests": ["bouwen", "met_handen"],
               "limits": ["geen_zwaar_werk"], "age": 58.0}
    result = matching.match(real_kb, profile)
    # THEN no heavy profession is in the top 3, carpentry is not advised back, and the
    # payload says the limit was heard
    top3 = [real_kb.professions[i] for i in _ids(result)[:3]]
    assert all(p["physical"] not in HEAVY for p in top3)
    assert "timmerman" not in _ids(result)
    assert "zwaar werk" in result["limit_note"]


def test_a_wish_that_conflicts_with_a_limit_stays_first_with_a_kind_note(
        real_kb: KnowledgeBase) -> None:
    # GIVEN a warehouse worker with back trouble who still wants to be a roofer
    result = matching.match(real_kb, {"current_job": "magazijnmedewerker",
                                      "wished_profession": "dakdekker",
                                      "limits": ["geen_zwaar_werk"]})
    # THEN the wish stays first, the rest of the top 3 is not heavy, and the note says why
    assert _ids(result)[0] == "dakdekker"
    rest = [real_kb.professions[i]["physical"] for i in _ids(result)[1:3]]
    assert all(p not in HEAVY for p in rest)
    assert "zwaar" in result["wish_note"] and result["wish_note"].startswith("Let op")
    # AND nobody who said heavy work is out is told they can already do heavy work
    assert all("zwaar werk" not in " ".join(i["transferable_skills"] + i["skills_to_learn"])
               for i in result["items"])


@pytest.mark.parametrize(("limit", "field"), [
    ("geen_hoogte", "heights"), ("geen_ploegen", "shifts"),
    ("geen_rijbewijs", "driving_licence"),
])
def test_each_limit_keeps_professions_that_need_it_out_of_the_top_three(
        real_kb: KnowledgeBase, limit: str, field: str) -> None:
    # GIVEN profiles that would otherwise get such professions high
    for profile in ({"interests": ["buiten", "duurzaamheid"]},
                    {"interests": ["machines", "puzzelen"],
                     "current_sector": "industrie_productie"},
                    {"interests": ["sleutelen", "voertuigen"]}):
        without = matching.match(real_kb, profile)
        with_limit = matching.match(real_kb, {**profile, "limits": [limit]})
        # THEN with the limit no top-3 profession needs it
        assert not any(real_kb.professions[i][field] for i in _ids(with_limit)[:3]), (
            limit, profile, _ids(without))


def test_the_limit_columns_are_in_the_data(real_kb: KnowledgeBase) -> None:
    profs = real_kb.professions
    assert profs["dakdekker"]["heights"] and profs["windturbinetechnicus"]["heights"]
    assert profs["procesoperator"]["shifts"] and not profs["software_developer"]["shifts"]
    assert profs["cv_monteur"]["driving_licence"] and not profs["panelenbouwer"]["driving_licence"]


def test_part_time_changes_nothing_in_the_ranking_but_adds_the_fact(
        real_kb: KnowledgeBase) -> None:
    profile = {"current_job": "kassamedewerker", "interests": ["elektra"]}
    plain = matching.match(real_kb, profile)
    part = matching.match(real_kb, {**profile, "limits": ["deeltijd"]})
    assert _ids(plain) == _ids(part)
    assert "deeltijd" in part["limit_note"]


def test_the_own_job_is_not_advised_back_unless_it_is_the_wish(real_kb: KnowledgeBase) -> None:
    # GIVEN an electrician
    profile = {"current_job": "elektricien", "interests": ["elektra", "met_handen"]}
    assert "elektromonteur" not in _ids(matching.match(real_kb, profile))
    # WHEN they ask for their own trade
    again = matching.match(real_kb, {**profile, "wished_profession": "elektromonteur"})
    # THEN it is there, first
    assert _ids(again)[0] == "elektromonteur"


def test_older_age_down_ranks_heavy_work_without_a_stated_limit(real_kb: KnowledgeBase) -> None:
    profile = {"interests": ["buiten", "bouwen"]}
    young = matching.match(real_kb, {**profile, "age": 30})
    older = matching.match(real_kb, {**profile, "age": 60})
    heavy = lambda r: sum(real_kb.professions[i]["physical"] in HEAVY  # noqa: E731
                          for i in _ids(r)[:3])
    assert heavy(older) <= heavy(young)


def test_every_item_names_skills_and_first_reasons_are_personal_and_distinct(
        real_kb: KnowledgeBase) -> None:
    # GIVEN a cook who likes precise work
    result = matching.match(real_kb, {"current_job": "kok", "interests": ["precisie"]})
    firsts = [item["reasons"][0] for item in result["items"]]
    # THEN each item has skills that carry over and skills to learn, at most 3 each
    for item in result["items"]:
        assert 1 <= len(item["transferable_skills"]) <= 3
        assert 1 <= len(item["skills_to_learn"]) <= 3
        assert not set(item["transferable_skills"]) & set(item["skills_to_learn"])
    # AND the first reasons differ and are about the person, never about a sector
    assert len(set(firsts)) == len(firsts)
    assert all(not f.startswith(("In de ", "Er zijn")) for f in firsts)
    assert all(("kok" in f.lower()) or f.startswith("Je ") for f in firsts)


def test_a_sector_sentence_is_never_the_first_reason(real_kb: KnowledgeBase) -> None:
    # GIVEN someone from care without a recognised job title
    result = matching.match(real_kb, {"current_sector": "zorg_welzijn",
                                      "interests": ["met_handen"]})
    assert all(not item["reasons"][0].startswith("In de zorg") for item in result["items"])


def test_a_newcomer_always_gets_the_language_and_diploma_steps(real_kb: KnowledgeBase) -> None:
    # GIVEN someone new to the Netherlands who never said "statushouder"
    steps = advice.next_steps(real_kb, {"newcomer": True, "work_status": "bijstand"},
                              "elektromonteur")["steps"]
    # THEN the language step and the IDW diploma step are both there
    assert any("taal" in s.lower() or "inburgering" in s.lower() for s in steps)
    assert any("IDW" in s for s in steps)
    plain = advice.next_steps(real_kb, {"work_status": "bijstand"}, "elektromonteur")["steps"]
    assert not any("IDW" in s for s in plain)
