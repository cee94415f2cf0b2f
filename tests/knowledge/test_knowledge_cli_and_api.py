"""The contract CLI (section 7) and the module-level interface the actions call."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import knowledge
from knowledge.kb import KnowledgeBase

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Fixture data without ESCO: each CLI call is a new process, and loading the full
    ESCO index in every one would only slow the tests (ESCO has its own tests)."""
    data_dir = tmp_path_factory.mktemp("cli")
    return {**os.environ, "KNOWLEDGE_DATA_DIR": str(FIXTURES), "DATA_DIR": str(data_dir),
            "ESCO_DIR": ""}


@pytest.fixture(scope="module")
def cli_env_esco(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("cli_esco")
    env = {**os.environ, "KNOWLEDGE_DATA_DIR": str(FIXTURES), "DATA_DIR": str(data_dir)}
    env.pop("ESCO_DIR", None)  # the default: ../shared/esco beside the repo
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "knowledge", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_stats_json_has_the_contract_keys(cli_env_esco: dict[str, str]) -> None:
    # GIVEN the fixture data with ESCO found at its default place
    # WHEN `python -m knowledge stats --json` runs
    done = _run(cli_env_esco, "stats", "--json")
    # THEN it prints the contract's counts
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    assert set(stats) == {"professions", "routes", "funding_current", "funding_ended",
                          "municipalities", "labour_market_regions", "contacts", "esco_titles"}
    assert stats["professions"] == 8 and stats["esco_titles"] > 22000


def test_job_json_gives_the_contract_fields(cli_env: dict[str, str]) -> None:
    # GIVEN the contract example sentence
    # WHEN `job ... --json` runs
    done = _run(cli_env, "job", "ik werk als kassamedewerker bij de Jumbo", "--json")
    # THEN the job has the contract keys and values
    found = json.loads(done.stdout)
    assert set(found) == {"label", "esco_uri", "isco08", "sector", "confidence"}
    assert found["isco08"] == "5230" and found["sector"] == "retail"


def test_job_and_place_json_print_null_when_nothing_is_found(cli_env: dict[str, str]) -> None:
    # GIVEN text without job or place
    # WHEN both commands run
    # THEN each prints null
    assert _run(cli_env, "job", "hallo", "--json").stdout.strip() == "null"
    assert _run(cli_env, "place", "hallo", "--json").stdout.strip() == "null"


def test_place_json_gives_municipality_province_and_region(cli_env: dict[str, str]) -> None:
    # GIVEN 'Deventer'
    # WHEN `place Deventer --json` runs
    found = json.loads(_run(cli_env, "place", "Deventer", "--json").stdout)
    # THEN the contract fields come back
    assert found == {"municipality": "Deventer", "province": "overijssel",
                     "labour_market_region": "stedendriehoek"}


def test_match_reads_a_profile_file(cli_env: dict[str, str], tmp_path: Path) -> None:
    # GIVEN a profile file with contract slots
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"current_job": "kok", "interests": ["voeding"],
                                   "learn_while_earning": True}), encoding="utf-8")
    # WHEN `match --profile FILE --json` runs
    done = _run(cli_env, "match", "--profile", str(profile), "--json")
    # THEN a recommendations payload comes back
    payload = json.loads(done.stdout)
    assert payload["type"] == "recommendations"
    assert payload["items"][0]["id"] == "operator-food"


def test_build_reports_up_to_date_the_second_time(cli_env: dict[str, str]) -> None:
    # GIVEN a built database
    _run(cli_env, "build")
    # WHEN build runs again
    done = _run(cli_env, "build")
    # THEN nothing needed rebuilding
    assert done.returncode == 0 and "up to date" in done.stdout


def test_module_functions_return_json_serialisable_contract_payloads(default_kb) -> None:
    # GIVEN the module-level interface on the fixture base
    profile = {"current_job": "kok", "interests": ["voeding"], "work_status": "ww",
               "region": "gelderland", "municipality": "Ede", "learn_while_earning": True}
    # WHEN every function is called
    results = [
        knowledge.recognise_job("ik ben kok"), knowledge.recognise_place("uit Ede"),
        knowledge.recognise_province("Brabant"), knowledge.recognise_education("mavo"),
        knowledge.recognise_work_status("ik zit in de ww"),
        knowledge.recognise_interests("koken"), knowledge.recognise_sector("in de horeca"),
        knowledge.recognise_profession("lassen"), knowledge.recognise_faq_topic("te oud?"),
        knowledge.match(profile), knowledge.routes_for("lasser", profile),
        knowledge.funding_for(profile), knowledge.ended_funding("STAP"),
        knowledge.contact_for(profile), knowledge.next_steps(profile, "lasser"),
        knowledge.profession("lasser"), knowledge.faq_answer("salaris", "lasser"),
        knowledge.profile_summary(profile), knowledge.stats(),
    ]
    # THEN each result survives a JSON round trip and none is missing
    assert json.loads(json.dumps(results)) == results
    assert all(r is not None for r in results)
    assert knowledge.recognise_sector("ik ben kok") == "horeca"  # via the job title


def test_concurrent_calls_give_the_same_answers_as_serial_calls(kb: KnowledgeBase) -> None:
    # GIVEN many profiles and sentences
    from knowledge import matching
    texts = ["ik ben kok", "ik werk bij de Jumbo", "ik ben vrachtwagenchauffeur"] * 30
    profiles = [{"current_job": t, "interests": ["machines"]} for t in texts]
    pairs = list(zip(texts, profiles, strict=True))
    serial = [(kb.jobs.recognise(t), matching.match(kb, p)) for t, p in pairs]
    # WHEN the same calls run on 8 threads
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda tp: (kb.jobs.recognise(tp[0]),
                                             matching.match(kb, tp[1])),
                                 zip(texts, profiles, strict=False)))
    # THEN the answers are identical
    assert parallel == serial
