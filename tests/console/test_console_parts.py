"""Masking, CSV safety, dossier, transcript, accounts and throttling."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa

from console.auth import LoginThrottle, UserError, create_user, verify_user
from console.db import console_engine, users
from console.dossier import build_dossier
from console.export import safe_cell, to_csv, to_json
from console.masking import mask_pii
from console.transcript import build_transcript
from conversation_store import EventRow, replay_slots
from testing.conversation_factory import ConversationFactory


def test_phone_numbers_and_email_addresses_are_masked():
    # GIVEN texts with Dutch phone numbers and e-mail addresses
    text = "Bel 06-12345678 of +31 6 1234 5678, mail piet.de.vries@mail.example.nl"
    # WHEN masked
    masked = mask_pii(text)
    # THEN none of them is left, the rest of the sentence is
    assert "12345678" not in masked and "5678" not in masked
    assert "piet" not in masked and "@" not in masked
    assert masked.startswith("Bel [telefoon verborgen] of [telefoon verborgen], mail")


def test_dates_and_amounts_are_not_taken_for_phone_numbers():
    assert mask_pii("op 12-03-2026 voor 2.500 euro") == "op 12-03-2026 voor 2.500 euro"


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_that_could_run_as_formulas_are_neutralised(cell):
    assert safe_cell(cell) == "'" + cell


def test_csv_export_masks_preview_and_is_injection_safe():
    # GIVEN a list item whose first message is a formula with a phone number
    item = {"sender_id": "=cmd|' /C calc'!A0", "started_at": 1772366400.0, "channel": "web",
            "campaign": "@x", "region": None, "sector": None, "outcome": "abandoned",
            "turns": 3, "fallbacks": 0, "recommended": None, "follow_up": None,
            "handover_status": None, "preview": "=1+1 bel 0612345678"}
    # WHEN exported as CSV and JSON
    text = to_csv([item])
    # (for Dutch Excel: UTF-8 with a byte-order mark, fields separated by ";")
    assert text.startswith("\ufeffreference;started_at;")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    data = json.loads(to_json([item], 1))
    # THEN formulas are quoted and the phone number is masked in both
    # (the session id never leaves: an opaque reference stands in its place)
    assert rows[1][0].startswith("r-") and "calc" not in text
    assert rows[1][3] == "'@x"
    assert rows[1][-1] == "'=1+1 bel [telefoon verborgen]"
    assert data["items"][0]["preview"] == "=1+1 bel [telefoon verborgen]"
    assert data["items"][0]["started_at"] == "2026-03-01T12:00:00+00:00"


def _rows(events):
    return [EventRow(i + 1, "s", e["event"], e.get("timestamp"), None, None, e)
            for i, e in enumerate(events)]


def test_transcript_marks_low_confidence_and_fallback_turns_and_keeps_payloads():
    # GIVEN a conversation with one unclear message, one not understood, and advice payloads
    conv = ConversationFactory().conversation(low_confidence_turns=1, fallback_turns=1,
                                              outcome="steps_given")
    # WHEN turned into a transcript
    t = build_transcript(_rows(conv.events))
    users_ = [x for x in t["turns"] if x["kind"] == "user"]
    payloads = [x["payload"]["type"] for x in t["turns"] if x["kind"] == "bot" and x["payload"]]
    # THEN NLU confidence is per user message and the unclear turns are flagged
    assert all(u["confidence"] is not None for u in users_)
    assert sum(u["low_confidence"] for u in users_) >= 1
    assert sum(u["fallback"] for u in users_) == 1
    assert payloads == ["fallback", "profile_summary", "recommendations", "routes", "funding",
                        "next_steps"]
    assert t["slots"]["region"] == "gelderland"


def test_transcript_masks_contact_details_unless_asked_not_to():
    # GIVEN a handover where the person left an e-mail address
    conv = ConversationFactory().conversation(outcome="handover_requested",
                                              handover_contact="mail a.b@example.org")
    masked = build_transcript(_rows(conv.events))
    full = build_transcript(_rows(conv.events), mask=False)
    # THEN the shown parts (turns, profile) never contain the address
    assert "a.b@example.org" not in json.dumps([masked["turns"], masked["slots"]])
    assert full["slots"]["handover_contact"] == "mail a.b@example.org"


def test_dossier_summarises_profile_shortlist_and_worries_in_plain_dutch():
    # GIVEN a handover after questions about age, language and money
    conv = ConversationFactory().conversation(
        outcome="handover_requested", sector="horeca", region="overijssel",
        faq_topics=("leeftijd", "taalniveau", "kosten", "fysiek"))
    slots = replay_slots(conv.events)
    # WHEN the dossier is built
    d = build_dossier(conv.events, slots)
    # THEN it names job, sector, region, interests, shortlist and the worries
    text = " ".join(d["lines"])
    assert "kok (horeca)" in text
    assert "provincie Overijssel" in text
    assert "met je handen werken" in text
    assert len(d["recommended"]) == 3
    assert d["blockers"] == [
        "Leeftijd: vraagt of die niet te oud is.", "Taal: twijfelt over het Nederlands.",
        "Geld: vraagt naar kosten, salaris of inkomen tijdens het leren.",
        "Lichaam: vraagt of het werk zwaar is."]
    assert d["consent"] is True and d["contact_preference"]
    assert len(d["next_steps"]) == 3


def test_passwords_are_stored_as_argon2_hashes_and_verified(console_settings):
    engine = console_engine(console_settings.database_url)
    create_user(engine, "ria", "lang-genoeg-1", "adviser")
    with engine.connect() as conn:
        stored = conn.execute(sa.select(users.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and "lang-genoeg-1" not in stored
    assert verify_user(engine, "ria", "lang-genoeg-1").role == "adviser"
    assert verify_user(engine, "ria", "fout-wachtwoord") is None
    assert verify_user(engine, "niemand", "lang-genoeg-1") is None
    with pytest.raises(UserError):
        create_user(engine, "ria", "lang-genoeg-2", "adviser")
    with pytest.raises(UserError):
        create_user(engine, "kees", "kort", "adviser")
    with pytest.raises(UserError):
        create_user(engine, "kees", "lang-genoeg-3", "root")


def test_login_throttle_blocks_after_five_failures_per_user_and_address(console_settings):
    engine = console_engine(console_settings.database_url)
    throttle = LoginThrottle(engine, "k", max_failures=5, window=900)
    for _ in range(5):
        assert not throttle.blocked("ria", "1.2.3.4")
        throttle.fail("ria", "1.2.3.4")
    assert throttle.blocked("ria", "1.2.3.4")
    assert not throttle.blocked("ria", "5.6.7.8")
    assert not throttle.blocked("piet", "1.2.3.4")
    throttle.clear("ria", "1.2.3.4")
    assert not throttle.blocked("ria", "1.2.3.4")


def test_cookies_are_secure_only_behind_https(monkeypatch):
    from settings.sections import ConsoleSettings

    monkeypatch.setenv("PUBLIC_BASE_URL", "https://werkwijzer.example.nl")
    assert ConsoleSettings.from_env().secure_cookies is True
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost:8000")
    assert ConsoleSettings.from_env().secure_cookies is False


def test_settings_default_to_the_data_dir(monkeypatch, tmp_path):
    from settings.sections import ConsoleSettings

    for name in ("CONSOLE_DATABASE_URL", "TRACKER_STORE_URL", "TRACKER_DB", "RETENTION_DAYS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    settings = ConsoleSettings.from_env()
    assert settings.database_url == f"sqlite:///{tmp_path / 'console.db'}"
    assert settings.tracker_store_url == f"sqlite:///{tmp_path / 'tracker.db'}"
    assert settings.retention_days == 90


def test_audit_details_never_keep_contact_details(console_settings):
    from console import audit as audit_log

    engine = console_engine(console_settings.database_url)
    audit_log.record(engine, "ria", "view_list", detail='{"q": "0612345678 jan@example.nl"}')
    assert "0612345678" not in audit_log.recent(engine)[0]["detail"]
    assert "jan@example.nl" not in audit_log.recent(engine)[0]["detail"]
