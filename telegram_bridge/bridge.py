"""The bridge itself: Telegram updates in, Rasa REST calls, rendered answers out.

Handlers only put work on the chat's queue and return, so python-telegram-bot keeps
reading updates while the assistant thinks. The queue worker asks Rasa, retries with
backoff while Rasa is away (the person hears once that we are busy) and then sends the
answer, so no message is lost and a chat's answers stay in order.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from telegram import Chat, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from settings.operations import pseudonym_key
from settings.sections import TelegramSettings
from telegram_bridge import consent, texts
from telegram_bridge.outbox import AdviserRelay
from telegram_bridge.queues import ChatQueues
from telegram_bridge.rasa_client import RasaClient, RasaRejected, RasaUnavailable
from telegram_bridge.render import CallbackTable, OutgoingMessage, esc, render_replies
from telegram_bridge.sender import TelegramSender

log = logging.getLogger(__name__)

# Telegram command -> message for the assistant. The intents are the bot's (domain.yml).
COMMAND_PAYLOADS = {
    "start": "/greet",
    "opnieuw": "/restart",
    "verwijder": "/erase_data",
    "adviseur": "/request_human",
}
# Rasa's restart says nothing unless the domain has utter_restart; then we greet anew.
FOLLOW_UP_WHEN_SILENT = {"opnieuw": "/greet"}
# Deep links (t.me/<bot>?start=<campaign>) may only carry these characters.
START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHANNEL = "telegram"


def sender_id(chat_id: int) -> str:
    return f"{CHANNEL}:{chat_id}"


def chat_ref(chat_id: int) -> str:
    """A short stable reference for logs; the chat id itself is personal data.

    Keyed (PSEUDONYM_KEY): chat ids are short numbers, so a plain hash of one is found
    back by hashing every possible id."""
    digest = hmac.new(pseudonym_key(), b"telegram-log|" + str(chat_id).encode(),
                      hashlib.sha256)
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Inbound:
    """One unit of work for a chat: a message for Rasa, or a reply of the bridge's own."""

    text: str | None
    received: float
    metadata: dict[str, Any] = field(default_factory=lambda: {"channel": CHANNEL})
    local_reply: str | None = None
    local_message: OutgoingMessage | None = None
    follow_up_when_silent: str | None = None


