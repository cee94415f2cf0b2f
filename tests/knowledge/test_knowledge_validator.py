"""Validator: every problem as file:row: message; coverage rules; CLI exit code."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from knowledge.validator import Coverage, validate

FIXTURES = Path(__file__).parent / "fixtures"
SMALL = Coverage(professions=8, routes=10, funding_current=5, regions=8, common_jobs=10)
TODAY = dt.date(2026, 11, 23)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fixture_problems(problems: list[str]) -> list[str]:
    # The fixtures cover only 8 regions and a few provinces on purpose.
    return [p for p in problems if "coverage: no municipality in" not in p]


def test_fixture_data_is_sound_with_its_own_coverage(esco_dir: Path) -> None:
    # GIVEN the fixture files, checked against ESCO with coverage sized for them
    # WHEN validated
    problems = validate(FIXTURES, esco_dir, TODAY, SMALL)
    # THEN only the BIM drafter's missing work-and-learn route is reported
    assert _fixture_problems(problems) == [
        "professions.csv:9: 'tekenaar-bim' has no learn-while-earning route"]


def test_unknown_vocabulary_values_are_reported_with_file_and_row(fixture_copy: Path) -> None:
    # GIVEN an unknown interest and an unknown route kind
    _edit(fixture_copy / "professions.csv", "met_handen;precisie;machines",
          "met_handen;lassen;machines")
    _edit(fixture_copy / "routes.csv", ",certificaat,lasser,", ",diploma,lasser,")
    # WHEN validated
    problems = validate(fixture_copy, None, TODAY, SMALL)
    # THEN each is listed with file and row
    assert any(p.startswith("professions.csv:2: column 'interests': 'lassen'") for p in problems)
    assert any(p.startswith("routes.csv:3: column 'kind': 'diploma'") for p in problems)


def test_broken_references_are_reported(fixture_copy: Path) -> None:
    # GIVEN a route to a missing profession and a municipality in a missing region
    _edit(fixture_copy / "routes.csv", ",bbl,lasser,mbo2,", ",bbl,lasser;kapper,mbo2,")
    _edit(fixture_copy / "municipalities.csv", "Epe,gelderland,stedendriehoek",
          "Epe,gelderland,veluwe")
    # WHEN validated
    problems = validate(fixture_copy, None, TODAY, SMALL)
    # THEN both references are named
    assert "routes.csv:2: unknown profession id 'kapper'" in problems
    assert "municipalities.csv:13: unknown labour_market_region 'veluwe'" in problems


def test_esco_uri_and_isco_code_must_exist_and_agree(fixture_copy: Path, esco_dir: Path) -> None:
    # GIVEN the welder with a wrong ISCO code and a made-up ESCO URI for the electrician
    _edit(fixture_copy / "professions.csv", ",7212,http", ",7213,http")
    _edit(fixture_copy / "professions.csv", "installaties aan in huizen en gebouwen.,7411,,",
          "installaties aan in huizen en gebouwen.,7411,http://data.europa.eu/esco/"
          "occupation/does-not-exist,")
    _edit(fixture_copy / "common_jobs.csv", "kok,5120,", "kok,5129,")
    # WHEN validated against ESCO
    problems = validate(fixture_copy, esco_dir, TODAY, SMALL)
    # THEN the mismatch, the unknown URI and the unknown ISCO code are reported
    assert any(p.startswith("professions.csv:2: isco08 7213 differs from ESCO's 7212")
               for p in problems)
    assert any(p.startswith("professions.csv:3: esco_uri") and "not in ESCO" in p
               for p in problems)
    assert "common_jobs.csv:4: ISCO-08 code '5129' does not exist in ESCO's ISCO groups" \
        in problems


def test_dates_urls_and_ended_notes_are_checked(fixture_copy: Path) -> None:
    # GIVEN a future checked_at, a bad URL and an ended scheme without a note
    _edit(fixture_copy / "faq.csv", "domain-nl §5,2026-11-01", "domain-nl §5,2027-01-01")
    _edit(fixture_copy / "contacts.csv", "https://www.techniekpact.nl", "www techniekpact")
    _edit(fixture_copy / "funding.csv", "Het STAP-budget bestaat sinds 1 januari 2024 niet meer.",
          "")
    # WHEN validated
    problems = validate(fixture_copy, None, TODAY, SMALL)
    # THEN each is reported
    assert "faq.csv:3: checked_at 2027-01-01 is in the future" in problems
    assert "contacts.csv:11: url 'www techniekpact' is not a well-formed http(s) URL" in problems
    assert "funding.csv:9: ended scheme without ended_note" in problems


def test_bad_date_format_is_reported_not_raised(fixture_copy: Path) -> None:
    # GIVEN a Dutch-style date
    _edit(fixture_copy / "funding.csv", "2099-12-31", "31-12-2099")
    # WHEN validated
    problems = validate(fixture_copy, None, TODAY, SMALL)
    # THEN the row and column are named
    assert ("funding.csv:6: column 'valid_until': '31-12-2099' is not an ISO date (YYYY-MM-DD)"
            in problems)


def test_product_coverage_rules_flag_small_data(fixture_copy: Path) -> None:
    # GIVEN the small fixture files and the product's coverage rules
    # WHEN validated
    problems = validate(fixture_copy, None, TODAY)
    # THEN each shortfall is named
    assert "professions.csv:0: coverage: 8 professions, at least 45 needed" in problems
    assert "routes.csv:0: coverage: 11 routes, at least 30 needed" in problems
    assert "funding.csv:0: coverage: 6 current funding schemes, at least 15 needed" in problems
    assert "labour_market_regions.csv:0: coverage: 8 labour-market regions, at least 35 needed" \
        in problems


def test_region_without_a_contact_is_reported(fixture_copy: Path) -> None:
    # GIVEN the Friesland Werkcentrum removed
    path = fixture_copy / "contacts.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if not ln.startswith("wc-friesland,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # WHEN validated
    problems = validate(fixture_copy, None, TODAY, SMALL)
    # THEN the region is named
    assert ("labour_market_regions.csv:4: region 'friesland' has no werkcentrum or "
            "leerwerkloket contact") in problems


def test_cli_validate_exits_1_and_lists_problems(fixture_copy: Path, tmp_path: Path) -> None:
    # GIVEN the fixture files (too small for the product's coverage rules)
    env = {**os.environ, "KNOWLEDGE_DATA_DIR": str(fixture_copy), "DATA_DIR": str(tmp_path)}
    # WHEN the validate command runs
    done = subprocess.run([sys.executable, "-m", "knowledge", "validate"], env=env,
                          capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    # THEN it exits 1 and prints file:row: message lines
    assert done.returncode == 1
    assert "professions.csv:0: coverage: 8 professions, at least 45 needed" in done.stdout


def test_real_data_files_are_sound(esco_dir: Path) -> None:
    # GIVEN the real data files in knowledge/data and the ESCO mirror
    real = Path(__file__).resolve().parents[2] / "knowledge" / "data"
    # WHEN validated with the product's coverage rules
    problems = validate(real, esco_dir)
    # THEN there is no problem at all
    assert problems == []
