"""Background work of a running console: the first index build and the retention rounds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator

from aiohttp import web

from console import audit
from console.pages import CONSOLE
from privacy.retention import run_once as run_retention

logger = logging.getLogger(__name__)

RETENTION_INTERVAL_SECONDS = 6 * 3600


async def retention_task(app: web.Application) -> AsyncIterator[None]:
    """Builds the index in the background; runs retention (privacy/retention.py) shortly
    after start, then every 6 h, unless CONSOLE_RETENTION=off because the scheduled job
    (`python -m privacy.retention --every ...`) does it (compose, prod-local)."""
    console = app[CONSOLE]

    async def loop() -> None:
        await asyncio.sleep(console.settings.retention_first_run_seconds)
        while True:
            try:
                report = await asyncio.get_running_loop().run_in_executor(
                    None, run_retention, console.settings.retention_days, console.store)
                await asyncio.get_running_loop().run_in_executor(None, console.index.prune)
                cutoff = time.time() - console.settings.retention_days * 86400
                await asyncio.get_running_loop().run_in_executor(
                    None, console.index.trim, cutoff)
                if report.events_deleted or report.console_rows_deleted:
                    audit.record(console.engine, None, "retention",
                                 detail=f"{report.events_deleted} rows")
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

    tasks = [asyncio.create_task(build_index())]
    if console.settings.retention_rounds:
        tasks.append(asyncio.create_task(loop()))
    yield
    for task in tasks:
        task.cancel()
    for task in tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