class Bridge:
    def __init__(
        self,
        settings: TelegramSettings,
        sender: TelegramSender,
        rasa: RasaClient,
        table: CallbackTable | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.sender = sender
        self.rasa = rasa
        self.table = table or CallbackTable()
        self.queues: ChatQueues[Inbound] = ChatQueues(self._process)
        self._clock = clock
        self._apologised: set[int] = set()
        # Rasa is CPU-bound: more parallel calls only queue up inside it and time out.
        self._rasa_slots = asyncio.Semaphore(settings.rasa_concurrency)
        # Sends adviser messages from the console (live handover); set by the app.
        self.relay: AdviserRelay | None = None

    # ------------------------------------------------------------ intake

    def submit_text(
        self, chat_id: int, text: str, extra_metadata: dict[str, Any] | None = None
    ) -> None:
        self.queues.submit(
            chat_id,
            Inbound(
                text=text,
                received=self._clock(),
                metadata={"channel": CHANNEL, **(extra_metadata or {})},
            ),
        )

    def submit_reply(self, chat_id: int, reply: str) -> None:
        self.queues.submit(chat_id, Inbound(text=None, received=self._clock(), local_reply=reply))

    # ------------------------------------------------------------ telegram handlers

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None or not _private(chat) or not message.text:
            return
        text = message.text.strip()[: self.settings.max_user_text]
        if text:
            self.submit_text(chat.id, text)

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message, chat = update.message, update.effective_chat
        if message is None or chat is None or not _private(chat) or not message.text:
            return
        words = message.text.split()
        command = words[0].lstrip("/").split("@")[0].lower()
        payload = COMMAND_PAYLOADS.get(command)
        if payload is None:
            self.submit_reply(chat.id, texts.UNKNOWN_COMMAND)
            return
        metadata: dict[str, Any] = {"channel": CHANNEL}
        if command == "start" and len(words) > 1 and START_PARAMETER.match(words[1]):
            metadata["campaign"] = words[1]
        if command == "start":
            # Privacy notice and the reading-consent choice before any profiling; the
            # choice (a button) then sends the greeting with the consent as metadata.
            self.queues.submit(chat.id, Inbound(
                text=None, received=self._clock(),
                local_message=consent.notice(self.table, metadata.get("campaign"))))
            return
        self.queues.submit(
            chat.id,
            Inbound(
                text=payload,
                received=self._clock(),
                metadata=metadata,
                follow_up_when_silent=FOLLOW_UP_WHEN_SILENT.get(command),
            ),
        )

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        message = query.message
        chat = message.chat if message is not None else None
        payload = self.table.resolve(query.data) if query.data else None
        usable = False
        choice = consent.parse_choice(payload)
        if chat is not None and _private(chat) and choice is not None:
            self.submit_text(chat.id, consent.GREETING, consent.greeting_metadata(*choice))
            usable = True
        elif chat is not None and _private(chat) and payload is not None:
            # Queued before the first await, so a message typed right after the click
            # cannot overtake it (handlers run concurrently).
            self.submit_text(chat.id, payload)
            usable = True
        # Answer always: it stops the spinner on the person's button.
        await self._answer(query, None if payload else texts.OLD_BUTTON)
        if usable and isinstance(message, Message):
            await self._mark_choice(message, query.data or "")

    async def on_unsupported(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is not None and _private(chat):
            self.submit_reply(chat.id, texts.TEXT_ONLY)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is not None and _private(chat):
            self.submit_reply(chat.id, texts.EDITED)

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # The content of the update is personal; log only what went wrong.
        error = context.error
        log.error("error while handling an update: %s: %s", type(error).__name__, error)

    # ------------------------------------------------------------ queue worker

    async def _process(self, chat_id: int, item: Inbound) -> None:
        if item.local_reply is not None:
            await self.sender.send_text(chat_id, item.local_reply)
            return
        if item.local_message is not None:
            await self.sender.send(chat_id, item.local_message)
            return
        if item.text is None:
            return
        replies = await self._ask_rasa(chat_id, item)
        if replies is None:
            return
        if not replies and item.follow_up_when_silent:
            replies = await self._ask_rasa(chat_id, replace(item, text=item.follow_up_when_silent))
        for outgoing in render_replies(replies or [], self.table):
            await self.sender.send(chat_id, outgoing)

    async def _ask_rasa(self, chat_id: int, item: Inbound) -> list[dict[str, Any]] | None:
        """Rasa's replies, retried with backoff while Rasa is away; None when given up."""
        assert item.text is not None
        delay = self.settings.backoff_initial
        attempt = 0
        while True:
            attempt += 1
            notice = asyncio.create_task(self._apologise_later(chat_id))
            try:
                async with self.sender.typing(chat_id), self._rasa_slots:
                    replies = await self.rasa.send(sender_id(chat_id), item.text, item.metadata)
            except RasaUnavailable as error:
                log.warning(
                    "assistant unavailable for chat %s (attempt %d): %s",
                    chat_ref(chat_id), attempt, error,
                )
            except RasaRejected as error:
                log.error("assistant refused a message of chat %s: %s", chat_ref(chat_id), error)
                await self.sender.send_text(chat_id, texts.NOT_ACCEPTED)
                return None
            else:
                if attempt > 1:
                    log.info("assistant answered chat %s after %d attempts",
                             chat_ref(chat_id), attempt)
                self._apologised.discard(chat_id)
                return replies
            finally:
                notice.cancel()
            age = self._clock() - item.received
            if age >= self.settings.retry_max_age:
                log.error("gave up on a message of chat %s after %.0f s", chat_ref(chat_id), age)
                self._apologised.discard(chat_id)
                await self.sender.send_text(chat_id, texts.GIVE_UP)
                return None
            await self._apologise(chat_id)
            wait = min(delay, self.settings.retry_max_age - age) * random.uniform(0.8, 1.2)
            await asyncio.sleep(max(wait, 0.0))
            delay = min(delay * 2, self.settings.backoff_max)

    async def _apologise_later(self, chat_id: int) -> None:
        await asyncio.sleep(self.settings.slow_notice_after)
        # Shielded: once started, the note is sent whole even if Rasa answers meanwhile.
        await asyncio.shield(self._apologise(chat_id))

    async def _apologise(self, chat_id: int) -> None:
        """Say "be right back" once per outage per chat, not once per retry."""
        if chat_id in self._apologised:
            return
        self._apologised.add(chat_id)
        await self.sender.send_text(chat_id, texts.BE_RIGHT_BACK)

    # ------------------------------------------------------------ small helpers

    async def _answer(self, query: Any, text: str | None) -> None:
        try:
            await query.answer(text=text)
        except TelegramError as error:
            # E.g. "query is too old" after a restart; the click itself still counts.
            log.info("could not answer a callback query: %s", error)

    async def _mark_choice(self, message: Message, data: str) -> None:
        """Replace the keyboard by the chosen option, so old buttons cannot be pressed."""
        title = _button_title(message.reply_markup, data)
        if not message.text or not title:
            return
        try:
            await message.edit_text(
                f"{message.text_html}\n\n<i>{esc(texts.CHOSEN.format(title=title))}</i>",
                parse_mode=ParseMode.HTML,
                reply_markup=None,
            )
        except TelegramError as error:
            log.info("could not mark the chosen button: %s", error)

    async def close(self) -> None:
        if self.relay is not None:
            await self.relay.stop()
        lost = await self.queues.close()
        if lost:
            log.warning("stopped with %d unanswered messages", lost)
        await self.rasa.aclose()


def _private(chat: Chat) -> bool:
    # Profiles are personal: the bridge serves one-to-one chats only.
    return chat.type == Chat.PRIVATE


def _button_title(keyboard: InlineKeyboardMarkup | None, data: str) -> str | None:
    if keyboard is None:
        return None
    for row in keyboard.inline_keyboard:
        for button in row:
            if button.callback_data == data:
                return button.text
    return None
