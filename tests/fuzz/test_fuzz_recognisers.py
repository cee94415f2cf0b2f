"""10,000 generated inputs through every recogniser and the matcher: never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import knowledge
from knowledge.vocab import INTERESTS, PROVINCES
from testing.fuzz_messages import messages


@settings(max_examples=10_000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=messages)
def test_recognisers_and_matching_survive_any_text(text: str) -> None:
    # GIVEN any text WHEN every recogniser reads it
    job = knowledge.recognise_job(text)
    place = knowledge.recognise_place(text)
    province = knowledge.recognise_province(text)
    interests = knowledge.recognise_interests(text)
    knowledge.recognise_education(text)
    knowledge.recognise_work_status(text)
    knowledge.recognise_sector(text)
    knowledge.recognise_faq_topic(text)
    # THEN results keep to the contract's vocabularies
    assert job is None or (isinstance(job["label"], str) and 0 <= job["confidence"] <= 1)
    assert place is None or place["province"] in PROVINCES
    assert province is None or province in PROVINCES
    assert set(interests) <= set(INTERESTS)
    # AND matching on what was found still gives 3 to 5 professions
    profile = {"interests": interests, "region": province,
               "current_job": job["label"] if job else None}
    assert 3 <= len(knowledge.match(profile)["items"]) <= 5
