"""The profile form's reading of answers, digressions, corrections and questions."""

from __future__ import annotations

from bot.actions.profile_ask import AskForEducationLevel
from bot.actions.profile_form import ValidateProfileForm
from tests.bot.conftest import make_tracker, parse, payloads, run_action, slot_events, texts

FALLBACK = {"type": "fallback"}


def test_one_message_fills_job_sector_place_and_education(domain):
    # GIVEN the form asks for the current job
    tracker = make_tracker("empty_form", "ik ben kok in Zwolle en heb mbo 2")
    # WHEN the person answers several things at once
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN every recognised slot is filled in one go
    slots = slot_events(events)
    assert slots["current_job"] == "kok"
    assert slots["current_job_esco"].startswith("http://data.europa.eu/esco/occupation/")
    assert slots["current_sector"] == "horeca"
    assert slots["municipality"] == "Zwolle"
    assert slots["region"] == "overijssel"
    assert slots["education_level"] == "mbo2"
    # AND the person is told what was understood
    assert "Zwolle" in texts(dispatcher)


def test_a_question_while_the_job_is_asked_is_not_taken_as_the_job(domain):
    # GIVEN the form asks for the current job
    tracker = make_tracker("empty_form", "wat verdient een lasser?", intent="faq")
    # WHEN the person asks a question instead
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the job stays open, the profession asked about is kept as a wish (issue 22),
    # and the question itself gets its answer
    slots = slot_events(events)
    assert slots.get("current_job") is None and slots.get("wished_profession") == "lasser"
    assert any((m.get("custom") or {}).get("topic") == "salaris" for m in dispatcher.messages)


def test_a_correction_overwrites_the_place_while_another_question_is_open(domain):
    # GIVEN the form asks about interests and the person lives in Zwolle
    tracker = make_tracker("half_profile", "nee, ik woon in Deventer")
    # WHEN the person corrects the place
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN municipality and province are replaced and the change is confirmed
    slots = slot_events(events)
    assert slots["municipality"] == "Deventer"
    assert slots["region"] == "overijssel"
    assert "aangepast" in texts(dispatcher)


def test_a_bare_number_for_the_education_question_means_that_mbo_level(domain):
    # GIVEN the form asks for the education level
    tracker = make_tracker("half_profile", "2", slots={"education_level": None},
                           requested_slot="education_level")
    # WHEN the person types only "2"
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN it is read as mbo 2
    assert slot_events(events)["education_level"] == "mbo2"


def test_a_button_payload_fills_its_slot_from_the_entity(domain):
    # GIVEN the form asks for the work status
    tracker = make_tracker("half_profile", '/inform{"work_status":"bijstand"}',
                           entities=[{"entity": "work_status", "value": "bijstand"}],
                           requested_slot="work_status")
    # WHEN the button is pressed
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the slot takes the button's value
    assert slot_events(events)["work_status"] == "bijstand"


def test_yes_to_the_income_question_means_learn_while_earning(domain):
    # GIVEN the last question is about keeping an income
    tracker = make_tracker("half_profile", "ja", intent="affirm",
                           slots={"interests": ["sleutelen"]},
                           requested_slot="learn_while_earning")
    # WHEN the person says yes
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN learn_while_earning is true
    assert slot_events(events)["learn_while_earning"] is True


def test_several_interests_in_everyday_words_are_all_kept(domain):
    # GIVEN the form asks about interests
    tracker = make_tracker("half_profile", "ik hou van sleutelen en buiten werken")
    # WHEN the person names two things
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN both land in the list slot, in order of mention
    assert slot_events(events)["interests"] == ["sleutelen", "buiten"]


def test_not_knowing_the_education_first_helps_then_notes_no_diploma(domain):
    # GIVEN the form asks for the education level
    first = make_tracker("half_profile", "weet ik niet", intent="dont_know",
                         slots={"education_level": None}, requested_slot="education_level")
    first.events.insert(-1, {"event": "slot", "name": "requested_slot",
                             "value": "education_level"})
    # WHEN the person does not know
    events, dispatcher = run_action(ValidateProfileForm(), first, domain)
    # THEN the slot stays empty (asked again with buttons) and a hint is given
    assert slot_events(events) == {"education_level": None}
    assert "Geen diploma" in texts(dispatcher)
    # WHEN the person still does not know the second time
    second = make_tracker("half_profile", "geen idee", intent="dont_know",
                          slots={"education_level": None}, requested_slot="education_level")
    second.events[-1:-1] = [
        {"event": "slot", "name": "requested_slot", "value": "education_level"},
        {"event": "user", "text": "weet ik niet"},
        {"event": "slot", "name": "requested_slot", "value": "education_level"}]
    events, dispatcher = run_action(ValidateProfileForm(), second, domain)
    # THEN "geen" is noted so the form can go on, and the person is told
    assert slot_events(events) == {"education_level": "geen"}
    assert "aanpassen" in texts(dispatcher)


