"""The console for people with a phone, a keyboard or a screen reader (issue 16).

axe-core (npm, tests/a11y) in Chromium at phone and desktop size, no sideways scroll at 320
and 390 px, and what axe cannot see: skip link, aria-current, Dutch labels, line breaks,
row links that name their conversation, charts with their numbers as a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.axe_check import SIZES, assert_no_blocking_violations, assert_no_sideways_scroll
from tests.console.conftest import (
    ADMIN,
    ARTIFACTS,
    CHROMIUM_ARGS,
    ConsoleServer,
    chromium_executable,
)

RAW_SLOT_NAMES = ("current_job", "work_status", "education_level", "learn_while_earning",
                  "handover_requested", "chosen_profession")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS,
                                     headless=True)
        yield instance
        instance.close()


def _logged_in(browser: Browser, server: ConsoleServer, width: int, height: int) -> Page:
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server.url}/console/login")
    page.get_by_label("Gebruikersnaam").fill(ADMIN[0])
    page.get_by_label("Wachtwoord").fill(ADMIN[1])
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Gesprekken")).to_be_visible()
    return page


def _pages(server: ConsoleServer) -> dict[str, str]:
    base = f"{server.url}/console"
    return {
        "gesprekken": base,
        "gesprek": f"{base}/conversations/{server.handover_sender}",
        "gesprek-telegram": f"{base}/conversations/{server.filter_sender.replace(':', '%3A')}",
        "overdrachten": f"{base}/handovers",
        "overdracht": f"{base}/handovers/{server.handover_sender}",
        "dashboard": f"{base}/dashboard",
        "auditlog": f"{base}/audit",
        "contacten": f"{base}/contacts",
        "contact": f"{base}/contacts/desk_zeeland",
    }


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"a11y-{name}.png"), full_page=True)


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_nothing_serious_on_any_console_page(browser: Browser,
                                                       console_server: ConsoleServer,
                                                       size: str) -> None:
    # GIVEN an adviser logged in on a phone or a desktop
    viewport = SIZES[size]
    page = _logged_in(browser, console_server, viewport["width"], viewport["height"])
    try:
        # WHEN each console page is opened THEN axe reports no serious or critical problem
        for name, url in _pages(console_server).items():
            page.goto(url)
            assert_no_blocking_violations(page, f"{name} at {size}")
            _shot(page, f"{size}-{name}")
        page.goto(f"{console_server.url}/console/logout")
    finally:
        page.context.close()
    # AND the login page too
    context = browser.new_context(locale="nl-NL", viewport=viewport)
    login = context.new_page()
    login.goto(f"{console_server.url}/console/login")
    assert_no_blocking_violations(login, f"login at {size}")
    context.close()


@pytest.mark.parametrize("width", [320, 390])
def test_no_console_page_scrolls_sideways_on_a_phone(browser: Browser,
                                                     console_server: ConsoleServer,
                                                     width: int) -> None:
    page = _logged_in(browser, console_server, width, 800)
    try:
        for name, url in _pages(console_server).items():
            page.goto(url)
            assert_no_sideways_scroll(page, f"{name} at {width} px")
            if width == 320:
                _shot(page, f"320-{name}")
    finally:
        page.context.close()


def test_skip_link_and_current_page_in_the_menu(browser: Browser,
                                                console_server: ConsoleServer) -> None:
    page = _logged_in(browser, console_server, 1280, 800)
    try:
        # WHEN the adviser presses Tab once on the list THEN a visible skip link has focus
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Naar de inhoud")
        expect(skip).to_be_focused()
        assert skip.bounding_box()["y"] >= 0
        # AND Enter moves the focus to the main content
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "inhoud"
        # AND the menu marks the page the adviser is on, and only that one
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        expect(menu.locator("[aria-current='page']")).to_have_text("Gesprekken")
        page.goto(f"{console_server.url}/console/dashboard")
        expect(menu.locator("[aria-current='page']")).to_have_text("Dashboard")
    finally:
        page.context.close()


def test_row_links_name_their_conversation(browser: Browser,
                                           console_server: ConsoleServer) -> None:
    page = _logged_in(browser, console_server, 1280, 800)
    try:
        links = page.locator("table tbody a")
        names = [links.nth(i).evaluate("a => a.textContent.replace(/\\s+/g, ' ').trim()")
                 for i in range(links.count())]
        assert len(names) >= 10
        # THEN every link starts with a date and a channel, and no two links read the same
        for name in names:
            assert re.match(r"^\d{2}-\d{2}-\d{4} \d{2}:\d{2}, (website|Telegram|REST-koppeling): ",
                            name), name
        assert len(set(names)) == len(names)
    finally:
        page.context.close()


def test_transcript_keeps_line_breaks_and_profile_is_in_dutch(
        browser: Browser, console_server: ConsoleServer) -> None:
    page = _logged_in(browser, console_server, 390, 844)
    try:
        page.goto(_pages(console_server)["gesprek"])
        # THEN message texts keep their line breaks
        white_space = page.locator(".turn .text").first.evaluate(
            "e => getComputedStyle(e).whiteSpace")
        assert white_space in ("pre-line", "pre-wrap")
        # AND the profile shows Dutch names and values, never slot names or True/False
        profile = page.get_by_role("complementary").inner_text()
        for raw in RAW_SLOT_NAMES:
            assert raw not in profile
        assert not re.search(r"\b(True|False|None)\b", profile)
        assert "Provincie" in profile
    finally:
        page.context.close()


def test_every_chart_has_its_numbers_as_a_table(browser: Browser,
                                                console_server: ConsoleServer) -> None:
    page = _logged_in(browser, console_server, 1280, 800)
    try:
        page.goto(f"{console_server.url}/console/dashboard")
        charts = page.locator("svg").count()
        assert charts >= 4
        captions = page.locator("table caption").all_inner_texts()
        assert len([c for c in captions if c.endswith("in cijfers")]) == charts
        # AND the professions table names professions, not ids
        professions = page.get_by_role("table", name=re.compile("Meest aanbevolen beroepen"))
        rows = professions.locator("tbody th").all_inner_texts()
        assert rows and not [r for r in rows if re.fullmatch(r"[a-z0-9_-]+", r)], rows
    finally:
        page.context.close()
