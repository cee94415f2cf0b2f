"""Route card ("overstapkaart"): private link, printable page and PDF, gone after erasure."""

from __future__ import annotations

import time
from typing import Any, Dict, Tuple

import pytest
import requests

import conversation_store
import knowledge
from tests.web import conversation as conv
from web.routecard.data import build_card


@pytest.fixture(scope="module")
def card(rasa_stack) -> Tuple[str, Dict[str, Any]]:  # noqa: ANN001
    sender = rasa_stack.new_sender("card")
    track = conv.rest_conversation_to_card(rasa_stack, sender)
    return sender, track


def test_the_card_page_shows_profile_profession_route_steps_and_sources(
        card, web_server) -> None:  # noqa: ANN001
    # GIVEN a conversation that reached the route card
    sender, track = card
    token = track["slots"]["card_token"]
    profession = knowledge.profession(track["slots"]["chosen_profession"])
    # WHEN the private link is opened
    response = requests.get(f"{web_server.url}/kaart/{token}", timeout=30)
    # THEN it shows the card, is not cached or indexed, and has print styles
    assert response.status_code == 200
    html = response.text
    for text in ("Jouw overstapkaart", "Over jou", profession["name"], "Zo word je het",
                 "Dit kun je nu doen", "Hier kun je terecht", "Bronnen", "Ede"):
        assert text in html, text
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
    css = requests.get(f"{web_server.url}/static/card.css", timeout=10).text
    assert "@media print" in css


def test_the_pdf_embeds_a_unicode_font(card, web_server) -> None:  # noqa: ANN001
    # GIVEN the card WHEN its PDF is fetched
    token = card[1]["slots"]["card_token"]
    response = requests.get(f"{web_server.url}/kaart/{token}.pdf", timeout=60)
    # THEN it is a PDF with DejaVu Sans embedded (Dutch characters such as ë, é, €)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"DejaVu" in response.content


def test_unknown_and_malformed_tokens_get_a_friendly_404(web_server) -> None:  # noqa: ANN001
    # WHEN a card link is unknown, too short, or tries to climb out of /kaart
    for token in ("Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4", "x", "..%2F..%2Fetc%2Fpasswd"):
        for suffix in ("", ".pdf"):
            response = requests.get(f"{web_server.url}/kaart/{token}{suffix}", timeout=10)
            # THEN a friendly Dutch 404 page, never a file or an error trace
            assert response.status_code == 404, token + suffix
            assert '<html lang="nl">' in response.text
            assert "root:" not in response.text
            if "%2F" not in token:
                assert "We kunnen deze overstapkaart niet vinden" in response.text


def test_a_card_past_retention_is_gone(card, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN the card's conversation WHEN the retention period has passed
    token = card[1]["slots"]["card_token"]
    store = conversation_store.open_store(rasa_stack.tracker_store_url)
    later = time.time() + 91 * 86400
    # THEN no card is built
    assert build_card(store, knowledge, token, 90) is not None
    assert build_card(store, knowledge, token, 90, now=later) is None


def test_the_card_disappears_when_the_conversation_is_erased(rasa_stack, web_server) -> None:  # noqa: ANN001
    # GIVEN another person's card
    sender = rasa_stack.new_sender("erase")
    token = conv.rest_conversation_to_card(rasa_stack, sender)["slots"]["card_token"]
    assert requests.get(f"{web_server.url}/kaart/{token}", timeout=30).status_code == 200
    # WHEN the conversation is erased
    conversation_store.open_store(rasa_stack.tracker_store_url).delete_senders([sender])
    # THEN the link answers 404
    assert requests.get(f"{web_server.url}/kaart/{token}", timeout=30).status_code == 404
    assert requests.get(f"{web_server.url}/kaart/{token}.pdf", timeout=30).status_code == 404


def test_a_card_made_right_after_an_erasure_is_found(rasa_stack, web_server) -> None:  # noqa: ANN001
    # GIVEN the newest conversation was erased (SQLite then reuses its row ids)
    sender = rasa_stack.new_sender("erase-first")
    token = conv.rest_conversation_to_card(rasa_stack, sender)["slots"]["card_token"]
    assert requests.get(f"{web_server.url}/kaart/{token}", timeout=30).status_code == 200
    conversation_store.open_store(rasa_stack.tracker_store_url).delete_senders([sender])
    # WHEN the next person makes a card
    other = rasa_stack.new_sender("after-erase")
    fresh = conv.rest_conversation_to_card(rasa_stack, other)["slots"]["card_token"]
    # THEN their card and its PDF are served
    assert requests.get(f"{web_server.url}/kaart/{fresh}", timeout=30).status_code == 200
    assert requests.get(f"{web_server.url}/kaart/{fresh}.pdf", timeout=60).status_code == 200
