"""Learning inbox (issue 25) on a real SQLite tracker store in Rasa's format: the signals,
masking before storage, grouping, consent scope, erasure, annotation rules and the export."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.shared.nlu.training_data.loading import load_data

from console.db import console_engine, learn_annotations, learn_items
from console.erasure import erase_console_rows, remember_database
from console.index import ConversationIndex
from console.learn import AnnotationError, LearnInbox, parse_annotation
from console.learn_export import build, neutralise
from console.learn_vocab import load as load_vocab
from console.masking import mask_personal
from conversation_store import open_store
from settings.sections import ConsoleSettings
from testing.conversation_factory import Conversation, _Builder, write

CANNOT = ("Die vraag kan ik nog niet goed beantwoorden. Het Werkcentrum in je regio of een "
          "adviseur kan je verder helpen.")
PERSONAL = [
    "Ik ben Jan de Vries, Kerkstraat 12, 7411 AB Deventer, bel 06-12345678",
    "mail me op fatima.el-amrani@example.nl of bel +31 6 1234 5678",
    "mijn naam is Piet Jansen en ik woon op Dorpsweg 3a in 1234AB",
    "postcode 9711 LM huisnummer 14, tel 0570-123456",
    "Groetjes, Anna Bakker (bsn 123456782)",
]


def conversation(start: float, consent: str | None = "ja", campaign: str = "leer-2026",
                 seed: int = 1) -> _Builder:
    b = _Builder(f"learn-{seed}-{start:.0f}", start, "web", campaign, "gelderland",
                 random.Random(seed))
    b.session_start()
    if consent:
        b.slot("adviser_consent", consent)
    return b


def every_signal(start: float) -> Conversation:
    """One conversation in which each signal happens once, plus a well understood question."""
    b = conversation(start)
    b.user("asdf qwerty", "nlu_fallback", 0.31)
    b.bot("Sorry, dat begreep ik niet.", "utter_default", custom={"type": "fallback"})
    b.listen()
    b.user("kan ik met een slechte rug in een windmolen", "faq", 0.88)
    b.bot(CANNOT, "action_answer_faq")
    b.listen()
    b.user("ik heb geen diploma", "faq", 0.81)
    b.bot("Zonder diploma kun je vaak beginnen met een BBL.", "action_answer_faq",
          custom={"type": "faq_answer", "topic": "geen_diploma"})
    b.listen()
    b.user("wat verdient een lasser?", "faq", 0.95)
    b.bot("Een lasser verdient ongeveer 2800 euro.", "action_answer_faq",
          custom={"type": "faq_answer", "topic": "salaris"})
    b.listen()
    b.action("profile_form")
    b.slot("requested_slot", "current_job")
    b.bot("Wat voor werk doe je nu?", "utter_ask_current_job")
    b.listen()
    b.user("van alles een beetje eigenlijk", "inform", 0.82)
    b.action("profile_form")
    b.slot("requested_slot", "current_job")
    b.bot("Wat voor werk doe je nu?", "utter_ask_current_job")
    b.listen()
    b.user("ik werk als kok", "inform", 0.9,
           entities=[{"entity": "job", "value": "kok", "start": 12, "end": 15}])
    b.slot("current_job", "kok")
    b.slot("requested_slot", "region")
    b.bot("Waar woon je?", "utter_ask_region")
    b.listen()
    b.user("tja weet ik veel", "inform", 0.42)
    b.bot("Kun je dat anders zeggen?", "utter_rephrase")
    b.listen()
    b.user("ik wil een mens spreken", "request_human", 0.96)
    b.action("action_handover_ask_consent")
    b.bot("Mag een adviseur contact met je opnemen?", "utter_ask_handover_consent")
    b.listen()
    return b.done()


@pytest.fixture
def inbox(console_settings: ConsoleSettings) -> LearnInbox:
    engine = console_engine(console_settings.database_url)
    assert engine is not None
    remember_database(console_settings.database_url)
    return LearnInbox(engine, open_store(console_settings.tracker_store_url))


def refreshed(inbox: LearnInbox) -> LearnInbox:
    ConversationIndex(inbox.engine, inbox.store).refresh()
    inbox.refresh()
    return inbox


def tracker(inbox: LearnInbox) -> sa.engine.Engine:
    return inbox.store.engine


def by_text(groups: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {g["text"]: g["signals"] for g in groups}


def test_every_kind_of_misunderstanding_lands_on_the_message_it_follows(inbox):
    # GIVEN a stored conversation in which each kind of trouble happens once
    write(tracker(inbox), every_signal(1_790_000_000.0))
    # WHEN the inbox reads the tracker store
    found = by_text(refreshed(inbox).groups(readable_only=True))
    # THEN each troubled message carries its own signal, and good turns are absent
    assert found == {
        "asdf qwerty": ["fallback"],
        "kan ik met een slechte rug in een windmolen": ["cannot_answer"],
        "ik heb geen diploma": ["faq_to_statement"],
        "van alles een beetje eigenlijk": ["asked_again"],
        "tja weet ik veel": ["low_confidence", "handover_after_misunderstanding"],
    }


def test_the_reading_shows_what_nlu_found_what_the_form_kept_and_the_reply(inbox):
    # GIVEN a conversation where the asked-again answer was followed by a good one
    write(tracker(inbox), every_signal(1_790_000_000.0))
    groups = {g["text"]: g for g in refreshed(inbox).groups(readable_only=True)}
    # WHEN the asked-again message and the FAQ-to-statement message are read
    again, faq = groups["van alles een beetje eigenlijk"], groups["ik heb geen diploma"]
    # THEN the reading holds intent, confidence, the open question and the bot's reply
    assert again["reading"]["intent"] == "inform"
    assert again["reading"]["confidence"] == 0.82
    assert again["reading"]["asked"] == "current_job"
    assert again["reading"]["answer"] == ["Wat voor werk doe je nu?"]
    assert faq["reading"]["answer_types"] == ["faq_answer"]


def test_personal_data_is_masked_before_anything_is_written(inbox):
    # GIVEN not-understood messages full of phone numbers, addresses, postcodes and names
    b = conversation(1_790_000_000.0)
    for text in PERSONAL:
        b.user(text, "nlu_fallback", 0.2)
        b.bot(f"Ik begreep niet: {text}", "utter_default", custom={"type": "fallback"})
        b.listen()
    write(tracker(inbox), b.done())
    # WHEN the inbox stores them
    refreshed(inbox)
    with inbox.engine.connect() as conn:
        stored = " ".join(f"{r.text} {r.reading}" for r in conn.execute(sa.select(learn_items)))
    # THEN none of the personal details is in the console database
    for secret in ("12345678", "1234 5678", "example.nl", "7411", "9711", "1234AB",
                   "Kerkstraat 12", "Dorpsweg 3a", "Jan de Vries", "Piet Jansen",
                   "Anna Bakker", "123456782", "0570"):
        assert secret not in stored
    assert "[telefoon verborgen]" in stored and "[postcode verborgen]" in stored


def test_similar_messages_are_one_group_counted_over_conversations(inbox):
    # GIVEN the same words, typed a little differently, in two conversations
    first, second = conversation(1_790_000_000.0, seed=1), conversation(1_790_000_500.0, seed=2)
    for b, text in ((first, "Asdf qwerty!"), (second, "asdf   qwerty")):
        b.user(text, "nlu_fallback", 0.3)
        b.bot("Sorry, dat begreep ik niet.", "utter_default", custom={"type": "fallback"})
    write(tracker(inbox), first.done(), second.done())
    # WHEN the inbox groups them
    groups = refreshed(inbox).groups(readable_only=True)
    # THEN they are one item with the newest wording, seen twice in two conversations
    assert [(g["text"], g["count"], g["conversations"]) for g in groups] == [
        ("asdf   qwerty", 2, 2)]


def test_advisers_only_see_messages_from_conversations_they_may_read(inbox):
    # GIVEN one conversation with reading consent and one without any answer
    allowed, unasked = conversation(1_790_000_000.0, seed=3), conversation(
        1_790_000_100.0, consent=None, seed=4)
    allowed.user("plof plof", "nlu_fallback", 0.2)
    unasked.user("geheim geheim", "nlu_fallback", 0.2)
    write(tracker(inbox), allowed.done(), unasked.done())
    refreshed(inbox)
    # WHEN an adviser's and an admin's view are compared
    adviser = {g["text"] for g in inbox.groups(readable_only=True)}
    admin = {g["text"] for g in inbox.groups(readable_only=False)}
    # THEN the adviser misses the unasked one, the admin sees both
    assert adviser == {"plof plof"}
    assert admin == {"plof plof", "geheim geheim"}


def test_erasure_removes_the_inbox_items_and_corrections_of_that_conversation(inbox):
    # GIVEN a corrected message in the inbox
    conv = every_signal(1_790_000_000.0)
    write(tracker(inbox), conv)
    group = refreshed(inbox).groups(readable_only=True)[0]
    note = parse_annotation({"intent": "out_of_scope"}, group["text"], group["reading"],
                            load_vocab())
    inbox.annotate(group, note, "anna", is_admin=True, approved=True)
    # WHEN the conversation is erased
    erase_console_rows([conv.sender_id])
    # THEN nothing of it stays in the inbox tables
    with inbox.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(learn_items)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(
            learn_annotations)).scalar() == 0


def test_an_advisers_correction_waits_for_an_admin_and_an_admins_counts_at_once(inbox):
    write(tracker(inbox), every_signal(1_790_000_000.0))
    groups = {g["text"]: g for g in refreshed(inbox).groups(readable_only=True)}
    group = groups["van alles een beetje eigenlijk"]
    note = parse_annotation({"intent": "inform", "entities": [
        {"entity": "job", "value": "van alles"}]}, group["text"], group["reading"], load_vocab())
    # WHEN an adviser saves a correction THEN it is not approved, even when asked for
    assert inbox.annotate(group, note, "piet", is_admin=False, approved=True)["approved"] is False
    assert inbox.approved() == []
    # WHEN an admin saves it THEN it is approved under the admin's name
    saved = inbox.annotate(group, note, "anna", is_admin=True, approved=True)
    assert saved["approved"] is True and saved["annotated_by"] == "anna"
    assert [a["entities"] for a in inbox.approved()] == [
        [{"entity": "job", "value": "van alles", "start": 0, "end": 9}]]


@pytest.mark.parametrize("body, reason", [
    ({"intent": "zingen"}, "unknown intent"),
    ({"intent": "faq"}, "topic"),
    ({"intent": "faq", "topic": "salaris", "entities": [
        {"entity": "sector", "value": "metaalbewerking", "words": "bel"}]}, "unknown value"),
    ({"intent": "inform", "entities": [{"entity": "job", "value": "lasser"}]}, "not in the"),
    ({"intent": "inform", "entities": [
        {"entity": "job", "value": "bel", "start": 0, "end": 25}]}, "hidden personal data"),
])
def test_a_correction_outside_the_vocabularies_or_the_text_is_refused(body, reason):
    # GIVEN a masked message WHEN a correction breaks a rule THEN it is refused with why
    text = mask_personal("bel 06-12345678 voor werk")
    with pytest.raises(ValueError, match=reason):
        parse_annotation(body, text, {"intent": "inform"}, load_vocab())


def test_faq_topic_comes_from_the_select_box_value():
    note = parse_annotation({"intent": "faq:salaris"}, "wat krijg ik", {}, load_vocab())
    assert (note.intent, note.topic) == ("faq", "salaris")
    with pytest.raises(AnnotationError):
        parse_annotation({"intent": "faq:onbekend"}, "wat krijg ik", {}, load_vocab())


def _note(text: str, intent: str = "inform", topic: str | None = None,
          entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"text": text, "intent": intent, "topic": topic, "entities": entities or []}


def test_export_is_rasa_nlu_with_corrected_entities_and_faq_topics(tmp_path: Path):
    # GIVEN approved corrections with entities whose words differ from their values
    text = mask_personal("Ik werk als kassière bij de Jumbo, bel 0612345678")
    notes = [
        _note(text, entities=[{"entity": "job", "value": "kassamedewerker", "start": 12,
                               "end": 20}]),
        _note("ik heb een mbo 2 diploma in de zorg", entities=[
            {"entity": "education_level", "value": "mbo2", "start": 11, "end": 16},
            {"entity": "sector", "value": "zorg_welzijn", "start": 31, "end": 35}]),
        _note("krijg je daar goed voor betaald", "faq", "salaris"),
    ]
    # WHEN they are exported without a held-out share
    train, test, report = build(notes, every=0, known=set())
    path = tmp_path / "nlu_learned.yml"
    path.write_text(train, encoding="utf-8")
    # THEN Rasa's own reader loads them with the corrected values and the FAQ topic
    data = load_data(str(path))
    got = {ex.get("text"): (ex.get("intent"), [(e["entity"], e["value"], e["start"], e["end"])
                                               for e in ex.get("entities") or []])
           for ex in data.training_examples}
    assert got == {
        "Ik werk als kassière bij de Jumbo, bel mijn nummer":
            ("inform", [("job", "kassamedewerker", 12, 20)]),
        "ik heb een mbo 2 diploma in de zorg":
            ("inform", [("education_level", "mbo2", 11, 16), ("sector", "zorg_welzijn", 31, 35)]),
        "krijg je daar goed voor betaald": ("faq", []),
    }
    assert "topic: salaris" in train
    assert report.written == 3 and "nlu: []" in test


def test_entity_spans_move_along_when_placeholders_become_words():
    text = mask_personal("bel 0612345678, ik ben lasser")
    start = text.index("lasser")
    moved = neutralise(text, [{"entity": "job", "value": "lasser", "start": start,
                               "end": start + 6}])
    assert moved is not None
    new_text, entities = moved
    assert new_text[entities[0]["start"] : entities[0]["end"]] == "lasser"


def test_export_holds_no_personal_data_even_from_messages_full_of_it():
    # GIVEN approved corrections of messages crowded with personal details
    notes = [_note(mask_personal(t)) for t in PERSONAL + [
        "bel mij 06 1234 5678 of 020-1234567 ik zoek werk als monteur",
        "ik woon Stationsstraat 101 B, 3511 CE en wil lassen",
    ]]
    # WHEN they are exported
    train, test, report = build(notes, every=2, known=set())
    out = train + test
    # THEN no number, address, postcode, e-mail or name survives, and name examples are gone
    assert not re.search(r"\d{4}\s?[A-Za-z]{2}\b|@|\d{5,}|\d{2,}[- ]\d{4}", out)
    for secret in ("Kerkstraat", "Dorpsweg", "Stationsstraat", "Jan", "Piet", "Anna",
                   "Fatima", "verborgen"):
        assert secret not in out
    assert report.dropped.get("persoonsgegevens", 0) >= 3


def test_messages_already_in_the_training_or_test_data_are_not_exported_again():
    train, _test, report = build([_note("hallo!", "greet")], every=0)
    assert "hallo!" not in train and report.dropped


def test_every_fifth_example_is_held_out_for_the_nlu_test():
    notes = [_note(f"ik zoek iets nieuws nummer {w}") for w in
             ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien")]
    train, test, report = build(notes, every=5, known=set())
    assert (report.written, report.held_out) == (8, 2)
    assert "nummer vijf" in test and "nummer tien" in test and "nummer vijf" not in train


def test_the_committed_learned_files_are_valid_and_hold_only_masked_free_text():
    root = Path(__file__).resolve().parents[2]
    for path in (root / "bot/data/nlu_learned.yml", root / "tests/bot/nlu_learned_test.yml"):
        load_data(str(path))  # raises on invalid training data
        assert "verborgen" not in path.read_text(encoding="utf-8")


def test_reading_json_is_stored_as_plain_text_for_the_api(inbox):
    write(tracker(inbox), every_signal(1_790_000_000.0))
    refreshed(inbox)
    with inbox.engine.connect() as conn:
        for row in conn.execute(sa.select(learn_items)):
            assert isinstance(json.loads(row.reading), dict)


def test_make_learn_dry_run_exports_to_a_temp_folder_and_leaves_the_repo_alone(
        inbox, console_settings: ConsoleSettings):
    # GIVEN one approved correction in the console database
    write(tracker(inbox), every_signal(1_790_000_000.0))
    group = refreshed(inbox).groups(readable_only=True)[0]
    inbox.annotate(group, parse_annotation({"intent": "out_of_scope"}, group["text"],
                                           group["reading"], load_vocab()),
                   "anna", is_admin=True, approved=True)
    root = Path(__file__).resolve().parents[2]
    learned = (root / "bot/data/nlu_learned.yml").read_text(encoding="utf-8")
    env = {**os.environ, "CONSOLE_DATABASE_URL": console_settings.database_url,
           "TRACKER_STORE_URL": console_settings.tracker_store_url}
    # WHEN the learn script runs in dry-run mode
    done = subprocess.run([str(root / "scripts/learn.sh"), "--dry-run"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    # THEN it exported the example, names the training and test steps, and changed no file
    assert done.returncode == 0, done.stderr
    assert "1 voorbeeld geschreven" in done.stdout
    assert "would run: .venv/bin/python -m runner.model (before)" in done.stdout
    assert "test nlu --model MODEL_AFTER" in done.stdout
    assert (root / "bot/data/nlu_learned.yml").read_text(encoding="utf-8") == learned


def test_new_messages_of_a_known_conversation_join_the_inbox_and_corrections_stay(inbox):
    # GIVEN a conversation already read, with a correction on its first misunderstood message
    b = conversation(1_790_000_000.0, seed=7)
    b.user("plof plof", "nlu_fallback", 0.2)
    b.bot("Sorry, dat begreep ik niet.", "utter_default", custom={"type": "fallback"})
    b.listen()
    first = b.done()
    write(tracker(inbox), first)
    group = refreshed(inbox).groups(readable_only=True)[0]
    inbox.annotate(group, parse_annotation({"intent": "out_of_scope"}, group["text"],
                                           group["reading"], load_vocab()),
                   "anna", is_admin=True, approved=True)
    # WHEN the same person later writes another message the assistant does not understand
    b.events.clear()
    b.user("krrr brrr", "nlu_fallback", 0.2)
    write(tracker(inbox), Conversation(first.sender_id, [e.as_dict() for e in b.events]))
    groups = {g["text"]: g for g in refreshed(inbox).groups(readable_only=True, status="all")}
    # THEN both messages are in the inbox and the first keeps its approved correction
    assert set(groups) == {"plof plof", "krrr brrr"}
    assert groups["plof plof"]["status"] == "approved"
    assert groups["krrr brrr"]["status"] == "open"
