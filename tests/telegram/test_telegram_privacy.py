"""Privacy on Telegram: the notice and reading-consent choice on /start (stored by the
assistant), the shared secret towards Rasa's REST channel, and a Bot API root given
as a host root. Real bridge, real Bot API emulator, real Rasa where the assistant counts."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from aiohttp import web

from privacy import consent
from settings.sections import TelegramSettings as Settings
from telegram_bridge.rasa_client import INTERNAL_SECRET_HEADER
from testing.telegram_user import running_bridge, start_with_consent


async def test_start_shows_the_notice_and_stores_the_choice(rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        user = make_user(settings)
        # WHEN the person opens the bot
        await user.command("/start")
        notice = await user.wait_for_new(0, what="the privacy notice")
        # THEN they first read what is kept and get the choice, before any question
        text = " ".join(m.text for m in notice)
        assert consent.QUESTION in text and "/verwijder" in text and "dagen" in text
        titles = [b for m in notice for b in m.button_titles]
        assert titles == list(consent.BUTTONS.values())
        assert not [e for e in rasa_stack.tracker(user.sender_id)["events"]
                    if e.get("event") == "user"]
        # WHEN they choose "only when I ask for help"
        before = len(user.transcript)
        await user.click(consent.BUTTONS[consent.ONLY_FOR_HELP], notice[-1])
        await user.wait_for_new(before, what="the greeting")
        # THEN the assistant stored the choice as a slot and started the profile
        slots = rasa_stack.tracker(user.sender_id)["slots"]
        assert slots["adviser_consent"] == consent.ONLY_FOR_HELP
        assert slots["requested_slot"] == "current_job"


async def test_bridge_sends_the_shared_secret_and_accepts_a_host_root(
        telegram_emulator, make_user):
    seen: list[str | None] = []

    async def rest(request: web.Request) -> web.Response:
        seen.append(request.headers.get(INTERNAL_SECRET_HEADER))
        return web.json_response([{"text": "Hallo!"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", rest)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        # GIVEN the Bot API root in the form a local Bot API server documents (no /bot)
        settings = Settings.from_env({
            "TELEGRAM_BOT_TOKEN": "123:ABC", "TELEGRAM_API_BASE_URL": telegram_emulator.url,
            "RASA_URL": f"http://127.0.0.1:{port}", "INTERNAL_API_SECRET": "k" * 40})
        assert settings.api_base_url == f"{telegram_emulator.url}/bot"
        settings = replace(settings, bot_token=f"{abs(hash(port)) % 10**9}:TEST{port}")
        async with running_bridge(settings):
            user = make_user(settings)
            await start_with_consent(user)
            assert user.transcript[-1].text == "Hallo!"
        # THEN every call into the REST channel carried the secret
        assert seen == ["k" * 40]
    finally:
        await runner.cleanup()
        await asyncio.sleep(0)


def test_api_base_url_forms():
    for given in ("http://localhost:8081", "http://localhost:8081/", "http://localhost:8081/bot",
                  "http://localhost:8081/bot/"):
        env = {"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_API_BASE_URL": given}
        assert Settings.from_env(env).api_base_url == "http://localhost:8081/bot", given
