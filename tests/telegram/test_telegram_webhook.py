"""Webhook mode: registration with Telegram, the secret header, and broken bodies."""

from __future__ import annotations

import asyncio
import time

import httpx

from telegram_bridge.app import ALLOWED_UPDATES, build_application
from telegram_bridge.webhook import SECRET_HEADER, serve_webhook
from testing.ports import free_port
from testing.telegram_emulator import ApiRecorder, EmulatorCompatRequest
from testing.telegram_user import user_texts

SECRET = "test_secret-123"


async def test_webhook_mode_registers_checks_the_secret_and_answers_through_telegram(
        rasa_stack, make_settings, make_user):
    # GIVEN the bridge in webhook mode on a local port
    port = free_port()
    hook_url = f"http://127.0.0.1:{port}/telegram/hook"
    settings = make_settings(rasa_stack.rasa_url, mode="webhook", webhook_url=hook_url,
                             webhook_listen="127.0.0.1", webhook_port=port,
                             webhook_secret=SECRET)
    recorder = ApiRecorder()
    application = build_application(settings, request=EmulatorCompatRequest(recorder),
                                    get_updates_request=EmulatorCompatRequest(recorder))
    stop = asyncio.Event()
    server = asyncio.create_task(serve_webhook(application, settings, ALLOWED_UPDATES, stop))
    user = make_user(settings)
    update = {"update_id": 1, "message": {
        "message_id": 1, "date": int(time.time()), "text": "hoi",
        "chat": {"id": user.chat_id, "type": "private", "first_name": "Test"},
        "from": {"id": user.chat_id, "is_bot": False, "first_name": "Test"}}}
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            health = await _wait_until_up(client, f"http://127.0.0.1:{port}/healthz", server,
                                          recorder)
            assert health.status_code == 200
            # THEN the webhook was registered with Telegram, with the secret
            [registration] = recorder.methods("setWebhook")
            assert registration["url"] == hook_url
            assert registration["secret_token"] == SECRET
            # WHEN someone posts an update without the secret
            forged = await client.post(hook_url, json=update)
            # THEN it is refused and nothing reaches Rasa
            assert forged.status_code == 403
            # WHEN a broken body arrives with the right secret
            broken = await client.post(hook_url, content=b"{not json",
                                       headers={SECRET_HEADER: SECRET})
            # THEN it is acknowledged (so Telegram does not resend it) and ignored
            assert broken.status_code == 200
            # WHEN Telegram posts the real update
            real = await client.post(hook_url, json=update, headers={SECRET_HEADER: SECRET})
            assert real.status_code == 200
            # THEN the answer is sent to the person through the Bot API
            await user.wait_for_new(0, what="the answer in webhook mode")
        assert user_texts(rasa_stack.tracker(user.sender_id)) == ["hoi"]
    finally:
        stop.set()
        await asyncio.wait_for(server, 30)


async def _wait_until_up(client: httpx.AsyncClient, url: str, server: asyncio.Task[None],
                         recorder: ApiRecorder) -> httpx.Response:
    """Polls until the server answers and the webhook has been registered."""
    deadline = time.monotonic() + 30
    while True:
        assert not server.done(), server.exception()
        try:
            response = await client.get(url)
            if response.status_code == 200 and recorder.methods("setWebhook"):
                return response
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "webhook server did not start"
        await asyncio.sleep(0.1)
