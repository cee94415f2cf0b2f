"""Webhook mode: a small aiohttp server that hands Telegram's updates to the Application.

python-telegram-bot's own webhook server needs tornado, which is not in our environment;
aiohttp already is (a Rasa dependency). Telegram sends the secret we registered in the
X-Telegram-Bot-Api-Secret-Token header; requests without it are refused.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from settings.sections import TelegramSettings
from telegram_bridge.app import announce_commands, close_bridge

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(settings: TelegramSettings) -> str:
    return urlsplit(settings.webhook_url).path or "/"


def make_web_app(application: Application, settings: TelegramSettings) -> web.Application:
    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), settings.webhook_secret.encode()):
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
            update = Update.de_json(data, application.bot)
        except Exception as error:  # malformed JSON or an update PTB cannot read
            logger.warning("ignored an unreadable webhook update: %s", type(error).__name__)
            # 200, not 400: Telegram would otherwise resend the same broken update.
            return web.Response(text="ignored")
        await application.update_queue.put(update)
        return web.Response(text="ok")

    async def health(_request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post(webhook_path(settings), receive)
    app.router.add_get("/healthz", health)
    return app


async def serve_webhook(
    application: Application,
    settings: TelegramSettings,
    allowed_updates: list[str],
    stop: asyncio.Event | None = None,
) -> None:
    """Register the webhook with Telegram and serve until `stop` is set (or a signal)."""
    stop = stop or _stop_on_signals()
    runner = web.AppRunner(make_web_app(application, settings), access_log=None)
    await application.initialize()
    try:
        await runner.setup()
        site = web.TCPSite(runner, settings.webhook_listen, settings.webhook_port)
        await site.start()
        await application.start()
        await announce_commands(application)
        await application.bot.set_webhook(
            url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=allowed_updates,
        )
        logger.info("webhook mode: listening on port %d", settings.webhook_port)
        await stop.wait()
    finally:
        # The webhook stays registered: Telegram keeps updates while we are away.
        await runner.cleanup()
        if application.running:
            await application.stop()
        await close_bridge(application)
        await application.shutdown()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
