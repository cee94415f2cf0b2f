"""`python -m telegram_bridge`: run the Telegram bridge (long polling or webhook)."""

from __future__ import annotations

import asyncio
import logging
import sys
import time

from telegram.error import InvalidToken, NetworkError

from observability import redact
from runner.startup_checks import UnsafeSettings, check
from settings.sections import SettingsError, TelegramSettings
from telegram_bridge.app import ALLOWED_UPDATES, build_application

logger = logging.getLogger("telegram_bridge")

START_RETRY_MAX = 60.0


def main() -> int:
    redact.install()  # no message texts or the bot token in any log line
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        check(role="telegram")
        settings = TelegramSettings.from_env()
    except UnsafeSettings as refused:
        print(refused.args[0], file=sys.stderr)
        return 2
    except SettingsError as error:
        print(f"telegram_bridge: {error}", file=sys.stderr)
        return 2
    logger.info("starting in %s mode; assistant at %s", settings.mode, settings.rasa_url)
    delay = 1.0
    while True:
        try:
            run_once(settings)
            return 0
        except InvalidToken:
            print("telegram_bridge: Telegram does not accept TELEGRAM_BOT_TOKEN", file=sys.stderr)
            return 2
        except NetworkError as error:
            # Telegram unreachable at start-up (no network yet): keep trying, like a
            # polling client does once it runs.
            logger.warning("cannot reach Telegram (%s); trying again in %.0f s", error, delay)
            time.sleep(delay)
            delay = min(delay * 2, START_RETRY_MAX)


def run_once(settings: TelegramSettings) -> None:
    application = build_application(settings)
    if settings.mode == "webhook":
        from telegram_bridge.webhook import serve_webhook

        asyncio.run(serve_webhook(application, settings, ALLOWED_UPDATES))
        return
    # Telegram keeps unconfirmed updates for 24 h, so nothing sent while we were down is
    # dropped; deleting a leftover webhook is part of PTB's polling start-up.
    application.run_polling(
        allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False, close_loop=False
    )


if __name__ == "__main__":
    sys.exit(main())
