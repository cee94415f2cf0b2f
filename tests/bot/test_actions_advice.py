"""Advice actions: recommendations, routes/funding/next steps, FAQ, card, session."""

from __future__ import annotations

from bot.actions.advice_texts import words
from bot.actions.after_profile import (
    ActionAnswerFunding,
    ActionAnswerNextSteps,
    ActionAnswerRoutes,
    ActionMakeCard,
    ActionRecommend,
    ActionShowRoutes,
)
from bot.actions.faq import ActionAnswerFaq
from bot.actions.session import ActionGreet, ActionSessionStart
from contract.glossary import ISO_DATE
from tests.bot.conftest import make_tracker, payloads, run_action, slot_events, texts


def _recommended(domain) -> list[str]:
    events, _ = run_action(ActionRecommend(), make_tracker("complete_profile"), domain)
    return slot_events(events)["recommended_professions"]


def test_recommendations_carry_3_to_5_items_with_a_button_each(domain):
    # GIVEN a complete profile
    tracker = make_tracker("complete_profile")
    # WHEN the recommendations are made
    events, dispatcher = run_action(ActionRecommend(), tracker, domain)
    # THEN the payload holds 3-5 items with reasons, and each item has a button
    recs = next(p for p in payloads(dispatcher) if p["type"] == "recommendations")
    assert 3 <= len(recs["items"]) <= 5
    assert all(item["reasons"] for item in recs["items"])
    buttons = [b for m in dispatcher.messages for b in (m.get("buttons") or [])]
    assert [b["payload"] for b in buttons] == [
        f'/choose_profession{{"profession":"{item["id"]}"}}' for item in recs["items"]]
    # AND a profile summary is sent, and the ids are remembered
    assert any(p["type"] == "profile_summary" for p in payloads(dispatcher))
    assert slot_events(events)["recommended_professions"] == [i["id"] for i in recs["items"]]
    # AND the whole turn, summary included, stays within about 120 words
    assert words(texts(dispatcher)) <= 120, texts(dispatcher)


def test_choosing_a_profession_gives_a_short_introduction_and_four_choices(domain):
    # GIVEN recommendations were made
    recommended = _recommended(domain)
    tracker = make_tracker("complete_profile", "de tweede", intent="choose_profession",
                           slots={"recommended_professions": recommended})
    # WHEN the person picks "de tweede"
    events, dispatcher = run_action(ActionShowRoutes(), tracker, domain)
    # THEN the second profession is chosen and one short message introduces it
    assert slot_events(events)["chosen_profession"] == recommended[1]
    assert len(dispatcher.messages) == 1
    message = dispatcher.messages[0]
    assert words(message["text"]) <= 60 and "€" in message["text"]
    # AND no routes, funding or next steps yet: they wait behind four buttons
    assert {p["type"] for p in payloads(dispatcher)} == {"profession_intro"}
    assert [b["title"] for b in message["buttons"]] == [
        "Hoe word ik het?", "Wie betaalt?", "Wat doe ik nu?", "Ander beroep"]
    assert recommended[1] in message["buttons"][0]["payload"]


def _ask(domain, action, intent, profession, events=None):
    tracker = make_tracker("complete_profile", f'/{intent}{{"profession":"{profession}"}}',
                           intent=intent, entities=[{"entity": "profession",
                                                     "value": profession}])
    tracker.events.extend(events or [])
    return run_action(action, tracker, domain)[1]


def _as_bot_events(dispatcher):
    return [{"event": "bot", "text": m.get("text"), "data": {"custom": m.get("custom")}}
            for m in dispatcher.messages]


def test_each_advice_answer_is_its_own_short_turn_with_its_payload(domain):
    # GIVEN a person on WW in Zwolle who chose the first recommendation
    profession = _recommended(domain)[0]
    for action, intent, kind in ((ActionAnswerRoutes(), "ask_routes", "routes"),
                                 (ActionAnswerFunding(), "ask_funding", "funding"),
                                 (ActionAnswerNextSteps(), "ask_next_steps", "next_steps")):
        # WHEN one of the three buttons is pressed
        dispatcher = _ask(domain, action, intent, profession)
        # THEN one message of at most about 120 words carries exactly that payload
        assert [p["type"] for p in payloads(dispatcher)] == [kind]
        assert words(texts(dispatcher)) <= 120, texts(dispatcher)
        assert "bron:" not in texts(dispatcher)


def test_asking_again_does_not_repeat_the_same_block(domain):
    # GIVEN the funding answer was given once
    profession = _recommended(domain)[0]
    first = _ask(domain, ActionAnswerFunding(), "ask_funding", profession)
    # WHEN the person asks again later
    again = _ask(domain, ActionAnswerFunding(), "ask_funding", profession,
                 _as_bot_events(first))
    # THEN the payload comes again but the text is a different, shorter recap
    assert payloads(again)[0]["items"] == payloads(first)[0]["items"]
    assert texts(again) != texts(first) and words(texts(again)) < words(texts(first))