def test_an_unknown_place_gets_a_calm_fallback_and_the_question_again(domain):
    # GIVEN the form asks where the person lives
    tracker = make_tracker("half_profile", "Timboektoe aan de Maas", intent="nlu_fallback",
                           slots={"region": None, "municipality": None},
                           requested_slot="region")
    # WHEN the answer is no Dutch place
    events, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the slot stays empty and the reply carries the fallback payload
    assert slot_events(events) == {"region": None}
    assert FALLBACK in payloads(dispatcher)


def test_i_do_not_work_is_recorded_as_no_job(domain):
    # GIVEN the form asks for the current job
    tracker = make_tracker("empty_form", "ik werk niet")
    # WHEN the person has no job
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the job is noted as none, so the form asks for a sector next
    slots = slot_events(events)
    assert slots["current_job"] == "geen werk"
    assert slots["current_job_esco"] is None


def test_markup_in_a_free_text_job_is_stripped(domain):
    # GIVEN the form asks for the current job
    tracker = make_tracker("empty_form", "<script>alert(1)</script> imker")
    # WHEN the answer contains markup
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN no tag survives in the stored value
    job = slot_events(events).get("current_job") or ""
    assert "<" not in job and ">" not in job


def test_outside_the_form_a_correction_updates_the_profile(domain):
    # GIVEN recommendations were given for someone in Zwolle
    tracker = make_tracker("complete_profile", "nee, ik woon in Deventer",
                           active_loop=None, requested_slot=None)
    # WHEN the correction arrives outside the form (the `inform` rule runs the form, which
    # validates the message while it activates)
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the place is updated
    assert slot_events(events)["municipality"] == "Deventer"


def test_the_form_copies_campaign_metadata(domain):
    # GIVEN the form is active and the widget sends campaign metadata
    tracker = make_tracker("empty_form", "ik ben kok",
                           metadata={"campaign": "metaal-2026", "sector": "metaal",
                                     "channel": "web"})
    # WHEN the form validates the message
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN it copies the metadata along with the answer
    slots = slot_events(events)
    assert slots["campaign"] == "metaal-2026" and slots["campaign_sector"] == "metaal"
    assert slots["channel"] == "web" and slots["current_job"] == "kok"


def test_questions_show_progress_and_a_dont_know_button(domain):
    # GIVEN three profile slots are still empty
    tracker = make_tracker("half_profile", "ik hou van sleutelen",
                           slots={"education_level": None})
    # WHEN the education question is asked
    _, dispatcher = run_action(AskForEducationLevel(), tracker, domain)
    # THEN it says how many questions remain and offers buttons
    message = dispatcher.messages[0]
    assert message["text"].startswith("Vraag ")
    assert any(b["payload"] == "/dont_know" for b in message["buttons"])
    assert any(b["payload"] == '/inform{"education_level":"mbo2"}' for b in message["buttons"])


def test_no_after_a_correction_does_not_answer_the_income_question(domain):
    # GIVEN the last question is about keeping an income
    tracker = make_tracker("half_profile", "nee, ik woon in Deventer",
                           slots={"interests": ["sleutelen"]},
                           requested_slot="learn_while_earning")
    # WHEN the person corrects the place, starting with "nee"
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the place changes and the income question stays open
    slots = slot_events(events)
    assert slots["municipality"] == "Deventer"
    assert "learn_while_earning" not in slots


def test_a_short_answer_taken_for_a_question_still_fills_the_open_slot(domain):
    # GIVEN the form asks for the education and NLU reads "geen diploma" as a FAQ
    tracker = make_tracker("half_profile", "geen diploma", intent="faq",
                           slots={"education_level": None}, requested_slot="education_level")
    # WHEN the form validates it
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the answer fills the asked slot (and nothing else)
    assert slot_events(events) == {"education_level": "geen"}


def test_a_real_question_while_a_slot_is_asked_fills_nothing(domain):
    # GIVEN the form asks for the education
    tracker = make_tracker("half_profile", "heb je een diploma nodig?", intent="faq",
                           slots={"education_level": None}, requested_slot="education_level")
    # WHEN the form validates it
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the question is left to the FAQ rule
    assert slot_events(events) == {}


