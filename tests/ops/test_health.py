"""The database checks behind /healthz (observability/health.py), on real SQLite files."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from observability import health
from testing.ports import free_port


def test_checks_read_the_urls_from_the_settings_and_reuse_their_engines(tmp_path: Path):
    # GIVEN a tracker database that exists, a knowledge database nobody created yet, and a
    # console database on a PostgreSQL port where nothing listens
    tracker = tmp_path / "tracker.db"
    with sa.create_engine(f"sqlite:///{tracker}").begin() as conn:
        conn.execute(sa.text("CREATE TABLE events (id INTEGER)"))
    env = {"DATA_DIR": str(tmp_path), "TRACKER_STORE_URL": f"sqlite:///{tracker}",
           "CONSOLE_DATABASE_URL": f"postgresql://nobody:x@127.0.0.1:{free_port()}/console"}
    # WHEN the checks run twice
    first = health.check_all(env)
    engines = health.cached_engines()
    second = health.check_all(env)
    # THEN each database has its own state, and the second round made no new engine
    assert first == second
    assert first["tracker"] == "ok" and first["knowledge"] == "not created yet"
    assert first["console"] == "OperationalError"
    assert health.cached_engines() == engines
    # AND the knowledge database URL came from the settings' default (DATA_DIR), unopened
    assert not (tmp_path / "knowledge.db").exists()
