"""Loader: builds from the data files all or nothing, and only when they changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge import loader
from knowledge.kb import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


def test_build_loads_every_fixture_file_into_its_table(settings_for, tmp_path: Path) -> None:
    # GIVEN the fixture data files without ESCO
    settings = settings_for(FIXTURES, tmp_path, esco=False)
    # WHEN the database is built
    result = loader.build(settings)
    # THEN it was built and each table holds the rows of its file
    db = tmp_path / "knowledge.db"
    assert result.built
    assert _count(db, "professions") == 8
    assert _count(db, "routes") == 11
    assert _count(db, "route_professions") == 12
    assert _count(db, "funding") == 8
    assert _count(db, "municipalities") == 12
    assert _count(db, "municipality_aliases") == 9
    assert _count(db, "job_titles") > 10


def test_build_is_skipped_when_no_file_changed(settings_for, tmp_path: Path) -> None:
    # GIVEN a database built from the fixture files
    settings = settings_for(FIXTURES, tmp_path, esco=False)
    loader.build(settings)
    # WHEN the build runs again on the same files
    again = loader.build(settings)
    # THEN nothing is rebuilt
    assert not again.built


def test_build_runs_again_when_a_data_file_changed(
    settings_for, fixture_copy: Path, tmp_path: Path
) -> None:
    # GIVEN a database built from a copy of the fixtures
    settings = settings_for(fixture_copy, tmp_path / "db", esco=False)
    loader.build(settings)
    # WHEN a profession is added to the file
    with (fixture_copy / "professions.csv").open("a", encoding="utf-8") as f:
        f.write(
            "nieuw,Nieuw,Tekst.,7212,,metaal,met_handen,mbo2,geen,zwaar,2000,3000,1,,,,,"
            "x,2026-01-01\n"
        )
    result = loader.build(settings)
    # THEN the database is rebuilt and has the new row
    assert result.built
    assert _count(tmp_path / "db" / "knowledge.db", "professions") == 9


def test_corrupted_file_names_file_and_row_and_keeps_the_old_database(
    settings_for, fixture_copy: Path, tmp_path: Path
) -> None:
    # GIVEN a good database built from a copy of the fixtures
    settings = settings_for(fixture_copy, tmp_path / "db", esco=False)
    loader.build(settings)
    db = tmp_path / "db" / "knowledge.db"
    # WHEN a pay value becomes text and a route loses a field, and the build runs
    prof = fixture_copy / "professions.csv"
    prof.write_text(
        prof.read_text(encoding="utf-8").replace(",2900,3600,", ",veel,3600,", 1), encoding="utf-8"
    )
    routes = fixture_copy / "routes.csv"
    lines = routes.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0]
    routes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(loader.BuildError) as error:
        loader.build(settings)
    # THEN every problem names file and row, and the old database is untouched
    problems = error.value.problems
    assert "professions.csv:2: column 'pay_min': 'veel' is not a whole number" in problems
    assert any(p.startswith("routes.csv:4: has 13 fields") for p in problems)
    assert _count(db, "professions") == 8
    assert not list((tmp_path / "db").glob("*.building-*"))


def test_failed_first_build_leaves_no_database(
    settings_for, fixture_copy: Path, tmp_path: Path
) -> None:
    # GIVEN a funding file without its status column
    funding = fixture_copy / "funding.csv"
    text = funding.read_text(encoding="utf-8").replace(",status,", ",state,", 1)
    funding.write_text(text, encoding="utf-8")
    settings = settings_for(fixture_copy, tmp_path / "db", esco=False)
    # WHEN the first build runs
    with pytest.raises(loader.BuildError) as error:
        loader.build(settings)
    # THEN the missing column is reported and no database file exists
    assert "funding.csv:1: missing column(s): status" in error.value.problems
    assert not (tmp_path / "db" / "knowledge.db").exists()


def test_duplicate_id_is_a_build_error(settings_for, fixture_copy: Path, tmp_path: Path) -> None:
    # GIVEN a routes file where one id appears twice
    routes = fixture_copy / "routes.csv"
    lines = routes.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    routes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # WHEN the database is built
    with pytest.raises(loader.BuildError) as error:
        loader.build(settings_for(fixture_copy, tmp_path / "db", esco=False))
    # THEN the duplicate is named with both rows
    assert "routes.csv:13: duplicate id 'bbl-lasser-2' (first on row 2)" in error.value.problems


def test_build_with_full_esco_holds_all_esco_titles(
    settings_for, tmp_path: Path, esco_dir: Path
) -> None:
    # GIVEN the fixture files and the full ESCO mirror (build time: bench/bench_knowledge.py)
    settings = settings_for(FIXTURES, tmp_path)
    # WHEN the database is built from scratch
    loader.build(settings, force=True)
    # THEN it holds all ESCO titles
    assert _count(tmp_path / "knowledge.db", "esco_occupations") > 3000


def test_knowledge_base_counts_match_the_contract_keys(kb: KnowledgeBase) -> None:
    # GIVEN the fixture knowledge base with ESCO
    # WHEN its stats are read
    stats = dict(kb.stats)
    # THEN every contract key is there, ended funding counted apart from current funding
    assert set(stats) == {
        "professions",
        "routes",
        "funding_current",
        "funding_ended",
        "municipalities",
        "labour_market_regions",
        "contacts",
        "esco_titles",
    }
    assert stats["funding_ended"] == 2  # STAP (ended) and one scheme past its end date
    assert stats["esco_titles"] > 22000