def test_a_typed_button_title_answers_the_sector_question(domain):
    # GIVEN someone without work is asked for a sector
    tracker = make_tracker("empty_form", "iets anders", slots={"current_job": "geen werk"},
                           requested_slot="current_sector")
    # WHEN they type the title of the "Iets anders" button
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the sector is `overig`
    assert slot_events(events)["current_sector"] == "overig"


def test_a_mapped_value_the_context_does_not_support_is_undone(domain):
    # GIVEN the income question is open and "nee" made the from_intent mapping set False
    tracker = make_tracker("half_profile", "nee, ik woon in Deventer", intent="deny",
                           slots={"interests": ["sleutelen"], "learn_while_earning": None},
                           requested_slot="learn_while_earning")
    tracker.events.append({"event": "slot", "name": "learn_while_earning", "value": False})
    tracker.slots["learn_while_earning"] = False
    # WHEN the form validates the message
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    slots = slot_events(events)
    # THEN the place is corrected and the income question is open again
    assert slots["municipality"] == "Deventer"
    assert slots["learn_while_earning"] is None


def test_a_guessed_town_waits_for_a_yes(domain):
    # GIVEN the region is asked and the person types a town with a typo
    tracker = make_tracker("half_profile", "Zwole", slots={"region": None,
                                                           "municipality": None},
                           requested_slot="region")
    # WHEN the form validates it
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    slots = slot_events(events)
    # THEN nothing is stored yet; the guess waits for confirmation
    assert slots["pending_place"] == "Zwolle|overijssel"
    assert slots.get("region") is None
    # WHEN the person says yes
    tracker = make_tracker("half_profile", "ja", intent="affirm",
                           slots={"region": None, "pending_place": "Zwolle|overijssel"},
                           requested_slot="region")
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    # THEN the town and its province are stored
    slots = slot_events(events)
    assert slots["municipality"] == "Zwolle" and slots["region"] == "overijssel"


def test_a_common_word_is_never_read_as_a_village_and_keeps_a_plain_town(domain):
    # GIVEN the person already said they live in Den Haag
    tracker = make_tracker("half_profile", "Ik werk nog, in vaste dienst",
                           slots={"region": "zuid-holland", "municipality": "Den Haag",
                                  "work_status": None},
                           requested_slot="work_status")
    # WHEN they answer the work-status question
    events, _ = run_action(ValidateProfileForm(), tracker, domain)
    slots = slot_events(events)
    # THEN they are working, and still live in Den Haag
    assert slots["work_status"] == "werkend"
    assert "municipality" not in slots and "region" not in slots


def test_a_foreign_diploma_said_twice_is_noted_and_the_questions_go_on(domain):
    # GIVEN the education question was asked and answered once with a foreign diploma
    tracker = make_tracker("half_profile", "mijn diploma komt uit het buitenland",
                           slots={"education_level": None}, requested_slot="education_level")
    first, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    assert slot_events(first) == {"education_level": None, "newcomer": True}
    # WHEN the person says it again instead of picking a Dutch level
    tracker.events[-1:-1] = [{"event": "slot", "name": "requested_slot",
                              "value": "education_level"}]
    tracker.events.insert(-1, {"event": "user", "text": "mijn diploma komt uit het buitenland",
                               "parse_data": parse("mijn diploma komt uit het buitenland")})
    again, dispatcher = run_action(ValidateProfileForm(), tracker, domain)
    # THEN it is noted as no Dutch diploma, with a word about having it valued, not asked again
    assert slot_events(again)["education_level"] == "geen"
    assert "IDW" in texts(dispatcher)


def test_a_foreign_diploma_that_nlu_takes_for_a_question_is_still_an_answer(domain):
    # GIVEN the education question is open and NLU reads the answer as a diploma question
    from bot.actions.faq import ActionAnswerFaq

    tracker = make_tracker("half_profile", "ik heb een diploma uit een ander land", intent="faq",
                           slots={"education_level": None}, requested_slot="education_level")
    tracker.events[-1:-1] = [{"event": "slot", "name": "requested_slot",
                              "value": "education_level"},
                             {"event": "user", "text": "diploma uit het buitenland",
                              "parse_data": parse("diploma uit het buitenland", "faq")}]
    # WHEN the FAQ action gets it for the second time
    events, dispatcher = run_action(ActionAnswerFaq(), tracker, domain)
    # THEN no FAQ answer comes: the diploma is noted and the questions go on
    assert slot_events(events) == {"education_level": "geen"}
    assert not payloads(dispatcher)
