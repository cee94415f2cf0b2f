"""Lock stores that poll their per-conversation lock every 50 ms instead of every second.

Rasa serialises the messages of one conversation with a ticket lock and re-checks a
busy lock once per second, so two quick messages from one person cost a second of
waiting. A turn here takes tens of milliseconds, so we poll much more often.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

POLL_SECONDS = 0.05


class _QuickPolling:
    @asynccontextmanager
    async def lock(  # type: ignore[override]
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncGenerator[TicketLock, None]:
        async with super().lock(  # type: ignore[misc]
            conversation_id, lock_lifetime, min(wait_time_in_seconds, POLL_SECONDS)
        ) as ticket_lock:
            yield ticket_lock


class QuickInMemoryLockStore(_QuickPolling, InMemoryLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **_: Any) -> None:
        super().__init__()


class QuickRedisLockStore(_QuickPolling, RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig, **_: Any) -> None:
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)
