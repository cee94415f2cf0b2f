"""Sending to Telegram through the emulator when the Bot API answers with errors."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from telegram_bridge.render import Button, OutgoingMessage
from telegram_bridge.sender import TelegramSender
from testing.telegram_emulator import ApiRecorder, EmulatorCompatRequest
from testing.telegram_user import TelegramUser

CARD = OutgoingMessage("<b>Wat kun je nu doen?</b>\n1. Bel &amp; vraag",
                       ((Button("Ja", "/affirm"),),))


@pytest.fixture
async def sender_and_user(telegram_emulator, make_user, make_settings
                          ) -> AsyncIterator[tuple[TelegramSender, ApiRecorder, TelegramUser]]:
    settings = make_settings("http://127.0.0.1:9")
    recorder = ApiRecorder()
    bot = Bot(settings.bot_token, base_url=settings.api_base_url,
              request=EmulatorCompatRequest(recorder))
    async with bot:
        yield TelegramSender(bot, network_backoff=0.1), recorder, make_user(settings)


async def test_a_card_is_sent_as_html_with_its_keyboard_and_without_link_previews(
        sender_and_user):
    sender, recorder, user = sender_and_user
    # WHEN a card is sent
    assert await sender.send(user.chat_id, CARD)
    # THEN the person receives the HTML with the inline keyboard
    [message] = await user.wait_for_new(0)
    assert message.text == CARD.html and message.parse_mode == "HTML"
    assert message.keyboard == [[{"text": "Ja", "callback_data": "/affirm"}]]
    assert recorder.methods("sendMessage")[0]["link_preview_options"] == {"is_disabled": True}


async def test_flood_limit_is_waited_out_exactly(sender_and_user):
    sender, recorder, user = sender_and_user
    # GIVEN Telegram's flood limit on the next send
    recorder.flood("sendMessage", 1)
    # WHEN a message is sent
    started = time.monotonic()
    assert await sender.send(user.chat_id, CARD)
    # THEN it arrives once, after the second Telegram asked for
    assert time.monotonic() - started >= 1.0
    assert len(await user.wait_for_new(0)) == 1


async def test_html_telegram_cannot_parse_is_sent_again_as_plain_text(sender_and_user):
    sender, recorder, user = sender_and_user
    # GIVEN Telegram refuses the HTML of the next message
    recorder.fail("sendMessage", 400, "Bad Request: can't parse entities: unclosed tag")
    # WHEN a card is sent
    assert await sender.send(user.chat_id, CARD)
    # THEN the person gets the words without tags, and the buttons
    [message] = await user.wait_for_new(0)
    assert message.text == "Wat kun je nu doen?\n1. Bel & vraag"
    assert message.parse_mode is None and message.keyboard


async def test_a_refused_keyboard_still_delivers_the_text(sender_and_user):
    sender, recorder, user = sender_and_user
    # GIVEN Telegram refuses the message twice (e.g. a button URL it does not accept)
    recorder.fail("sendMessage", 400, "Bad Request: BUTTON_URL_INVALID")
    recorder.fail("sendMessage", 400, "Bad Request: BUTTON_URL_INVALID")
    # WHEN a card is sent
    assert await sender.send(user.chat_id, CARD)
    # THEN the text arrives without buttons
    [message] = await user.wait_for_new(0)
    assert message.text.startswith("Wat kun je nu doen?") and not message.keyboard


async def test_network_errors_are_retried_and_a_blocked_chat_is_skipped(sender_and_user):
    sender, recorder, user = sender_and_user
    # GIVEN one bad gateway, then a person who blocked the bot
    recorder.fail("sendMessage", 502, "Bad Gateway")
    # WHEN sent: THEN it arrives after the retry
    assert await sender.send(user.chat_id, CARD)
    assert len(await user.wait_for_new(0)) == 1
    recorder.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    # AND a blocked chat is reported as not delivered, without an exception
    assert await sender.send(user.chat_id, CARD) is False


async def test_typing_indicator_failures_never_break_anything(sender_and_user):
    sender, recorder, user = sender_and_user
    # GIVEN sendChatAction fails
    recorder.fail("sendChatAction", 500, "Internal Server Error")
    # WHEN typing is shown around some work
    async with sender.typing(user.chat_id):
        pass
    # THEN no exception escaped and the call was attempted
    assert recorder.methods("sendChatAction")
