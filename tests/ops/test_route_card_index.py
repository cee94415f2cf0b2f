"""A route-card link finds its conversation through an index folded from new tracker rows,
not through a LIKE search over every slot event; the answer is always the current one."""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from rasa.shared.core.events import SlotSet

import conversation_store
from conversation_store.schema import events as EVENTS
from testing.conversation_factory import ConversationFactory, create_tracker_db, write
from web.routecard.data import card_sender


def _with_card(factory: ConversationFactory, token: str, start: float):  # noqa: ANN202
    conv = factory.conversation(start=start)
    conv.events.append(SlotSet("card_token", token, timestamp=start + 500).as_dict())
    return conv


def test_card_links_are_found_by_index_and_only_while_current(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    engine = create_tracker_db(url)
    factory = ConversationFactory(seed=24)
    first, second = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    anna = _with_card(factory, first, 1_790_000_000)
    write(engine, anna, *[factory.conversation(start=1_790_000_000 + n) for n in range(30)])
    store = conversation_store.open_store(url)
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda *args: statements.append(args[2]))
    # WHEN a card link is opened
    assert card_sender(store, first) == anna.sender_id
    # THEN no statement searched the event texts
    assert statements and not any(" LIKE " in s.upper() for s in statements)
    # AND a card made later is found from the new rows only
    ben = _with_card(factory, second, 1_790_100_000)
    write(engine, ben)
    statements.clear()
    assert card_sender(store, second) == ben.sender_id
    assert all("events.id >" in s or "WHERE events.sender_id" in s for s in statements
               if "FROM events" in s), statements
    # AND a conversation given a new card no longer answers to the old link
    write(engine, type(anna)(anna.sender_id, [
        SlotSet("card_token", secrets.token_urlsafe(24), timestamp=1_790_200_000).as_dict()]))
    assert card_sender(store, first) is None
    # AND an erased conversation's link leads nowhere
    with engine.begin() as conn:
        conn.execute(sa.delete(EVENTS).where(EVENTS.c.sender_id == ben.sender_id))
    assert card_sender(store, second) is None
    assert card_sender(store, "x") is None  # malformed tokens never reach the database
