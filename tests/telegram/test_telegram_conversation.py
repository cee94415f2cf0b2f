"""Whole conversations through the bridge: Telegram emulator <-> bridge <-> real Rasa stack."""

from __future__ import annotations

from typing import Any

from testing.telegram_user import (
    BotMessage,
    TelegramUser,
    running_bridge,
    start_with_consent,
    user_texts,
)

# What the person answers per form question: a button to press when the question has
# it, else a sentence to type.
ANSWERS: dict[str, tuple[str | None, str]] = {
    "current_job": (None, "Ik werk als kok in een restaurant"),
    "current_sector": ("Horeca", "horeca"),
    "work_status": ("Ik heb WW", "ik heb een WW-uitkering"),
    "education_level": ("mbo 2", "mbo 2"),
    "interests": ("Elektra en elektronica", "ik werk graag met mijn handen en met elektra"),
    "region": (None, "Ik woon in Deventer"),
    "learn_while_earning": ("Ja", "ja"),
}
RECOMMENDATIONS_TITLE = "Beroepen die bij je passen"
NEXT_STEPS_TITLE = "Dit kun je nu doen"


def latest_with_keyboard(user: TelegramUser) -> BotMessage | None:
    return next((m for m in reversed(user.transcript) if m.keyboard), None)


async def answer_form_until_recommendations(user: TelegramUser, rasa_stack: Any) -> int:
    """Answers each question the form asks (from the tracker's requested_slot); returns
    how many buttons were pressed on the way."""
    clicks = 0
    for _turn in range(14):
        if any(RECOMMENDATIONS_TITLE in m.text for m in user.transcript):
            return clicks
        slot = rasa_stack.tracker(user.sender_id)["slots"].get("requested_slot")
        assert slot in ANSWERS, f"unexpected question {slot!r}; transcript {user.texts()}"
        title, typed = ANSWERS[slot]
        last = latest_with_keyboard(user)
        before = len(user.transcript)
        if title and last is not None and last.button(title):
            await user.click(title, last)
            clicks += 1
        else:
            await user.say(typed)
        await user.wait_for_new(before, what=f"the answer after {slot}")
    raise AssertionError(f"no recommendations after 14 turns: {user.texts()}")


async def test_full_conversation_from_start_to_next_steps_with_button_clicks(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings) as running:
        user = make_user(settings)
        # GIVEN a person who opens the bot through a campaign deep link
        greeting = await start_with_consent(user, "/start metaal-2026")
        # THEN the greeting leads straight into the first question of the profile
        assert greeting, user.texts()
        assert rasa_stack.tracker(user.sender_id)["slots"].get("requested_slot") == "current_job"
        # WHEN they answer the questions, partly with buttons
        clicks = 1 + await answer_form_until_recommendations(user, rasa_stack)  # + consent
        # THEN recommendations arrive as a formatted card with a button per profession
        card = next(m for m in user.transcript if RECOMMENDATIONS_TITLE in m.text)
        assert card.parse_mode == "HTML" and "<b>" in card.text
        assert len(card.keyboard) >= 1
        # WHEN they press the first profession
        profession_title = card.button_titles[0]
        before = len(user.transcript)
        await user.click(profession_title, card)
        clicks += 1
        # AND, after the short introduction with four choices, press "Wat doe ik nu?"
        await user.wait_for(lambda t: any("Wat doe ik nu?" in m.button_titles
                                          for m in t[before:]), what="the introduction")
        intro = next(m for m in user.transcript[before:] if "Wat doe ik nu?" in m.button_titles)
        await user.click("Wat doe ik nu?", intro)
        clicks += 1
        await user.wait_for(lambda t: any(NEXT_STEPS_TITLE in m.text for m in t[before:]),
                            what="the next steps")
        # THEN the next steps come with a regional contact link, and a menu of what next
        steps = next(m for m in user.transcript[before:] if NEXT_STEPS_TITLE in m.text)
        assert "<a href=\"http" in steps.text
        assert "1. " in steps.text and "3. " in steps.text
        # (the card keeps the buttons of its text: routes, funding, another profession)
        await user.wait_for(lambda t: latest_with_keyboard(user) is not None
                            and latest_with_keyboard(user).message_id >= steps.message_id,
                            what="the buttons with or after the next steps")
        # AND the tracker holds the profile under the Telegram sender id
        slots = rasa_stack.tracker(user.sender_id)["slots"]
        assert slots["current_job"]
        assert slots["current_sector"] == "horeca"
        assert slots["work_status"] == "ww"
        assert slots["region"] == "overijssel"
        assert slots["learn_while_earning"] is True
        assert slots["chosen_profession"] in slots["recommended_professions"]
        assert slots["channel"] == "telegram"
        assert slots["campaign"] == "metaal-2026"
        assert slots["adviser_consent"] == "ja"  # the notice's choice, stored by the assistant
        # AND every click was answered (no spinner left), typing was shown, HTML was used
        recorder = running.recorder
        assert len(recorder.methods("answerCallbackQuery")) == clicks
        assert recorder.methods("sendChatAction")
        assert all(call.get("parse_mode") == "HTML" for call in recorder.methods("sendMessage"))
        # AND pressed keyboards were replaced by the choice, so old buttons cannot be pressed
        edits = recorder.methods("editMessageText")
        assert len(edits) == clicks
        assert all("Gekozen:" in edit["text"] and "reply_markup" not in edit for edit in edits)


