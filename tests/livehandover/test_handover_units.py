"""Live handover pieces with real Rasa objects: the hold policy's decision, office hours,
the texts the person gets, the widget payloads, the Telegram outbox and the webhook
signature."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.actions.handover import CHAT, submitted_text
from bot.channels.socketio import handover_message
from handover.hold import adviser_holds
from handover.live import signature, waiting_text
from handover.takeover import first_name
from handover.telegram_outbox import outbox_item
from settings.office_hours import parse_office_hours
from settings.sections import HandoverSettings, load_handover_settings
from telegram_bridge.outbox import adviser_html

AMS = dt.timezone(dt.timedelta(hours=1))  # Amsterdam in winter


def tracker(*events, held: bool = True) -> DialogueStateTracker:
    start = [ActionExecuted("action_listen")]
    if held:
        start.append(SlotSet("adviser_active", True))
    return DialogueStateTracker.from_events("p", [*start, *events])


def said(intent: str, text: str = "iets") -> list:
    """A user message the bot has not answered yet (the state the policy sees)."""
    return [UserUttered(text, intent={"name": intent, "confidence": 0.9})]


def test_the_assistant_is_silent_while_an_adviser_holds_the_conversation():
    assert adviser_holds(tracker(*said("faq", "wat verdient een lasser?")))
    # not held: the normal policies answer
    assert not adviser_holds(tracker(*said("faq"), held=False))
    # the slot cleared by the resume action
    assert not adviser_holds(tracker(SlotSet("adviser_active", False), *said("greet")))


def test_erasure_and_its_confirmation_always_get_an_answer():
    assert not adviser_holds(tracker(*said("erase_data", "verwijder mijn gegevens")))
    asked = [UserUttered("verwijder alles", intent={"name": "erase_data"}),
             ActionExecuted("utter_ask_erase_confirm"), ActionExecuted("action_listen")]
    assert not adviser_holds(tracker(*asked, *said("affirm", "ja")))
    assert not adviser_holds(tracker(*asked, *said("deny", "nee")))
    # but after an ordinary question the next "ja" is for the adviser
    other = [UserUttered("hoi", intent={"name": "greet"}), ActionExecuted("action_listen")]
    assert adviser_holds(tracker(*other, *said("affirm", "ja")))


def test_the_policy_only_acts_right_after_a_user_message():
    # mid-turn (the erasure question was just asked) it leaves the turn to the rules
    events = [UserUttered("wis", intent={"name": "erase_data"}),
              ActionExecuted("utter_ask_erase_confirm")]
    assert not adviser_holds(tracker(*events))


def test_office_hours_are_read_in_dutch_and_in_local_time():
    hours = parse_office_hours("ma-vr 09:00-17:00; za 10:00-12:30", "Europe/Amsterdam")
    monday_morning = dt.datetime(2026, 11, 30, 9, 30, tzinfo=AMS)
    assert hours.is_open(monday_morning)
    assert not hours.is_open(monday_morning.replace(hour=8, minute=59))
    assert not hours.is_open(dt.datetime(2026, 12, 6, 11, 0, tzinfo=AMS))  # Sunday
    assert hours.is_open(dt.datetime(2026, 12, 5, 12, 0, tzinfo=AMS))  # Saturday
    assert hours.describe() == ("maandag tot en met vrijdag van 9.00 tot 17.00 uur en "
                                "zaterdag van 10.00 tot 12.30 uur")
    assert parse_office_hours("altijd").is_open(monday_morning)
    assert not parse_office_hours("nooit").is_open(monday_morning)
    for bad in ("maandag 9-17", "vr-ma 09:00-17:00", "ma 17:00-09:00"):
        with pytest.raises(ValueError):
            parse_office_hours(bad)


def test_settings_refuse_a_webhook_without_a_secret():
    with pytest.raises(ValueError):
        load_handover_settings({"HANDOVER_WEBHOOK_URL": "http://x.test/hook"})
    settings = load_handover_settings({"HANDOVER_IDLE_MINUTES": "5"})
    assert settings.idle_minutes == 5 and settings.webhook_url == ""


def _texts(hours: str) -> dict[str, str]:
    settings = HandoverSettings(parse_office_hours(hours))
    return {"chat": submitted_text(CHAT, settings), "phone": submitted_text("0612345678", settings)}


def test_the_person_hears_honestly_when_an_adviser_can_answer():
    always = _texts("altijd")["chat"]
    assert "neemt het gesprek hier in de chat over" in always
    never = _texts("nooit")["chat"]
    assert "paar werkdagen" in never and "later terugkomt" in never
    # a schedule: the days and hours are named, and what happens outside them
    now_local = dt.datetime.now(dt.timezone.utc).astimezone(AMS)
    today = ["ma", "di", "wo", "do", "vr", "za", "zo"][now_local.weekday()]
    closed = _texts(f"{today} 00:00-00:01" if now_local.hour else f"{today} 23:58-23:59")
    assert "Nu is er niemand" in closed["chat"] and "zodra die er weer is" in closed["chat"]
    open_now = _texts(f"{today} 00:00-24:00")["chat"]
    assert "Er is nu iemand aan het werk" in open_now
    assert "telefoonnummer" in closed["phone"] and "Adviseurs werken op" in closed["phone"]
    for text in (always, never, closed["chat"], open_now):
        assert len(text.split()) < 60


def test_widget_payloads_of_adviser_messages_and_the_resume_note():
    adviser = BotUttered("Hoi, ik ben Anna.", metadata={
        "from": "adviser", "adviser": "adviser-3", "adviser_name": "Anna"}, timestamp=12.5)
    assert handover_message(adviser) == {
        "text": "Hoi, ik ben Anna.", "adviser": {"name": "Anna"}, "ts": 12.5}
    resumed = BotUttered("Je praat weer met mij.", data={"custom": {"type": "handover_resumed"}},
                         timestamp=13.0)
    assert handover_message(resumed) == {"text": "Je praat weer met mij.", "handover": "resumed",
                                         "ts": 13.0}
    assert handover_message(BotUttered("Welkom!")) is None


def test_telegram_outbox_items_and_their_html():
    data = {"event": "bot", "text": "Bel <gerust>", "metadata": {
        "from": "adviser", "adviser": "adviser-3", "adviser_name": "Anna"}}
    item = outbox_item(7, "telegram:4242", data)
    assert item == {"id": 7, "chat_id": 4242, "kind": "adviser", "text": "Bel <gerust>",
                    "adviser_name": "Anna", "notice": None}
    assert adviser_html(item) == "<b>Anna, adviseur:</b>\nBel &lt;gerust&gt;"
    assert outbox_item(8, "telegram:4242", {"event": "bot", "text": "gewoon de bot"}) is None
    assert outbox_item(9, "telegram:abc", data) is None


def test_webhook_signature_is_hmac_sha256_over_timestamp_and_body():
    body = b'{"event":"handover_requested"}'
    expected = hmac.new(b"geheim-geheim-geheim", b"1700000000." + body, hashlib.sha256)
    assert signature("geheim-geheim-geheim", "1700000000", body) == \
        "sha256=" + expected.hexdigest()


def test_names_and_waiting_times_for_people():
    assert first_name("anna.de.vries") == "Anna"
    assert first_name("piet") == "Piet"
    assert waiting_text(None) == "-"
    assert waiting_text(30) == "net binnen"
    assert waiting_text(12 * 60) == "12 min"
    assert waiting_text(125 * 60) == "2 uur 5 min"
