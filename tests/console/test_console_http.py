"""The console over HTTP on the real web server: login, API contract, security, audit."""

from __future__ import annotations

import csv
import io
import json
import time
import uuid

import pytest
import requests
import sqlalchemy as sa

from console.db import audit
from console.handover_ref import reference
from console.routes import build_routes
from tests.console.conftest import ADMIN, ADVISER, CONTACT, XSS_TEXT, ConsoleServer, csrf_from

ALL_ROUTES = [(m, p) for m, p, _ in build_routes() if p not in ("/console/login",)]


def _url(server: ConsoleServer, path: str) -> str:
    return server.url + path.replace("{sender_id}", server.filter_sender)


def _audit_actions(server: ConsoleServer) -> list[tuple[str, str | None, str | None]]:
    engine = sa.create_engine(server.console_url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit.c.username, audit.c.action, audit.c.target)).all()
    engine.dispose()
    return [(r.username, r.action, r.target) for r in rows]


@pytest.mark.parametrize("method,path", ALL_ROUTES)
def test_every_route_refuses_without_login(console_server, method, path):
    # GIVEN no session WHEN any console route is requested
    response = requests.request(method, _url(console_server, path), allow_redirects=False,
                                timeout=10, data={"csrf_token": "x"})
    # THEN pages redirect to the login form and API/POST routes answer 401
    if method == "GET" and "/api/" not in path:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/console/login?next=")
    else:
        assert response.status_code == 401
        assert response.json() == {"error": "login required"}


def test_forged_session_cookie_is_refused(console_server):
    response = requests.get(f"{console_server.url}/console/api/conversations", timeout=10,
                            cookies={"console_session": "forged-" + uuid.uuid4().hex})
    assert response.status_code == 401


def test_login_sets_a_hardened_session_cookie(console_server):
    # GIVEN the login form WHEN logging in
    http = requests.Session()
    form = http.get(f"{console_server.url}/console/login", timeout=10)
    pre_cookie = http.cookies.get("console_session")
    done = http.post(f"{console_server.url}/console/login", allow_redirects=False, timeout=10,
                     data={"username": ADVISER[0], "password": ADVISER[1],
                           "csrf_token": csrf_from(form.text)})
    # THEN a new HttpOnly, SameSite=Strict cookie replaces the pre-session one
    set_cookie = done.headers["Set-Cookie"]
    assert done.status_code == 302
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    assert "Path=/console" in set_cookie
    assert http.cookies.get("console_session") != pre_cookie
    assert "frame-ancestors 'none'" in done.headers["Content-Security-Policy"]


def test_login_without_csrf_token_is_rejected(console_server):
    # GIVEN a pre-session WHEN the form is posted without its token (or a wrong one)
    http = requests.Session()
    http.get(f"{console_server.url}/console/login", timeout=10)
    for token in ("", "wrong"):
        response = http.post(f"{console_server.url}/console/login", allow_redirects=False,
                             timeout=10, data={"username": ADVISER[0], "password": ADVISER[1],
                                               "csrf_token": token})
        # THEN it is refused
        assert response.status_code == 403


def test_post_without_csrf_token_is_rejected_even_when_logged_in(console_server):
    # GIVEN a logged-in adviser
    http = console_server.login()
    url = f"{console_server.url}/console/conversations/{console_server.filter_sender}/tags"
    # WHEN posting a tag without token, with a wrong token, and with the right header
    missing = http.post(url, data={"tag": "zonder-token"}, allow_redirects=False, timeout=10)
    wrong = http.post(url, data={"tag": "fout-token", "csrf_token": "x"}, allow_redirects=False,
                      timeout=10)
    page = http.get(f"{console_server.url}/console", timeout=10)
    ok = http.post(url, data={"tag": "met-header"}, allow_redirects=False, timeout=10,
                   headers={"X-CSRF-Token": csrf_from(page.text)})
    # THEN only the request carrying the token is accepted
    assert (missing.status_code, wrong.status_code, ok.status_code) == (403, 403, 302)
    transcript = http.get(url.removesuffix("/tags"), timeout=10).text
    assert "met-header" in transcript and "zonder-token" not in transcript


def test_api_lists_conversations_in_the_contract_shape(console_server):
    http = console_server.login()
    body = http.get(f"{console_server.url}/console/api/conversations",
                    params={"channel": "telegram", "campaign": "energie-2026",
                            "region": "limburg", "sector": "defensie"}, timeout=10).json()
    assert body["total"] == 1
    item = body["items"][0]
    assert set(item) == {"sender_id", "started_at", "channel", "campaign", "region", "sector",
                         "outcome", "turns", "adviser_consent"}
    assert item["sender_id"] == console_server.filter_sender
    assert item["outcome"] == "recommendations_given"
    assert item["channel"] == "telegram"


