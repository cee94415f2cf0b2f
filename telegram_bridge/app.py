"""Builds the python-telegram-bot Application with the bridge's handlers."""

from __future__ import annotations

import logging
from pathlib import Path

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from settings.sections import TelegramSettings
from telegram_bridge import texts
from telegram_bridge.bridge import Bridge
from telegram_bridge.outbox import AdviserRelay
from telegram_bridge.rasa_client import RasaClient
from telegram_bridge.render import CallbackTable
from telegram_bridge.sender import TelegramSender

logger = logging.getLogger(__name__)

# Updates the bridge asks Telegram for; everything else (joins, polls, ...) never arrives.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def build_application(
    settings: TelegramSettings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rasa: RasaClient | None = None,
) -> Application:
    """The Application, not started. `request`s let tests talk to an emulator."""
    builder = (
        ApplicationBuilder()
        .token(settings.bot_token)
        .base_url(settings.api_base_url)
        # Handlers only enqueue, so they may run in parallel; order per chat is kept by
        # the bridge's own per-chat queues.
        .concurrent_updates(True)
        .post_init(announce_commands)
        .post_shutdown(close_bridge)
    )
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    if settings.mode == "webhook":
        builder = builder.updater(None)
    application = builder.build()
    bridge = Bridge(
        settings,
        TelegramSender(application.bot),
        rasa or RasaClient(settings.rasa_url, settings.rasa_timeout,
                           internal_secret=settings.internal_secret),
        CallbackTable(),
    )
    application.bot_data["bridge"] = bridge
    if settings.outbox_url:
        bridge.relay = AdviserRelay(
            bridge.sender, settings.outbox_url, settings.outbox_token,
            settings.outbox_interval, Path(settings.outbox_cursor_file))
    register_handlers(application, bridge)
    return application


def register_handlers(application: Application, bridge: Bridge) -> None:
    new_message = filters.UpdateType.MESSAGE
    # One handler for known and unknown commands: unknown ones get the command list.
    application.add_handler(MessageHandler(new_message & filters.COMMAND, bridge.on_command))
    application.add_handler(
        MessageHandler(new_message & filters.TEXT & ~filters.COMMAND, bridge.on_text)
    )
    application.add_handler(CallbackQueryHandler(bridge.on_callback))
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, bridge.on_edited))
    # Photos, stickers, voice notes, locations, ...: everything else a person can send.
    application.add_handler(
        MessageHandler(
            new_message & ~filters.TEXT & ~filters.StatusUpdate.ALL, bridge.on_unsupported
        )
    )
    application.add_error_handler(bridge.on_error)


async def announce_commands(application: Application) -> None:
    """Fill Telegram's command menu and start relaying adviser messages (run_polling
    calls it; other start-ups must too)."""
    bridge = application.bot_data.get("bridge")
    if isinstance(bridge, Bridge) and bridge.relay is not None:
        bridge.relay.start()
    try:
        await application.bot.set_my_commands(
            [BotCommand(name, description) for name, description in texts.COMMAND_MENU]
        )
    except TelegramError as error:
        # Only the command menu; the commands work without it.
        logger.warning("could not set the command menu: %s", error)


async def close_bridge(application: Application) -> None:
    """Stop the chat workers and the Rasa client (after the Application stopped)."""
    bridge = application.bot_data.get("bridge")
    if isinstance(bridge, Bridge):
        await bridge.close()
