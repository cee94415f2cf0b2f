"""Learning inbox over HTTP on the real web server (issue 25): login, consent scope, masking,
annotation with CSRF and roles, the HTML form, the dashboard trend and the CLI export."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa
from rasa.shared.nlu.training_data.loading import load_data

from console.db import audit
from testing.conversation_factory import _Builder, create_tracker_db, write
from tests.console.conftest import ADMIN, ADVISER, ConsoleServer, csrf_from

CAMPAIGN = "leren-2026"
READABLE = "Ik werk als kassière bij de Jumbo, bel 06-12345678 of mail k.jansen@example.nl"
HIDDEN = "zoef zoef zonder toestemming"


def _conversation(seed: int, consent: str | None, text: str) -> _Builder:
    b = _Builder(f"learn-http-{seed}-{time.time_ns()}", time.time() - 120, "web", CAMPAIGN,
                 "utrecht", random.Random(seed))
    b.session_start()
    if consent:
        b.slot("adviser_consent", consent)
    b.user(text, "nlu_fallback", 0.3)
    b.bot("Sorry, dat begreep ik niet. Kies een van de knoppen.", "utter_default",
          custom={"type": "fallback"})
    b.listen()
    return b


@pytest.fixture(scope="module")
def seeded(console_server: ConsoleServer) -> ConsoleServer:
    engine = create_tracker_db(console_server.tracker_url)
    write(engine, _conversation(1, "ja", READABLE).done(),
          _conversation(2, None, HIDDEN).done())
    engine.dispose()
    return console_server


def _items(http: requests.Session, server: ConsoleServer) -> list[dict]:
    answer = http.get(f"{server.url}/console/api/learn", params={"status": "all",
                                                                 "per_page": 200}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def _mine(items: list[dict]) -> dict:
    (item,) = (i for i in items if "kassière" in i["text"])
    return item


def _csrf(http: requests.Session, server: ConsoleServer) -> str:
    return csrf_from(http.get(f"{server.url}/console/learn", timeout=30).text)


def test_the_inbox_needs_a_login(seeded):
    assert requests.get(f"{seeded.url}/console/api/learn", timeout=10).status_code == 401
    page = requests.get(f"{seeded.url}/console/learn", timeout=10, allow_redirects=False)
    assert page.status_code == 302 and "/console/login" in page.headers["Location"]


def test_an_adviser_sees_the_readable_message_masked_and_not_the_other(seeded):
    # GIVEN a not-understood message with consent and one without any answer
    adviser = seeded.login(ADVISER)
    # WHEN the adviser asks for the inbox
    items = _items(adviser, seeded)
    texts = " ".join(i["text"] for i in items)
    item = _mine(items)
    # THEN the readable one is there with its signal, without phone or e-mail; the other is not
    assert item["signals"] == ["fallback"]
    assert item["reading"]["intent"] == "nlu_fallback"
    assert "06-12345678" not in texts and "example.nl" not in texts
    assert "[telefoon verborgen]" in item["text"]
    assert HIDDEN not in texts
    # AND an admin sees both
    assert HIDDEN in " ".join(i["text"] for i in _items(seeded.login(ADMIN), seeded))


def test_a_correction_needs_the_csrf_token_and_waits_for_an_admin(seeded):
    adviser = seeded.login(ADVISER)
    item = _mine(_items(adviser, seeded))
    body = {"intent": "inform", "entities": [
        {"entity": "job", "value": "kassamedewerker", "start": 12, "end": 20}],
        "approved": True}
    url = f"{seeded.url}/console/api/learn/{item['id']}"
    # WHEN the adviser posts without the token THEN it is refused
    assert adviser.post(url, json=body, timeout=10).status_code == 403
    # WHEN the adviser posts with it THEN it is stored, waiting for review
    saved = adviser.post(url, json=body, headers={"X-CSRF-Token": _csrf(adviser, seeded)},
                         timeout=10)
    assert saved.status_code == 200, saved.text
    assert saved.json()["status"] == "pending"
    assert saved.json()["annotation"]["annotated_by"] == ADVISER[0]
    # WHEN an admin posts the same THEN it is approved at once
    admin = seeded.login(ADMIN)
    done = admin.post(url, json=body, headers={"X-CSRF-Token": _csrf(admin, seeded)}, timeout=10)
    assert done.json()["status"] == "approved"
    # AND both are in the audit log under their names
    engine = sa.create_engine(seeded.console_url, future=True)
    with engine.connect() as conn:
        who = {r.username for r in conn.execute(
            sa.select(audit.c.username).where(audit.c.action == "learn_annotate"))}
    engine.dispose()
    assert {ADVISER[0], ADMIN[0]} <= who


def test_a_wrong_correction_or_a_hidden_message_is_refused(seeded):
    adviser = seeded.login(ADVISER)
    token = {"X-CSRF-Token": _csrf(adviser, seeded)}
    item = _mine(_items(adviser, seeded))
    bad = adviser.post(f"{seeded.url}/console/api/learn/{item['id']}",
                       json={"intent": "dansen"}, headers=token, timeout=10)
    assert bad.status_code == 400 and "intent" in bad.json()["error"]
    admin_items = _items(seeded.login(ADMIN), seeded)
    (hidden,) = (i for i in admin_items if i["text"] == HIDDEN)
    gone = adviser.post(f"{seeded.url}/console/api/learn/{hidden['id']}",
                        json={"intent": "out_of_scope"}, headers=token, timeout=10)
    assert gone.status_code == 404


def test_the_page_form_saves_a_correction_and_an_admin_approves_it(seeded):
    # GIVEN the adviser's inbox page with the message and its form
    adviser = seeded.login(ADVISER)
    html = adviser.get(f"{seeded.url}/console/learn", params={"status": "all"}, timeout=30).text
    item = _mine(_items(adviser, seeded))
    assert f'id="bericht-{item["id"]}"' in html and "Woorden in het bericht" in html
    # WHEN the adviser corrects it with the lists (sector from the contract's value set)
    form = {"csrf_token": csrf_from(html), "verdict": "wrong", "intent": "inform",
            "value_job": "kassière", "value_sector": "retail", "words_sector": "Jumbo"}
    sent = adviser.post(f"{seeded.url}/console/learn/{item['id']}", data=form, timeout=10,
                        allow_redirects=False)
    # THEN it is saved and waits for an admin
    assert sent.status_code == 302, sent.text
    stored = _mine(_items(adviser, seeded))["annotation"]
    assert stored["approved"] is False
    assert [(e["entity"], e["value"]) for e in stored["entities"]] == [
        ("job", "kassière"), ("sector", "retail")]
    # WHEN an admin presses the approve button THEN it is approved
    admin = seeded.login(ADMIN)
    admin_html = admin.get(f"{seeded.url}/console/learn", params={"status": "pending"},
                           timeout=30).text
    assert "Verbetering goedkeuren" in admin_html
    ok = admin.post(f"{seeded.url}/console/learn/{item['id']}", timeout=10,
                    allow_redirects=False,
                    data={"csrf_token": csrf_from(admin_html), "action": "approve"})
    assert ok.status_code == 302
    assert _mine(_items(admin, seeded))["annotation"]["approved"] is True


def test_the_dashboard_shows_the_misunderstood_share(seeded):
    admin = seeded.login(ADMIN)
    html = admin.get(f"{seeded.url}/console/dashboard", params={"campaign": CAMPAIGN},
                     timeout=30).text
    share = re.search(r'id="misunderstood-share">(\d+)%<', html)
    assert share and share.group(1) == "100"
    assert "niet begrepen bericht per week" in html and "niet-begrepen-campagne" in html
    assert CAMPAIGN in html.split("niet-begrepen-campagne")[1]


def test_export_training_writes_the_approved_correction_without_personal_data(
        seeded, tmp_path: Path):
    # GIVEN an approved correction of the message with a phone number and e-mail address
    admin = seeded.login(ADMIN)
    item = _mine(_items(admin, seeded))
    admin.post(f"{seeded.url}/console/api/learn/{item['id']}", timeout=10,
               headers={"X-CSRF-Token": _csrf(admin, seeded)},
               json={"intent": "inform", "entities": [
                   {"entity": "job", "value": "kassamedewerker", "words": "kassière"}]})
    # WHEN the command line exports the training data
    out, test_out = tmp_path / "nlu_learned.yml", tmp_path / "nlu_learned_test.yml"
    done = seeded.cli("export-training", "--out", str(out), "--test-out", str(test_out))
    assert done.returncode == 0, done.stderr
    # THEN Rasa reads the corrected example, and no contact detail is in the file
    text = out.read_text(encoding="utf-8")
    examples = {e.get("text"): e for e in load_data(str(out)).training_examples}
    example = examples["Ik werk als kassière bij de Jumbo, bel mijn nummer of mail mijn mailadres"]
    assert [(e["entity"], e["value"]) for e in example.get("entities")] == [
        ("job", "kassamedewerker")]
    assert "12345678" not in text and "@" not in text and "verborgen" not in text
