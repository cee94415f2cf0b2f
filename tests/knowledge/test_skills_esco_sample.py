"""Skills that carry over: the official ESCO skill files (a small sample in the official
CSV format, made here) and the curated Dutch list that covers every profession."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from knowledge import matching, skills
from knowledge.kb import KnowledgeBase

REAL_DATA = Path(__file__).resolve().parents[2] / "knowledge" / "data"
SKILL_HEADER = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel",
                "altLabels", "hiddenLabels", "status", "modifiedDate", "scopeNote",
                "definition", "inScheme", "description"]
RELATION_HEADER = ["occupationUri", "occupationLabel", "relationType", "skillType",
                   "skillUri", "skillLabel"]
S = "http://data.europa.eu/esco/skill/"


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})


@pytest.fixture
def esco_sample(tmp_path: Path, real_kb: KnowledgeBase) -> Path:
    """Two skills shared by an IC nurse and the medical technician, one only the
    technician needs, and optional relations that must be ignored."""
    operator = real_kb.professions["medisch_technicus"]["esco_uri"]
    clerk = real_kb.jobs.recognise("IC-verpleegkundige")["esco_uri"]
    skills_rows = [
        {"conceptType": "KnowledgeSkillCompetence", "conceptUri": S + "s1",
         "skillType": "skill/competence", "preferredLabel": "gegevens nauwkeurig vastleggen",
         "status": "released"},
        {"conceptType": "KnowledgeSkillCompetence", "conceptUri": S + "s2",
         "skillType": "skill/competence", "preferredLabel": "veiligheidsvoorschriften naleven",
         "status": "released"},
        {"conceptType": "KnowledgeSkillCompetence", "conceptUri": S + "s3",
         "skillType": "skill/competence", "preferredLabel": "medische apparatuur kalibreren",
         "status": "released"},
        {"conceptType": "KnowledgeSkillCompetence", "conceptUri": S + "s4",
         "skillType": "knowledge", "preferredLabel": "boekhouding", "status": "released"},
    ]
    relations = [
        {"occupationUri": clerk, "relationType": "essential", "skillUri": S + "s1"},
        {"occupationUri": clerk, "relationType": "essential", "skillUri": S + "s2"},
        {"occupationUri": clerk, "relationType": "optional", "skillUri": S + "s3"},
        {"occupationUri": operator, "relationType": "essential", "skillUri": S + "s1"},
        {"occupationUri": operator, "relationType": "essential", "skillUri": S + "s3"},
        {"occupationUri": operator, "relationType": "optional", "skillUri": S + "s4"},
    ]
    _write(tmp_path / skills.ESCO_SKILLS_FILE, SKILL_HEADER, skills_rows)
    _write(tmp_path / skills.ESCO_RELATIONS_FILE, RELATION_HEADER, relations)
    return tmp_path


def test_the_official_esco_skill_files_are_read_essential_relations_only(
        esco_sample: Path) -> None:
    # GIVEN the sample in the official ESCO CSV format
    labels, relations = skills.read_esco(esco_sample)
    # THEN labels come from preferredLabel and only essential relations count
    assert labels[S + "s3"] == "medische apparatuur kalibreren"
    assert sorted(len(v) for v in relations.values()) == [2, 2]
    assert all(S + "s4" not in keys for keys in relations.values())


def test_esco_skills_carry_over_into_a_recommendation(
        esco_sample: Path, real_kb: KnowledgeBase) -> None:
    # GIVEN the ESCO sample beside the curated list
    index = skills.build_index(skills.read_curated(REAL_DATA), *skills.read_esco(esco_sample),
                               dict(real_kb.professions))
    skills.set_index(real_kb, index)
    try:
        # WHEN an IC nurse who wants to become a medical technician is matched
        result = matching.match(real_kb, {"current_job": "IC-verpleegkundige",
                                          "wished_profession": "medisch_technicus"})
    finally:
        skills.forget()
    first = result["items"][0]
    # THEN the shared ESCO skill carries over, the technician-only one is still to learn,
    # and the optional relation (boekhouding) appears nowhere
    assert first["id"] == "medisch_technicus" and first["wish"] == "exact"
    assert "gegevens nauwkeurig vastleggen" in first["transferable_skills"]
    assert "medische apparatuur kalibreren" in first["skills_to_learn"]
    assert "boekhouding" not in first["transferable_skills"] + first["skills_to_learn"]


def test_without_esco_skill_files_the_curated_list_is_used(tmp_path: Path) -> None:
    # GIVEN an ESCO directory without the skill files
    assert skills.read_esco(tmp_path) == ({}, {})
    assert skills.read_esco(None) == ({}, {})


def test_every_profession_has_curated_skills_with_a_source(real_kb: KnowledgeBase) -> None:
    # GIVEN the curated skill list
    curated = skills.read_curated(REAL_DATA)
    # THEN it has about 40 skills, each sourced and dated, covering every profession
    assert 35 <= len(curated) <= 50
    assert all(s.source and s.checked_at and s.label[:1].islower() for s in curated)
    index = skills.build_index(curated, {}, {})
    for pid in real_kb.professions:
        assert len(index.by_profession.get(pid, ())) >= 4, pid
    known = set(real_kb.professions)
    assert {p for s in curated for p in s.professions} <= known
