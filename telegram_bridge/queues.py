"""Per-chat work queues: sequential within one chat, concurrent across chats.

Each chat gets a worker task only while it has work, so a person who sends ten messages
in a burst waits for their own answers in order while everyone else carries on.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

Item = TypeVar("Item")


class ChatQueues(Generic[Item]):
    def __init__(self, handle: Callable[[int, Item], Awaitable[None]]) -> None:
        self._handle = handle
        self._pending: dict[int, deque[Item]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()

    def submit(self, chat_id: int, item: Item) -> None:
        # No await between the append and the worker check: the event loop cannot switch,
        # so a worker that is about to finish cannot miss this item.
        self._pending.setdefault(chat_id, deque()).append(item)
        if chat_id not in self._workers:
            self._idle.clear()
            self._workers[chat_id] = asyncio.create_task(
                self._work(chat_id), name=f"telegram-chat-worker-{len(self._workers)}"
            )

    def backlog(self, chat_id: int | None = None) -> int:
        if chat_id is not None:
            return len(self._pending.get(chat_id, ()))
        return sum(len(items) for items in self._pending.values())

    async def _work(self, chat_id: int) -> None:
        queue = self._pending[chat_id]
        try:
            while queue:
                item = queue[0]
                try:
                    await self._handle(chat_id, item)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # One bad item must not block the chat's later messages.
                    logger.exception("handling a chat item failed; continuing with the next")
                queue.popleft()
        finally:
            if not queue:
                self._pending.pop(chat_id, None)
            self._workers.pop(chat_id, None)
            if not self._workers:
                self._idle.set()

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def close(self) -> int:
        """Stop all workers; returns how many items were still waiting (they are lost)."""
        left = self.backlog()
        workers = list(self._workers.values())
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        self._pending.clear()
        return left
