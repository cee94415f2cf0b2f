"""The SQL tracker store, plus real erasure of a conversation on the person's request.

Rasa 3.6 has no delete API, and `SQLTrackerStore.save` appends every event it has not
stored yet, so deleting rows while the turn runs would be undone by the save at the
end of the turn. Instead the save itself erases: when the turn ran the erasure
action, all rows of the conversation are deleted and nothing is written.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

ERASE_ACTION = "action_erase_conversation"


def _erased_in_this_turn(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted):
            if event.action_name == ERASE_ACTION:
                return True
            if event.action_name == "action_listen" and event is not tracker.events[-1]:
                # Older turns are already stored; only this turn's erasure counts.
                return False
    return False


class ErasableSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if not _erased_in_this_turn(tracker):
            await super().save(tracker)
            return
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == tracker.sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        _erase_console_rows(tracker.sender_id)
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
    except Exception:  # noqa: BLE001 - erasure of tracker rows already succeeded
        logger.exception("could not erase console rows of an erased conversation")
