"""The tracker store keeps recent trackers in memory, and never serves one the database
no longer agrees with (other writers, failed turns, erasure)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Restarted, SlotSet, UserUttered

from bot.tracker_store import ErasableSQLTrackerStore

DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  region:
    type: text
    mappings: [{type: custom}]
""")


def _store(db: Path) -> ErasableSQLTrackerStore:
    return ErasableSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db))


def _turn(text: str, region: str) -> list:
    return [UserUttered(text, {"name": "inform", "confidence": 1.0}),
            SlotSet("region", region), ActionExecuted("action_listen")]


def _db_events(db: Path, sender: str) -> list[str]:
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT type_name FROM events WHERE sender_id = :s "
                                    "ORDER BY id"), {"s": sender}).all()
    engine.dispose()
    return [r[0] for r in rows]


def _names(tracker) -> list[str]:  # noqa: ANN001
    return [e.type_name for e in tracker.events]


def test_turns_are_stored_and_read_back_as_stock_rasa_reads_them(tmp_path: Path) -> None:
    async def scenario() -> None:
        db = tmp_path / "tracker.db"
        store = _store(db)
        # GIVEN a conversation of three turns, each read, extended and saved
        tracker = await store.get_or_create_tracker("anna")
        for n, region in enumerate(["utrecht", "limburg", "zeeland"]):
            tracker = await store.retrieve("anna")
            for event in _turn(f"bericht {n}", region):
                tracker.update(event)
            await store.save(tracker)
        # THEN the database holds every event once, in order, as stock Rasa reads them
        stock = await SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db)).retrieve("anna")
        assert _db_events(db, "anna") == _names(stock) == _names(tracker)
        assert stock.get_slot("region") == "zeeland"
        # AND the next read gives the same conversation
        again = await store.retrieve("anna")
        assert _names(again) == _names(stock) and again.get_slot("region") == "zeeland"

    asyncio.run(scenario())


def test_a_write_by_another_instance_is_seen(tmp_path: Path) -> None:
    async def scenario() -> None:
        db = tmp_path / "tracker.db"
        mine, other = _store(db), _store(db)
        tracker = await mine.get_or_create_tracker("bram")
        # GIVEN this instance has the conversation in memory
        tracker = await mine.retrieve("bram")
        # WHEN another instance (same database) handles the next turn
        theirs = await other.retrieve("bram")
        for event in _turn("hoi", "drenthe"):
            theirs.update(event)
        await other.save(theirs)
        # THEN this instance reads that turn, and its own next turn is stored after it
        tracker = await mine.retrieve("bram")
        assert tracker.get_slot("region") == "drenthe"
        for event in _turn("nog eens", "friesland"):
            tracker.update(event)
        await mine.save(tracker)
        stock = await SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db)).retrieve("bram")
        assert _names(stock) == _db_events(db, "bram") == _names(tracker)
        assert stock.get_slot("region") == "friesland"

    asyncio.run(scenario())


def test_a_turn_that_was_not_saved_is_forgotten(tmp_path: Path) -> None:
    async def scenario() -> None:
        store = _store(tmp_path / "tracker.db")
        await store.get_or_create_tracker("cor")
        tracker = await store.retrieve("cor")
        stored = _names(tracker)
        # GIVEN a turn changed the tracker and failed before it was saved
        for event in _turn("kapot", "gelderland"):
            tracker.update(event)
        # WHEN the conversation is read again THEN it is what the database holds
        again = await store.retrieve("cor")
        assert _names(again) == stored and again.get_slot("region") is None

    asyncio.run(scenario())


def test_rows_deleted_elsewhere_are_not_served_from_memory(tmp_path: Path) -> None:
    async def scenario() -> None:
        db = tmp_path / "tracker.db"
        store = _store(db)
        tracker = await store.get_or_create_tracker("dirk")
        for event in _turn("ik woon in Ede", "gelderland"):
            tracker.update(event)
        await store.save(tracker)
        assert (await store.retrieve("dirk")).get_slot("region") == "gelderland"
        # WHEN the console erases the conversation in the database
        engine = sa.create_engine(f"sqlite:///{db}")
        with engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM events WHERE sender_id = 'dirk'"))
        engine.dispose()
        # THEN the store no longer has it
        assert await store.retrieve("dirk") is None

    asyncio.run(scenario())


def test_an_erasure_reaches_the_earlier_sessions_named_in_the_confirming_message(
        tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CONSOLE_DATABASE_URL", f"sqlite:///{tmp_path / 'console.db'}")

    async def scenario() -> None:
        db = tmp_path / "tracker.db"
        store = _store(db)
        earlier, current = "a" * 32, "b" * 32
        # GIVEN a browser that used an earlier session before "Opnieuw beginnen"
        for sender in (earlier, current):
            tracker = await store.get_or_create_tracker(sender)
            for event in _turn("ik werk als kok", "utrecht"):
                tracker.update(event)
            await store.save(tracker)
        # WHEN the person confirms the erasure in the current session, whose message names
        # the earlier id, and the erasure action resets the conversation
        tracker = await store.retrieve(current)
        tracker.update(UserUttered("/affirm", {"name": "affirm", "confidence": 1.0},
                                   metadata={"previous_sender_ids": earlier}))
        tracker.update(ActionExecuted("action_erase_conversation"))
        tracker.update(Restarted())
        await store.save(tracker)
        # THEN neither conversation has a row left, nor is one served from memory
        assert _db_events(db, current) == [] and _db_events(db, earlier) == []
        for sender in (earlier, current):
            again = await store.retrieve(sender)
            assert again is None or not [e for e in again.events if isinstance(e, UserUttered)]

    asyncio.run(scenario())
