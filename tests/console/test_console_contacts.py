"""Regional contacts in the console (issue 23), end to end against the real web server:
admins edit through the JSON API, the page form and a CSV import; advisers only look;
every change is audited; the knowledge API's next answer uses the edit without a restart."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from console.db import audit
from knowledge import api, steps
from knowledge.contacts import ContactStore
from tests.console.conftest import ADMIN, ADVISER, ConsoleServer, csrf_from
from tests.knowledge.conftest import REAL_DATA, make_settings


def _token(http: requests.Session, server: ConsoleServer) -> str:
    return csrf_from(http.get(f"{server.url}/console/contacts", timeout=10).text)


def _put(http: requests.Session, server: ConsoleServer, contact_id: str, body: dict,
         token: str | None) -> requests.Response:
    headers = {"X-CSRF-Token": token} if token else {}
    return http.put(f"{server.url}/console/api/contacts/{contact_id}", json=body,
                    headers=headers, timeout=10)


def _audit(server: ConsoleServer, action: str) -> list[sa.Row]:
    engine = sa.create_engine(server.console_url, future=True)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(audit).where(audit.c.action == action)).all()
    engine.dispose()
    return rows


@pytest.fixture(scope="module")
def bot_kb(console_server: ConsoleServer, tmp_path_factory: pytest.TempPathFactory):
    """The knowledge base an action server would hold, reading contacts from the console
    database the web server writes to (real data files, no ESCO: faster, same contacts)."""
    settings = make_settings(REAL_DATA, tmp_path_factory.mktemp("bot-kb"), esco=False)
    settings = settings.__class__(**{**settings.__dict__,
                                     "contacts_database_url": console_server.console_url})
    return api.open_knowledge_base(settings)


def test_an_admin_edit_over_the_api_is_audited_and_used_in_the_next_answer(
        console_server: ConsoleServer, bot_kb) -> None:
    http = console_server.login(ADMIN)
    listed = http.get(f"{console_server.url}/console/api/contacts", timeout=10).json()
    assert any(item["id"] == "desk_zeeland" for item in listed["items"])
    # GIVEN a bot answer for Middelburg from the shipped data
    assert "aandeslaginzeeland.nl" in steps.contact_for(bot_kb, {"municipality":
                                                                 "Middelburg"})["url"]
    # WHEN an admin changes Zeeland's desk through the JSON API (with the CSRF header)
    done = _put(http, console_server, "desk_zeeland",
                {"name": "Werkcentrum Zeeland", "url": "https://werkcentrum-zeeland.example",
                 "checked_at": "2026-12-04"}, _token(http, console_server))
    assert done.status_code == 200, done.text
    assert done.json()["item"]["changed_by"] == ADMIN[0]
    # THEN the already running knowledge base gives the new desk in its next answer
    payload = steps.next_steps(bot_kb, {"municipality": "Middelburg"}, "lasser")
    assert payload["contact"]["url"] == "https://werkcentrum-zeeland.example"
    assert any("Werkcentrum Zeeland" in s for s in payload["steps"])
    # AND the audit log says who changed which fields
    entry = _audit(console_server, "edit_contact")[-1]
    assert entry.username == ADMIN[0] and "url:" in entry.detail and "name:" in entry.detail


def test_the_api_refuses_advisers_missing_csrf_and_bad_values(
        console_server: ConsoleServer) -> None:
    adviser = console_server.login(ADVISER)
    assert adviser.get(f"{console_server.url}/console/api/contacts", timeout=10).ok
    refused = _put(adviser, console_server, "desk_zeeland", {"phone": "0118-000000"},
                   _token(adviser, console_server))
    assert refused.status_code == 403
    admin = console_server.login(ADMIN)
    assert _put(admin, console_server, "desk_zeeland", {"phone": "1"}, None).status_code == 403
    token = _token(admin, console_server)
    bad = _put(admin, console_server, "desk_zeeland", {"url": "geen adres"}, token)
    assert bad.status_code == 400 and "url" in bad.json()["problems"][0]
    assert _put(admin, console_server, "bestaat_niet", {"phone": "1"}, token).status_code == 404
    anonymous = requests.put(f"{console_server.url}/console/api/contacts/desk_zeeland",
                             json={"phone": "1"}, timeout=10)
    assert anonymous.status_code == 401


def test_an_admin_edits_a_contact_on_the_page_and_advisers_cannot(
        console_server: ConsoleServer, bot_kb) -> None:
    admin = console_server.login(ADMIN)
    form_page = admin.get(f"{console_server.url}/console/contacts/desk_drenthe", timeout=10)
    assert form_page.status_code == 200 and 'name="walk_in"' in form_page.text
    fields = {"csrf_token": csrf_from(form_page.text), "name": "Werkcentrum Drenthe",
              "kind": "werkcentrum", "audience": ["werkzoekenden", "werkenden"],
              "labour_market_regions": "drenthe", "provinces": "drenthe",
              "url": "https://werkcentrum-drenthe.example", "phone": "", "address": "",
              "walk_in": "true", "hours": "", "details_date": "2026-11-30",
              "description": "", "source": "telefoon met de gemeente Assen",
              "checked_at": "2026-12-04"}
    saved = admin.post(f"{console_server.url}/console/contacts/desk_drenthe", data=fields,
                       allow_redirects=False, timeout=10)
    assert saved.status_code == 302
    contact = steps.contact_for(bot_kb, {"municipality": "Emmen"})
    assert contact["url"] == "https://werkcentrum-drenthe.example" and contact["walk_in"]
    assert any(r.target for r in _audit(console_server, "edit_contact"))
    adviser = console_server.login(ADVISER)
    denied = adviser.post(f"{console_server.url}/console/contacts/desk_drenthe",
                          data={**fields, "csrf_token": _token(adviser, console_server)},
                          allow_redirects=False, timeout=10)
    assert denied.status_code == 403


def test_csv_export_and_import_update_in_bulk_all_or_nothing(
        console_server: ConsoleServer, tmp_path: Path) -> None:
    admin = console_server.login(ADMIN)
    exported = admin.get(f"{console_server.url}/console/contacts/export.csv", timeout=10)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert {"desk_flevoland", "knooppunt_techniek"} <= {r["id"] for r in rows}
    for row in rows:
        if row["id"] == "desk_flevoland":
            row["url"] = "https://werkcentrum-flevoland.example"

    def upload(data: list[dict[str, str]]) -> requests.Response:
        out = io.StringIO()
        writer = csv.DictWriter(out, list(data[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
        return admin.post(f"{console_server.url}/console/contacts/import",
                          data={"csrf_token": _token(admin, console_server)},
                          files={"file": ("contacten.csv", out.getvalue().encode())},
                          allow_redirects=False, timeout=10)

    assert upload(rows).status_code == 302
    store = ContactStore.open(console_server.console_url)
    assert store.get("desk_flevoland")["url"] == "https://werkcentrum-flevoland.example"
    assert _audit(console_server, "import_contact")
    broken = [dict(r, kind="loket") if r["id"] == "desk_friesland" else r for r in rows]
    broken[0] = dict(broken[0], phone="0000")
    failed = upload(broken)
    assert failed.status_code == 400 and "kind" in failed.text
    assert store.get(broken[0]["id"])["phone"] != "0000"  # nothing of a failed import


def test_the_dashboard_lists_dead_links_and_the_contacts_page_marks_them(
        console_server: ConsoleServer) -> None:
    store = ContactStore.open(console_server.console_url)
    store.record_links([{"url": "https://www.aandeslaginzeeland.nl", "ok": False,
                         "status": 404, "error": ""},
                        {"url": "https://werkcentrum-flevoland.example", "ok": False,
                         "status": None, "error": "ConnectionError"}])
    admin = console_server.login(ADMIN)
    dashboard = admin.get(f"{console_server.url}/console/dashboard", timeout=10).text
    assert "werkcentrum-flevoland.example" in dashboard and 'id="dead-links"' in dashboard
    listing = admin.get(f"{console_server.url}/console/contacts", timeout=10).text
    assert "link werkt niet" in listing
