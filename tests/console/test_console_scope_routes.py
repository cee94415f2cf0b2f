"""One consent check covers every console route: an adviser cannot read, find, count,
export or act on a conversation outside their reading consent, whichever route they try.

The route list is not written out here: it is read from the web server's real aiohttp
application, so a route added later is walked too. The requests go to the real web server
(tests/console/conftest.py) over a real SQLite tracker store.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
import requests

from settings.sections import WebSettings
from testing.conversation_factory import ConversationFactory, create_tracker_db, write
from tests.console.conftest import ADVISER, ConsoleServer, csrf_from

SECRET = "zorgvuldig bewaard overstapgeheim"
PHONE = "06-98765432"


def console_routes(server: ConsoleServer) -> list[tuple[str, str]]:
    """(method, path) of every registered /console route of the real application."""
    from web.app import create_app

    env = {k: v for k, v in server.env.items() if k != "PYTHONPATH"}
    app = create_app(WebSettings.from_env(env))
    found = []
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter") or ""
        if path.startswith("/console") and route.method in ("GET", "POST", "PUT", "DELETE"):
            found.append((route.method, path))
    return sorted(set(found))


@pytest.fixture(scope="module")
def private(console_server: ConsoleServer) -> Iterator[str]:
    """A conversation whose person chose "alleen als ik om hulp vraag" and asked nobody."""
    conv = ConversationFactory(seed=2404).conversation(
        start=time.time() - 200, campaign="scope-walk", adviser_consent="alleen_hulp",
        outcome="steps_given", first_text=f"Hoi, {SECRET}, bel me op {PHONE}")
    engine = create_tracker_db(console_server.tracker_url)
    write(engine, conv)
    engine.dispose()
    yield conv.sender_id


@pytest.fixture(scope="module")
def adviser(console_server: ConsoleServer) -> tuple[requests.Session, str]:
    http = console_server.login(ADVISER)
    token = csrf_from(http.get(f"{console_server.url}/console/handovers", timeout=30).text)
    return http, token


def _leaks(body: str, sender_id: str) -> list[str]:
    return [t for t in (SECRET, PHONE, sender_id) if t in body]


def test_every_route_naming_a_conversation_refuses_an_adviser_without_consent(
        console_server, private, adviser):
    http, token = adviser
    routes = [r for r in console_routes(console_server) if "{sender_id}" in r[1]]
    assert len(routes) >= 10  # the walk really covers pages, forms, API and live handover
    for method, path in routes:
        # WHEN the adviser calls the route for the private conversation
        url = console_server.url + path.replace("{sender_id}", quote(private, safe=""))
        response = http.request(method, url, headers={"X-CSRF-Token": token},
                                data={"csrf_token": token, "text": "x", "tag": "x",
                                      "label": "informed", "status": "done"},
                                allow_redirects=False, timeout=30)
        # THEN it is refused before anything is shown or changed
        assert response.status_code == 403, (method, path, response.status_code)
        assert not _leaks(response.text, private), (method, path)


def test_no_list_search_count_or_export_reveals_the_private_conversation(
        console_server, private, adviser):
    http, _ = adviser
    routes = [path for method, path in console_routes(console_server)
              if method == "GET" and "{" not in path and not path.endswith((".js", "/login"))]
    assert {"/console/dashboard", "/console/export.csv", "/console/api/conversations",
            "/console/handovers"} <= set(routes)
    for path in routes:
        for needle in (SECRET, PHONE, private):
            # WHEN the adviser searches for the conversation's words on any list route
            response = http.get(console_server.url + path, params={"q": needle}, timeout=30)
            assert response.status_code in (200, 403), (path, response.status_code)
            # THEN nothing of it appears, apart from the search words echoed in the form
            body = response.text.replace(needle, "") if "q=" not in path else response.text
            assert not _leaks(body, private), (path, needle)


def test_a_search_for_private_words_counts_nothing_on_the_dashboard(
        console_server, private, adviser):
    http, _ = adviser
    # WHEN the adviser filters the dashboard with a phone number from the private chat
    page = http.get(f"{console_server.url}/console/dashboard", params={"q": PHONE}, timeout=30)
    # THEN no conversation is counted (before the fix it showed as one bar on the charts)
    total = re.search(r"<p>(\d+) gesprekken", page.text)
    assert total and total.group(1) == "0", page.text[:500]


def test_pages_exports_and_the_webhook_name_a_conversation_by_its_reference_only(
        console_server, adviser):
    from console.handover_ref import reference
    from handover.live import webhook_body

    http, _ = adviser
    sender = console_server.handover_sender
    ref = reference(sender)
    # WHEN an adviser opens the handover list, the handover and the whole conversation
    queue = http.get(f"{console_server.url}/console/handovers", timeout=30).text
    detail = http.get(f"{console_server.url}/console/handovers/{ref}", timeout=30)
    whole = http.get(f"{console_server.url}/console/conversations/{ref}", timeout=30)
    export = http.get(f"{console_server.url}/console/export.csv", timeout=30).text
    # THEN the reference opens them and the session id appears nowhere
    assert detail.status_code == 200 and whole.status_code == 200
    for body in (queue, detail.text, whole.text, export):
        assert sender not in body
    assert ref in queue and ref in whole.text
    # AND the team's webhook links to the handover by the reference as well
    body = webhook_body({"sender_id": sender, "last_at": 1.0, "channel": "web",
                         "region": None, "sector": None, "campaign": None},
                        "https://coach.example.nl", True).decode()
    assert ref in body and sender not in body
