"""The route card of a real conversation: axe at phone and desktop size, no sideways scroll
at 320 and 390 px, links named by what they open, and a tagged PDF (issue 16)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from playwright.sync_api import Browser

from tests.axe_check import SIZES, assert_no_blocking_violations, assert_no_sideways_scroll
from tests.web import conversation as conv
from tests.web.support import screenshot
from tests.web.test_route_card_pdf import check_card_pdf


@pytest.fixture(scope="module")
def card_url(rasa_stack, web_server) -> str:  # noqa: ANN001
    sender = rasa_stack.new_sender("a11y-card")
    track = conv.rest_conversation_to_card(rasa_stack, sender)
    return f"{web_server.url}/kaart/{track['slots']['card_token']}"


@pytest.mark.parametrize("size", list(SIZES))
def test_the_card_page_passes_axe(browser: Browser, card_url: str, size: str) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(card_url)
        assert_no_blocking_violations(page, f"route card ({size})")
        # AND its links say where they go instead of showing raw addresses
        texts = page.locator("main a").all_inner_texts()
        assert texts and not [t for t in texts if t.startswith("http")], texts
        screenshot(page, f"a11y-{size}-route-card")
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_the_card_page_does_not_scroll_sideways(browser: Browser, card_url: str,
                                                width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(card_url)
        assert_no_sideways_scroll(page, f"route card at {width} px")
        assert page.evaluate("getComputedStyle(document.body).textAlign") in ("left", "start")
    finally:
        context.close()


def test_the_pdf_of_a_conversation_is_tagged(card_url: str, tmp_path: Path) -> None:
    response = requests.get(card_url + ".pdf", timeout=60)
    assert response.status_code == 200
    path = tmp_path / "kaart.pdf"
    path.write_bytes(response.content)
    text: Any = check_card_pdf(path)
    assert "Jouw overstapkaart" in text
