"""Live handover in the production topology (runner/prod_local.py): PostgreSQL, Redis,
nginx, two Rasa instances, the web server with the console, all real processes.

The person's socket is held by one Rasa instance, while the adviser's replies arrive
through the other one (directly, and through the console behind the load balancer). With
the socket.io Redis manager every reply reaches the person; a Telegram chat gets the
adviser's replies through the web server's outbox.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import requests

from runner import prod_local
from testing.handover_adviser import Adviser
from testing.ports import free_port
from testing.telegram_user import running_bridge
from testing.widget_client import Widget

ADMIN = ("prod.beheer", "Beheer-" + secrets.token_urlsafe(12))
REPLIES = 10


@pytest.fixture(scope="module")
def topology(trained_model: Path) -> Iterator[prod_local.Topology]:
    with tempfile.TemporaryDirectory(prefix="prod-handover-") as tmp:
        t = prod_local.plan({**os.environ, "DATA_DIR": tmp, "WEB_PORT": str(free_port())},
                            pick_port=lambda _default: free_port())
        try:
            prod_local.start_all(t, with_web=True)
            # what `make prod-local` does with PROD_ADMIN_USER / PROD_ADMIN_PASSWORD
            env = {"PROD_ADMIN_USER": ADMIN[0], "PROD_ADMIN_PASSWORD": ADMIN[1]}
            assert prod_local.create_admin(t, env) == ADMIN[0]
            yield t
        finally:
            prod_local.stop_all(t)


def _web_url(t: prod_local.Topology) -> str:
    return f"http://127.0.0.1:{t.settings['WEB_PORT']}"


def _reply_through_instance(t: prod_local.Topology, port: int, sender: str, text: str) -> None:
    """An adviser message appended through one given Rasa instance's HTTP API."""
    response = requests.post(
        f"http://127.0.0.1:{port}/conversations/{quote(sender, safe='')}/tracker/events",
        params={"token": t.settings["RASA_API_TOKEN"], "include_events": "NONE",
                "execute_side_effects": "true", "output_channel": "latest"},
        json=[{"event": "bot", "text": text,
               "metadata": {"from": "adviser", "adviser": "adviser-1", "adviser_name": "Bea"}}],
        timeout=60)
    response.raise_for_status()


async def _ask_for_adviser(person: Widget) -> None:
    """The widget conversation up to a handover request answered in this chat (the same
    words as tests/livehandover/test_handover_api.py sends over REST)."""
    await person.say("ik wil een adviseur spreken")
    await person.wait_for(lambda: any("Mag een adviseur" in x for x in person.texts()), 120)
    await person.say("/affirm")
    await person.say("via deze chat")
    await person.wait_for(lambda: any("doorgegeven" in x for x in person.texts()), 120)


def test_every_adviser_reply_reaches_a_widget_held_by_the_other_instance(
        topology: prod_local.Topology) -> None:
    t = topology
    first, second = t.rasa_ports[0], t.rasa_ports[1]
    texts = [f"Bericht {n + 1} van je adviseur." for n in range(REPLIES)]

    async def scenario() -> list[str]:
        # GIVEN a person whose widget socket is held by the first Rasa instance
        person = Widget(f"http://127.0.0.1:{first}")
        await person.open()
        try:
            await _ask_for_adviser(person)
            sender = person.session_id
            assert sender
            # WHEN an admin takes the handover over in the console
            admin = await asyncio.to_thread(Adviser, _web_url(t), ADMIN)
            await asyncio.to_thread(admin.take_over, sender)
            # AND ten replies go out: half through the console (load balancer), half
            # straight through the second instance
            for n, text in enumerate(texts):
                if n % 2:
                    await asyncio.to_thread(_reply_through_instance, t, second, sender, text)
                else:
                    await asyncio.to_thread(admin.reply, sender, text)
            await person.wait_for(lambda: sum(x in texts for x in person.texts()) >= REPLIES,
                                  120)
            return [x for x in person.texts() if x in texts]
        finally:
            await person.close()

    # THEN all ten arrive, none twice
    assert sorted(asyncio.run(scenario())) == sorted(texts)


async def test_a_telegram_chat_gets_the_advisers_replies_under_the_topology(
        topology: prod_local.Topology, make_settings, make_user,  # noqa: ANN001
        tmp_path: Path) -> None:
    t = topology
    settings = make_settings(
        t.lb_url, outbox_url=f"{_web_url(t)}/internal/telegram-outbox",
        outbox_token=t.settings["RASA_API_TOKEN"], outbox_interval=0.2,
        outbox_cursor_file=str(tmp_path / "outbox.cursor"),
        internal_secret=t.settings.get("INTERNAL_API_SECRET", ""))
    async with running_bridge(settings):
        user = make_user(settings)
        # GIVEN a Telegram user who asked for an adviser in this chat
        await user.command("/adviseur")
        await user.wait_for(lambda m: any(x.button("Ja, dat mag") for x in m),
                            what="the consent question")
        await user.click("Ja, dat mag")
        await user.wait_for(lambda m: any(x.button("Via deze chat") for x in m),
                            what="the contact question")
        await user.click("Via deze chat")
        await user.wait_for(lambda m: any("doorgegeven" in x.text for x in m),
                            what="the confirmation")
        # WHEN the adviser takes over and sends three replies through the console
        admin = await asyncio.to_thread(Adviser, _web_url(t), ADMIN)
        await asyncio.to_thread(admin.take_over, user.sender_id)
        replies = [f"Telegrambericht {n} van je adviseur." for n in range(1, 4)]
        for text in replies:
            await asyncio.to_thread(admin.reply, user.sender_id, text)
        # THEN every reply reaches the chat, through the web server's outbox
        await user.wait_for(lambda m: all(any(r in x.text for x in m) for r in replies),
                            what="the adviser's replies")
    assert int((tmp_path / "outbox.cursor").read_text()) > 0
