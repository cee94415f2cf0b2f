"""Advisers read only what people allowed: the reading consent (slot adviser_consent) or a
request for help opens a transcript; aggregates stay complete; admins see all, audited.
The real web server with the console over a real SQLite tracker store."""

from __future__ import annotations

import csv
import io
import time

import sqlalchemy as sa

from console.db import audit
from console.handover_ref import reference
from testing.conversation_factory import ConversationFactory, create_tracker_db, write
from tests.console.conftest import ADMIN, ADVISER, ConsoleServer

CAMPAIGN = "prive-2026"
SECRET_TEXT = "mijn geheime overstapvraag"


def _people(server: ConsoleServer) -> dict[str, str]:
    f = ConversationFactory(seed=99)
    now = time.time() - 300
    convs = {
        "open": f.conversation(start=now, campaign=CAMPAIGN, adviser_consent="ja",
                               first_text=f"Hoi, {SECRET_TEXT}"),
        "private": f.conversation(start=now, campaign=CAMPAIGN, adviser_consent="alleen_hulp",
                                  first_text=f"Hoi, {SECRET_TEXT}"),
        "unasked": f.conversation(start=now, campaign=CAMPAIGN, adviser_consent=None,
                                  first_text=f"Hoi, {SECRET_TEXT}"),
        "helped": f.conversation(start=now, campaign=CAMPAIGN, adviser_consent="alleen_hulp",
                                 outcome="handover_requested", first_text=f"Hoi, {SECRET_TEXT}"),
    }
    engine = create_tracker_db(server.tracker_url)
    write(engine, *convs.values())
    engine.dispose()
    return {name: conv.sender_id for name, conv in convs.items()}


def test_advisers_see_only_what_was_allowed_admins_all_audited(console_server):
    ids = _people(console_server)
    base = f"{console_server.url}/console"
    adviser = console_server.login(ADVISER)
    # list and search: only the allowed conversation and the one that asked for help
    listed = adviser.get(f"{base}/api/conversations", params={"campaign": CAMPAIGN},
                         timeout=30).json()
    assert {i["sender_id"] for i in listed["items"]} == {ids["open"], ids["helped"]}
    found = adviser.get(f"{base}/api/conversations", params={"q": "geheime overstapvraag"},
                        timeout=30).json()
    assert {i["sender_id"] for i in found["items"]} == {ids["open"], ids["helped"]}
    # the export holds the same, never the others
    text = adviser.get(f"{base}/export.csv", params={"campaign": CAMPAIGN},
                       timeout=30).text.removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["reference"] for r in rows} == {reference(ids["open"]), reference(ids["helped"])}
    assert not any(sender in text for sender in ids.values())  # no session id in an export
    # transcripts: refused without consent or handover
    for name in ("private", "unasked"):
        api = adviser.get(f"{base}/api/conversations/{ids[name]}", timeout=30)
        page = adviser.get(f"{base}/conversations/{ids[name]}", timeout=30)
        assert api.status_code == 403 and page.status_code == 403, name
        assert SECRET_TEXT not in page.text
    helped = adviser.get(f"{base}/api/conversations/{ids['helped']}", timeout=30)
    assert helped.status_code == 200 and helped.json()["adviser_consent"] == "alleen_hulp"
    shown = adviser.get(f"{base}/conversations/{ids['open']}", timeout=30).text
    assert "meelezen mag" in shown
    # aggregates stay complete: the dashboard counts every conversation
    assert adviser.get(f"{base}/dashboard", timeout=30).status_code == 200

    # admins see all, with the choice shown, and each opening without consent is audited
    admin = console_server.login(ADMIN)
    everyone = admin.get(f"{base}/api/conversations", params={"campaign": CAMPAIGN},
                         timeout=30).json()
    assert {i["sender_id"]: i["adviser_consent"] for i in everyone["items"]} == {
        ids["open"]: "ja", ids["private"]: "alleen_hulp", ids["unasked"]: None,
        ids["helped"]: "alleen_hulp"}
    page = admin.get(f"{base}/conversations/{ids['private']}", timeout=30)
    assert page.status_code == 200 and "alleen bij een hulpvraag" in page.text
    engine = sa.create_engine(console_server.console_url, future=True)
    with engine.connect() as conn:
        actions = [(u, a) for u, a in conn.execute(sa.select(audit.c.username, audit.c.action))]
    engine.dispose()
    assert (ADMIN[0], "admin_open_no_consent") in actions
    assert (ADVISER[0], "denied_no_consent") in actions
