"""Advice over REST with a real Rasa and action server, for people from every province:
short turns, each with its own payload, funding that fits, distinct reasons, plain Dutch.

The whole set of people runs once per session (module fixture); each test checks one
promise over all of them and lists every person that breaks it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from typing import Any

import pytest

from contract import glossary
from settings import REPO_ROOT
from testing.advice_run import PEOPLE, Run, play, sentences, words
from tests.conftest import RasaStack

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
REAL_DATA = REPO_ROOT / "knowledge" / "data"
FUNDING = {r["id"]: r for r in csv.DictReader(
    (REAL_DATA / "funding.csv").open(encoding="utf-8"))}
PROFESSIONS = {r["id"]: r for r in csv.DictReader(
    (REAL_DATA / "professions.csv").open(encoding="utf-8"))}
OWN_AUDIENCE = {"werkend": "werknemer", "ww": "ww", "bijstand": "bijstand", "zzp": "zzp",
                "student": "student"}


@pytest.fixture(scope="module")
def runs(rasa_stack: RasaStack) -> list[Run]:
    return [play(rasa_stack, person) for person in PEOPLE]


def test_every_turn_after_the_recommendations_is_short(runs: list[Run]) -> None:
    fails = [f"{r.person.name} [{t.phase}] {len(words(t.text))} words: {t.text[:120]!r}"
             for r in runs for t in r.after_recommendations() if len(words(t.text)) > 125]
    intro = [f"{r.person.name}: intro {len(words(t.text))} words"
             for r in runs for t in r.phase("intro") if len(words(t.text)) > 65]
    assert not fails + intro, "\n".join(fails + intro)


def test_the_profession_intro_offers_four_choices_and_each_answer_its_own_payload(
        runs: list[Run]) -> None:
    fails = []
    for run in runs:
        intro = run.phase("intro")[0]
        titles = [b["title"] for b in intro.buttons()]
        if titles != ["Hoe word ik het?", "Wie betaalt?", "Wat doe ik nu?", "Ander beroep"]:
            fails.append(f"{run.person.name}: intro buttons {titles}")
        if intro.payloads("routes") or intro.payloads("funding"):
            fails.append(f"{run.person.name}: the intro already carries the advice blocks")
        for phase in ("routes", "funding", "next_steps"):
            kinds = [p["type"] for p in run.phase(phase)[0].payloads()]
            if kinds != [phase]:
                fails.append(f"{run.person.name}: {phase} turn carries {kinds}")
    assert not fails, "\n".join(fails)


def test_asking_who_pays_again_gives_no_repeated_block(runs: list[Run]) -> None:
    fails = [r.person.name for r in runs
             if r.phase("again")[0].text.strip() == r.phase("funding")[0].text.strip()]
    assert not fails, f"funding text repeated verbatim for {fails}"


def _sector_ok(item: dict[str, Any], chosen: str) -> bool:
    sectors = set(filter(None, FUNDING.get(item["id"], {}).get("sectors", "").split(";")))
    return not sectors or bool(sectors & set(PROFESSIONS[chosen]["sectors"].split(";")))


def test_funding_is_short_current_in_sector_and_for_this_person(runs: list[Run]) -> None:
    today = dt.date.today().isoformat()
    fails = []
    for run in runs:
        chosen = run.slots["chosen_profession"]
        own = OWN_AUDIENCE.get(run.slots.get("work_status") or "")
        for turn in run.after_recommendations():
            for payload in turn.payloads("funding"):
                items = payload["items"]
                if not 1 <= len(items) <= 4:
                    fails.append(f"{run.person.name}: {len(items)} funding items")
                for item in items:
                    row = FUNDING[item["id"]]
                    if row["status"] == "ended" or (row["valid_until"] and
                                                    row["valid_until"] < today):
                        fails.append(f"{run.person.name}: ended scheme {item['id']}")
                    if not _sector_ok(item, chosen):
                        fails.append(f"{run.person.name}: sector fund {item['id']} for "
                                     f"{chosen}")
                    audience = set(item["audience"])
                    if not ("iedereen" in audience or (own and own in audience)
                            or item.get("for_employer")):
                        fails.append(f"{run.person.name}: {item['id']} is not for {own}")
    assert not fails, "\n".join(fails)


def test_first_reasons_differ_and_each_profession_has_two(runs: list[Run]) -> None:
    fails = []
    for run in runs:
        items = run.payload("recommendations")["items"]
        firsts = [i["reasons"][0] for i in items]
        if len(set(firsts)) != len(firsts):
            fails.append(f"{run.person.name}: repeated first reason {firsts}")
        fails += [f"{run.person.name}: {i['id']} has {len(i['reasons'])} reason(s)"
                  for i in items if len(i["reasons"]) < 2]
    assert not fails, "\n".join(fails)


def test_own_words_for_the_job_not_the_esco_label(runs: list[Run]) -> None:
    boer = next(r for r in runs if r.person.name == "boer Friesland")
    text = boer.phase("recommendations")[0].text
    assert "boerderijmanager" not in text.lower()


def test_next_steps_have_three_steps_and_a_contact_for_the_province(runs: list[Run]) -> None:
    fails = []
    for run in runs:
        steps = run.payload("next_steps")
        if len(steps["steps"]) < 3:
            fails.append(f"{run.person.name}: {len(steps['steps'])} steps")
        if run.person.province not in (steps["contact"] or {}).get("regions", []):
            fails.append(f"{run.person.name}: contact {steps['contact']} misses "
                         f"{run.person.province}")
    assert not fails, "\n".join(fails)


def test_chat_text_is_plain_dutch(runs: list[Run]) -> None:
    fails = []
    for run in runs:
        advice_texts = [t.text for t in run.turns if t.phase != "form"]
        for turn in run.after_recommendations():
            if "bron:" in turn.text.lower() or ISO.search(turn.text):
                fails.append(f"{run.person.name} [{turn.phase}]: source or ISO date")
            fails += [f"{run.person.name} [{turn.phase}]: {len(words(s))} words: {s!r}"
                      for s in sentences(turn.text) if len(words(s)) > 20]
        fails += [f"{run.person.name}: '{term}' unexplained in {text[:100]!r}"
                  for term, text in glossary.unexplained(advice_texts)]
    assert not fails, "\n".join(fails)


def test_statushouders_get_a_language_step_and_the_diploma_step(runs: list[Run]) -> None:
    run = next(r for r in runs if r.person.name == "statushouder Leiden")
    steps = run.payload("next_steps")["steps"]
    assert any("inburgering" in s or "taalcursus" in s for s in steps), steps
    assert any("IDW" in s for s in steps), steps
    routes = run.payload("routes")["items"]
    assert routes[0]["id"] == "taal_en_werk_statushouders"
    faq = run.phase("faq")[0].text
    assert "vandaag" in faq, faq
