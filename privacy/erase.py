"""The one erasure service: everything stored about a person, gone.

Called by the bot's tracker store (the person confirmed "verwijder mijn gegevens", also
from Telegram's /verwijder), by the console (an admin erases a conversation), and by the
retention job. It deletes, for every sender id of that person (all the ids one browser
used, see `related_sender_ids`):
  - the tracker rows (conversation, slots, route-card tokens);
  - the rows other parts keep about the person, through the erasers the settings name
    (privacy/erasers.py; the console's tags, notes, handover state, outcome labels and
    index rows, with a tombstone so that an index refresh running at the same time cannot
    write them back);
and logs counts only. Audit rows never hold a sender id (console/audit.py pseudonymises).

Outside Rasa the conversation lock is taken first (`erase_senders_locked`): a turn that is
running would otherwise save its events again right after the delete.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conversation_store import Store, open_store
from privacy.erasers import erasers
from settings.operations import PrivacySettings

log = logging.getLogger(__name__)

# Ids one browser used (widget "Opnieuw beginnen" starts a new session id each time) come
# along as message metadata, comma-separated (the socket.io channel keeps only flat
# values of at most 300 characters: the last 9 ids). Only well-formed socket.io session
# ids are accepted (never `telegram:...`), and never more than MAX_RELATED.
RELATED_KEY = "previous_sender_ids"
MAX_RELATED = 20
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


@dataclass(frozen=True)
class ErasureReport:
    senders: int
    tracker_rows: int
    # Rows deleted by the registered erasers (today the console's, hence the name).
    console_rows: int


def related_sender_ids(sender_id: str, metadata: Any) -> list[str]:
    """`sender_id` plus the earlier session ids of the same browser from the metadata."""
    ids = [sender_id]
    raw = metadata.get(RELATED_KEY) if isinstance(metadata, dict) else None
    if isinstance(raw, str):
        for value in raw.split(",")[:MAX_RELATED]:
            value = value.strip()
            if isinstance(value, str) and _SESSION_ID.match(value) and value not in ids:
                ids.append(value)
    return ids


def erase_senders(
    sender_ids: list[str],
    store: Store | None = None,
    delete_tracker_rows: Callable[[list[str]], int] | None = None,
) -> ErasureReport:
    """Erase `sender_ids` from the tracker store and the console (no lock: see below)."""
    ids = list(dict.fromkeys(s for s in sender_ids if s))
    if not ids:
        return ErasureReport(0, 0, 0)
    store = store or open_store()
    upto = store.max_event_id()
    tracker_rows = (delete_tracker_rows or store.delete_senders)(ids)
    console_rows = sum(eraser.erase(ids, upto) for eraser in erasers())
    # Counts only: sender ids can identify a person (telegram:<chat id>).
    log.info("erased %d conversation(s): %d tracker rows, %d console rows",
             len(ids), tracker_rows, console_rows)
    return ErasureReport(len(ids), tracker_rows, console_rows)


async def erase_senders_locked(sender_ids: list[str], store: Store | None = None) -> ErasureReport:
    """Like `erase_senders`, holding Rasa's conversation lock of each id meanwhile."""
    async with _conversation_locks(sender_ids):
        return await asyncio.get_running_loop().run_in_executor(
            None, lambda: erase_senders(sender_ids, store))


@contextlib.asynccontextmanager
async def _conversation_locks(sender_ids: list[str]) -> AsyncIterator[None]:
    lock_store = _shared_lock_store()
    if lock_store is None:
        yield
        return
    async with contextlib.AsyncExitStack() as stack:
        for sender_id in sorted(set(sender_ids)):
            await stack.enter_async_context(lock_store.lock(sender_id))
        yield


def _shared_lock_store() -> Any:
    """Rasa's lock store when it is shared between processes (Redis), else None.

    The in-memory lock store of `make run` lives inside the Rasa process; nobody else can
    take its locks (a turn and an admin erasure then race, as before; production uses Redis).
    """
    path = Path(PrivacySettings.from_env().endpoints_file)
    if not path.is_file():
        return None
    # Only the lock_store section, with only its own ${VARS}: this process does not hold
    # the tracker store's password that the rest of the file names.
    section = (yaml.safe_load(path.read_text()) or {}).get("lock_store") or {}
    if "redis" not in str(section.get("type", "")).lower():
        return None
    from rasa.core.lock_store import LockStore, RedisLockStore
    from rasa.utils.endpoints import EndpointConfig

    expanded = {k: os.path.expandvars(v) if isinstance(v, str) else v for k, v in section.items()}
    store = LockStore.create(EndpointConfig.from_dict(expanded))
    return store if isinstance(store, RedisLockStore) else None
