"""After "verwijder mijn gegevens" the browser keeps nothing of the conversation, and the
erasure reaches the conversations that "Opnieuw beginnen" left behind. Real Chromium,
real Rasa and action server."""

from __future__ import annotations

from playwright.sync_api import Page

from testing.handover_adviser import wait_until
from tests.web import conversation as conv
from tests.web.support import HostPages, campaign_page
from tests.web.widget_page import WidgetPage

CAMPAIGN = "wis-2026"
KEYS = ("session", "sessions", "transcript", "consent")


def _user_texts(rasa_stack, sender: str) -> list[str]:  # noqa: ANN001
    track = conv.tracker(rasa_stack.rasa_url, rasa_stack.token, sender, include="ALL")
    return [e.get("text") for e in track["events"] if e.get("event") == "user"]


def test_erasure_clears_the_browser_and_every_earlier_session(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    page.goto(host_pages.add("/wis", campaign_page(f"{web_server.url}/widget.js", CAMPAIGN, "")))
    widget = WidgetPage(page, CAMPAIGN, rasa_stack.rasa_url, rasa_stack.token)
    widget.open()
    widget.consent()
    widget.type("Ik werk als kok in een restaurant")
    first = widget.session_id()
    # GIVEN the person started over, so this browser used two conversations
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.wait_for_function("([k, old]) => { const s = localStorage.getItem(k); "
                           "return !!s && s !== old; }",
                           arg=[f"techniekwidget:{CAMPAIGN}:session", first])
    widget.users = 1
    widget.wait_turn()
    second = widget.session_id()
    widget.type("Ik ben buschauffeur")
    assert "Ik werk als kok in een restaurant" in _user_texts(rasa_stack, first)
    # WHEN they ask to erase their data and confirm
    widget.type("verwijder mijn gegevens")
    page.get_by_role("button", name="Ja, wis alles").click()
    # THEN the widget keeps no transcript, session or earlier ids in the browser
    page.wait_for_function(
        "keys => keys.every(k => localStorage.getItem(k) === null)",
        arg=[f"techniekwidget:{CAMPAIGN}:{k}" for k in KEYS], timeout=30000)
    # AND both conversations are gone from the tracker store (the confirmation reaches the
    # widget while the turn is still being saved, so the store is polled)
    wait_until(lambda: _user_texts(rasa_stack, second) == [] and
               _user_texts(rasa_stack, first) == [], timeout=30,
               what="both conversations erased from the tracker store")
    # AND the widget asks the privacy question again before anything else
    page.get_by_role("button", name="Ja, dat mag").wait_for()
