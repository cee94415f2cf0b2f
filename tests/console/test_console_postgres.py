"""The same store, index and queries on PostgreSQL (a throwaway server started here)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

import conversation_store
from console.db import console_engine, tags
from console.erasure import remember_database
from console.index import ConversationIndex
from console.queries import Filters, list_conversations
from privacy.erase import erase_senders
from privacy.retention import run_once as run_retention
from testing.conversation_factory import ConversationFactory, create_tracker_db, write
from testing.ports import free_port

PG_BIN_GLOB = "usr/lib/postgresql/*/bin"


def _as_postgres(argv: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; the Debian package creates this user.
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    found = sorted(Path("/").glob(PG_BIN_GLOB))
    if not found:
        pytest.fail("PostgreSQL server is not installed (apt-get install postgresql)")
    pg = found[-1]
    root = Path(tempfile.mkdtemp(prefix="console-pg-"))
    data, sock = root / "data", root / "sock"
    data.mkdir()
    sock.mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (root, data, sock):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    subprocess.run(_as_postgres([str(pg / "initdb"), "-D", str(data), "-A", "trust",
                                 "-U", "postgres", "--no-sync"]), check=True,
                   capture_output=True)
    port = free_port()
    server = subprocess.Popen(_as_postgres([
        str(pg / "postgres"), "-D", str(data), "-p", str(port), "-k", str(sock),
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                sa.create_engine(url).connect().close()
                break
            except sa.exc.OperationalError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)  # waiting for a starting server, not synchronising a test
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text("CREATE DATABASE tracker"))
            conn.execute(sa.text("CREATE DATABASE console"))
        engine.dispose()
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(root, ignore_errors=True)


def test_store_index_filters_and_erasure_work_on_postgresql(pg_url: str):
    # GIVEN conversations in a PostgreSQL tracker store and a PostgreSQL console database
    tracker_url, console_url = f"{pg_url}/tracker", f"{pg_url}/console"
    engine = create_tracker_db(tracker_url)
    now = time.time()
    f = ConversationFactory(seed=21)
    write(engine,
          f.conversation(sender_id="pg-1", channel="telegram", region="limburg",
                         outcome="handover_requested", start=now - 100,
                         first_text="Ik zoek 100% zeker werk met zonnepanelen"),
          f.conversation(sender_id="pg-2", outcome="abandoned", start=now - 3 * 86400),
          f.conversation(sender_id="pg-old", outcome="steps_given", start=now - 200 * 86400))
    engine.dispose()
    store = conversation_store.open_store(tracker_url)
    cdb = console_engine(console_url)
    remember_database(console_url)
    index = ConversationIndex(cdb, store)
    # WHEN indexed and queried
    index.refresh()

    def ids(**query: str) -> list[str]:
        return [i["sender_id"] for i in list_conversations(cdb, Filters.from_query(query),
                                                           now)[0]]

    # THEN reading, filters, outcomes and search behave as on SQLite
    assert store.latest_slots("pg-1")["region"] == "limburg"
    assert ids(outcome="handover_requested") == ["pg-1"]
    assert ids(outcome="abandoned") == ["pg-2"]
    assert ids(channel="telegram", q="100% ZEKER") == ["pg-1"]
    assert ids(q="' OR 1=1 --") == []
    # AND erasure and retention remove tracker and console rows
    with cdb.begin() as conn:
        conn.execute(sa.insert(tags).values(sender_id="pg-1", tag="x", username="u",
                                            created_at=now))
    assert erase_senders(["pg-1"], store).tracker_rows > 0
    assert run_retention(90, store, now=now).events_deleted > 0
    assert [s["sender_id"] for s in store.senders()] == ["pg-2"]
    assert ids() == ["pg-2"]
    with cdb.connect() as conn:
        assert conn.execute(sa.select(tags)).all() == []
