"""Fixtures of the knowledge tests: knowledge bases built from the fixture files or the
real data files, with the ESCO mirror found relative to the repo root (../shared/esco)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge import api, schema
from knowledge.kb import KnowledgeBase
from knowledge.recognise.places import PlaceIndex
from settings import REPO_ROOT, default_esco_dir
from settings.sections import KnowledgeSettings

FIXTURES = Path(__file__).parent / "fixtures"
REAL_DATA = REPO_ROOT / "knowledge" / "data"
ESCO_DIR = default_esco_dir()


def make_settings(data_dir: Path, db_dir: Path, esco: bool = True) -> KnowledgeSettings:
    return KnowledgeSettings(
        database_url=f"sqlite:///{db_dir / 'knowledge.db'}", data_dir=db_dir,
        esco_dir=ESCO_DIR if esco else None, knowledge_data_dir=data_dir)


@pytest.fixture
def settings_for():
    """Factory: settings for a data dir and a database dir (ESCO on by default)."""
    return make_settings


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture data files (tests may corrupt it)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture(scope="session")
def esco_dir() -> Path:
    assert ESCO_DIR is not None, "the ESCO mirror ../shared/esco must exist beside the repo"
    return ESCO_DIR


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory, esco_dir: Path) -> KnowledgeBase:
    """Fixture data + full ESCO, built once per test session."""
    db_dir = tmp_path_factory.mktemp("kb")
    return api.open_knowledge_base(make_settings(FIXTURES, db_dir))


@pytest.fixture(scope="session")
def kb_without_esco(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    db_dir = tmp_path_factory.mktemp("kb_noesco")
    return api.open_knowledge_base(make_settings(FIXTURES, db_dir, esco=False))


@pytest.fixture
def default_kb(kb: KnowledgeBase):
    """Point the module-level functions (knowledge.match, ...) at the fixture base."""
    api.set_default(kb)
    yield kb
    api.set_default(None)


@pytest.fixture(scope="session")
def real_kb(tmp_path_factory: pytest.TempPathFactory, esco_dir: Path) -> KnowledgeBase:
    """The real data files in knowledge/data with full ESCO."""
    db_dir = tmp_path_factory.mktemp("kb_real")
    return api.open_knowledge_base(make_settings(REAL_DATA, db_dir))


@pytest.fixture(scope="session")
def real_places() -> tuple[PlaceIndex, list[dict]]:
    """Place index of the real municipalities.csv (needs only that file)."""
    parsed = schema.read_file(schema.SPECS["municipalities"], REAL_DATA)
    assert not parsed.problems, parsed.problems
    rows = [row for _, row in parsed.rows]
    aliases = [(r["name"], a) for r in rows for a in r["aliases"]]
    return PlaceIndex(rows, aliases), rows
