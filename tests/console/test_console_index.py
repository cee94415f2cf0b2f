"""The derived index: outcome derivation, filters and incremental refresh."""

from __future__ import annotations

import os
import time

import pytest

import conversation_store
from console.db import console_engine
from console.index import ConversationIndex
from console.queries import Filters, list_conversations
from testing.conversation_factory import ConversationFactory, create_tracker_db, write


def _index(tracker_url: str, console_settings) -> tuple[ConversationIndex, object]:
    engine = console_engine(console_settings.database_url)
    return ConversationIndex(engine, conversation_store.open_store(tracker_url)), engine


@pytest.mark.parametrize("outcome", ["recommendations_given", "steps_given",
                                     "handover_requested", "abandoned", "in_progress"])
def test_outcome_is_derived_from_slots_payloads_and_silence(outcome, tracker_url,
                                                            console_settings):
    # GIVEN a conversation that went as far as `outcome`; abandoned ones ended 2 days ago
    now = time.time()
    start = now - 2 * 86400 if outcome == "abandoned" else now - 600
    conv = ConversationFactory().conversation(sender_id="c", start=start, outcome=outcome)
    write(create_tracker_db(tracker_url), conv)
    index, engine = _index(tracker_url, console_settings)
    # WHEN indexed and listed
    index.refresh()
    items, total = list_conversations(engine, Filters(), now)
    # THEN the contract outcome is derived
    assert total == 1
    assert items[0]["outcome"] == outcome


def test_quiet_conversation_with_recommendations_is_not_abandoned(tracker_url, console_settings):
    # GIVEN recommendations were given three days ago and then nothing happened
    now = time.time()
    conv = ConversationFactory().conversation(start=now - 3 * 86400,
                                              outcome="recommendations_given")
    write(create_tracker_db(tracker_url), conv)
    index, engine = _index(tracker_url, console_settings)
    index.refresh()
    # THEN the outcome stays "recommendations_given"
    assert list_conversations(engine, Filters(), now)[0][0]["outcome"] == "recommendations_given"


def test_filters_use_channel_campaign_region_sector_and_text(tracker_url, console_settings):
    # GIVEN conversations from several channels and campaigns
    f = ConversationFactory()
    now = time.time()
    write(create_tracker_db(tracker_url),
          f.conversation(sender_id="tg", channel="telegram", campaign="energie-2026",
                         region="limburg", sector="defensie", start=now - 100,
                         first_text="Ik wil graag zonnepanelen leggen"),
          f.conversation(sender_id="web", channel="web", campaign="metaal-2026",
                         region="utrecht", sector="horeca", start=now - 200),
          f.conversation(sender_id="rest", channel="rest", campaign=None, region="utrecht",
                         sector="retail", start=now - 300))
    index, engine = _index(tracker_url, console_settings)
    index.refresh()

    def ids(**query: str) -> list[str]:
        return [i["sender_id"] for i in list_conversations(engine, Filters.from_query(query),
                                                           now)[0]]

    # THEN every filter narrows the list as expected
    assert ids(channel="telegram") == ["tg"]
    assert ids(channel="rest") == ["rest"]
    assert ids(campaign="metaal-2026") == ["web"]
    assert ids(region="utrecht") == ["web", "rest"]
    assert ids(sector="defensie") == ["tg"]
    assert ids(q="ZONNEPANELEN") == ["tg"]
    assert ids(q="100%") == []
    assert ids(q="' OR 1=1 --") == []
    assert ids() == ["tg", "web", "rest"]
    assert ids(per_page="1", page="2") == ["web"]


def test_date_range_is_inclusive_of_the_end_day(tracker_url, console_settings):
    # GIVEN conversations started on 1, 2 and 3 March 2026 (UTC noon)
    f = ConversationFactory()
    day = 1772366400.0  # 2026-03-01T12:00:00Z
    write(create_tracker_db(tracker_url),
          *[f.conversation(sender_id=f"d{i}", start=day + i * 86400) for i in range(3)])
    index, engine = _index(tracker_url, console_settings)
    index.refresh()
    query = Filters.from_query({"from": "2026-03-02", "to": "2026-03-03"})
    # THEN 2 and 3 March are in, 1 March is out; a broken date is reported, not used
    assert sorted(i["sender_id"] for i in list_conversations(engine, query)[0]) == ["d1", "d2"]
    broken = Filters.from_query({"from": "2026-13-45'--"})
    assert broken.date_from is None and broken.problems


def test_refresh_is_incremental_and_folds_new_turns_into_the_row(tracker_url, console_settings):
    # GIVEN an indexed conversation that was still in progress
    engine_t = create_tracker_db(tracker_url)
    f = ConversationFactory()
    now = time.time()
    write(engine_t, f.conversation(sender_id="x", start=now - 100, outcome="in_progress"))
    index, engine = _index(tracker_url, console_settings)
    first = index.refresh()
    # WHEN nothing changed THEN a refresh reads nothing
    assert index.refresh() == 0
    # WHEN the conversation continues with a handover request
    more = f.conversation(sender_id="x", start=now - 50, outcome="handover_requested")
    write(engine_t, more)
    processed = index.refresh()
    # THEN only the new rows were read and the outcome follows
    assert processed == len(more.events)
    assert first > 0
    items, _ = list_conversations(engine, Filters(), now)
    assert items[0]["outcome"] == "handover_requested"
    assert items[0]["turns"] > 5


def test_index_starts_over_when_the_tracker_store_was_replaced(tracker_url, console_settings):
    # GIVEN an index built from a tracker store that is then emptied and refilled with less
    engine_t = create_tracker_db(tracker_url)
    f = ConversationFactory()
    write(engine_t, f.conversation(sender_id="a"), f.conversation(sender_id="b"))
    index, engine = _index(tracker_url, console_settings)
    index.refresh()
    engine_t.dispose()
    os.remove(tracker_url.removeprefix("sqlite:///"))
    engine_t = create_tracker_db(tracker_url)
    write(engine_t, f.conversation(sender_id="c", outcome="in_progress"))
    # WHEN refreshed
    index.refresh()
    # THEN only the new conversation is listed
    assert [i["sender_id"] for i in list_conversations(engine, Filters())[0]] == ["c"]


def test_prune_drops_index_rows_of_conversations_deleted_elsewhere(tracker_url, console_settings):
    # GIVEN an indexed conversation whose tracker rows another process deleted directly
    engine_t = create_tracker_db(tracker_url)
    f = ConversationFactory()
    write(engine_t, f.conversation(sender_id="gone"), f.conversation(sender_id="kept"))
    index, engine = _index(tracker_url, console_settings)
    index.refresh()
    with engine_t.begin() as conn:
        conn.exec_driver_sql("DELETE FROM events WHERE sender_id = 'gone'")
    # WHEN the index is pruned
    removed = index.prune()
    # THEN only the orphaned row went
    assert removed == 1
    assert [i["sender_id"] for i in list_conversations(engine, Filters())[0]] == ["kept"]
