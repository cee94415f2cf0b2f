"""Retention reaches the console's index: when old messages of a conversation that goes on
are deleted, its search text and preview no longer hold them."""

from __future__ import annotations

import time

import sqlalchemy as sa

import conversation_store
from console.db import console_engine, conv_index, dispose_all
from console.erasure import forget_databases
from console.index import ConversationIndex
from privacy.retention import run_once
from testing.conversation_factory import ConversationFactory, create_tracker_db, write

OLD_TEXT = "oude zin over mijn schulden bij de bank"
NEW_TEXT = "nieuwe vraag over lassen"


def test_retention_removes_expired_texts_from_the_console_index(tmp_path, monkeypatch):
    tracker_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    console_url = f"sqlite:///{tmp_path / 'console.db'}"
    monkeypatch.setenv("TRACKER_STORE_URL", tracker_url)
    monkeypatch.setenv("CONSOLE_DATABASE_URL", console_url)
    monkeypatch.setenv("RETENTION_DAYS", "90")
    monkeypatch.setenv("PRIVACY_ERASERS", "console.personal_rows")
    now = time.time()
    factory = ConversationFactory(seed=7)
    # GIVEN a conversation that began 100 days ago and went on yesterday
    early = factory.conversation(start=now - 100 * 86400, first_text=OLD_TEXT)
    late = factory.conversation(sender_id=early.sender_id, start=now - 86400,
                                first_text=NEW_TEXT)
    engine = create_tracker_db(tracker_url)
    write(engine, early, late)
    store = conversation_store.open_store(tracker_url)
    console = console_engine(console_url)
    ConversationIndex(console, store).refresh()
    try:
        # WHEN the retention job (90 days) runs
        report = run_once(90, store, now=now)
        assert report.events_deleted > 0
        # THEN the index row keeps the recent words and lost the expired ones
        with console.connect() as conn:
            row = conn.execute(sa.select(conv_index).where(
                conv_index.c.sender_id == early.sender_id)).one()
        assert NEW_TEXT in row.search_text
        assert OLD_TEXT not in row.search_text and OLD_TEXT not in (row.preview or "")
        assert row.started_at >= now - 90 * 86400
    finally:
        engine.dispose()
        dispose_all()
        forget_databases()
