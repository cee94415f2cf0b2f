"""Handover to an adviser, erasure and restart."""

from __future__ import annotations

from bot.actions.conversation import ActionDefaultFallback, ActionRestart
from bot.actions.erasure import ActionEraseConversation
from bot.actions.handover import (
    ActionHandoverSubmit,
    ValidateHandoverForm,
    contact_of,
)
from bot.actions.reading import Reading
from tests.bot.conftest import make_tracker, parse, payloads, run_action, slot_events, texts


def test_consent_then_a_phone_number_records_the_handover(domain):
    # GIVEN the handover form asks for consent
    consent = make_tracker("complete_profile", "ja", intent="affirm",
                           active_loop="handover_form", requested_slot="handover_consent")
    # WHEN the person agrees
    events, _ = run_action(ValidateHandoverForm(), consent, domain)
    assert slot_events(events) == {"handover_consent": True}
    # AND gives a phone number
    contact = make_tracker("complete_profile", "bel me op 06-12345678", intent="inform",
                           active_loop="handover_form", requested_slot="handover_contact",
                           slots={"handover_consent": True})
    events, _ = run_action(ValidateHandoverForm(), contact, domain)
    assert slot_events(events) == {"handover_contact": "0612345678"}
    # THEN the submit action records the request for the console
    done = make_tracker("complete_profile", "bel me op 06-12345678", active_loop=None,
                        slots={"handover_consent": True, "handover_contact": "0612345678"})
    events, dispatcher = run_action(ActionHandoverSubmit(), done, domain)
    assert slot_events(events) == {"handover_requested": True}
    assert "doorgegeven" in texts(dispatcher)


def test_no_consent_ends_the_handover_without_a_request(domain):
    # GIVEN the handover form asks for consent
    tracker = make_tracker("complete_profile", "nee", intent="deny",
                           active_loop="handover_form", requested_slot="handover_consent")
    # WHEN the person declines
    events, _ = run_action(ValidateHandoverForm(), tracker, domain)
    # THEN the form can finish and nothing is passed on
    assert slot_events(events) == {"handover_consent": False, "handover_contact": "geen"}
    done = make_tracker("complete_profile", "nee", slots={"handover_consent": False})
    events, _ = run_action(ActionHandoverSubmit(), done, domain)
    assert slot_events(events) == {"handover_requested": False}


def test_contacts_are_read_as_email_phone_or_this_chat():
    # GIVEN/WHEN typical answers THEN each is normalised
    def read(text: str) -> str | None:
        return contact_of(Reading.of(parse(text)))

    assert read("mail me: Piet.Jansen@Example.nl") == "piet.jansen@example.nl"
    assert read("+31 6 1234 5678") == "+31612345678"
    assert read("via deze chat") == "chat"
    assert read("morgen") is None


def test_erasure_tells_the_person_and_resets_the_conversation(domain):
    # GIVEN a person confirmed the erasure
    tracker = make_tracker("complete_profile", "ja", intent="affirm")
    # WHEN the erasure action runs
    events, dispatcher = run_action(ActionEraseConversation(), tracker, domain)
    # THEN it says so and restarts, listening next
    assert "gewist" in texts(dispatcher)
    assert [e["event"] for e in events] == ["restart", "followup"]


def test_restart_offers_a_fresh_start(domain):
    # GIVEN any conversation WHEN the person restarts
    events, dispatcher = run_action(ActionRestart(), make_tracker("complete_profile"), domain)
    # THEN the tracker restarts and a start button is offered
    assert events[0]["event"] == "restart"
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/start_profile"


def test_the_default_fallback_carries_the_fallback_payload(domain):
    # GIVEN no policy is sure WHEN the default fallback runs
    events, dispatcher = run_action(ActionDefaultFallback(), make_tracker("complete_profile"),
                                    domain)
    # THEN the reply carries {"type": "fallback"} and the message is forgotten
    assert payloads(dispatcher) == [{"type": "fallback"}]
    assert events[0]["event"] == "rewind"


def test_an_unclear_answer_to_the_consent_question_twice_ends_without_passing_anything_on(
        domain):
    # GIVEN the consent question was already put twice
    from bot.actions.handover import ValidateHandoverForm

    tracker = make_tracker("complete_profile", "geen idee eigenlijk", intent="dont_know",
                           requested_slot="handover_consent", active_loop="handover_form")
    tracker.events[-1:-1] = [
        {"event": "slot", "name": "requested_slot", "value": "handover_consent"},
        {"event": "user", "text": "hmm", "parse_data": parse("hmm")},
        {"event": "slot", "name": "requested_slot", "value": "handover_consent"}]
    # WHEN the answer is still no yes or no
    events, _ = run_action(ValidateHandoverForm(), tracker, domain)
    # THEN nothing is passed on and the form ends instead of asking a third time
    assert slot_events(events) == {"handover_consent": False, "handover_contact": "geen"}