def test_funding_payload_holds_at_most_three_schemes_that_fit(domain):
    # GIVEN the kok on WW from the fixture and the first recommendation
    profession = _recommended(domain)[0]
    dispatcher = _ask(domain, ActionAnswerFunding(), "ask_funding", profession)
    funding = payloads(dispatcher)[0]
    # THEN at most three items, the WW scheme first, none for employers only
    assert 1 <= len(funding["items"]) <= 3
    assert funding["items"][0]["id"] == "uwv_scholing_ww"
    assert all(not i["for_employer"] for i in funding["items"])


def test_a_faq_answer_keeps_its_source_out_of_the_chat(domain):
    # GIVEN a person asks about pay for a named profession
    tracker = make_tracker("complete_profile", "wat verdient een lasser?", intent="faq")
    # WHEN the FAQ action answers
    _, dispatcher = run_action(ActionAnswerFaq(), tracker, domain)
    # THEN the chat text has no source note or ISO date; the payload carries both
    assert "bron:" not in texts(dispatcher) and not ISO_DATE.search(texts(dispatcher))
    answer = next(p for p in payloads(dispatcher) if p["type"] == "faq_answer")
    assert answer["source"] and answer["checked_at"]


def test_stap_budget_is_honestly_reported_as_ended_with_current_alternatives(domain):
    # GIVEN someone asks for a scheme that has ended
    tracker = make_tracker("complete_profile", "kan ik STAP-budget krijgen?", intent="faq")
    # WHEN the FAQ action answers
    _, dispatcher = run_action(ActionAnswerFaq(), tracker, domain)
    # THEN it says the scheme is gone and offers only current funding
    assert "STAP" in texts(dispatcher)
    funding = next(p for p in payloads(dispatcher) if p["type"] == "funding")
    assert all("stap" not in item["id"].lower() for item in funding["items"])


def test_the_route_card_link_is_private_and_stable(domain):
    # GIVEN a person with a chosen profession
    tracker = make_tracker("complete_profile", "maak mijn overstapkaart", intent="make_card",
                           slots={"chosen_profession": _recommended(domain)[0]})
    # WHEN the card is made
    events, dispatcher = run_action(ActionMakeCard(), tracker, domain)
    # THEN a long random token is stored and the link points at it
    token = slot_events(events)["card_token"]
    assert len(token) >= 30
    assert f"/kaart/{token}" in texts(dispatcher)
    assert any(p["type"] == "profile_summary" for p in payloads(dispatcher))
    # AND asking again keeps the same link
    again = make_tracker("complete_profile", "nog een keer", intent="make_card",
                         slots={"card_token": token})
    events, _ = run_action(ActionMakeCard(), again, domain)
    assert slot_events(events)["card_token"] == token


def test_session_start_keeps_slots_and_stores_campaign_metadata(domain):
    # GIVEN a new session whose first message came from a campaign page
    tracker = make_tracker("complete_profile", slots={"session_started_metadata": {
        "campaign": "metaal-2026", "sector": "metaal", "region": "gelderland",
        "page_url": "https://example.nl/metaal", "channel": "web"}})
    # WHEN the session starts
    events, _ = run_action(ActionSessionStart(), tracker, domain)
    # THEN earlier slots are carried over and the campaign lands in its slots
    slots = slot_events(events)
    assert slots["current_job"] == "kok"
    assert slots["campaign"] == "metaal-2026"
    assert slots["campaign_sector"] == "metaal"
    assert slots["campaign_region"] == "gelderland"
    assert events[0]["event"] == "session_started"
    assert (events[-1]["event"], events[-1]["name"]) == ("action", "action_listen")


def test_the_greeting_says_what_it_does_not_do_and_names_the_campaign_sector(domain):
    # GIVEN a person arriving from a metal campaign
    tracker = make_tracker("empty_form", "hoi", intent="greet", active_loop=None,
                           slots={"campaign_sector": "metaal"})
    # WHEN the assistant greets
    _, dispatcher = run_action(ActionGreet(), tracker, domain)
    # THEN it mentions the sector and says it cannot promise a job or money
    said = texts(dispatcher)
    assert "metaal" in said
    assert "geen baan of geld beloven" in said


def test_a_statushouder_is_recorded_and_gets_language_and_diploma_steps(domain):
    # GIVEN the domain has the team-extension slot, and the person said who they are
    assert "statushouder" in domain["slots"]
    tracker = make_tracker("complete_profile", "ik ben statushouder en wil werken",
                           slots={"statushouder": None})
    # WHEN the recommendations are made
    events, _ = run_action(ActionRecommend(), tracker, domain)
    # THEN the slot is set
    assert slot_events(events).get("statushouder") is True
    # AND the next steps hold the language step and the diploma evaluation step
    steps_tracker = make_tracker("complete_profile", "ik ben statushouder, wat moet ik doen?",
                                 intent="ask_next_steps", slots={"statushouder": None})
    _, dispatcher = run_action(ActionAnswerNextSteps(), steps_tracker, domain)
    steps = payloads(dispatcher)[0]["steps"]
    assert any("inburgering" in s for s in steps) and any("IDW" in s for s in steps)