async def test_verwijder_asks_for_confirmation_and_erases_after_yes(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # GIVEN a conversation in which the person told something about themselves
        await start_with_consent(user)
        before = len(user.transcript)
        await user.say("Ik werk als kok in een restaurant")
        await user.wait_for_new(before)
        assert "Ik werk als kok in een restaurant" in user_texts(
            rasa_stack.tracker(user.sender_id))
        # WHEN they send /verwijder
        before = len(user.transcript)
        await user.command("/verwijder")
        question = await user.wait_for_new(before, what="the erasure question")
        # THEN the bot asks to confirm first and nothing is erased yet
        confirm = next(m for m in question if m.button("Ja, wis alles"))
        assert "Ik werk als kok in een restaurant" in user_texts(
            rasa_stack.tracker(user.sender_id))
        # WHEN they confirm
        before = len(user.transcript)
        await user.click("Ja, wis alles", confirm)
        await user.wait_for_new(before, what="the erasure confirmation")
        # THEN the conversation is gone from the tracker store
        tracker = rasa_stack.tracker(user.sender_id)
        assert "Ik werk als kok in een restaurant" not in user_texts(tracker)
        assert tracker["slots"].get("current_job") is None


async def test_verwijder_then_no_keeps_the_conversation(rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # GIVEN a conversation with some content
        await start_with_consent(user)
        before = len(user.transcript)
        await user.say("Ik werk als kok in een restaurant")
        await user.wait_for_new(before)
        # WHEN they ask to erase and then say no
        before = len(user.transcript)
        await user.command("/verwijder")
        question = await user.wait_for_new(before)
        confirm = next(m for m in question if m.button("Nee, niet wissen"))
        before = len(user.transcript)
        await user.click("Nee, niet wissen", confirm)
        await user.wait_for_new(before)
        # THEN the conversation is still there
        texts = user_texts(rasa_stack.tracker(user.sender_id))
        assert "Ik werk als kok in een restaurant" in texts


async def test_adviseur_starts_the_handover_with_consent_first(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # GIVEN a started conversation
        await start_with_consent(user)
        # WHEN the person sends /adviseur
        before = len(user.transcript)
        await user.command("/adviseur")
        answer = await user.wait_for_new(before, what="the handover question")
        # THEN the request reached Rasa as the request_human intent and consent is asked
        tracker = rasa_stack.tracker(user.sender_id)
        intents = [e["parse_data"]["intent"]["name"] for e in tracker["events"]
                   if e.get("event") == "user"]
        assert intents[-1] == "request_human"
        assert any(m.button("Ja, dat mag") for m in answer), user.texts()


async def test_opnieuw_restarts_the_conversation(rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # GIVEN a conversation where the job is known
        await start_with_consent(user)
        before = len(user.transcript)
        await user.say("Ik werk als kok in een restaurant")
        await user.wait_for_new(before)
        assert rasa_stack.tracker(user.sender_id)["slots"].get("current_job")
        # WHEN they send /opnieuw
        before = len(user.transcript)
        await user.command("/opnieuw")
        answer = await user.wait_for_new(before, what="the restart answer")
        # THEN the bot says it starts over and the profile is empty again
        assert answer, user.texts()
        assert rasa_stack.tracker(user.sender_id)["slots"].get("current_job") is None
