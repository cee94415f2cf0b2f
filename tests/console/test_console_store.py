"""conversation_store: the read side of Rasa's SQL tracker store."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import sqlalchemy as sa

import conversation_store
from console.db import console_engine, conv_index, tags
from console.erasure import remember_database
from console.index import ConversationIndex
from privacy.erase import erase_senders
from testing.conversation_factory import ConversationFactory, create_tracker_db, write


def test_missing_database_reads_as_no_conversations(tmp_path: Path):
    # GIVEN a fresh install where Rasa has not created its database yet
    store = conversation_store.open_store(f"sqlite:///{tmp_path / 'none.db'}")
    # WHEN the console asks for anything
    # THEN everything is empty and no database file is created
    assert store.events("x") == []
    assert store.latest_slots("x") == {}
    assert store.find_sender_by_slot("card_token", "abc") is None
    assert store.senders() == []
    assert store.max_event_id() == 0
    assert store.delete_senders(["x"]) == 0
    assert not (tmp_path / "none.db").exists()


def test_database_without_events_table_reads_as_empty(tmp_path: Path):
    # GIVEN a database file without the events table
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    sa.create_engine(url).connect().close()
    # WHEN reading THEN it is empty
    assert conversation_store.open_store(url).rows_after(0) == []


def test_events_come_back_in_id_order_as_rasa_stored_them(tracker_url: str):
    # GIVEN a conversation written like Rasa's SQLTrackerStore writes it
    conv = ConversationFactory().conversation(sender_id="abc", outcome="steps_given")
    write(create_tracker_db(tracker_url), conv)
    # WHEN reading it back
    events = conversation_store.open_store(tracker_url).events("abc")
    # THEN the event dicts are identical and in order
    assert events == conv.events
    assert events[0]["event"] == "action" and events[0]["name"] == "action_session_start"


def test_latest_slots_replays_slot_events_and_restarts(tracker_url: str):
    # GIVEN slot events, a correction and a restart followed by a new value
    engine = create_tracker_db(tracker_url)
    conv = ConversationFactory().conversation(sender_id="s1", region="gelderland")
    conv.events.append({"event": "slot", "timestamp": 1.0, "name": "region", "value": "utrecht"})
    write(engine, conv)
    store = conversation_store.open_store(tracker_url)
    # THEN the latest value wins
    assert store.latest_slots("s1")["region"] == "utrecht"
    # WHEN the conversation is restarted and one slot set again
    restart = ConversationFactory().conversation(sender_id="s1")
    restart.events = [{"event": "restart", "timestamp": 2.0},
                      {"event": "slot", "timestamp": 3.0, "name": "campaign", "value": "x"}]
    write(engine, restart)
    # THEN only the slot set after the restart remains
    assert store.latest_slots("s1") == {"campaign": "x"}


def test_find_sender_by_slot_matches_the_current_value_only(tracker_url: str):
    # GIVEN two conversations with card tokens, one token later replaced
    engine = create_tracker_db(tracker_url)
    a = ConversationFactory().conversation(sender_id="a")
    a.events.append({"event": "slot", "timestamp": 1.0, "name": "card_token", "value": "tok_1-x"})
    b = ConversationFactory().conversation(sender_id="b")
    b.events.append({"event": "slot", "timestamp": 1.0, "name": "card_token", "value": "old"})
    b.events.append({"event": "slot", "timestamp": 2.0, "name": "card_token", "value": "new"})
    write(engine, a, b)
    store = conversation_store.open_store(tracker_url)
    # THEN the token finds its conversation, a replaced token finds nothing,
    # and LIKE wildcards in the value do not match other tokens
    assert store.find_sender_by_slot("card_token", "tok_1-x") == "a"
    assert store.find_sender_by_slot("card_token", "new") == "b"
    assert store.find_sender_by_slot("card_token", "old") is None
    assert store.find_sender_by_slot("card_token", "tok%") is None
    assert store.find_sender_by_slot("card_token", "tok_1_x") is None


def test_erase_deletes_tracker_rows_and_console_rows(tracker_url: str, console_settings):
    # GIVEN two conversations, indexed and tagged in the console
    engine = create_tracker_db(tracker_url)
    f = ConversationFactory()
    write(engine, f.conversation(sender_id="gone"), f.conversation(sender_id="kept"))
    cdb = console_engine(console_settings.database_url)
    remember_database(console_settings.database_url)
    store = conversation_store.open_store(tracker_url)
    ConversationIndex(cdb, store).refresh()
    with cdb.begin() as conn:
        conn.execute(sa.insert(tags).values(sender_id="gone", tag="x", username="u",
                                            created_at=0.0))
    # WHEN one is erased
    report = erase_senders(["gone"], store)
    # THEN its events, index row and tag are gone, the other conversation stays
    assert report.tracker_rows > 0 and report.console_rows > 0
    assert store.events("gone") == []
    assert store.events("kept") != []
    with cdb.connect() as conn:
        assert conn.execute(sa.select(tags)).all() == []
        assert [r.sender_id for r in conn.execute(sa.select(conv_index))] == ["kept"]


def test_events_before_a_time_go_and_the_emptied_conversations_are_named(tracker_url: str):
    # GIVEN one conversation that ended 100 days ago and one active today
    engine = create_tracker_db(tracker_url)
    now = time.time()
    f = ConversationFactory()
    write(engine, f.conversation(sender_id="old", start=now - 100 * 86400),
          f.conversation(sender_id="new", start=now - 3600))
    store = conversation_store.open_store(tracker_url)
    # WHEN the events from before 90 days ago are deleted (the tracker side of retention)
    deleted, emptied = store.delete_events_before(now - 90 * 86400)
    # THEN only the old one is removed, completely, and named for the other parts' erasure
    assert deleted == len(f.conversation(sender_id="x").events) and emptied == ["old"]
    assert store.events("old") == []
    assert [s["sender_id"] for s in store.senders()] == ["new"]


def test_rows_written_by_rasas_own_sql_tracker_store_are_read(tmp_path: Path):
    # GIVEN a tracker saved by Rasa 3.6's SQLTrackerStore itself
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    db = tmp_path / "rasa.db"
    domain = Domain.from_dict({"slots": {"region": {"type": "text", "mappings": []}}})
    rasa_store = SQLTrackerStore(domain, dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker.from_events("rasa-1", [
        UserUttered("hoi", {"name": "greet", "confidence": 0.42}, input_channel="rest"),
        SlotSet("region", "limburg"),
        BotUttered("Hallo", {"custom": {"type": "fallback"}}),
    ], slots=domain.slots)
    asyncio.run(rasa_store.save(tracker))
    # WHEN our store reads it
    store = conversation_store.open_store(f"sqlite:///{db}")
    events = store.events("rasa-1")
    # THEN the events, slots and NLU data are all there
    assert [e["event"] for e in events] == ["user", "slot", "bot"]
    assert events[0]["parse_data"]["intent"]["confidence"] == 0.42
    assert store.latest_slots("rasa-1") == {"region": "limburg"}
    assert store.event_rows("rasa-1")[0].intent_name == "greet"


def test_purge_cli_applies_retention_to_tracker_and_console(tmp_path: Path):
    # GIVEN a tracker store with a conversation that ended 120 days ago and a recent one
    import os
    import subprocess
    import sys

    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    console_url = f"sqlite:///{tmp_path / 'console.db'}"
    now = time.time()
    f = ConversationFactory()
    write(create_tracker_db(tracker_url), f.conversation(sender_id="old", start=now - 120 * 86400),
          f.conversation(sender_id="new", start=now - 60))
    cdb = console_engine(console_url)
    ConversationIndex(cdb, conversation_store.open_store(tracker_url)).refresh()
    env = {**os.environ, "TRACKER_STORE_URL": tracker_url, "CONSOLE_DATABASE_URL": console_url,
           "DATA_DIR": str(tmp_path)}
    # WHEN `python -m console purge --days 90` runs
    done = subprocess.run([sys.executable, "-m", "console", "purge", "--days", "90"], env=env,
                          capture_output=True, text=True, timeout=60)
    # THEN the old conversation is gone from both databases and the run is audited
    assert done.returncode == 0, done.stderr
    assert conversation_store.open_store(tracker_url).events("old") == []
    with cdb.connect() as conn:
        assert [r.sender_id for r in conn.execute(sa.select(conv_index))] == ["new"]
        assert conn.execute(sa.text("SELECT action FROM console_audit")).scalars().all() == [
            "retention"]


def test_outdated_index_table_is_dropped_and_rebuilt(tmp_path: Path):
    # GIVEN a console DB whose index table lacks a column of this release
    url = f"sqlite:///{tmp_path / 'console.db'}"
    raw = sa.create_engine(url)
    with raw.begin() as conn:
        conn.execute(sa.text("CREATE TABLE console_conv_index (sender_id VARCHAR PRIMARY KEY)"))
        conn.execute(sa.text("INSERT INTO console_conv_index VALUES ('x')"))
    raw.dispose()
    # WHEN the console opens it
    engine = console_engine(url)
    # THEN the cache table has the current columns and is empty (to be rebuilt)
    with engine.connect() as conn:
        assert conn.execute(sa.select(conv_index)).all() == []
    assert "has_contact" in {c["name"] for c in sa.inspect(engine).get_columns(conv_index.name)}
