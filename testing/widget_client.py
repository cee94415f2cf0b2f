"""An asyncio socket.io client speaking the widget's protocol (tests and benchmarks).

Long-polling only, as behind nginx; it collects every ``bot_uttered`` and waits on a
condition instead of sleeping. (python-socketio's threaded client lost packets of large
polling batches in our cross-instance tests; this one has not.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import socketio


class Widget:
    """An asyncio socket.io client speaking the widget's protocol (polling, like behind
    nginx); it collects every ``bot_uttered`` and can wait for a count without sleeping."""

    def __init__(self, url: str, origin: str = "http://localhost") -> None:
        self.url, self.origin = url, origin
        self.received: list[dict] = []
        self.session_id: str | None = None
        self._changed = asyncio.Condition()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("bot_uttered", self._on_message)
        self.sio.on("session_confirm", self._on_confirm)

    async def _on_message(self, data: dict) -> None:
        async with self._changed:
            self.received.append(data)
            self._changed.notify_all()

    async def _on_confirm(self, data: object) -> None:
        async with self._changed:
            self.session_id = data if isinstance(data, str) else (
                data.get("session_id") if isinstance(data, dict) else None)
            self._changed.notify_all()

    async def open(self, session_id: str | None = None) -> str:
        await self.sio.connect(self.url, headers={"Origin": self.origin},
                               transports=["polling"], wait_timeout=20)
        await self.sio.emit("session_request", {"session_id": session_id})
        await self.wait_for(lambda: self.session_id is not None)
        assert self.session_id
        return self.session_id

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 60) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)

    async def say(self, text: str) -> None:
        await self.sio.emit("user_uttered", {"message": text, "customData": {},
                                             "session_id": self.session_id})

    def buttons(self) -> dict[str, str]:
        """title -> payload of every quick reply received so far (latest wins)."""
        found: dict[str, str] = {}
        for message in self.received:
            for reply in message.get("quick_replies") or []:
                found[reply.get("title", "")] = reply.get("payload", "")
        return found

    async def click(self, title: str, timeout: float = 60) -> None:
        """Wait for a button titled `title`, then send its payload like the widget does."""
        await self.wait_for(lambda: title in self.buttons(), timeout)
        await self.say(self.buttons()[title])

    def texts(self) -> list[str]:
        return [m["text"] for m in self.received if isinstance(m.get("text"), str)]

    async def close(self) -> None:
        # As in tests/web/support.py: skip the wait for the idle long-poll (25 s).
        await self.sio.eio.disconnect(abort=True)
