"""The project's socket.io channel on a plain Sanic server with an echo bot (no Rasa model).

These pin the channel's own rules quickly; test_channel_rasa.py runs the same channel inside
the real Rasa server.
"""

from __future__ import annotations

import pytest
import requests
import socketio

from tests.web.support import ECHO_ALLOWED_ORIGIN, SocketClient


def _custom(messages, kind):  # noqa: ANN001, ANN202
    return [m["custom"] for m in messages if isinstance(m.get("custom"), dict)
            and m["custom"].get("type") == kind]


@pytest.fixture
def client(echo_channel_url: str):  # noqa: ANN201
    c = SocketClient(echo_channel_url, origin=ECHO_ALLOWED_ORIGIN)
    c.connect()
    yield c
    c.close()


def test_custom_payload_reaches_the_client_intact_under_custom(client: SocketClient) -> None:
    # GIVEN a confirmed session
    client.request_session()
    # WHEN the bot answers with text and two custom payloads
    client.send("hoi")
    got = client.collect(lambda ms: len(_custom(ms, "recommendations")) == 1)
    # THEN text comes as {"text"} and each payload as {"custom": <the object exactly>}
    assert {"text": "len=3"} in got
    rec = _custom(got, "recommendations")[0]
    assert rec["items"][0] == {"id": "elektromonteur", "name": "Elektromonteur", "isco08": "7411",
                               "esco_uri": None, "score": 0.9,
                               "reasons": ["Je werkt graag met je handen"]}


def test_buttons_arrive_as_quick_replies_that_rasa_webchat_renders(client: SocketClient) -> None:
    # GIVEN a session WHEN the bot sends buttons
    client.request_session()
    client.send("/buttons")
    got = client.collect(lambda ms: len(ms) >= 1)
    # THEN the stock shape is kept: text plus quick_replies with title and payload
    assert got[0] == {"text": "Kies maar", "quick_replies": [
        {"content_type": "text", "title": "Ja", "payload": "/affirm"},
        {"content_type": "text", "title": "Nee", "payload": "/deny"}]}


def test_campaign_metadata_is_passed_cleaned_and_marked_as_web(client: SocketClient) -> None:
    # GIVEN a session WHEN the widget sends campaign metadata, a page URL with a query,
    # and claims another channel
    session = client.request_session()
    client.send("hoi", {"campaign": "metaal-2026", "sector": "metaal", "region": "gelderland",
                        "page_url": "https://site.example/lp?email=a@b.nl#top",
                        "channel": "telegram", "nested": {"x": 1}})
    echo = _custom(client.collect(lambda ms: bool(_custom(ms, "echo"))), "echo")[0]
    # THEN Rasa gets the campaign, the page without query, channel "web" and the session id
    assert echo["metadata"] == {"campaign": "metaal-2026", "sector": "metaal",
                                "region": "gelderland", "page_url": "https://site.example/lp",
                                "channel": "web"}
    assert echo["sender_id"] == session
    assert echo["input_channel"] == "socketio"


def test_metadata_under_the_key_metadata_is_accepted_too(client: SocketClient) -> None:
    # GIVEN a session WHEN a client uses "metadata" instead of rasa-webchat's "customData"
    client.request_session()
    client.send("hoi", {"campaign": "foodvalley"}, key="metadata")
    echo = _custom(client.collect(lambda ms: bool(_custom(ms, "echo"))), "echo")[0]
    # THEN the campaign still arrives
    assert echo["metadata"]["campaign"] == "foodvalley"


def test_very_long_messages_are_cut_to_2000_characters(client: SocketClient) -> None:
    # GIVEN a session WHEN someone pastes 10,000 characters
    client.request_session()
    client.send("a" * 10_000)
    # THEN Rasa receives 2,000
    got = client.collect(lambda ms: bool(_custom(ms, "echo")))
    assert {"text": "len=2000"} in got


def test_a_session_id_that_could_name_another_channel_is_replaced(client: SocketClient) -> None:
    # WHEN a client asks for the session of a Telegram user
    session = client.request_session("telegram:12345")
    # THEN it gets a fresh random id instead
    assert session != "telegram:12345"
    assert len(session) == 32


def test_a_message_for_an_unconfirmed_session_is_ignored(client: SocketClient) -> None:
    # GIVEN a session WHEN the client writes into a session it was not confirmed for
    client.request_session()
    client.send("hoi", session_id="a" * 32)
    # THEN nothing is processed
    assert client.quiet_for(1.5) == []


def test_a_reconnecting_client_keeps_its_session_and_gets_replies(echo_channel_url: str) -> None:
    # GIVEN a conversation on a first connection
    first = SocketClient(echo_channel_url, origin=ECHO_ALLOWED_ORIGIN)
    first.connect()
    session = first.request_session()
    first.close()
    # WHEN a new connection (page reload) asks for the same session and writes
    second = SocketClient(echo_channel_url, origin=ECHO_ALLOWED_ORIGIN)
    second.connect()
    try:
        assert second.request_session(session) == session
        second.send("weer hier")
        echo = _custom(second.collect(lambda ms: bool(_custom(ms, "echo"))), "echo")[0]
    finally:
        second.close()
    # THEN the replies reach the new connection, in the same conversation
    assert echo["sender_id"] == session


def test_a_foreign_origin_is_refused_at_the_engineio_handshake(echo_channel_url: str) -> None:
    # WHEN a page on a foreign origin opens the socket
    url = f"{echo_channel_url}/socket.io/?EIO=4&transport=polling"
    refused = requests.get(url, headers={"Origin": "http://evil.example"}, timeout=10)
    allowed = requests.get(url, headers={"Origin": ECHO_ALLOWED_ORIGIN}, timeout=10)
    # THEN it gets 400 without CORS permission; the allowed origin gets exactly one header
    assert refused.status_code == 400
    assert "Access-Control-Allow-Origin" not in refused.headers
    assert allowed.status_code == 200
    assert allowed.raw.headers.getlist("Access-Control-Allow-Origin") == [ECHO_ALLOWED_ORIGIN]
    # AND a socket.io client from there cannot connect
    foreign = SocketClient(echo_channel_url, origin="http://evil.example")
    with pytest.raises(socketio.exceptions.ConnectionError):
        foreign.connect()
