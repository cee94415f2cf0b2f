"""Per-chat queues: order within a chat, no waiting on other chats, survival of failures."""

from __future__ import annotations

import asyncio

from telegram_bridge.queues import ChatQueues


async def test_items_of_one_chat_are_handled_one_at_a_time_in_order():
    # GIVEN a handler that records start and end of each item
    events: list[str] = []

    async def handle(chat_id: int, item: str) -> None:
        events.append(f"start {item}")
        await asyncio.sleep(0.01)
        events.append(f"end {item}")

    queues: ChatQueues[str] = ChatQueues(handle)
    # WHEN three items are submitted for one chat
    for item in ("a", "b", "c"):
        queues.submit(1, item)
    await asyncio.wait_for(queues.wait_idle(), 5)
    # THEN they ran strictly one after another, in order
    assert events == ["start a", "end a", "start b", "end b", "start c", "end c"]
    assert queues.backlog() == 0


async def test_a_busy_chat_does_not_hold_up_another_chat():
    # GIVEN chat 1 whose items block until released, and chat 2 with one item
    release = asyncio.Event()
    other_chat_done = asyncio.Event()
    done: list[tuple[int, str]] = []

    async def handle(chat_id: int, item: str) -> None:
        if chat_id == 1:
            await release.wait()
        done.append((chat_id, item))
        if chat_id == 2:
            other_chat_done.set()

    queues: ChatQueues[str] = ChatQueues(handle)
    for i in range(10):
        queues.submit(1, f"burst {i}")
    queues.submit(2, "hello")
    # WHEN chat 2's item is handled
    await asyncio.wait_for(other_chat_done.wait(), 5)
    # THEN chat 1's burst is still waiting, untouched, and completes in order afterwards
    assert queues.backlog(1) == 10
    release.set()
    await asyncio.wait_for(queues.wait_idle(), 5)
    assert [item for chat, item in done if chat == 1] == [f"burst {i}" for i in range(10)]


async def test_a_failing_item_does_not_block_the_next_one():
    # GIVEN a handler that fails on the first item
    handled: list[str] = []

    async def handle(chat_id: int, item: str) -> None:
        if item == "bad":
            raise RuntimeError("boom")
        handled.append(item)

    queues: ChatQueues[str] = ChatQueues(handle)
    queues.submit(7, "bad")
    queues.submit(7, "good")
    await asyncio.wait_for(queues.wait_idle(), 5)
    # THEN the next item still ran
    assert handled == ["good"]


async def test_close_reports_items_that_were_still_waiting():
    # GIVEN a chat stuck on its first of three items
    stuck = asyncio.Event()

    async def handle(chat_id: int, item: str) -> None:
        await stuck.wait()

    queues: ChatQueues[str] = ChatQueues(handle)
    for item in ("a", "b", "c"):
        queues.submit(3, item)
    await asyncio.sleep(0)
    # WHEN closed
    lost = await queues.close()
    # THEN all three are reported as unanswered
    assert lost == 3 and queues.backlog() == 0
