"""The one erasure service and the retention job, on real SQLite, real Redis locks."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

import conversation_store
from console import audit
from console.db import audit as audit_table
from console.db import console_engine, conv_index, dispose_all, handovers, notes, tags
from console.erasure import forget_databases
from console.index import ConversationIndex
from privacy.erase import erase_senders, erase_senders_locked, related_sender_ids
from privacy.retention import run_once
from settings import REPO_ROOT
from testing.conversation_factory import ConversationFactory, create_tracker_db, write
from testing.ports import free_port

NOW = 1_790_000_000.0
DAY = 86400.0


@pytest.fixture
def dbs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, sa.engine.Engine]]:
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    console_url = f"sqlite:///{tmp_path / 'console.db'}"
    create_tracker_db(tracker_url)
    monkeypatch.setenv("TRACKER_STORE_URL", tracker_url)
    monkeypatch.setenv("CONSOLE_DATABASE_URL", console_url)
    monkeypatch.setenv("RASA_ENDPOINTS", str(tmp_path / "none.yml"))
    forget_databases()
    dispose_all()
    yield tracker_url, console_engine(console_url)
    dispose_all()


def _console_rows(engine: sa.engine.Engine, sender: str) -> int:
    with engine.connect() as conn:
        return sum(conn.execute(sa.select(sa.func.count()).select_from(t)
                                .where(t.c.sender_id == sender)).scalar() or 0
                   for t in (tags, notes, handovers, conv_index))


def _annotate(engine: sa.engine.Engine, sender: str) -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(tags).values(sender_id=sender, tag="x", username="u",
                                            created_at=NOW))
        conn.execute(sa.insert(notes).values(sender_id=sender, text="belt terug", username="u",
                                             created_at=NOW))
        conn.execute(sa.insert(handovers).values(sender_id=sender, status="open"))


def test_related_ids_come_from_metadata_and_only_look_like_session_ids():
    meta = {"previous_sender_ids": "a" * 32 + ",telegram:123, ,../x," + "b" * 32}
    assert related_sender_ids("c" * 32, meta) == ["c" * 32, "a" * 32, "b" * 32]
    assert related_sender_ids("telegram:5", {"previous_sender_ids": ["x" * 32]}) == [
        "telegram:5"]


def test_erasure_removes_every_id_of_the_person_everywhere(dbs):
    tracker_url, cdb = dbs
    f = ConversationFactory()
    old, new, other = "a" * 32, "b" * 32, "c" * 32
    write(create_tracker_db(tracker_url), f.conversation(sender_id=old),
          f.conversation(sender_id=new), f.conversation(sender_id=other))
    store = conversation_store.open_store(tracker_url)
    ConversationIndex(cdb, store).refresh()
    for sender in (old, new, other):
        _annotate(cdb, sender)
    audit.record(cdb, "anna", "view", old)
    # WHEN the person erases from their new session, which knows the old one
    report = erase_senders(related_sender_ids(new, {"previous_sender_ids": old}), store)
    # THEN both conversations are gone from tracker and console; the other stays
    assert report.senders == 2 and report.tracker_rows > 0 and report.console_rows >= 8
    assert store.events(old) == [] and store.events(new) == []
    assert _console_rows(cdb, old) == 0 and _console_rows(cdb, new) == 0
    assert store.events(other) and _console_rows(cdb, other) == 4
    # AND the audit log never held the sender id itself
    with cdb.connect() as conn:
        targets = [t for (t,) in conn.execute(sa.select(audit_table.c.target))]
    assert targets and old not in targets and targets[0].startswith("p:")


def test_an_index_refresh_cannot_bring_an_erased_conversation_back(dbs):
    tracker_url, cdb = dbs
    f = ConversationFactory()
    engine = create_tracker_db(tracker_url)
    write(engine, f.conversation(sender_id="telegram:42"), f.conversation(sender_id="kept"))
    store = conversation_store.open_store(tracker_url)
    index = ConversationIndex(cdb, store)
    # GIVEN a refresh that has read the rows but not yet written them
    stale = store.raw_rows_after(0, 10_000, ("user", "bot", "slot", "restart", "reset_slots"))
    top = stale[-1][0]
    # WHEN the conversation is erased meanwhile, and then the refresh writes
    erase_senders(["telegram:42"], store)
    index._apply(stale, top)
    # THEN the erased conversation is not in the index; the other one is
    with cdb.connect() as conn:
        indexed = {s for (s,) in conn.execute(sa.select(conv_index.c.sender_id))}
    assert indexed == {"kept"}
    # AND when the same chat talks again later, its new conversation is indexed
    write(engine, f.conversation(sender_id="telegram:42", start=NOW + 10))
    index.refresh()
    with cdb.connect() as conn:
        indexed = {s for (s,) in conn.execute(sa.select(conv_index.c.sender_id))}
    assert indexed == {"kept", "telegram:42"}


def test_retention_deletes_old_events_vanished_ids_and_old_audit_rows(dbs):
    tracker_url, cdb = dbs
    f = ConversationFactory()
    engine = create_tracker_db(tracker_url)
    # GIVEN an old conversation, a long one that started long ago and goes on, a new one
    write(engine, f.conversation(sender_id="old", start=NOW - 200 * DAY),
          f.conversation(sender_id="long", start=NOW - 120 * DAY),
          f.conversation(sender_id="new", start=NOW - DAY))
    write(engine, f.conversation(sender_id="long", start=NOW - 2 * DAY))
    store = conversation_store.open_store(tracker_url)
    ConversationIndex(cdb, store).refresh()
    for sender in ("old", "long", "new", "vanished"):
        _annotate(cdb, sender)
    with cdb.begin() as conn:
        conn.execute(sa.insert(audit_table).values(at=NOW - 400 * DAY, action="view"))
        conn.execute(sa.insert(audit_table).values(at=NOW - DAY, action="view"))
    # WHEN retention runs with a 90-day period
    report = run_once(90, store, now=NOW)
    # THEN events older than the period are gone, also inside a conversation that goes on
    assert store.events("old") == []
    long_times = [e["timestamp"] for e in store.events("long")]
    assert long_times and min(long_times) >= NOW - 90 * DAY
    assert store.events("new")
    # AND the console forgot the ids without events, including one that vanished elsewhere
    assert _console_rows(cdb, "old") == 0 and _console_rows(cdb, "vanished") == 0
    assert _console_rows(cdb, "new") == 4 and _console_rows(cdb, "long") > 0
    # AND audit rows older than the period expired, and the report says what happened
    with cdb.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(audit_table)).scalar() == 1
    assert report.events_deleted > 0 and report.conversations_gone == 1
    assert report.orphans_deleted == 3 and report.audit_rows_deleted == 1


def test_retention_job_is_a_process_that_reports(dbs, tmp_path: Path):
    tracker_url, cdb = dbs
    write(create_tracker_db(tracker_url),
          ConversationFactory().conversation(sender_id="old", start=time.time() - 200 * DAY))
    done = subprocess.run([sys.executable, "-m", "privacy.retention", "--days", "90"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])["retention"]
    assert report["events_deleted"] > 0 and report["conversations_gone"] == 1


@pytest.fixture
def redis_endpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    server = shutil.which("redis-server")
    assert server, "redis-server is needed (scripts/setup-prod.sh)"
    port, password = free_port(), "r" * 32
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save",
                                "", "--appendonly", "no", "--requirepass", password],
                               stdout=subprocess.DEVNULL, start_new_session=True)
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "lock_store:\n  type: bot.lock_store.QuickRedisLockStore\n  url: 127.0.0.1\n"
        f"  port: {port}\n  password: ${{REDIS_PASSWORD}}\n  db: 1\n  key_prefix: t\n")
    monkeypatch.setenv("RASA_ENDPOINTS", str(endpoints))
    monkeypatch.setenv("REDIS_PASSWORD", password)
    try:
        yield {"url": "127.0.0.1", "port": port, "password": password}
    finally:
        process.terminate()
        process.wait(timeout=10)


async def test_admin_erasure_waits_for_the_conversation_lock(dbs, redis_endpoints):
    from rasa.utils.endpoints import EndpointConfig

    from bot.lock_store import QuickRedisLockStore

    tracker_url, _cdb = dbs
    write(create_tracker_db(tracker_url), ConversationFactory().conversation(sender_id="busy"))
    store = conversation_store.open_store(tracker_url)
    rasa_side = QuickRedisLockStore(EndpointConfig(
        url="127.0.0.1", port=redis_endpoints["port"], password=redis_endpoints["password"],
        db=1, key_prefix="t"))
    deadline = time.monotonic() + 30
    while True:  # Redis may still be starting
        try:
            rasa_side.red.ping()
            break
        except Exception:  # noqa: BLE001
            assert time.monotonic() < deadline, "redis did not start"
            await asyncio.sleep(0.1)
    # GIVEN Rasa is in the middle of a turn of this conversation (it holds the lock)
    async with rasa_side.lock("busy"):
        erasure = asyncio.create_task(erase_senders_locked(["busy"], store))
        await asyncio.sleep(1.0)
        # THEN the erasure waits: the turn's own save would otherwise write the rows back
        assert not erasure.done() and store.events("busy")
    # WHEN the turn ends, the erasure goes ahead
    report = await asyncio.wait_for(erasure, 30)
    assert report.tracker_rows > 0 and store.events("busy") == []
