"""The local production topology's PostgreSQL: one role per service with least privilege,
scram-sha-256 passwords (no `trust`). A real PostgreSQL server from the Debian package."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

from runner import pg_roles, prod_local
from testing.ports import free_port


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[prod_local.Topology]:
    tmp = tmp_path_factory.mktemp("pgroles")
    t = prod_local.plan({**os.environ, "DATA_DIR": str(tmp), "PG_PASSWORD": "lokaal-geheim"},
                        pick_port=lambda _default: free_port())
    prod_local.start_postgres(t)
    try:
        yield t
    finally:
        prod_local.stop_postgres(t)


def _url(t: prod_local.Topology, role: str, db: str, password: str | None = None) -> str:
    return (f"postgresql://{role}:{password or t.pg_passwords[role]}@127.0.0.1:{t.pg_port}/"
            f"{db}")


def _run(url: str, *statements: str) -> list:
    engine = sa.create_engine(url, future=True)
    try:
        with engine.begin() as conn:
            result = None
            for statement in statements:
                result = conn.execute(sa.text(statement))
            return list(result) if result is not None and result.returns_rows else []
    finally:
        engine.dispose()


def _denied(url: str, statement: str) -> bool:
    try:
        _run(url, statement)
    except sa.exc.ProgrammingError as error:
        return "permission denied" in str(error)
    return False


def test_each_service_role_has_only_what_it_needs(topology):
    t = topology
    # Rasa (tracker) creates and writes its own table
    _run(_url(t, "tracker", "rasa"), "CREATE TABLE events (id serial primary key, x text)",
         "INSERT INTO events (x) VALUES ('a'), ('b')")
    console = _url(t, "console", "rasa")
    # the console reads and erases conversations, but never writes or creates them
    assert len(_run(console, "SELECT * FROM events")) == 2
    _run(console, "DELETE FROM events WHERE x = 'a'")
    assert _denied(console, "INSERT INTO events (x) VALUES ('c')")
    assert _denied(console, "CREATE TABLE other (id int)")
    # the knowledge base: written by its build only, read by the services
    _run(_url(t, "kb_owner", "knowledge"), "CREATE TABLE professions (id text)",
         "INSERT INTO professions VALUES ('lasser')")
    reader = _url(t, "kb_reader", "knowledge")
    assert _run(reader, "SELECT id FROM professions") == [("lasser",)]
    assert _denied(reader, "DELETE FROM professions")
    # and the console role cannot reach the knowledge base at all
    with pytest.raises(sa.exc.OperationalError):
        _run(_url(t, "console", "knowledge"), "SELECT 1")


def test_passwords_are_checked_not_trusted(topology):
    with pytest.raises(sa.exc.OperationalError, match="password authentication failed"):
        _run(_url(topology, "tracker", "rasa", password="fout"), "SELECT 1")
    hba = (Path(topology.settings["DATA_DIR"]) / "pgdata" / "pg_hba.conf").read_text()
    rules = [line for line in hba.splitlines() if line and not line.startswith("#")]
    assert rules and all(line.split()[-1] == "scram-sha-256" for line in rules)
    assert topology.settings["PG_USER"] == "tracker"
    assert "kb_owner" not in " ".join(topology.settings.values())


def test_role_passwords_default_and_override():
    pw = pg_roles.passwords({"PG_PASSWORD": "x", "PG_CONSOLE_PASSWORD": "y"})
    assert pw["console"] == "y" and pw["tracker"] == "x" and pw["admin"] == "x"
