"""The widget as a modal dialog, for keyboard and screen-reader users (issue 16).

Fast: the built widget on a campaign page, talking to the project's real socket.io channel
with an echo bot (tests/web/echo_channel_server.py). The full conversation with the real
assistant is checked in test_widget_a11y.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from runner import process as proc
from testing.ports import free_port
from tests.axe_check import SIZES, assert_no_blocking_violations
from tests.web.conftest import _wait_http
from tests.web.support import REPO_ROOT, HostPages, campaign_page, screenshot

WIDGET_JS = REPO_ROOT / "web" / "widget" / "dist" / "widget.js"
CAMPAIGN = "dialoog-test"


@pytest.fixture(scope="module")
def open_echo_url() -> Iterator[str]:
    """The echo channel server, open to every origin (the host pages run on localhost)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.echo_channel_server", str(port), "*"],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        _wait_http(f"http://127.0.0.1:{port}/", process, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop([process], grace=5)


@pytest.fixture
def site(host_pages: HostPages, open_echo_url: str) -> str:
    if not WIDGET_JS.exists():
        pytest.fail("web/widget/dist/widget.js is missing: run `make setup` (npm run build)")
    src = host_pages.add("/widget.js", WIDGET_JS.read_bytes(), "application/javascript")
    links = "".join(f'<p><a href="#link{i}">Link {i} op de pagina</a></p>' for i in range(5))
    page = campaign_page(src, CAMPAIGN, f'data-socket-url="{open_echo_url}" '
                         'data-color="#f5a623"')
    return host_pages.add("/actie", page.replace("</h1>", "</h1>" + links))


def _page(browser: Browser, size: str) -> Page:
    context = browser.new_context(viewport=SIZES[size], locale="nl-NL")
    return context.new_page()


def _focused(page: Page) -> dict[str, str]:
    """What has the focus, looking inside the widget's shadow root."""
    return page.evaluate("""() => { let a = document.activeElement;
        const inWidget = !!(a && a.shadowRoot);
        while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
        return {tag: a.tagName, text: (a.innerText || a.value || '').trim(),
                cls: a.className || '', id: a.id || '',
                inPanel: inWidget && !!a.closest('.panel'),
                label: a.getAttribute('aria-label') || ''}; }""")


def _tab_through(page: Page, presses: int, key: str = "Tab") -> list[dict[str, str]]:
    seen = []
    for _ in range(presses):
        page.keyboard.press(key)
        seen.append(_focused(page))
    return seen


def _consent(page: Page) -> None:
    page.get_by_role("button", name="Ja, dat mag").click()
    expect(page.locator(".msg.bot").first).to_be_visible(timeout=20000)


@pytest.mark.parametrize("size", list(SIZES))
def test_closed_and_consent_states_pass_axe_and_the_launcher_says_what_it_shows(
        browser: Browser, site: str, size: str) -> None:
    page = _page(browser, size)
    try:
        # GIVEN a campaign page with the widget, closed
        page.goto(site)
        launcher = page.locator(".launcher")
        launcher.wait_for()
        # THEN the launcher's accessible name starts with the text a person sees on it
        visible = launcher.evaluate("""b => Array.from(b.querySelectorAll('span'))
            .filter(s => s.getBoundingClientRect().width > 1 && s.textContent.trim())
            .map(s => s.textContent.trim()).join(' ')""")
        assert visible == ("Chat" if size == "phone" else "Vragen over werken in de techniek?")
        named = page.get_by_role("button", name=re.compile("^" + re.escape(visible)))
        expect(named).to_have_count(1)
        assert_no_blocking_violations(page, f"closed widget ({size})")
        screenshot(page, f"a11y-{size}-closed")
        # WHEN it is opened THEN the consent question passes axe too
        launcher.click()
        expect(page.get_by_role("dialog", name=re.compile("Techniek-adviseur"))).to_be_visible()
        assert_no_blocking_violations(page, f"consent ({size})")
        screenshot(page, f"a11y-{size}-consent")
    finally:
        page.context.close()


