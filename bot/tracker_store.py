"""The SQL tracker store, with real erasure on request and resilience to database restarts.

Erasure: Rasa 3.6 has no delete API, and `SQLTrackerStore.save` appends every event it
has not stored yet, so deleting rows while the turn runs would be undone by the save
at the end of the turn. Instead the save itself erases: when the turn ran the erasure
action, all rows of the conversation are deleted and nothing is written.

Resilience: stock Rasa keeps pooled connections that die when PostgreSQL restarts and
fails the next message. We ping connections before use and retry a failed read or
write for a few seconds, so a database restart costs latency, not messages.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional, Text, TypeVar

import sqlalchemy as sa
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

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


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
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
        parent = super()
        return await self._with_retry("read", lambda: parent.retrieve(sender_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        if erased_in_this_turn(tracker):
            await self._with_retry("erase", lambda: self._erase(tracker.sender_id))
            return
        parent = super()
        await self._with_retry("write", lambda: parent.save(tracker))

    async def _erase(self, sender_id: Text) -> None:
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        _erase_console_rows(sender_id)
        # Count only: the sender id can identify a person (telegram:<chat id>).
        logger.info("conversation erased on request (%d events deleted)", deleted)


def _erase_console_rows(sender_id: str) -> None:
    """Removes the console's notes, tags and handover state for this conversation."""
    try:
        from conversation_store import open_store
    except ImportError:  # the console is optional for the bot itself
        return
    try:
        open_store().erase(sender_id)
    except Exception:  # noqa: BLE001 - the tracker rows are gone; the console keeps a note
        logger.exception("could not erase console rows of an erased conversation")
