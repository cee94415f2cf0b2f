"""The console's rows about people, as privacy's erasure and retention call them.

Named in the settings (PRIVACY_ERASERS, default this module), so every process that erases
(Rasa after "verwijder mijn gegevens", the console, the retention job) also removes the
console's tags, notes, handover state, labels and index rows, while privacy/ never imports
the console (privacy/erasers.py).
"""

from __future__ import annotations

import sqlalchemy as sa

from console import audit
from console.db import PER_SENDER_TABLES, console_engine
from console.erasure import erase_console_rows, expire_tombstones
from settings.sections import ConsoleSettings


class ConsoleRows:
    name = "console"

    def erase(self, sender_ids: list[str], upto_event_id: int) -> int:
        return erase_console_rows(sender_ids, upto_event_id)

    def senders(self) -> set[str]:
        engine = console_engine(ConsoleSettings.from_env().database_url)
        if engine is None:
            return set()
        found: set[str] = set()
        with engine.connect() as conn:
            for table in PER_SENDER_TABLES:
                found.update(s for (s,) in conn.execute(sa.select(table.c.sender_id).distinct()))
        return found

    def expire(self, older_than: float) -> dict[str, int]:
        engine = console_engine(ConsoleSettings.from_env().database_url)
        if engine is None:
            return {}
        return {"audit_rows": audit.expire(engine, older_than),
                "tombstones": expire_tombstones(engine, older_than),
                "index_rows_trimmed": _trim_index(engine)}


ERASER = ConsoleRows()


def _trim_index(engine: sa.engine.Engine) -> int:
    """Retention deleted old messages: index rows must not keep their texts (index.trim)."""
    import time

    from console.index import ConversationIndex
    from conversation_store import open_store

    settings = ConsoleSettings.from_env()
    index = ConversationIndex(engine, open_store(settings.tracker_store_url),
                              settings.low_confidence)
    return index.trim(time.time() - settings.retention_days * 86400)
