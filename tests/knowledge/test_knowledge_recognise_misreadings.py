"""Words the recognisers must not misread (cases first seen in the persona suite)."""

from __future__ import annotations

import pytest

import knowledge
from knowledge.recognise import profile as rec


@pytest.mark.parametrize("text", [
    "ik wil weten welk technisch beroep bij mij past", "technisch werk", "een technisch beroep",
    "ander werk", "iets met techniek", "ik zoek een nieuwe baan", "een baan met toekomst",
])
def test_generic_wishes_about_work_are_not_job_titles(text: str) -> None:
    # GIVEN a phrase that says what kind of work someone wants, not what they do
    # WHEN the job recogniser reads it
    # THEN no job title is found
    assert knowledge.recognise_job(text) is None


def test_a_real_job_in_the_same_kind_of_sentence_is_still_found() -> None:
    # GIVEN a sentence with a real job title
    # WHEN the job recogniser reads it
    job = knowledge.recognise_job("ik ben conciërge op een basisschool")
    # THEN the job is found
    assert job is not None and job["label"] == "conciërge"


@pytest.mark.parametrize("text", [
    "ik ben conciërge op een basisschool", "conciërge op een basisschool",
    "ik werk op de universiteit", "ik ben leraar bij een hogeschool",
])
def test_a_school_as_workplace_is_not_a_diploma(text: str) -> None:
    # GIVEN a school named as the place someone works
    # WHEN the education recogniser reads it
    # THEN no education level is read from it
    assert rec.recognise_education(text) is None


@pytest.mark.parametrize(("text", "level"), [
    ("ik heb alleen basisschool", "geen"), ("basisschool", "geen"),
    ("geen school gedaan", "geen"), ("ik ben nooit naar school geweest", "geen"),
    ("ik ben leraar op een school en heb hbo", "hbo"), ("ik zit op mbo 3", "mbo3"),
    ("ik zit nog op school, mbo retail maar vind het niks", "vmbo"),
])
def test_diploma_phrases_still_give_their_level(text: str, level: str) -> None:
    # GIVEN a phrase about a diploma or school level
    # WHEN the education recogniser reads it
    # THEN the contract level comes back (an mbo student without a level holds vmbo)
    assert rec.recognise_education(text) == level


@pytest.mark.parametrize("text", ["ik heb gewoon werk", "heb nu werk"])
def test_plain_statements_of_having_work_mean_werkend(text: str) -> None:
    # GIVEN a plain answer to the work-status question
    # WHEN the work-status recogniser reads it
    # THEN it is werkend
    assert rec.recognise_work_status(text) == "werkend"


@pytest.mark.parametrize(("text", "topic"), [
    ("is techniek wel iets voor meiden?", "vrouwen"),
    ("kunnen meisjes dit ook?", "vrouwen"),
    ("krijg je betaald tijdens de opleiding?", "verdienen_tijdens_leren"),
    ("word je betaald tijdens het leren?", "verdienen_tijdens_leren"),
])
def test_mid_form_questions_get_their_faq_topic(text: str, topic: str) -> None:
    # GIVEN a frequent question asked in everyday words
    # WHEN the FAQ topic recogniser reads it
    # THEN the right topic comes back
    assert rec.recognise_faq_topic(text) == topic
