"""Live handover in Telegram: emulator <-> bridge <-> real Rasa stack, with the adviser on
the real web server's console API and the bridge relaying the adviser's messages."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from testing.handover_adviser import (
    Adviser,
    bot_texts_after_last_user,
    silent_turn_done,
    wait_until,
)
from testing.telegram_user import running_bridge


async def test_adviser_answers_in_telegram_while_the_assistant_waits(
        rasa_stack, web_server, make_settings, make_user, adviser: Adviser,  # noqa: ANN001
        tmp_path: Path) -> None:
    settings = make_settings(
        rasa_stack.rasa_url,
        outbox_url=f"{web_server.url}/internal/telegram-outbox",
        outbox_token=rasa_stack.token, outbox_interval=0.2,
        outbox_cursor_file=str(tmp_path / "outbox.cursor"))
    async with running_bridge(settings):
        user = make_user(settings)
        # GIVEN a person who asks for an adviser and wants to be helped in this chat
        await user.command("/adviseur")
        await user.wait_for(lambda t: any(m.button("Ja, dat mag") for m in t),
                            what="the consent question")
        await user.click("Ja, dat mag")
        await user.wait_for(lambda t: any(m.button("Via deze chat") for m in t),
                            what="the contact question")
        await user.click("Via deze chat")
        await user.wait_for(lambda t: any("doorgegeven" in m.text for m in t),
                            what="the confirmation")
        sender = user.sender_id
        # WHEN an adviser takes over and replies in the console
        taken = await asyncio.to_thread(adviser.take_over, sender)
        assert taken["channel"] == "telegram" and taken["live"] is True
        await user.wait_for(lambda t: any("Anna is adviseur" in m.text for m in t),
                            what="the notice")
        await asyncio.to_thread(adviser.reply, sender, "Hoi, ik ben Anna. Waar woon je?")
        # THEN the reply arrives in the chat with her first name
        await user.wait_for(lambda t: any("Hoi, ik ben Anna. Waar woon je?" in m.text for m in t),
                            what="the adviser's reply")
        reply = next(m for m in user.transcript if "Waar woon je?" in m.text)
        assert re.sub(r"<[^>]+>", "", reply.text).startswith("Anna, adviseur:")
        assert reply.parse_mode == "HTML"
        # WHEN the person answers, the assistant stays silent
        count = len(user.transcript)
        await user.say("In Zwolle")
        track = await asyncio.to_thread(
            wait_until, lambda: (t := rasa_stack.tracker(sender)) and
            silent_turn_done(t, "In Zwolle") and t, 60, "the silent turn")
        assert bot_texts_after_last_user(track) == []
        await user.fetch()
        assert len(user.transcript) == count
        # WHEN the adviser gives it back, the assistant says so and answers again
        await asyncio.to_thread(adviser.release, sender)
        await user.wait_for(lambda t: any("weer met mij" in m.text for m in t),
                            what="the resume note")
        before = len(user.transcript)
        await user.say("wat verdient een elektromonteur?")
        await user.wait_for_new(before, what="the assistant's answer after the release")
    # the relay remembers where it was: a restarted bridge sends nothing twice
    assert int((tmp_path / "outbox.cursor").read_text()) > 0
