"""The widget in headless Chromium, embedded on a campaign site of another origin, against
the running system (Rasa + actions + web server)."""

from __future__ import annotations

import re
from typing import Iterator, List
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Browser, Page

from tests.conftest import PRODUCTION_ORIGIN
from tests.web import conversation as conv
from tests.web.support import HostPages, campaign_page, screenshot
from tests.web.widget_page import WidgetPage

CAMPAIGN = "metaal-2026"
ATTRS = 'data-sector="metaal" data-region="gelderland" data-color="#8a3b00"'
LOCAL_HOSTS = {"localhost", "127.0.0.1"}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 780}, locale="nl-NL")
    page = context.new_page()
    page.requested_hosts = set()  # type: ignore[attr-defined]
    page.on("request", lambda r: page.requested_hosts.add(urlsplit(r.url).hostname))
    yield page
    context.close()


def _site(host_pages: HostPages, web_server, campaign: str = CAMPAIGN,  # noqa: ANN001
          attrs: str = ATTRS, path: str = "/actie") -> str:
    return host_pages.add(path, campaign_page(f"{web_server.url}/widget.js", campaign, attrs))


def _widget(page: Page, rasa_stack, campaign: str = CAMPAIGN) -> WidgetPage:  # noqa: ANN001
    return WidgetPage(page, campaign, rasa_stack.rasa_url, rasa_stack.token)


def _focused(page: Page):  # noqa: ANN202
    """The element that has the focus, inside the widget's shadow root if need be."""
    return page.evaluate_handle("""() => { let a = document.activeElement;
        while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
        return a; }""")


def _card_texts(page: Page, kind: str) -> List[str]:
    return page.locator(f".card-{kind}").all_inner_texts()


