"""The console in Chromium (Playwright): what an adviser does in a working day."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.console.conftest import (
    ADVISER,
    ARTIFACTS,
    CHROMIUM_ARGS,
    ConsoleServer,
    chromium_executable,
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                     headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(accept_downloads=True, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _login(page: Page, server: ConsoleServer, user: tuple[str, str] = ADVISER) -> None:
    page.goto(f"{server.url}/console")
    expect(page).to_have_url(f"{server.url}/console/login?next=/console")
    page.get_by_label("Gebruikersnaam").fill(user[0])
    page.get_by_label("Wachtwoord").fill(user[1])
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Gesprekken")).to_be_visible()


def test_adviser_logs_in_filters_and_reads_a_transcript(page: Page, console_server):
    # GIVEN the login page
    page.goto(f"{console_server.url}/console/login")
    _shot(page, "01-login")
    # WHEN the adviser logs in and filters on channel, campaign, province and sector
    _login(page, console_server)
    _shot(page, "02-list")
    page.get_by_label("Kanaal").select_option("telegram")
    page.get_by_label("Campagne").select_option("energie-2026")
    page.get_by_label("Provincie").select_option("limburg")
    page.get_by_label("Sector").select_option("defensie")
    page.get_by_role("button", name="Filter").click()
    # THEN exactly that conversation is listed
    expect(page.get_by_text("1 gesprek.")).to_be_visible()
    _shot(page, "03-filtered")
    # WHEN it is opened
    page.get_by_role("link", name="Hallo, ik zoek zonnepanelen werk").click()
    # THEN the transcript shows NLU confidence, highlighted unclear turns and payload cards
    expect(page.get_by_role("heading", name="Gesprek")).to_be_visible()
    expect(page.locator(".turn.user.fallback")).to_have_count(1)
    expect(page.locator(".turn.user.low")).to_have_count(1)
    expect(page.locator('[data-payload="recommendations"]')).to_be_visible()
    expect(page.locator('[data-payload="profile_summary"]')).to_be_visible()
    expect(page.locator("#outcome")).to_have_text("Beroepen getoond")
    _shot(page, "04-transcript")


def test_adviser_tags_and_labels_the_follow_up(page: Page, console_server):
    # GIVEN an open transcript
    _login(page, console_server)
    page.goto(f"{console_server.url}/console/conversations/{console_server.filter_sender}")
    # WHEN a tag is added and the follow-up outcome recorded
    page.get_by_label("Nieuw label").fill("terugbellen")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_label("Resultaat na contact").select_option("started_training")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    # THEN both are saved and shown
    expect(page.locator("#tags")).to_contain_text("terugbellen")
    expect(page.locator("#follow-up")).to_contain_text("Gestart met opleiding")
    # AND the tag can be used as a list filter and the dashboard counts the outcome
    page.goto(f"{console_server.url}/console?tag=terugbellen")
    expect(page.get_by_text("1 gesprek.")).to_be_visible()
    page.goto(f"{console_server.url}/console/dashboard")
    expect(page.locator("svg")).to_have_count(5)
    expect(page.get_by_role("cell", name="energie-2026")).to_be_visible()
    _shot(page, "05-dashboard")


def test_adviser_picks_up_a_handover(page: Page, console_server):
    # GIVEN the handover queue
    _login(page, console_server)
    page.get_by_role("link", name="Overdrachten").click()
    _shot(page, "06-handovers")
    # WHEN the adviser opens the request and takes it on
    page.goto(f"{console_server.url}/console/handovers/{console_server.handover_sender}")
    expect(page.locator("#consent")).to_have_text("ja")
    expect(page.locator("#contact")).to_contain_text("06-12345678")
    expect(page.locator("#dossier")).to_contain_text("kok (horeca)")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Aan mij toewijzen").check()
    page.get_by_role("button", name="Status opslaan").click()
    # THEN the status and adviser are stored and shown in the queue
    expect(page.locator("#handover-status")).to_have_text(f"Nu: In behandeling, {ADVISER[0]}")
    _shot(page, "07-handover")
    page.goto(f"{console_server.url}/console/handovers?status=in_progress")
    expect(page.get_by_role("cell", name=ADVISER[0])).to_be_visible()


def test_adviser_exports_the_filtered_list(page: Page, console_server, tmp_path: Path):
    # GIVEN a list filtered on handovers
    _login(page, console_server)
    page.goto(f"{console_server.url}/console?outcome=handover_requested")
    # WHEN the CSV export is downloaded
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    target = tmp_path / "export.csv"
    info.value.save_as(target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    # THEN it holds only the filtered conversations, with contact data masked
    assert rows and {r["outcome"] for r in rows} == {"handover_requested"}
    assert "06-12345678" not in target.read_text(encoding="utf-8")


def test_script_in_a_user_message_does_not_run(page: Page, console_server):
    # GIVEN a conversation whose first message contains script and an onerror handler
    _login(page, console_server)
    page.goto(f"{console_server.url}/console/conversations/{console_server.xss_sender}")
    # THEN the text is shown literally and nothing ran
    expect(page.locator(".turn.user .text").first).to_contain_text("<script>window.pwned=1")
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.goto(f"{console_server.url}/console?campaign=xss-campagne")
    assert page.evaluate("typeof window.pwned") == "undefined"
    _shot(page, "08-script-inert")
