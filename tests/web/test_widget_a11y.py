"""A whole conversation in the widget checked with axe-core at phone and desktop size: the
first question, the recommendations and every advice turn, against the real assistant
(Rasa + actions + web server). Also: each payload shown once, and each turn opens at its
first message (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.axe_check import SIZES, assert_no_blocking_violations
from tests.web import conversation as conv
from tests.web.support import HostPages, campaign_page, screenshot
from tests.web.widget_page import WidgetPage

CAMPAIGN = "metaal-2026"
ATTRS = 'data-sector="metaal" data-region="gelderland" data-color="#8a3b00"'
CARD_TYPES = {"recommendations", "routes", "funding", "next_steps", "profile_summary"}
# What a person asks after choosing a profession, by the words on the buttons.
ADVICE_WISHES = (("routes", ("opleiding", "worden", "leren", "route")),
                 ("funding", ("betaal", "geld", "kost", "financ")),
                 ("next_steps", ("stap", "nu doen", "beginnen")))
TYPED_WISHES = {"routes": "hoe word ik dat?", "funding": "wie betaalt de opleiding?",
                "next_steps": "wat moet ik nu doen?"}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=SIZES["phone"], locale="nl-NL")
    yield context.new_page()
    context.close()


def _check_both_sizes(page: Page, state: str) -> None:
    """axe at phone and desktop size on the same conversation."""
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        assert_no_blocking_violations(page, f"{state} ({size})")
        screenshot(page, f"a11y-{size}-{state}")
    page.set_viewport_size(SIZES["phone"])


def _last_turn_bot_events(track: dict[str, Any]) -> list[dict[str, Any]]:
    events = track.get("events", [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return [e for e in events[last_user + 1:] if e.get("event") == "bot"]


def _check_turn_rendering(page: Page, track: dict[str, Any]) -> None:
    """One rendering per payload, and the turn's start is in view."""
    shown = page.locator(".msg.bot").all_inner_texts()
    for event in _last_turn_bot_events(track):
        custom = (event.get("data") or {}).get("custom") or {}
        text = (event.get("text") or "").strip()
        if custom.get("type") in CARD_TYPES and text:
            first_part = text.split("\n\n")[0].strip().splitlines()[0][:60]
            doubled = [s for s in shown if first_part in s]
            assert not doubled, f"{custom['type']} shown as card and as text: {first_part!r}"
    # The turn's first bot message (or card) starts inside the visible part of the log.
    in_view = page.evaluate("""() => {
        const root = document.querySelector('[data-techniek-widget]').shadowRoot;
        const body = root.querySelector('.body').getBoundingClientRect();
        const users = root.querySelectorAll('.log .msg.user');
        const lastUser = users[users.length - 1];
        let first = lastUser ? lastUser.nextElementSibling : root.querySelector('.log > *');
        if (!first) return true;
        const r = first.getBoundingClientRect();
        return r.top >= body.top - 1 && r.top < body.bottom; }""")
    assert in_view, "the turn's first message is scrolled out of view"


def _ask_for(widget: WidgetPage, kind: str) -> None:
    words = dict(ADVICE_WISHES)[kind]
    titles = widget.enabled_buttons()
    for index, title in enumerate(titles):
        if any(w in title.lower() for w in words):
            widget.click_button(index)
            return
    widget.type(TYPED_WISHES[kind])


def test_every_state_of_a_conversation_passes_axe(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN the widget on a campaign page, opened and agreed to
    page.goto(host_pages.add("/actie", campaign_page(f"{web_server.url}/widget.js", CAMPAIGN,
                                                     ATTRS)))
    widget = WidgetPage(page, CAMPAIGN, rasa_stack.rasa_url, rasa_stack.token)
    _check_both_sizes(page, "closed")
    widget.open()
    _check_both_sizes(page, "consent")
    widget.consent()
    # THEN the first question passes axe
    _check_both_sizes(page, "question")
    # WHEN the person answers until recommendations come
    track = widget.fill_profile(by_buttons=True)
    _check_turn_rendering(page, track)
    _check_both_sizes(page, "recommendations")
    # WHEN they choose the first profession
    first = conv.payloads(track, "recommendations")[-1]["items"][0]["name"]
    widget.click_button_titled(first)
    track = widget.tracker()
    _check_turn_rendering(page, track)
    _check_both_sizes(page, "advice-1")
    # AND ask for each kind of advice that has not come yet, one turn at a time
    turn = 1
    for kind, _ in ADVICE_WISHES:
        if conv.payloads(widget.tracker(), kind):
            continue
        _ask_for(widget, kind)
        turn += 1
        track = widget.tracker()
        _check_turn_rendering(page, track)
        _check_both_sizes(page, f"advice-{turn}")
    # THEN every kind of advice arrived and was shown as a card
    for kind, _ in ADVICE_WISHES:
        assert conv.payloads(widget.tracker(), kind), kind
        assert page.locator(f".card-{kind}").count() >= 1, kind
    # AND card landmarks all have names of their own
    names = page.locator("section.card").evaluate_all(
        "cards => cards.map(c => c.getAttribute('aria-label'))")
    assert len(set(names)) == len(names), names
