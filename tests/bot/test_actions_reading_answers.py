"""Reading answers in the profile flow: what fills a slot and what must not."""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.actions.conversation import ActionNluFallback
from bot.actions.faq import ActionAnswerFaq
from bot.actions.profile_form import (
    AskForCurrentJob,
    ValidateProfileForm,
    attempts_for,
)
from bot.components.faq_patterns import pick_topic
from tests.bot.conftest import make_tracker, parse, payloads, run_action, slot_events, texts


def test_a_request_to_start_never_fills_the_job(domain):
    # GIVEN the form has just started from a request for advice (no question asked yet)
    tracker = make_tracker("empty_form", "ik wil weten welk technisch beroep bij mij past",
                           intent="start_profile", requested_slot=None)
    # WHEN the form reads the message
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN neither job nor sector is set
    slots = slot_events(events)
    assert "current_job" not in slots and "current_sector" not in slots


def test_a_request_to_start_while_the_job_is_asked_is_not_taken_as_the_job(domain):
    # GIVEN the form asks for the job
    tracker = make_tracker("empty_form", "ik wil weten welk technisch beroep bij mij past")
    # WHEN the person repeats the request (read as inform)
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN no job is stored
    assert slot_events(events).get("current_job") is None


def test_a_school_as_workplace_does_not_set_the_education(domain):
    # GIVEN the job is asked and NLU tagged "basisschool" as an education entity
    entity = {"entity": "education_level", "value": "geen", "start": 25, "end": 36}
    tracker = make_tracker("empty_form", "Ik ben conciërge op een basisschool",
                           entities=[entity])
    # WHEN the form reads the answer
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the job is read and the education level is left for its own question
    slots = slot_events(events)
    assert slots["current_job"] == "conciërge"
    assert "education_level" not in slots


def test_a_work_status_answer_does_not_replace_a_real_job(domain):
    # GIVEN the job kassamedewerker is known and the work status is asked
    tracker = make_tracker("half_profile", "ik ben nu huisvrouw", requested_slot="work_status",
                           slots={"current_job": "kassamedewerker", "work_status": None})
    # WHEN the person answers with a status that is also a "job" word
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the work status is filled and the job is kept
    slots = slot_events(events)
    assert slots["work_status"] == "anders"
    assert "current_job" not in slots


def test_yes_with_a_reason_answers_the_income_question(domain):
    # GIVEN the form asks whether the person must keep earning
    tracker = make_tracker("half_profile", "ja graag, de ww loopt niet eeuwig door",
                           requested_slot="learn_while_earning",
                           slots={"interests": ["sleutelen"]})
    # WHEN the person says yes with a reason that mentions the WW
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the answer is true and no fallback is sent
    assert slot_events(events)["learn_while_earning"] is True
    assert {"type": "fallback"} not in payloads(dispatcher)


def test_plain_answers_fill_education_and_work_status(domain):
    # GIVEN the form asks for education, then for work status
    edu = make_tracker("half_profile", "geen school gedaan", requested_slot="education_level",
                       slots={"education_level": None})
    work = make_tracker("half_profile", "ik heb gewoon werk", requested_slot="work_status",
                        slots={"work_status": None})
    # WHEN the person answers in plain words
    edu_events, _ = run_action(ValidateProfileForm(), edu, domain)
    work_events, _ = run_action(ValidateProfileForm(), work, domain)
    # THEN both are understood
    assert slot_events(edu_events)["education_level"] == "geen"
    assert slot_events(work_events)["work_status"] == "werkend"


def _tracker_with_events(events: list) -> Tracker:
    return Tracker("t", {"requested_slot": "interests"}, {}, events, False, None,
                   {"name": "profile_form"}, "action_listen")


def _user(intent: str, text: str = "x") -> dict:
    return {"event": "user", "text": text, "parse_data": parse(text, intent)}


def test_a_question_in_between_is_not_counted_as_an_attempt():
    # GIVEN the interests question, a FAQ question, then a first "weet ik niet"
    events = [{"event": "slot", "name": "requested_slot", "value": "interests"},
              _user("faq", "is techniek wel iets voor mij?"),
              {"event": "slot", "name": "requested_slot", "value": "interests"},
              _user("dont_know")]
    # WHEN the attempts are counted
    # THEN the FAQ turn does not count: this is the first attempt
    assert attempts_for(_tracker_with_events(events), "interests") == 1


def test_a_job_said_with_a_question_outside_the_form_is_stored(domain):
    # GIVEN no form is active
    tracker = make_tracker("complete_profile", "ik ben kok, wat verdient een lasser?",
                           intent="faq", slots={"current_job": None, "current_sector": None})
    # WHEN the person tells the job and asks a question in one message
    events, dispatcher = run_action(ActionAnswerFaq(), tracker, domain)
    # THEN the job is stored and the question is answered
    assert slot_events(events)["current_job"] == "kok"
    assert dispatcher.messages


def test_a_bare_town_outside_the_form_updates_the_place_without_a_fallback(domain):
    # GIVEN the profile is complete and NLU is unsure about a bare town name
    tracker = make_tracker("complete_profile", "Deventer", intent="nlu_fallback")
    # WHEN the fallback action runs
    events, dispatcher = run_action(ActionNluFallback(), tracker, domain)
    slots = slot_events(events)
    # THEN the place is updated and no fallback payload is sent
    assert slots["municipality"] == "Deventer" and slots["region"] == "overijssel"
    assert "aangepast" in texts(dispatcher)
    assert {"type": "fallback"} not in payloads(dispatcher)


