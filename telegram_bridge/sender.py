"""Sends rendered messages to Telegram and survives its errors and flood limits."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import html
import logging
import re
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from telegram_bridge.render import OutgoingMessage

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Telegram shows "typing..." for 5 seconds; renew a little before it runs out.
TYPING_REFRESH = 4.0


def retry_after_seconds(error: RetryAfter) -> float:
    value = error.retry_after
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    return float(value)


def markup(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    if not message.keyboard:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(button.title, url=button.url)
                if button.url
                else InlineKeyboardButton(button.title, callback_data=button.callback_data)
                for button in row
            ]
            for row in message.keyboard
        ]
    )


def plain_text(html_text: str) -> str:
    """Fallback when Telegram cannot parse our HTML: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


class TelegramSender:
    def __init__(self, bot: Bot, network_backoff: float = 1.0) -> None:
        self._bot = bot
        self._network_backoff = network_backoff

    async def send(self, chat_id: int, message: OutgoingMessage) -> bool:
        """True when Telegram took the message; False when it never will (logged)."""
        as_html, with_keyboard = True, True
        delay = self._network_backoff
        for _attempt in range(MAX_ATTEMPTS):
            try:
                if as_html:
                    await self._bot.send_message(
                        chat_id,
                        message.html,
                        parse_mode=ParseMode.HTML,
                        reply_markup=markup(message),
                        link_preview_options=LinkPreviewOptions(is_disabled=True),
                    )
                else:
                    await self._bot.send_message(
                        chat_id,
                        plain_text(message.html),
                        reply_markup=markup(message) if with_keyboard else None,
                    )
                return True
            except RetryAfter as error:
                # Flood control: Telegram says exactly how long to wait.
                wait = retry_after_seconds(error)
                log.warning("Telegram flood limit: waiting %.1f s", wait)
                await asyncio.sleep(wait)
            except Forbidden:
                log.info("chat blocked the bot or is gone; message dropped")
                return False
            except BadRequest as error:
                # Last resorts, so the person still gets the words: plain text, then
                # plain text without the keyboard (e.g. a button URL Telegram rejects).
                if as_html:
                    log.error("Telegram refused a message (%s); sending plain text", error)
                    as_html = False
                    continue
                if with_keyboard and message.keyboard:
                    log.error("Telegram refused a message (%s); sending it without buttons",
                              error)
                    with_keyboard = False
                    continue
                log.error("Telegram refused a message: %s", error)
                return False
            except NetworkError as error:
                # Includes TimedOut. The message may have arrived; a rare duplicate is
                # better than a lost answer.
                log.warning("Telegram network error (%s); retrying in %.1f s", error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
            except TelegramError as error:
                log.error("Telegram error while sending: %s", error)
                return False
        log.error("giving up on a message after %d attempts", MAX_ATTEMPTS)
        return False

    async def send_text(self, chat_id: int, text: str) -> bool:
        return await self.send(chat_id, OutgoingMessage(html.escape(text, quote=False)))

    async def typing_once(self, chat_id: int) -> None:
        try:
            await self._bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as error:
            # Only a courtesy: never let it delay or break the answer.
            log.debug("typing indicator failed: %s", error)

    @contextlib.asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[None]:
        """Shows "typing..." for as long as the block runs."""

        async def keep_typing() -> None:
            while True:
                await self.typing_once(chat_id)
                await asyncio.sleep(TYPING_REFRESH)

        task = asyncio.create_task(keep_typing())
        await asyncio.sleep(0)  # let the first indicator go out before the work starts
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