def test_api_paging_and_total(console_server):
    http = console_server.login()
    page1 = http.get(f"{console_server.url}/console/api/conversations",
                     params={"per_page": 10, "page": 1}, timeout=10).json()
    page2 = http.get(f"{console_server.url}/console/api/conversations",
                     params={"per_page": 10, "page": 2}, timeout=10).json()
    assert page1["total"] == page2["total"] >= 60
    assert len(page1["items"]) == 10
    assert not {i["sender_id"] for i in page1["items"]} & {i["sender_id"] for i in page2["items"]}


def test_api_transcript_has_payloads_slots_and_nlu_confidence(console_server):
    http = console_server.login()
    body = http.get(f"{console_server.url}/console/api/conversations/"
                    f"{console_server.handover_sender}", timeout=10).json()
    users_ = [t for t in body["turns"] if t["kind"] == "user"]
    payloads = {t["payload"]["type"] for t in body["turns"] if t.get("payload")}
    assert body["outcome"] == "handover_requested"
    assert all(isinstance(u["confidence"], float) and u["intent"] for u in users_)
    assert {"recommendations", "routes", "funding", "next_steps", "profile_summary"} <= payloads
    assert body["slots"]["handover_requested"] is True
    assert "06-12345678" not in json.dumps(body)  # masked outside the handover page
    missing = http.get(f"{console_server.url}/console/api/conversations/nope", timeout=10)
    assert missing.status_code == 404


@pytest.mark.parametrize("value", [
    "' OR '1'='1", "1; DROP TABLE events; --", "%", "_", "\\", "<script>alert(1)</script>",
    "\u0000", "x" * 600,
], ids=["or-true", "drop-table", "percent", "underscore", "backslash", "script", "nul", "long"])
def test_injection_attempts_in_filters_are_harmless(console_server, value):
    # GIVEN hostile values in every filter
    http = console_server.login()
    params = {name: value for name in ("from", "to", "channel", "campaign", "region", "sector",
                                       "outcome", "q", "page", "per_page", "tag")}
    # WHEN listing via API and page
    api = http.get(f"{console_server.url}/console/api/conversations", params=params, timeout=10)
    page = http.get(f"{console_server.url}/console", params=params, timeout=10)
    # THEN nothing breaks, nothing matches, nothing is reflected as markup
    assert api.status_code == 200 and api.json()["total"] == 0
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    # AND the data is still all there
    all_ = http.get(f"{console_server.url}/console/api/conversations", timeout=10).json()
    assert all_["total"] >= 60


def test_script_in_user_messages_is_shown_inert(console_server):
    http = console_server.login()
    page = http.get(f"{console_server.url}/console/conversations/{console_server.xss_sender}",
                    timeout=10)
    listing = http.get(f"{console_server.url}/console", params={"campaign": "xss-campagne"},
                       timeout=10)
    for html in (page.text, listing.text):
        assert "<script>window.pwned" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in html
    assert XSS_TEXT.endswith("wil lassen")


def test_handover_detail_shows_contact_in_full_and_audits_it(console_server):
    http = console_server.login()
    queue = http.get(f"{console_server.url}/console/handovers", timeout=10).text
    detail = http.get(f"{console_server.url}/console/handovers/{console_server.handover_sender}",
                      timeout=10).text
    # the queue links the handover by its opaque reference, never by the session id
    assert reference(console_server.handover_sender) in queue
    assert console_server.handover_sender not in queue
    assert CONTACT in detail
    assert "Leeftijd: vraagt of die niet te oud is." in detail
    # audited under a pseudonym of the sender id, never the id itself
    viewed = [t for u, a, t in _audit_actions(console_server) if (u, a) == (ADVISER[0],
                                                                          "view_contact")]
    assert viewed and all(t.startswith("p:") and t != console_server.handover_sender
                          for t in viewed)


def test_export_is_masked_filtered_and_audited(console_server):
    http = console_server.login()
    params = {"outcome": "handover_requested"}
    csv_text = http.get(f"{console_server.url}/console/export.csv", params=params,
                        timeout=10).text
    data = http.get(f"{console_server.url}/console/export.json", params=params, timeout=10)
    assert csv_text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff")), delimiter=";"))
    assert rows and all(r["outcome"] == "handover_requested" for r in rows)
    assert data.json()["total"] == len(rows)
    assert "attachment" in data.headers["Content-Disposition"]
    actions = [a for _, a, _ in _audit_actions(console_server)]
    assert "export_csv" in actions and "export_json" in actions


def test_views_and_logins_are_audited(console_server):
    http = console_server.login(ADMIN)
    http.get(f"{console_server.url}/console/conversations/{console_server.filter_sender}",
             timeout=10)
    entries = _audit_actions(console_server)
    assert (ADMIN[0], "login", None) in entries
    # the sender id is kept only as a pseudonym (it can identify a person)
    views = [t for u, a, t in entries if (u, a) == (ADMIN[0], "view")]
    assert views and all(t.startswith("p:") for t in views)
    assert not [t for _u, _a, t in entries if t and console_server.filter_sender in t]
    audit_page = http.get(f"{console_server.url}/console/audit", timeout=10)
    assert audit_page.status_code == 200 and "view" in audit_page.text


