"""Issue 12 on the real data: funding that fits, corrected facts, sources everywhere,
distinct reasons in the person's own words, local contacts and newcomers."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from knowledge import advice, api, matching, newcomers
from knowledge.kb import KnowledgeBase
from tests.knowledge.conftest import REAL_DATA, make_settings

TODAY = dt.date(2026, 11, 23)
COOK = {"current_job": "kok", "current_job_text": "kok", "work_status": "ww",
        "interests": ["voeding", "machines"], "region": "gelderland", "municipality": "Ede",
        "education_level": "mbo2", "learn_while_earning": True}
SECTOR_FUNDS = {"oom_leerwerkbijdrage", "oom_persoonlijke_trainingstoelage"}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, esco_dir: Path) -> KnowledgeBase:
    return api.open_knowledge_base(make_settings(REAL_DATA, tmp_path_factory.mktemp("real")))


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader((REAL_DATA / name).open(encoding="utf-8")))


def test_every_data_file_and_row_has_a_source_and_check_date() -> None:
    for path in sorted(REAL_DATA.glob("*.csv")):
        rows = _rows(path.name)
        assert rows and {"source", "checked_at"} <= set(rows[0]), path.name
        bad = [n for n, r in enumerate(rows, start=2) if not r["source"] or not r["checked_at"]]
        assert not bad, f"{path.name}: rows without source or date: {bad[:5]}"


def test_professions_have_their_own_source_and_plain_names() -> None:
    rows = _rows("professions.csv")
    assert len({r["source"] for r in rows}) == len(rows), "one source string for all rows"
    acronym = re.compile(r"\b[A-Z]{2,}\b")
    assert [r["name"] for r in rows if acronym.search(r["name"])] == []
    assert [r["name"] for r in _rows("routes.csv") if acronym.search(r["name"])] == []
    assert "Software developer" not in {r["name"] for r in rows}


def test_pay_minimums_are_at_least_the_2026_minimum_wage() -> None:
    # 14.71 euro per hour x 40 hours x 52 / 12 is about 2,550 euro a month
    low = [(r["id"], r["pay_min"]) for r in _rows("professions.csv") if int(r["pay_min"]) < 2550]
    assert low == []


def test_agro_service_technician_links_to_the_agricultural_machinery_mechanic() -> None:
    agro = next(r for r in _rows("professions.csv") if r["id"] == "agro_servicetechnicus")
    assert agro["esco_uri"].endswith("f7145f87-5940-43f5-bc98-aa1a2b872b47")
    assert agro["isco08"] == "7233"


def test_oom_schemes_are_for_metal_employers_and_slim_is_as_amended() -> None:
    funding = {r["id"]: r for r in _rows("funding.csv")}
    for fid in SECTOR_FUNDS:
        assert funding[fid]["sectors"] == "metaal" and funding[fid]["audience"] == "werkgever"
        assert "werkgever" in funding[fid]["how_to_apply"].lower() or \
            "bedrijf" in funding[fid]["how_to_apply"].lower()
    slim = funding["slim_regeling_mkb"]
    # Issue 23: as domain-nl 3a says (60%, 80% for small firms; zzp per a 2024 summary;
    # no end year known).
    assert "zzp" not in slim["audience"] and "60%" in slim["amount"]
    assert slim["valid_until"] == "" and "80%" in slim["amount"]
    voucher = funding["uwv_scholingsvoucher"]
    assert voucher["status"] == "ended" and voucher["ended_note"]


def test_cook_to_food_operator_gets_no_metal_fund_and_own_situation_first(
        real: KnowledgeBase) -> None:
    payload = advice.funding_for(real, COOK, "operator_voedingsmiddelenindustrie",
                                 today=TODAY)
    ids = [i["id"] for i in payload["items"]]
    assert ids[0] == "uwv_scholing_ww"
    assert not SECTOR_FUNDS & set(ids + [e["id"] for e in payload["employer"]])
    assert len(ids) <= 3


@pytest.mark.parametrize("status", ["werkend", "ww", "bijstand", "zzp", "student", None])
def test_funding_is_at_most_three_current_money_schemes_that_fit(
        real: KnowledgeBase, status: str | None) -> None:
    for prof in real.professions:
        payload = advice.funding_for(real, {"work_status": status}, prof, today=TODAY)
        assert len(payload["items"]) <= 3
        for item in payload["items"]:
            assert item["status"] != "ended"
            assert item["id"] not in ("werkcentrum_advies", "proefplaatsing")
            assert item["id"] != "lkv_arbeidsbeperkte_werknemer"
            if item["sectors"]:
                assert set(item["sectors"]) & set(real.professions[prof]["sectors"])


def test_metal_profession_names_the_oom_fund_in_the_employer_line(real: KnowledgeBase) -> None:
    payload = advice.funding_for(real, {"work_status": "werkend", "learn_while_earning": True},
                                 "lasser", today=TODAY)
    assert "oom_leerwerkbijdrage" in [e["id"] for e in payload["employer"]]


def test_first_reasons_differ_and_use_the_persons_own_word(real: KnowledgeBase) -> None:
    farmer = {"current_job": "boerderijmanager", "current_job_text": "boer",
              "current_job_esco": None, "work_status": "werkend", "interests": ["buiten"],
              "region": "friesland", "learn_while_earning": True}
    for profile in (farmer, COOK, {"interests": ["buiten"]}, {}):
        items = matching.match(real, profile)["items"]
        firsts = [i["reasons"][0] for i in items]
        assert len(set(firsts)) == len(firsts), firsts
        assert all(len(i["reasons"]) >= 2 for i in items)
    cook = matching.match(real, {**COOK, "current_job_text": "chef-kok"})["items"]
    assert any("chef-kok" in r for i in cook for r in i["reasons"])
    assert matching.in_own_words("Als boerenknecht werk je met tractoren", "boer") == \
        "Als boer werk je met tractoren"


def test_initiatives_follow_the_labour_market_region_not_the_province(
        real: KnowledgeBase) -> None:
    arnhem = advice.contact_for(real, {"region": "gelderland", "municipality": "Arnhem"})
    ede = advice.contact_for(real, {"region": "gelderland", "municipality": "Ede"})
    enschede = advice.contact_for(real, {"region": "overijssel", "municipality": "Enschede"})
    assert "Knooppunt Techniek" not in {e["name"] for e in arnhem["extras"]}
    assert any("Knooppunt" in e["name"] for e in ede["extras"])
    assert not any("Vrienden van Techniek" in e["name"] for e in enschede["extras"])


def test_walk_in_is_only_promised_where_a_source_says_so(real: KnowledgeBase) -> None:
    for contact in real.contacts:
        if "binnenlopen" in contact["description"]:
            assert contact["id"] in ("werkcentrum_groningen", "werkcentrum_amersfoort")
    steps = advice.next_steps(real, {"region": "zeeland"}, "lasser")["steps"]
    assert not any("afspraak" in s and "zonder" not in s for s in steps)


def test_statushouders_get_a_language_step_the_diploma_step_and_their_route(
        real: KnowledgeBase) -> None:
    assert newcomers.is_newcomer("ik heb een verblijfsvergunning")
    assert newcomers.is_newcomer("Ik ben vluchteling") and not newcomers.is_newcomer("kok")
    profile = {"work_status": "bijstand", "statushouder": True, "region": "zuid-holland"}
    steps = advice.next_steps(real, profile, "elektromonteur")["steps"]
    assert any("inburgering" in s or "taal" in s for s in steps)
    assert any("IDW" in s for s in steps) and len(steps) >= 3
    routes = advice.routes_for(real, "elektromonteur", profile)["items"]
    assert routes[0]["id"] == "taal_en_werk_statushouders"
    others = advice.routes_for(real, "elektromonteur", {"work_status": "bijstand"})["items"]
    assert "taal_en_werk_statushouders" not in {r["id"] for r in others}


def test_language_faq_says_what_you_can_start_with_today(real: KnowledgeBase) -> None:
    text = advice.faq_answer(real, "taalniveau")["text"]
    assert "vandaag" in text and "praktijkverklaring" in text
    vca = advice.faq_answer(real, "vca")["text"]
    assert "VOL-VCA" in vca and "zzp" in vca and "opdracht" in vca
    kosten = advice.faq_answer(real, "kosten")["text"]
    assert "2026-2027" in kosten
