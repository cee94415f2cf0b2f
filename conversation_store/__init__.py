"""Read side of the Rasa tracker store, shared by the console and the web server.

    store = conversation_store.open_store()          # TRACKER_STORE_URL
    store.events(sender_id) -> list[dict]            # Rasa event dicts, ordered by id
    store.event_rows(sender_id) -> list[EventRow]    # same with id/type/timestamp columns
    store.latest_slots(sender_id) -> dict
    store.find_sender_by_slot(name, value) -> str | None
    store.senders(since=, until=, limit=, offset=) -> list[dict]
    store.rows_after(last_id, limit) / store.max_event_id()   # incremental feed
    store.delete_senders(ids) / store.delete_events_before(cutoff)   # tracker rows only

Erasure and retention of a person (tracker rows, other parts' rows, locks, tombstones)
are privacy/erase.py and privacy/retention.py; only they call the two deleting methods.
A missing `events` table (fresh install) reads as "no conversations".
"""

from __future__ import annotations

from conversation_store.store import EventRow, Store, engine_for, replay_slots
from settings import Settings

__all__ = [
    "EventRow",
    "Store",
    "open_store",
    "replay_slots",
]


def open_store(url: str | None = None) -> Store:
    """A Store on `url` (default TRACKER_STORE_URL); cheap to call repeatedly."""
    resolved = url or Settings.from_env().tracker_store_url
    return Store(engine_for(resolved), resolved)
