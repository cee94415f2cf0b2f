"""A person in the widget (headless Chromium, campaign site on another origin) talks with an
adviser who takes over through the console API; the assistant is silent meanwhile and
comes back after the release. All against the running system."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from console.handover_ref import reference
from testing.handover_adviser import (
    ADVISER,
    Adviser,
    bot_texts_after_last_user,
    silent_turn_done,
)
from tests.livehandover.test_handover_api import ask_for_adviser
from tests.web.support import HostPages, campaign_page, screenshot
from tests.web.widget_page import WidgetPage

CAMPAIGN = "handover-2026"


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 390, "height": 780}, locale="nl-NL")
    yield context
    context.close()


def _open_widget(context: BrowserContext, host_pages: HostPages, web_server,  # noqa: ANN001
                 rasa_stack) -> tuple[Page, WidgetPage]:  # noqa: ANN001
    url = host_pages.add("/actie", campaign_page(f"{web_server.url}/widget.js", CAMPAIGN))
    page = context.new_page()
    page.goto(url)
    return page, WidgetPage(page, CAMPAIGN, rasa_stack.rasa_url, rasa_stack.token)


def _ask_for_adviser(widget: WidgetPage) -> None:
    widget.type("ik wil een adviseur spreken")
    widget.click_button_titled("Ja, dat mag")
    widget.click_button_titled("Via deze chat")
    expect(widget.page.locator(".msg.bot", has_text="doorgegeven")).to_have_count(1)


def test_adviser_answers_in_the_widget_while_the_assistant_waits(
        context: BrowserContext, host_pages: HostPages, web_server, rasa_stack,  # noqa: ANN001
        adviser: Adviser) -> None:
    page, widget = _open_widget(context, host_pages, web_server, rasa_stack)
    widget.open()
    widget.consent()
    # GIVEN a person who asked for an adviser in the chat
    _ask_for_adviser(widget)
    sender = widget.session_id()
    # WHEN an adviser takes over in the console
    adviser.take_over(sender)
    expect(page.locator(".notice.adviser")).to_contain_text("Anna is adviseur")
    # AND replies
    adviser.reply(sender, "Hoi, ik ben Anna. Wat voor werk doe je nu?")
    bubble = page.locator(".msg.adviser").last
    expect(bubble).to_contain_text("Hoi, ik ben Anna. Wat voor werk doe je nu?")
    expect(bubble.locator(".who")).to_contain_text("Anna")
    # THEN it looks different from the assistant's messages
    styles = page.evaluate("""() => {
        const root = document.querySelector('[data-techniek-widget]').shadowRoot;
        const bg = (sel) => getComputedStyle(root.querySelector(sel)).backgroundColor;
        return [bg('.msg.adviser'), bg('.msg.bot')]; }""")
    assert styles[0] != styles[1]
    screenshot(page, "handover-01-adviser")
    # WHEN the person answers, the assistant says nothing: only the adviser is there
    bots_before = page.locator(".msg.bot").count()
    widget.type("Ik ben kok in een restaurant")
    track = widget.tracker()
    assert silent_turn_done(track, "Ik ben kok in een restaurant")
    assert bot_texts_after_last_user(track) == []
    assert page.locator(".msg.bot").count() == bots_before
    expect(page.locator(".typing .dots")).to_have_count(0)  # nobody pretends to type
    # WHEN the adviser gives the conversation back
    adviser.release(sender)
    expect(page.locator(".msg.bot").last).to_contain_text("weer met mij")
    # THEN the assistant answers again
    widget.type("wat verdient een elektromonteur?")
    assert page.locator(".msg.bot").count() >= bots_before + 2
    assert bot_texts_after_last_user(widget.tracker())
    screenshot(page, "handover-02-released")


def test_a_person_who_closed_the_page_sees_the_answer_on_return(
        context: BrowserContext, host_pages: HostPages, web_server, rasa_stack,  # noqa: ANN001
        adviser: Adviser) -> None:
    page, widget = _open_widget(context, host_pages, web_server, rasa_stack)
    widget.open()
    widget.consent()
    _ask_for_adviser(widget)
    sender = widget.session_id()
    adviser.take_over(sender)
    expect(page.locator(".notice.adviser")).to_have_count(1)
    page.close()
    # WHILE nobody has the page open, the adviser answers
    adviser.reply(sender, "Ik bel je morgen om 10 uur, goed?")
    # WHEN the person comes back and opens the chat
    page, widget = _open_widget(context, host_pages, web_server, rasa_stack)
    widget.open()
    # THEN the answer is there, once, after what they saw before
    bubble = page.locator(".msg.adviser")
    expect(bubble).to_have_count(1)
    expect(bubble).to_contain_text("Ik bel je morgen om 10 uur, goed?")
    expect(page.locator(".notice.adviser")).to_have_count(1)
    adviser.release(sender)
    expect(page.locator(".msg.bot").last).to_contain_text("weer met mij")


def test_the_console_list_shows_new_handovers_without_a_reload(
        context: BrowserContext, web_server, rasa_stack, console_accounts) -> None:  # noqa: ANN001
    page = context.new_page()
    page.goto(f"{web_server.url}/console/login")
    page.get_by_label("Gebruikersnaam").fill(ADVISER[0])
    page.get_by_label("Wachtwoord").fill(ADVISER[1])
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{web_server.url}/console/handovers")
    page.evaluate("window.__sameDocument = true")
    # WHEN a person asks for an adviser while the list is open
    sender = rasa_stack.new_sender("livelist")
    ask_for_adviser(rasa_stack, sender)
    # THEN the row appears with its waiting time, without loading the page again
    ref = reference(sender, rasa_stack.env)
    row = page.locator(f'#handover-rows tr[data-sender="{ref}"]')
    expect(row).to_have_count(1, timeout=30000)
    expect(row.locator("td").first).to_have_text(re.compile(r"net binnen|\d+ min"))
    expect(page.locator("#handover-live-note")).to_contain_text("nieuwe overdracht")
    assert page.evaluate("window.__sameDocument") is True
    screenshot(page, "handover-03-live-list")
