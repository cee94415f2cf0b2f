"""Updates the bridge cannot use: answered politely or ignored, never a crash."""

from __future__ import annotations

import pytest
from telegram import Update

from telegram_bridge import texts
from testing.telegram_user import BotMessage, running_bridge, user_texts

STICKER = {"sticker": {"file_id": "CAAD", "file_unique_id": "u1", "width": 512, "height": 512,
                       "is_animated": False, "is_video": False, "type": "regular"}}
PHOTO = {"photo": [{"file_id": "AgAD", "file_unique_id": "p1", "width": 90, "height": 90}],
         "caption": "<b>mijn cv</b>"}
VOICE = {"voice": {"file_id": "AwAD", "file_unique_id": "v1", "duration": 3}}
LOCATION = {"location": {"latitude": 52.25, "longitude": 6.16}}


@pytest.mark.parametrize("content", [STICKER, PHOTO, VOICE, LOCATION],
                         ids=["sticker", "photo", "voice", "location"])
async def test_non_text_messages_get_a_polite_dutch_reply_and_the_chat_goes_on(
        content, rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # WHEN the person sends something that is not text
        await user.send_raw(content)
        await user.wait_for_new(0, what="the reply to a non-text message")
        # THEN they are asked to type, and nothing went to Rasa
        assert user.texts() == [texts.TEXT_ONLY]
        assert user_texts(rasa_stack.tracker(user.sender_id)) == []
        # AND a normal message afterwards is answered by the assistant
        await user.say("hoi")
        await user.wait_for_new(1, what="the answer after the sticker")
        assert user_texts(rasa_stack.tracker(user.sender_id)) == ["hoi"]


async def test_edited_message_gets_a_reply_and_is_not_sent_to_rasa(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings) as running:
        user = make_user(settings)
        # GIVEN an edited_message update (the emulator cannot produce one; it enters the
        # Application's update queue the way the webhook server hands updates over)
        update = Update.de_json({"update_id": 900001, "edited_message": {
            "message_id": 5, "date": 1767225600, "edit_date": 1767225660,
            "chat": {"id": user.chat_id, "type": "private"},
            "from": {"id": user.chat_id, "is_bot": False, "first_name": "Test"},
            "text": "Ik woon in Zwolle"}}, running.application.bot)
        # WHEN it is processed
        await running.application.update_queue.put(update)
        await user.wait_for_new(0, what="the reply to the edit")
        # THEN the person hears that edits are not read, and Rasa got nothing
        assert user.texts() == [texts.EDITED]
        assert user_texts(rasa_stack.tracker(user.sender_id)) == []


async def test_updates_without_a_message_or_from_groups_are_ignored_safely(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings) as running:
        user = make_user(settings)
        bot = running.application.bot
        # GIVEN an update with nothing in it, a chat-member update and a group message
        await running.application.update_queue.put(Update.de_json({"update_id": 900101}, bot))
        await running.application.update_queue.put(Update.de_json({
            "update_id": 900102, "my_chat_member": {
                "chat": {"id": user.chat_id, "type": "private"},
                "from": {"id": user.chat_id, "is_bot": False, "first_name": "Test"},
                "date": 1767225600,
                "old_chat_member": {"status": "member", "user": {
                    "id": 666, "is_bot": True, "first_name": "Bot"}},
                "new_chat_member": {"status": "kicked", "until_date": 0, "user": {
                    "id": 666, "is_bot": True, "first_name": "Bot"}}}}, bot))
        await user.send_raw({"text": "hallo groep"}, chat_type="group")
        # WHEN the person then sends a normal private message
        await user.say("hoi")
        await user.wait_for_new(0, what="the answer to the private message")
        # THEN only the private message reached Rasa and the bridge kept running
        assert user_texts(rasa_stack.tracker(user.sender_id)) == ["hoi"]
        assert running.application.running


async def test_unknown_command_lists_the_commands_without_asking_rasa(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # WHEN the person sends a command the bot does not have
        await user.command("/help")
        await user.wait_for_new(0)
        # THEN the reply lists the real commands, and Rasa saw nothing
        assert user.texts() == [texts.UNKNOWN_COMMAND]
        assert "/verwijder" in user.texts()[0]
        assert user_texts(rasa_stack.tracker(user.sender_id)) == []


async def test_pressing_a_button_the_bridge_no_longer_knows_is_answered_and_dropped(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings) as running:
        user = make_user(settings)
        # GIVEN an old message whose long payload key is not in this process's table
        old = BotMessage(message_id=1, text="Kies een beroep", parse_mode="HTML",
                         keyboard=[[{"text": "Oud", "callback_data": "#AAAAAAAAAAAAAAAAAAAA"}]])
        # WHEN the person presses it
        await user.press(old, "#AAAAAAAAAAAAAAAAAAAA")
        await user.wait_for(lambda _t: bool(running.recorder.methods("answerCallbackQuery")),
                            what="the callback answer")
        # THEN the spinner is stopped with an explanation and nothing reaches Rasa
        [answer] = running.recorder.methods("answerCallbackQuery")
        assert answer["text"] == texts.OLD_BUTTON
        assert user_texts(rasa_stack.tracker(user.sender_id)) == []


async def test_very_long_user_message_is_cut_before_it_reaches_rasa(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url, max_user_text=200)
    async with running_bridge(settings):
        user = make_user(settings)
        # WHEN the person pastes a 4000-character text
        await user.say("kok " * 1000)
        await user.wait_for_new(0)
        # THEN Rasa received at most the configured length
        [text] = user_texts(rasa_stack.tracker(user.sender_id))
        assert 0 < len(text) <= 200