def test_tab_stays_in_the_panel_and_escape_returns_to_the_launcher(
        browser: Browser, site: str) -> None:
    page = _page(browser, "phone")
    try:
        page.goto(site)
        page.locator(".launcher").wait_for()
        # GIVEN the visitor tabs to the launcher (past the page's links) and opens it
        for _ in range(10):
            page.keyboard.press("Tab")
            if "launcher" in _focused(page)["cls"]:
                break
        page.keyboard.press("Enter")
        # THEN the dialog is modal and the consent button has the focus
        expect(page.get_by_role("dialog")).to_have_attribute("aria-modal", "true")
        assert _focused(page)["text"] == "Ja, dat mag"
        # WHEN they press Tab many times (more than there are controls) THEN focus never
        # leaves the panel, and it comes round to the consent button again
        seen = _tab_through(page, 8)
        assert all(f["inPanel"] for f in seen), seen
        assert any(f["text"] == "Ja, dat mag" for f in seen)
        # AND Shift+Tab also stays inside
        assert all(f["inPanel"] for f in _tab_through(page, 8, "Shift+Tab"))
        # WHEN Escape is pressed before consent THEN the panel closes, the launcher has focus
        page.keyboard.press("Escape")
        expect(page.locator(".panel")).to_be_hidden()
        assert "launcher" in _focused(page)["cls"]
        # WHEN it is opened again THEN focus is on the consent button, not on the page
        page.keyboard.press("Enter")
        assert _focused(page)["text"] == "Ja, dat mag"
        # WHEN they agree and a conversation starts
        page.keyboard.press("Enter")
        expect(page.locator(".msg.bot").first).to_be_visible(timeout=20000)
        assert _focused(page)["id"] == "tw-input"
        page.keyboard.type("/buttons")
        page.keyboard.press("Enter")
        expect(page.locator(".choices button:not([disabled])")).to_have_count(2, timeout=20000)
        # THEN Tab from the last control (send button) goes to the first control in the panel
        page.keyboard.press("Tab")
        assert _focused(page)["label"] == "Versturen"
        page.keyboard.press("Tab")
        first = _focused(page)
        assert first["inPanel"] and first["text"] == "Opnieuw beginnen", first
        # AND Shift+Tab from the first control goes to the last one
        page.keyboard.press("Shift+Tab")
        assert _focused(page)["label"] == "Versturen"
        # AND a full round of Tab visits the answer buttons and never the page
        seen = _tab_through(page, 12)
        assert all(f["inPanel"] for f in seen), seen
        assert {"Ja", "Nee"} <= {f["text"] for f in seen}
        # WHEN Escape is pressed THEN focus returns to the launcher; reopening focuses input
        page.keyboard.press("Escape")
        assert "launcher" in _focused(page)["cls"]
        page.keyboard.press("Enter")
        assert _focused(page)["id"] == "tw-input"
    finally:
        page.context.close()


def test_status_line_is_in_the_accessibility_tree_and_turns_are_announced_briefly(
        browser: Browser, site: str) -> None:
    page = _page(browser, "desktop")
    try:
        page.goto(site)
        page.locator(".launcher").click()
        # THEN the (empty) status line is rendered, so a screen reader hears when it changes
        status = page.locator(".status")
        assert status.evaluate("e => getComputedStyle(e).display") != "none"
        assert status.get_attribute("role") == "status"
        _consent(page)
        # WHEN the bot answers with text and a card
        page.get_by_label("Typ je bericht").fill("hallo daar")
        page.get_by_label("Typ je bericht").press("Enter")
        expect(page.locator(".card-recommendations")).to_have_count(2, timeout=20000)
        # THEN the log itself is silent and one short summary of the turn is announced,
        # naming the card and its size instead of reading the card out
        assert page.locator(".log").get_attribute("aria-live") == "off"
        announcer = page.locator("[role=status][aria-atomic=true]")
        expect(announcer).to_contain_text("Beroepen die bij je passen: 1 beroep.", timeout=5000)
        text = announcer.inner_text()
        assert text.startswith("Adviseur:") and "len=10" in text
        assert "Je werkt graag met je handen" not in text
        assert len(text) < 300
        # AND a repeated card is a landmark with a name of its own
        names = page.locator(".card-recommendations").evaluate_all(
            "cards => cards.map(c => c.getAttribute('aria-label'))")
        assert len(set(names)) == len(names), names
        assert_no_blocking_violations(page, "conversation with cards (desktop)")
    finally:
        page.context.close()


