"""The default knowledge base of the process: built/opened on first use, then kept in
memory. Opening is guarded by a lock; after that every call only reads."""

from __future__ import annotations

import dataclasses
import gc
import logging
import threading

from knowledge import loader
from knowledge.kb import KnowledgeBase
from settings.sections import KnowledgeSettings

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_default: KnowledgeBase | None = None


def open_knowledge_base(settings: KnowledgeSettings | None = None,
                        keep_old_on_error: bool = False) -> KnowledgeBase:
    """Build the database if the data changed, then load it into memory.

    With ``keep_old_on_error`` a failed rebuild falls back to the last complete build (a
    running service keeps answering; the problems are logged). Without a previous build the
    error is raised either way.
    """
    settings = settings or KnowledgeSettings.from_env()
    try:
        loader.build(settings)
    except loader.BuildError as exc:
        if not (keep_old_on_error and loader.has_complete_build(settings)):
            raise
        logger.error("knowledge data not rebuilt, using the previous build: %s",
                  "; ".join(exc.problems[:20]))
    engine = loader.make_engine(settings.database_url)
    try:
        kb = KnowledgeBase.from_engine(engine)
    finally:
        engine.dispose()
    if settings.contacts_database_url:
        # Operator edits live in their own store: a rebuild of the knowledge database
        # never touches them; the shipped CSV only seeds rows nobody has edited.
        from knowledge.contacts import ContactStore
        store = ContactStore.open(settings.contacts_database_url)
        if store is not None:
            store.sync_seed(kb.contacts)
            kb = dataclasses.replace(kb, contact_store=store)
    return kb


def default() -> KnowledgeBase:
    global _default
    kb = _default
    if kb is None:
        with _lock:
            if _default is None:
                _default = open_knowledge_base(keep_old_on_error=True)
                # The indexes are ~10^6 long-lived objects; freezing them keeps the garbage
                # collector from rescanning them during requests (p95 latency).
                gc.collect()
                gc.freeze()
            kb = _default
    return kb


def set_default(kb: KnowledgeBase | None) -> None:
    """Use ``kb`` for the module-level functions (tests); None reopens from settings."""
    global _default
    with _lock:
        _default = kb