def test_mid_form_questions_pick_the_right_topic():
    # GIVEN questions the personas ask while the form runs
    # WHEN the FAQ topic is picked
    # THEN paid learning is not mistaken for language ("betaald" contains "taal")
    assert pick_topic("krijg je betaald tijdens de opleiding?") == "verdienen_tijdens_leren"
    assert pick_topic("is techniek wel iets voor meiden?") == "vrouwen"
    assert pick_topic("wat doet een energieadviseur eigenlijk?") == "beroep_inhoud"


def test_the_first_question_says_what_the_assistant_does_when_nothing_was_said_yet(domain):
    # GIVEN a conversation that starts with a request, so no greeting was sent
    tracker = make_tracker("empty_form", "ik wil werk zoeken", intent="start_profile")
    # WHEN the form asks its first question
    _, dispatcher = run_action(AskForCurrentJob(), tracker, domain)
    # THEN the reply says what the assistant does and does not do, then asks
    said = texts(dispatcher)
    assert "uitzendbureau" in said
    assert len(dispatcher.messages) == 2


def test_a_request_for_help_read_as_faq_answers_and_then_starts_the_questions(domain):
    # GIVEN no form and no advice yet, and NLU took a request for help for a FAQ
    from bot.actions.faq import ActionAnswerFaq
    tracker = make_tracker("empty_form", "kan jij mij helpen aan ander werk", intent="faq",
                           requested_slot=None, active_loop=None)
    # WHEN the FAQ action runs
    events, dispatcher = run_action(ActionAnswerFaq(), tracker, domain)
    # THEN it answers and the profile form follows
    assert texts(dispatcher)
    assert {"event": "followup", "name": "profile_form"} in [
        {"event": e.get("event"), "name": e.get("name")} for e in events]


def test_a_question_nlu_took_for_a_request_is_answered_inside_the_form(domain):
    # GIVEN the form asks the income question and NLU read a question as start_profile
    tracker = make_tracker("half_profile", "waar kan ik gratis advies krijgen?",
                           intent="start_profile", requested_slot="learn_while_earning",
                           slots={"interests": ["mensen"]})
    # WHEN the form reads the message
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the question is answered, without fallback, and the question stays open
    assert "advies" in texts(dispatcher).lower() or "werkcentrum" in texts(dispatcher).lower()
    assert {"type": "fallback"} not in payloads(dispatcher)
    assert slot_events(events) == {"learn_while_earning": None}


def test_a_faq_about_advice_inside_the_form_is_left_to_the_faq_rule(domain):
    # GIVEN the form asks the income question and NLU read a FAQ about free advice
    tracker = make_tracker("half_profile", "waar kan ik gratis advies krijgen?", intent="faq",
                           requested_slot="learn_while_earning")
    # WHEN the form validation runs
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN it emits nothing, so the form rejects and the FAQ rule answers
    assert events == [] and dispatcher.messages == []


def test_the_skip_button_skips_the_question_for_good(domain):
    # GIVEN the interests question is on screen with its "Sla over" button
    from bot.actions.texts import SKIP_BUTTON

    tracker = make_tracker("half_profile", SKIP_BUTTON["payload"], requested_slot="interests",
                           slots={"interests": None})
    # WHEN the person presses it
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    slots = slot_events(events)
    # THEN the question is marked as skipped and the form asks another one
    assert "interests" in slots["skipped_slots"]
    assert slots.get("requested_slot") != "interests"


def test_a_question_not_understood_twice_is_not_asked_a_third_time(domain):
    # GIVEN the education question was asked and its first answer was not understood
    tracker = make_tracker("half_profile", "pfff lastig zeg", requested_slot="education_level",
                           slots={"education_level": None})
    tracker.events[-1:-1] = [
        {"event": "slot", "name": "requested_slot", "value": "education_level"},
        {"event": "user", "text": "tja hmm", "parse_data": parse("tja hmm")},
        {"event": "slot", "name": "requested_slot", "value": "education_level"}]
    # WHEN the second answer is not understood either
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    slots = slot_events(events)
    # THEN the question is skipped, said kindly, with the fallback payload
    assert "education_level" in slots["skipped_slots"]
    assert slots.get("requested_slot") != "education_level"
    assert {"type": "fallback"} in payloads(dispatcher)


def test_a_job_described_in_words_is_recognised_with_its_sector(domain):
    # GIVEN the job question
    tracker = make_tracker("empty_form", "ik geef de kalveren melk en mest de stal uit")
    # WHEN the person describes the work instead of naming it
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    slots = slot_events(events)
    # THEN a job with its ESCO link and the farming sector are stored
    assert slots["current_job"] and slots["current_job_esco"]
    assert slots["current_sector"] == "agrarisch_groen"


def test_a_job_title_that_nlu_takes_for_a_wish_to_talk_to_someone_is_the_job(domain):
    # GIVEN the job question and NLU reading "bankmedewerker" as a request for an adviser
    tracker = make_tracker("empty_form", "verzekeringsmedewerker", intent="request_human")
    # WHEN the form reads it
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN it is the answer, not a handover
    assert slot_events(events).get("current_job")


def test_asking_for_an_adviser_in_words_still_goes_to_the_adviser(domain):
    # GIVEN the job question
    tracker = make_tracker("empty_form", "ik wil liever een adviseur spreken",
                           intent="request_human")
    # WHEN the person asks for a person
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the form steps aside for the handover rule
    assert events == []
