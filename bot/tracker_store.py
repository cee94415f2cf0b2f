"""The SQL tracker store, with real erasure on request and resilience to database restarts.

Erasure: Rasa 3.6 has no delete API, and `SQLTrackerStore.save` appends every event it
has not stored yet, so deleting rows while the turn runs would be undone by the save
at the end of the turn. Instead the save itself erases: when the turn ran the erasure
action, all rows of the conversation are deleted and nothing is written.

Resilience: stock Rasa keeps pooled connections that die when PostgreSQL restarts and
fails the next message. We ping connections before use and retry a failed read or
write for a few seconds, so a database restart costs latency, not messages.

Speed: stock `SQLTrackerStore` reads every event of the session, parses its JSON and
replays it into a new tracker on each message, and counts the stored events again on each
save, so a turn costs more the longer the conversation is. We keep the tracker of recent
conversations in memory after a save and use it again when the database still ends at the
same event row for that sender (one indexed `max(id)` query) and the tracker holds exactly
the stored events (a turn that failed before its save changed it: read again). Another
Rasa instance writing to the same database moves `max(id)`, so its turns are read again.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Optional, Text, TypeVar

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from privacy.erase import erase_senders, related_sender_ids
from settings.operations import RasaServerSettings

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_erase_conversation"
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 3.0, 5.0)

T = TypeVar("T")


def erased_in_this_turn(tracker: DialogueStateTracker) -> bool:
    """True when the erasure action ran after the last time the bot listened."""
    events = list(tracker.events)
    for position, event in enumerate(reversed(events)):
        if isinstance(event, ActionExecuted):
            if event.action_name == ERASE_ACTION:
                return True
            if event.action_name == "action_listen" and position > 0:
                return False
    return False


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the console and route cards read while Rasa writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    stored: int  # how many of the tracker's events are rows in the database
    last_id: Optional[int]  # the sender's highest event row id when they were


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: OrderedDict[str, _Cached] = OrderedDict()
        # Trackers kept in memory (a few hundred KB each at most); 0 turns the cache off.
        # Read when Rasa builds the store, not at import (tests set it per process).
        self.cache_size = RasaServerSettings.from_env().tracker_cache_size
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        if url.get_backend_name() == "sqlite":
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _with_retry(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        for delay in (*RETRY_DELAYS, None):
            try:
                return await call()
            except (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError):
                if delay is None:
                    raise
                logger.warning("tracker store %s failed; retrying in %.1fs", what, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._with_retry("read", lambda: self._retrieve_cached(sender_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        if erased_in_this_turn(tracker):
            self._cache.pop(tracker.sender_id, None)
            await self._with_retry("erase", lambda: self._erase(tracker))
            return
        await self._with_retry("write", lambda: self._save_cached(tracker))

    def _last_id(self, sender_id: Text) -> Optional[int]:
        with self.session_scope() as session:
            return session.query(sa.func.max(self.SQLEvent.id)).filter(
                self.SQLEvent.sender_id == sender_id).scalar()

    async def _retrieve_cached(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        if not self.cache_size:
            return await super().retrieve(sender_id)
        # Read the last row id first: rows written after it make the cache entry stale.
        last_id = self._last_id(sender_id)
        cached = self._cache.get(sender_id)
        if cached is not None:
            if cached.last_id == last_id and len(cached.tracker.events) == cached.stored:
                self._cache.move_to_end(sender_id)
                return cached.tracker
            del self._cache[sender_id]
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(_Cached(tracker, len(tracker.events), last_id))
        return tracker

    def _remember(self, entry: _Cached) -> None:
        self._cache[entry.tracker.sender_id] = entry
        self._cache.move_to_end(entry.tracker.sender_id)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def _save_cached(self, tracker: DialogueStateTracker) -> None:
        cached = self._cache.get(tracker.sender_id)
        if (cached is None or cached.tracker is not tracker or self.event_broker is not None
                or self._last_id(tracker.sender_id) != cached.last_id):
            # Not the tracker we handed out, or someone else wrote to this conversation:
            # let Rasa work out what is new.
            self._cache.pop(tracker.sender_id, None)
            await super().save(tracker)
            return
        new_events = list(itertools.islice(tracker.events, cached.stored, None))
        with self.session_scope() as session:
            rows = [self._row(tracker.sender_id, event) for event in new_events]
            session.add_all(rows)
            session.flush()  # assigns the row ids
            last_id = max((row.id for row in rows), default=cached.last_id)
            session.commit()
        cached.stored, cached.last_id = len(tracker.events), last_id
        if any(isinstance(event, SessionStarted) for event in new_events):
            # A new session: the database read returns only that session's events.
            del self._cache[tracker.sender_id]

    def _row(self, sender_id: Text, event: Any) -> Any:
        # The same columns as SQLTrackerStore.save writes.
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    async def _erase(self, tracker: DialogueStateTracker) -> None:
        # Every id this person used (earlier widget sessions of the same browser come as
        # message metadata), through the one erasure service; rows of this store with its
        # own session (Rasa holds this conversation's lock during the turn).
        # The erasure action ends with Restarted, which empties `latest_message`: read the
        # metadata of the confirming message from the events.
        last_user = next((e for e in reversed(tracker.events) if isinstance(e, UserUttered)),
                         None)
        metadata = (last_user.metadata if last_user else None) or {}
        ids = related_sender_ids(tracker.sender_id, metadata)
        for sender_id in ids:
            self._cache.pop(sender_id, None)
        await asyncio.get_running_loop().run_in_executor(
            None, lambda: erase_senders(ids, delete_tracker_rows=self._delete_rows))

    def _delete_rows(self, sender_ids: list[str]) -> int:
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id.in_(sender_ids))
                .delete(synchronize_session=False)
            )
            session.commit()
        return int(deleted or 0)
