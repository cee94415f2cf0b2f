"""`python -m telegram_bridge`: run the Telegram bridge (long polling or webhook)."""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram_bridge.app import ALLOWED_UPDATES, build_application
from telegram_bridge.settings import Settings, SettingsError

log = logging.getLogger("telegram_bridge")


def main() -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL at INFO, and Telegram URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"telegram_bridge: {error}", file=sys.stderr)
        return 2
    application = build_application(settings)
    log.info("starting in %s mode; assistant at %s", settings.mode, settings.rasa_url)
    if settings.mode == "webhook":
        from telegram_bridge.webhook import serve_webhook

        asyncio.run(serve_webhook(application, settings, ALLOWED_UPDATES))
    else:
        # Telegram keeps unconfirmed updates for 24 h, so nothing sent while we were down
        # is dropped; deleting a leftover webhook is part of PTB's polling start-up.
        application.run_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