def test_links_use_the_campaign_colour_and_a_readable_name(
        browser: Browser, site: str) -> None:
    page = _page(browser, "desktop")
    try:
        page.goto(site)
        page.locator(".launcher").click()
        # THEN the privacy link in the consent text is in the campaign's colour (darkened
        # to a readable shade of it), not browser blue
        page.evaluate("""() => { const w = window.techniekWidget;
            w.receive({text: 'Lees meer op https://www.werkcentrum.nl/regio/gelderland'}); }""")
        link = page.locator(".msg.bot a").last
        colour = link.evaluate("a => getComputedStyle(a).color")
        assert colour != "rgb(0, 0, 238)"
        red, green, blue = (int(v) for v in re.findall(r"\d+", colour)[:3])
        assert red > blue, colour  # an orange campaign colour stays orange
        # AND a bare address is read as a name, not as a string of characters
        assert link.inner_text().startswith("website werkcentrum.nl")
    finally:
        page.context.close()


def test_a_payload_is_shown_once_as_a_card_and_a_long_turn_opens_at_its_start(
        browser: Browser, site: str) -> None:
    page = _page(browser, "desktop")
    try:
        page.goto(site)
        page.locator(".launcher").click()
        _consent(page)
        box = page.get_by_label("Typ je bericht")
        # WHEN one bot message carries text and a payload the widget shows as a card
        before = page.locator(".card-recommendations").count()
        box.fill("/card")
        box.press("Enter")
        expect(page.locator(".card-recommendations")).to_have_count(before + 1, timeout=20000)
        # THEN the card is shown and the same message's text is not shown as well
        expect(page.get_by_text("Dit zijn beroepen voor jou.")).to_have_count(0)
        expect(page.get_by_text("Elektromonteur past het best.")).to_have_count(0)
        # AND after a reload the conversation is shown the same way
        page.reload()
        page.locator(".launcher").click()
        expect(page.locator(".card-recommendations")).to_have_count(before + 1)
        expect(page.get_by_text("Dit zijn beroepen voor jou.")).to_have_count(0)
        # WHEN the bot sends a turn longer than the panel
        box = page.get_by_label("Typ je bericht")
        box.fill("/long")
        box.press("Enter")
        expect(page.locator(".card-recommendations")).to_have_count(before + 2, timeout=20000)
        first = page.get_by_text("Deel 1 van een lang antwoord.")
        last = page.get_by_text("Deel 8 van een lang antwoord.")
        body = page.locator(".body")
        # THEN the panel shows the start of the answer, not its end
        page.wait_for_function("""() => { const w = document.querySelector('[data-techniek-widget]')
            .shadowRoot; const b = w.querySelector('.body').getBoundingClientRect();
            const m = Array.from(w.querySelectorAll('.msg.bot'))
              .find(e => e.textContent.includes('Deel 1 van'));
            const r = m.getBoundingClientRect(); return r.top >= b.top && r.top < b.top + 40; }""",
                               timeout=5000)
        assert body.evaluate("b => b.scrollHeight > b.clientHeight * 1.5")
        assert first.bounding_box()["y"] >= body.bounding_box()["y"]
        assert last.bounding_box()["y"] > body.bounding_box()["y"] + body.bounding_box()["height"]
        screenshot(page, "a11y-desktop-long-turn")
    finally:
        page.context.close()