def test_nothing_is_sent_before_consent_and_the_greeting_follows_it(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a campaign site on another origin with the widget tag
    url = _site(host_pages, web_server)
    assert urlsplit(url).port != web_server.port
    page.goto(url)
    widget = _widget(page, rasa_stack)
    # WHEN the visitor opens the chat
    widget.open()
    # THEN a privacy notice asks for consent, the input is off and nothing went to Rasa
    page.get_by_role("button", name="Ja, dat mag").wait_for()
    assert page.get_by_label("Typ je bericht").is_disabled()
    rasa_port = str(urlsplit(rasa_stack.rasa_url).port)
    socket_calls = [r for r in page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)") if f":{rasa_port}/" in r]
    assert socket_calls == []
    screenshot(page, "01-consent")
    # WHEN they agree
    widget.consent()
    # THEN the greeting and the first question arrive, the input is on, and only our
    # own hosts were contacted
    assert page.locator(".msg.bot").count() >= 1
    assert page.get_by_label("Typ je bericht").is_enabled()
    assert page.requested_hosts <= LOCAL_HOSTS  # type: ignore[attr-defined]
    # AND the reading-consent choice reached the assistant and is stored as a slot
    session = page.evaluate("k => localStorage.getItem(k)", f"techniekwidget:{CAMPAIGN}:session")
    assert rasa_stack.tracker(session)["slots"]["adviser_consent"] == "ja"
    screenshot(page, "02-greeting")


def test_clicking_buttons_leads_to_next_steps_and_a_route_card(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN the widget on a campaign site, consent given
    page.goto(_site(host_pages, web_server))
    widget = _widget(page, rasa_stack)
    widget.open()
    widget.consent()
    # WHEN the person answers by clicking buttons wherever there are any
    track = widget.fill_profile(by_buttons=True)
    # THEN recommendations show as a card, each profession as a button
    assert _card_texts(page, "recommendations")
    screenshot(page, "03-recommendations")
    first = conv.payloads(track, "recommendations")[-1]["items"][0]["name"]
    widget.click_button_titled(first)
    # AND, after the short introduction, asks how to get there and what to do now
    widget.click_button_titled("Hoe word ik het?")
    widget.click_button_titled("Wat doe ik nu?")
    # THEN routes, funding and next steps with a contact show as cards
    assert _card_texts(page, "routes")
    assert _card_texts(page, "next_steps")
    steps = page.locator(".card-next_steps .steps li").count()
    assert steps >= 3
    assert page.locator(".card-next_steps .contact").count() == 1
    screenshot(page, "04-next-steps")
    # WHEN they ask for the route card
    widget.click_button_titled("overstapkaart")
    link = page.locator(".msg.bot a[href*='/kaart/']:not([href$='.pdf'])").last
    href = link.get_attribute("href")
    assert href and re.search(r"/kaart/[A-Za-z0-9_-]{20,}$", href), href
    # THEN the private card page shows the chosen profession, and the PDF downloads
    card_page = page.context.new_page()
    card_page.goto(href)
    assert card_page.get_by_role("heading", name=re.compile("Jouw overstapkaart")).is_visible()
    assert first in card_page.content()
    screenshot(card_page, "05-route-card")
    pdf = requests.get(href + ".pdf", timeout=60)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    card_page.close()


def test_typing_leads_to_next_steps_and_reload_keeps_the_conversation(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN the widget, consent given, two answers typed
    page.goto(_site(host_pages, web_server))
    widget = _widget(page, rasa_stack)
    widget.open()
    widget.consent()
    widget.type("ja, laten we beginnen")
    widget.type(conv.TYPED_ANSWERS["current_job"])
    session = widget.session_id()
    before = page.locator(".msg").count()
    # WHEN the page is reloaded
    page.reload()
    widget.open()
    # THEN the same conversation is shown and continues in the same session
    assert page.locator(".msg").count() == before
    assert widget.session_id() == session
    assert page.get_by_text(conv.TYPED_ANSWERS["current_job"]).is_visible()
    screenshot(page, "06-after-reload")
    # WHEN the person types every answer
    track = widget.fill_profile(by_buttons=False)
    assert conv.tracker(rasa_stack.rasa_url, rasa_stack.token, session)["sender_id"] == session
    widget.type("de eerste graag")
    widget.type("wat moet ik nu doen?")
    # THEN next steps with a contact in the person's province are shown
    steps = conv.payloads(widget.tracker(), "next_steps")[-1]
    assert len(steps["steps"]) >= 3
    assert "gelderland" in steps["contact"]["regions"]
    assert page.locator(".card-next_steps").count() >= 1
    assert track["slots"]["campaign"] == CAMPAIGN
    screenshot(page, "07-typed-next-steps")


def test_the_widget_works_with_the_keyboard_only(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a campaign site
    page.goto(_site(host_pages, web_server))
    widget = _widget(page, rasa_stack)
    page.locator(".launcher").wait_for()
    # WHEN the visitor tabs to the launcher and presses Enter
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.techniekWidget") == CAMPAIGN
    page.keyboard.press("Enter")
    # THEN focus is on the consent button, with a visible focus ring
    focused = _focused(page)
    assert focused.inner_text() == "Ja, dat mag"
    assert focused.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    screenshot(page, "08-keyboard-focus")
    page.keyboard.press("Enter")
    widget.users = 1
    page.wait_for_function("k => !!localStorage.getItem(k)",
                           arg=f"techniekwidget:{CAMPAIGN}:session")
    widget.wait_turn()
    # WHEN they type the first answer into the input, which has the focus
    assert _focused(page).get_attribute("id") == "tw-input"
    page.keyboard.type(conv.TYPED_ANSWERS["current_job"])
    page.keyboard.press("Enter")
    widget.users += 1
    widget.wait_turn()
    # AND Shift+Tab from the input to an answer button of the next question, press Space
    assert _focused(page).get_attribute("id") == "tw-input"
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if _focused(page).evaluate("e => !!e.closest('.choices')"):
            break
    assert _focused(page).evaluate("e => !!e.closest('.choices')")
    page.keyboard.press(" ")
    widget.users += 1
    widget.wait_turn()
    # THEN both answers are in the conversation
    assert page.locator(".msg.user").count() == 2
    # AND Escape closes the panel and returns focus to the launcher
    page.keyboard.press("Escape")
    assert page.locator(".panel").is_hidden()
    assert _focused(page).evaluate("e => e.classList.contains('launcher')")


def test_html_in_user_and_bot_text_is_shown_as_text(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a conversation
    page.goto(_site(host_pages, web_server))
    widget = _widget(page, rasa_stack)
    widget.open()
    widget.consent()
    attack = '<img src=x onerror="window.__xss=1"><b>vet</b>'
    # WHEN the person types HTML
    widget.type(attack)
    # AND a bot message with HTML reaches the socket (an API-sent message, as an adviser would)
    response = requests.post(
        f"{rasa_stack.rasa_url}/conversations/{widget.session_id()}/tracker/events",
        params={"token": rasa_stack.token, "output_channel": "latest",
                "execute_side_effects": "true"},
        json=[{"event": "bot", "text": "Bot zegt " + attack}], timeout=30)
    assert response.status_code == 200
    page.get_by_text("Bot zegt", exact=False).wait_for()
    # THEN both are shown literally and nothing was interpreted
    assert page.locator(".msg.user").last.inner_text().endswith(attack)
    assert attack in page.locator(".msg.bot").last.inner_text()
    assert page.locator(".log img, .log b").count() == 0
    assert page.evaluate("window.__xss") is None
    screenshot(page, "09-html-as-text")


def test_restart_begins_a_new_conversation(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN a conversation with one answer
    page.goto(_site(host_pages, web_server))
    widget = _widget(page, rasa_stack)
    widget.open()
    widget.consent()
    widget.type("ja, laten we beginnen")
    old = widget.session_id()
    # WHEN the person presses "Opnieuw beginnen"
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.wait_for_function("([k, old]) => { const s = localStorage.getItem(k); "
                           "return !!s && s !== old; }",
                           arg=[f"techniekwidget:{CAMPAIGN}:session", old])
    widget.users = 1
    widget.wait_turn()
    # THEN a new session starts with a fresh greeting and the old one got /restart
    assert widget.session_id() != old
    assert page.locator(".msg.user").count() == 0
    conv.wait_for_user_text(rasa_stack.rasa_url, rasa_stack.token, old, "/restart")


def test_two_campaigns_on_one_domain_keep_separate_conversations(
        page: Page, host_pages: HostPages, web_server, rasa_stack) -> None:  # noqa: ANN001
    # GIVEN two campaign pages on one domain
    first = _site(host_pages, web_server, "metaal-2026", ATTRS, "/metaal")
    second = _site(host_pages, web_server, "foodvalley-overstap-2026",
                   'data-region="gelderland"', "/foodvalley")
    page.goto(first)
    metaal = _widget(page, rasa_stack, "metaal-2026")
    metaal.open()
    metaal.consent()
    # WHEN the visitor opens the other campaign's page
    page.goto(second)
    food = _widget(page, rasa_stack, "foodvalley-overstap-2026")
    food.open()
    # THEN it asks for consent again and starts its own session with its own campaign
    food.consent()
    assert food.session_id() != metaal.session_id()
    slots = food.tracker()["slots"]
    assert slots.get("campaign") == "foodvalley-overstap-2026"


def test_a_site_that_is_not_allowed_cannot_connect(
        page: Page, host_pages: HostPages, web_server, production_like_rasa: str) -> None:  # noqa: ANN001
    # GIVEN a Rasa server that only allows one campaign origin, and a page on another origin
    url = host_pages.add("/vreemd", campaign_page(
        f"{web_server.url}/widget.js", "vreemd", f'data-socket-url="{production_like_rasa}"'))
    page.goto(url)
    # WHEN the visitor agrees and the widget connects
    page.locator(".launcher").click()
    page.get_by_role("button", name="Ja, dat mag").click()
    # THEN the handshake is refused and the widget says there is no connection
    page.get_by_text("Er is nu geen verbinding").wait_for(timeout=20000)
    assert page.locator(".msg.bot").count() == 0
    screenshot(page, "10-refused-origin")
    handshake = f"{production_like_rasa}/socket.io/?EIO=4&transport=polling"
    assert requests.get(handshake, headers={"Origin": host_pages.origin},
                        timeout=10).status_code == 400
    assert requests.get(handshake, headers={"Origin": PRODUCTION_ORIGIN},
                        timeout=10).status_code == 200
