"""Background work of a running console: the first index build and the retention rounds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from console import audit
from console.pages import CONSOLE

logger = logging.getLogger(__name__)

RETENTION_INTERVAL_SECONDS = 6 * 3600


async def retention_task(app: web.Application) -> AsyncIterator[None]:
    """Builds the index in the background; deletes conversations older than RETENTION_DAYS
    shortly after start, then every 6 h."""
    console = app[CONSOLE]

    async def loop() -> None:
        await asyncio.sleep(console.settings.retention_first_run_seconds)
        while True:
            try:
                deleted = await asyncio.get_running_loop().run_in_executor(
                    None, console.store.delete_older_than, console.settings.retention_days)
                await asyncio.get_running_loop().run_in_executor(None, console.index.prune)
                if deleted:
                    audit.record(console.engine, None, "retention", detail=f"{deleted} rows")
                    logger.info("retention removed %d tracker rows", deleted)
            except Exception:  # keep the web server alive; try again next round
                logger.exception("retention run failed")
            await asyncio.sleep(RETENTION_INTERVAL_SECONDS)

    async def build_index() -> None:
        # The first build after a deploy reads every tracker row (about 15 s per 10,000
        # conversations here); doing it now keeps it out of the first adviser's request.
        try:
            await asyncio.get_running_loop().run_in_executor(None, console.index.refresh)
        except Exception:
            logger.exception("building the console index failed; requests will retry")

    tasks = [asyncio.create_task(loop()), asyncio.create_task(build_index())]
    yield
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
