"""The same loader code on PostgreSQL: builds, skips when unchanged, rolls back on errors.

Starts a throwaway PostgreSQL server (the binaries under /usr/lib/postgresql, as the
production topology uses) on a free local port and stops it afterwards.
"""

from __future__ import annotations

import csv
import glob
import io
import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import api, loader
from settings.sections import KnowledgeSettings
from testing.ports import free_port

FIXTURES = Path(__file__).parent / "fixtures"


def _as_postgres(argv: list[str]) -> list[str]:
    # initdb/postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert bins, "PostgreSQL server binaries are needed (apt-get install postgresql)"
    pg = Path(bins[-1])
    root = Path(os.environ.get("TMPDIR", "/tmp")) / f"kbpg-{os.getpid()}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(mode=0o755)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
    subprocess.run(_as_postgres([str(pg / "initdb"), "-D", str(root / "data"), "-A", "trust",
                                 "-U", "postgres", "--no-sync"]), check=True,
                   capture_output=True)
    port = free_port()
    server = subprocess.Popen(_as_postgres([
        str(pg / "postgres"), "-D", str(root / "data"), "-p", str(port), "-k", str(root),
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        psql = [str(pg / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qtA"]
        deadline = time.monotonic() + 60
        while subprocess.run([*psql, "-c", "select 1"], capture_output=True).returncode != 0:
            assert server.poll() is None and time.monotonic() < deadline, "postgres did not start"
            time.sleep(0.2)
        subprocess.run([*psql, "-c", "create database knowledge"], check=True)
        yield f"postgresql://postgres@127.0.0.1:{port}/knowledge"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)


def _settings(data_dir: Path, url: str) -> KnowledgeSettings:
    return KnowledgeSettings(database_url=url, data_dir=data_dir, esco_dir=None,
                             knowledge_data_dir=data_dir)


def test_postgres_build_gives_the_same_knowledge_as_sqlite(
        pg_url: str, kb_without_esco) -> None:
    # GIVEN the fixture files and a PostgreSQL database
    # WHEN the knowledge base is opened on PostgreSQL (built on first use)
    kb = api.open_knowledge_base(_settings(FIXTURES, pg_url))
    # THEN it holds the same facts as the SQLite build, and a second build is skipped
    assert dict(kb.stats) == dict(kb_without_esco.stats)
    assert kb.professions == kb_without_esco.professions
    assert kb.jobs.recognise("ik ben caissière") == kb_without_esco.jobs.recognise(
        "ik ben caissière")
    assert not loader.build(_settings(FIXTURES, pg_url)).built


def test_postgres_rolls_back_a_failing_build_and_keeps_the_old_data(
        pg_url: str, fixture_copy: Path) -> None:
    # GIVEN a complete build, then a route id too long for its column (only the database
    # notices: it is a valid CSV value)
    loader.build(_settings(FIXTURES, pg_url))
    path = fixture_copy / "routes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][0] = "x" * 70
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    # WHEN the changed files are built
    with pytest.raises(loader.BuildError) as error:
        loader.build(_settings(fixture_copy, pg_url))
    # THEN the error says what the database refused, and the old build is still complete
    assert "value too long" in error.value.problems[0]
    kb = api.open_knowledge_base(_settings(FIXTURES, pg_url))
    assert kb.stats["routes"] == 11
    # AND a service opening with keep_old_on_error keeps running on the previous build
    kept = api.open_knowledge_base(_settings(fixture_copy, pg_url), keep_old_on_error=True)
    assert kept.stats["routes"] == 11
