"""Which conversation holds a route-card token: an index folded from the tracker store.

A card request used to search every slot event of every conversation with ``LIKE`` (a
scan that grows with the campaign). This index reads only tracker rows it has not seen
(``id > last_id``, the primary key) and keeps token -> conversation in memory; a hit is
then confirmed against the conversation's current slots, so an erased, expired or
replaced card is never served from a stale entry.
"""

from __future__ import annotations

import json
import threading
import weakref
from typing import Any

SLOT = "card_token"
BATCH = 5000
MAX_TOKENS = 500_000  # one per conversation with a card; oldest forgotten first


class CardTokenIndex:
    def __init__(self, store: Any) -> None:
        self.store = store
        self.last_id = 0
        self._senders: dict[str, str] = {}
        self._last_row: tuple[int, str, float | None] | None = None
        self._lock = threading.Lock()

    def _last_row_unchanged(self) -> bool:
        """The row folded last is still there as it was (its id was not handed out again)."""
        found = self.store.raw_rows_after(self.last_id - 1, 1, data_types=())
        return bool(found) and (found[0][0], found[0][1], found[0][3]) == self._last_row

    def refresh(self) -> None:
        """Fold the tracker rows added since the last call (cheap when nothing is new)."""
        with self._lock:
            if self.last_id and not self._last_row_unchanged():
                # The newest rows were deleted (an erasure): SQLite then hands their ids
                # out again, so the fold starts over instead of skipping the new rows.
                self.last_id, self._last_row = 0, None
                self._senders.clear()
            while True:
                rows = self.store.raw_rows_after(self.last_id, BATCH, data_types=("slot",))
                for row_id, sender_id, type_name, ts, data in rows:
                    self.last_id, self._last_row = row_id, (row_id, sender_id, ts)
                    if type_name == "slot" and data and f'"{SLOT}"' in data:
                        self._note(sender_id, json.loads(data))
                if len(rows) < BATCH:
                    return

    def _note(self, sender_id: str, event: dict[str, Any]) -> None:
        value = event.get("value")
        if event.get("name") == SLOT and isinstance(value, str) and value:
            self._senders.pop(value, None)
            self._senders[value] = sender_id
            while len(self._senders) > MAX_TOKENS:
                self._senders.pop(next(iter(self._senders)))

    def find(self, token: str) -> str | None:
        """The conversation whose current card token is `token`, else None."""
        self.refresh()
        sender_id = self._senders.get(token)
        if sender_id is None:
            return None
        if self.store.latest_slots(sender_id).get(SLOT) != token:
            return None  # erased, expired or given a new card since
        return sender_id


_INDEXES: weakref.WeakKeyDictionary[Any, CardTokenIndex] = weakref.WeakKeyDictionary()
_INDEXES_LOCK = threading.Lock()


def index_for(store: Any) -> CardTokenIndex:
    """One index per store object (the web server keeps one store)."""
    with _INDEXES_LOCK:
        index = _INDEXES.get(store)
        if index is None:
            index = _INDEXES[store] = CardTokenIndex(store)
        return index
