"""'Vraag N van M': the count a person sees never jumps back or shrinks."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.actions.profile_ask import progress_for

REQUIRED = ["current_job", "current_sector", "work_status", "education_level", "interests",
            "region", "learn_while_earning"]


def _tracker(events: list[dict[str, Any]]) -> Tracker:
    slots: dict[str, Any] = {s: None for s in REQUIRED}
    for event in events:
        if event["event"] == "slot":
            slots[event["name"]] = event["value"]
    return Tracker("p", slots, {}, events, False, None, {"name": "profile_form"}, "")


def _slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def test_an_answer_that_also_fills_the_next_question_keeps_the_total():
    # GIVEN the first of seven questions was asked
    first = [_slot("requested_slot", "current_job")]
    assert progress_for(_tracker(first), "current_job", REQUIRED) == (1, 7)
    # WHEN the answer ("ik ben kok") also tells the sector
    events = first + [_slot("current_job", "kok"), _slot("current_sector", "horeca"),
                      _slot("requested_slot", "work_status")]
    # THEN the next question is number 3 of the same 7, not 2 of 6
    assert progress_for(_tracker(events), "work_status", REQUIRED) == (3, 7)


def test_facts_known_before_the_first_question_shrink_the_total_once():
    # GIVEN the opener already gave the job, sector and place
    events = [_slot("current_job", "kok"), _slot("current_sector", "horeca"),
              _slot("region", "overijssel"), _slot("requested_slot", "work_status")]
    # THEN the questions start at 1 of 4
    assert progress_for(_tracker(events), "work_status", REQUIRED) == (1, 4)