def test_audit_log_and_erasure_are_for_admins_only(console_server):
    http = console_server.login(ADVISER)
    token = csrf_from(http.get(f"{console_server.url}/console", timeout=10).text)
    assert http.get(f"{console_server.url}/console/audit", timeout=10).status_code == 403
    refused = http.post(f"{console_server.url}/console/conversations/"
                        f"{console_server.erase_sender}/erase", data={"csrf_token": token},
                        timeout=10)
    assert refused.status_code == 403
    still = http.get(f"{console_server.url}/console/api/conversations/"
                     f"{console_server.erase_sender}", timeout=10)
    assert still.status_code == 200


def test_admin_erases_one_conversation_everywhere(console_server):
    # GIVEN an admin and a conversation that has a tag
    http = console_server.login(ADMIN)
    sender = console_server.erase_sender
    token = csrf_from(http.get(f"{console_server.url}/console", timeout=10).text)
    http.post(f"{console_server.url}/console/conversations/{sender}/tags",
              data={"csrf_token": token, "tag": "wissen"}, timeout=10)
    # WHEN the admin erases it
    done = http.post(f"{console_server.url}/console/conversations/{sender}/erase",
                     data={"csrf_token": token}, timeout=10, allow_redirects=False)
    # THEN it is gone from the tracker store, the list, and the console tables; and audited
    assert done.status_code == 302
    assert http.get(f"{console_server.url}/console/api/conversations/{sender}",
                    timeout=10).status_code == 404
    listed = http.get(f"{console_server.url}/console/api/conversations",
                      params={"campaign": "wis-mij"}, timeout=10).json()
    assert listed["total"] == 0
    engine = sa.create_engine(console_server.tracker_url, future=True)
    with engine.connect() as conn:
        left = conn.exec_driver_sql("SELECT count(*) FROM events WHERE sender_id = ?",
                                    (sender,)).scalar()
    engine.dispose()
    assert left == 0
    erased = [t for u, a, t in _audit_actions(console_server) if (u, a) == (ADMIN[0], "erase")]
    assert erased and sender not in erased and erased[0].startswith("p:")


def test_login_is_rate_limited_per_username_and_address(console_server):
    # GIVEN a username that fails five times
    name = "ratelimit-" + uuid.uuid4().hex[:6]
    http = requests.Session()
    codes = []
    for _ in range(6):
        token = csrf_from(http.get(f"{console_server.url}/console/login", timeout=10).text)
        codes.append(http.post(f"{console_server.url}/console/login", timeout=10,
                               data={"username": name, "password": "wrong-password",
                                     "csrf_token": token}).status_code)
    # THEN the sixth attempt is blocked (429) and the failures are audited
    assert codes == [401] * 5 + [429]
    assert (name, "login_blocked", None) in _audit_actions(console_server)
    # AND another user from the same address can still log in
    assert console_server.login(ADVISER)


def test_logout_ends_the_session(console_server):
    http = console_server.login()
    token = csrf_from(http.get(f"{console_server.url}/console", timeout=10).text)
    old_cookie = http.cookies.get("console_session")
    http.post(f"{console_server.url}/console/logout", data={"csrf_token": token}, timeout=10)
    again = requests.get(f"{console_server.url}/console/api/conversations", timeout=10,
                         cookies={"console_session": old_cookie})
    assert again.status_code == 401


def test_cli_refuses_an_unknown_role_and_a_duplicate_user(console_server):
    bad = console_server.cli("create-user", "x", "--role", "root", "--password-stdin",
                             stdin="long-enough-pw\n")
    dup = console_server.cli("create-user", ADVISER[0], "--role", "adviser",
                             "--password-stdin", stdin="long-enough-pw\n")
    assert bad.returncode != 0
    assert dup.returncode == 1 and "bestaat al" in dup.stderr


def test_login_form_visits_do_not_write_sessions(console_server):
    # GIVEN the number of stored sessions
    engine = sa.create_engine(console_server.console_url, future=True)

    def stored() -> int:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM console_sessions")).scalar()

    before = stored()
    # WHEN anonymous visitors load the login form many times
    for _ in range(20):
        requests.get(f"{console_server.url}/console/login", timeout=10)
    # THEN nothing was written (pre-login sessions are stateless)
    assert stored() == before
    engine.dispose()


def test_web_server_applies_retention_by_itself(console_server):
    # GIVEN the server started with a conversation that ended 120 days ago (RETENTION_DAYS=90)
    http = console_server.login()

    def expired_listed() -> int:
        return http.get(f"{console_server.url}/console/api/conversations",
                        params={"campaign": "oud-gesprek"}, timeout=10).json()["total"]

    # WHEN its periodic retention task has run (first run 1 s after start in tests)
    deadline = time.monotonic() + 30
    while expired_listed() and time.monotonic() < deadline:
        time.sleep(0.5)  # polling a background task with a deadline
    # THEN the old conversation is gone and the run is in the audit log
    assert expired_listed() == 0
    assert (None, "retention", None) in _audit_actions(console_server)
