"""The learning inbox page for keyboard and screen-reader users (issue 25): axe-core at phone
and desktop size, no sideways scroll at 320 px, and a correction made with the keyboard only."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from testing.conversation_factory import _Builder, create_tracker_db, write
from tests.axe_check import SIZES, assert_no_blocking_violations, assert_no_sideways_scroll
from tests.console.conftest import (
    ADVISER,
    ARTIFACTS,
    CHROMIUM_ARGS,
    ConsoleServer,
    chromium_executable,
)

TEXT = "ik sleutel graag aan brommers maar weet niet hoe dat heet"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS,
                                     headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def seeded(console_server: ConsoleServer) -> ConsoleServer:
    b = _Builder(f"learn-a11y-{time.time_ns()}", time.time() - 60, "web", "leren-a11y",
                 "utrecht", random.Random(8))
    b.session_start()
    b.slot("adviser_consent", "ja")
    b.user(TEXT, "inform", 0.35)
    b.bot("Kun je dat anders zeggen?", "utter_rephrase")
    engine = create_tracker_db(console_server.tracker_url)
    write(engine, b.done())
    engine.dispose()
    return console_server


def _adviser(browser: Browser, server: ConsoleServer, width: int, height: int) -> Page:
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server.url}/console/login?next=/console/learn")
    page.get_by_label("Gebruikersnaam").fill(ADVISER[0])
    page.get_by_label("Wachtwoord").fill(ADVISER[1])
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{server.url}/console/learn?sort=new")
    expect(page.get_by_role("heading", name="Leren van gesprekken")).to_be_visible()
    return page


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_nothing_serious_on_the_learning_page(browser: Browser, seeded, size: str):
    # GIVEN an adviser on a phone or a desktop WHEN the inbox opens with a corrector open
    viewport = SIZES[size]
    page = _adviser(browser, seeded, viewport["width"], viewport["height"])
    try:
        page.locator("summary").first.click()
        # THEN axe reports no serious or critical problem and the menu marks this page
        assert_no_blocking_violations(page, f"learn at {size}")
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        expect(menu.locator("[aria-current='page']")).to_have_text("Leren")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"a11y-{size}-leren.png"), full_page=True)
    finally:
        page.context.close()


def test_the_learning_page_does_not_scroll_sideways_at_320_px(browser: Browser, seeded):
    page = _adviser(browser, seeded, 320, 800)
    try:
        page.locator("summary").first.click()
        assert_no_sideways_scroll(page, "learn at 320 px")
    finally:
        page.context.close()


def test_a_correction_can_be_made_with_the_keyboard_alone(browser: Browser, seeded):
    # GIVEN the adviser on the inbox, the message on top (newest first)
    page = _adviser(browser, seeded, 1280, 800)
    try:
        article = page.locator("article", has_text=TEXT)
        # WHEN the corrector is opened with Enter and the fields are filled by keyboard
        summary = article.locator("summary")
        summary.focus()
        page.keyboard.press("Enter")
        intent = article.get_by_label("Bedoeling", exact=True)
        expect(intent).to_be_visible()
        intent.focus()
        intent.select_option("inform")
        interest = article.get_by_label("Wat iemand leuk vindt", exact=True)
        interest.focus()
        interest.select_option("sleutelen")
        words = article.locator("input[name='words_interest']")
        words.focus()
        page.keyboard.type("sleutel")
        article.get_by_role("button", name="Opslaan").focus()
        page.keyboard.press("Enter")
        # THEN the page confirms it and shows the correction waiting for an admin
        expect(page.get_by_role("status")).to_have_text("Opgeslagen.")
        expect(page.locator("article", has_text=TEXT)).to_contain_text(
            "Wacht op goedkeuring")
    finally:
        page.context.close()
