"""The bridge when things go wrong: Rasa down, slow or back; Telegram flood limits; bursts."""

from __future__ import annotations

import time

from telegram_bridge import texts
from testing.tcp_proxy import TcpProxy
from testing.telegram_user import running_bridge, user_texts


async def test_messages_sent_while_the_assistant_is_down_arrive_in_order_after_it_returns(
        rasa_stack, make_settings, make_user):
    # GIVEN a bridge whose way to Rasa is down (nothing listens on the port yet)
    proxy = TcpProxy(rasa_stack.rasa_url)
    settings = make_settings(proxy.url, backoff_initial=0.2, backoff_max=0.5)
    async with running_bridge(settings):
        user = make_user(settings)
        # WHEN the person sends three messages
        sent = ["hoi", "Ik werk als kok in een restaurant", "Ik woon in Deventer"]
        for text in sent:
            await user.say(text)
        # THEN they hear once that the bot is busy, and Rasa has nothing yet
        await user.wait_for(lambda t: any(m.text == texts.BE_RIGHT_BACK for m in t),
                            what="the apology")
        assert user_texts(rasa_stack.tracker(user.sender_id)) == []
        # WHEN Rasa becomes reachable again
        down_at = time.monotonic()
        await proxy.start()
        try:
            # THEN all three messages reach Rasa, in the order they were sent
            await user.wait_for(lambda t: len(user_texts(rasa_stack.tracker(user.sender_id)))
                                >= 3, timeout=60, what="the messages to reach Rasa")
            recovered = time.monotonic() - down_at
            await user.wait_for_new(1, what="the answers")
        finally:
            await proxy.stop()
    assert user_texts(rasa_stack.tracker(user.sender_id))[:3] == sent
    # AND the apology came exactly once, before any answer
    assert [m.text for m in user.transcript].count(texts.BE_RIGHT_BACK) == 1
    assert user.transcript[0].text == texts.BE_RIGHT_BACK
    assert len(user.transcript) > 1
    # AND the retry delay stays within the backoff cap (plus Rasa's own answer time)
    assert recovered < 30


async def test_a_slow_assistant_gets_an_apology_and_the_message_is_sent_only_once(
        rasa_stack, make_settings, make_user):
    # GIVEN Rasa behind a connection that takes 2 s before it starts
    proxy = TcpProxy(rasa_stack.rasa_url, delay=2.0)
    await proxy.start()
    settings = make_settings(proxy.url, slow_notice_after=0.5)
    try:
        async with running_bridge(settings):
            user = make_user(settings)
            # WHEN the person says something
            await user.say("hoi")
            # THEN they first hear "even geduld" and then the real answer
            await user.wait_for(lambda t: len(t) >= 2, what="apology and answer")
            await user.wait_for_new(1)
    finally:
        await proxy.stop()
    assert user.transcript[0].text == texts.BE_RIGHT_BACK
    assert user.texts().count(texts.BE_RIGHT_BACK) == 1
    # AND Rasa got the message exactly once
    assert user_texts(rasa_stack.tracker(user.sender_id)) == ["hoi"]
    assert proxy.connections == 1


async def test_assistant_down_for_too_long_ends_with_a_polite_give_up(
        rasa_stack, make_settings, make_user):
    # GIVEN Rasa unreachable and a maximum age of 1.5 s for a message
    proxy = TcpProxy(rasa_stack.rasa_url)
    settings = make_settings(proxy.url, retry_max_age=1.5, backoff_initial=0.2)
    async with running_bridge(settings):
        user = make_user(settings)
        # WHEN the person says something
        await user.say("hoi")
        # THEN first the apology, then the give-up message, and no crash
        await user.wait_for(lambda t: any(m.text == texts.GIVE_UP for m in t),
                            what="the give-up message")
    assert user.texts() == [texts.BE_RIGHT_BACK, texts.GIVE_UP]


async def test_telegram_flood_limit_is_waited_out_and_the_answer_still_arrives(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings) as running:
        # GIVEN Telegram answers the next sendMessage with 429 "retry after 1"
        running.recorder.flood("sendMessage", 1)
        user = make_user(settings)
        # WHEN the person says hello
        started = time.monotonic()
        await user.say("hoi")
        answers = await user.wait_for_new(0, what="the answer after the flood limit")
        waited = time.monotonic() - started
    # THEN the answer arrived after at least the second Telegram asked for
    assert answers
    assert waited >= 1.0
    # AND the refused message was sent again (one extra sendMessage call)
    sends = running.recorder.methods("sendMessage")
    assert len(sends) == len(answers) + 1
    assert sends[0]["text"] == sends[1]["text"]


async def test_one_persons_burst_does_not_hold_up_another_person(
        rasa_stack, make_settings, make_user):
    settings = make_settings(rasa_stack.rasa_url)
    async with running_bridge(settings):
        busy, other = make_user(settings), make_user(settings)
        # GIVEN one person who sends eight messages in a row
        burst = [f"Ik werk als kok, bericht {n}" for n in range(8)]
        for text in burst:
            await busy.say(text)
        # WHEN another person sends one message right after
        await other.say("hoi")
        started = time.monotonic()
        await other.wait_for_new(0, what="the other person's answer")
        other_latency = time.monotonic() - started
        # THEN that answer arrives before the burst is done
        await busy.wait_for(lambda t: len(user_texts(rasa_stack.tracker(busy.sender_id)))
                            >= 8, timeout=120, what="the whole burst to reach Rasa")
        await busy.wait_for_new(0)
        burst_done = time.monotonic() - started
    assert other.transcript[0].message_id < busy.transcript[-1].message_id
    assert other_latency < burst_done
    # AND the burst itself reached Rasa complete and in order
    assert user_texts(rasa_stack.tracker(busy.sender_id)) == burst
    print(f"\nother person's answer: {other_latency:.2f} s; "
          f"burst of 8 answered after {burst_done:.2f} s")
