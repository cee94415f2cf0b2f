"""A switchable TCP path to a server (Rasa): down, back up, or slow, for fault tests."""

from __future__ import annotations

import asyncio

import httpx

from testing.ports import free_port


class TcpProxy:
    """A real TCP forwarder to Rasa on its own port: not listening = "Rasa is down",
    listening = "Rasa is back"; `delay` holds each connection first = "Rasa is slow"."""

    def __init__(self, target_url: str, delay: float = 0.0) -> None:
        target = httpx.URL(target_url)
        self.target = (target.host, target.port or 80)
        self.delay = delay
        self.port = free_port()
        self.connections = 0
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for task in list(self._tasks):
            task.cancel()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
            await asyncio.gather(_pipe(reader, upstream_writer),
                                 _pipe(upstream_reader, writer))
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            self._tasks.discard(task)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()
