"""The knowledge NLU component: entities with confidence and normalised values."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.actions.reading import Reading
from bot.components.knowledge_entities import (
    EXTRACTOR,
    KnowledgeEntityExtractor,
    recognise,
    wait_until_ready,
)


def _by_name(text: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for entity in recognise(text):
        found.setdefault(entity["entity"], []).append(entity)
    return found


def test_several_facts_come_out_as_separate_normalised_entities():
    # GIVEN a message with a job, a town, a benefit and two interests
    found = _by_name("ik ben bakker in Apeldoorn, zit in de ww en hou van sleutelen en buiten")
    # THEN each is an entity with the contract value and a confidence
    assert found["job"][0]["value"] == "bakker" and found["job"][0]["esco_uri"]
    assert found["place"][0]["value"] == "Apeldoorn"
    assert found["province"][0]["value"] == "gelderland"
    assert found["work_status"][0]["value"] == "ww"
    assert {"sleutelen", "buiten"} <= {e["value"] for e in found["interest"]}
    assert all(0 < e["confidence_entity"] <= 1 for es in found.values() for e in es)
    assert all(e["extractor"] == EXTRACTOR for es in found.values() for e in es)


def test_the_span_points_at_the_words_that_were_recognised():
    text = "ik woon sinds kort in Deventer"
    place = _by_name(text)["place"][0]
    assert text[place["start"]:place["end"]] == "Deventer"


def test_common_words_are_never_typo_matched_to_places_or_jobs():
    # GIVEN "vaste" (one edit from the village Vasse) and "dienst" in an ordinary sentence
    found = _by_name("Ik werk nog, in vaste dienst")
    # THEN no place and no job are guessed from them
    assert "place" not in found and "province" not in found and "job" not in found


def test_a_typo_in_a_town_name_is_a_guess_without_a_province_entity():
    # GIVEN a town typed one letter short
    found = _by_name("ik woon in Apeldorn")
    # THEN the town is offered with a lower confidence, and no province is mapped yet
    assert found["place"][0]["value"] == "Apeldoorn"
    assert found["place"][0]["confidence_entity"] < 0.8
    assert "province" not in found


def test_plain_ways_of_saying_benefit_and_school_are_understood():
    assert _by_name("ik zit in de bystand")["work_status"][0]["value"] == "bijstand"
    assert _by_name("ik krijg geld van de gemeente")["work_status"][0]["value"] == "bijstand"
    assert _by_name("middelbare school zonder diploma")["education_level"][0]["value"] == "geen"


def test_learning_while_earning_is_a_statement_not_a_salary_question():
    found = _by_name("Ik wil mijn loon houden, dus leren naast mijn werk")
    assert found["learn_while_earning"][0]["value"] is True
    assert _by_name("nee hoor, dat hoeft niet")["learn_while_earning"][0]["value"] is False


def test_button_payloads_and_empty_text_give_nothing():
    assert recognise('/inform{"work_status":"ww"}') == []
    assert recognise("   ") == []


def test_the_component_adds_entities_to_a_parsed_message_and_keeps_diet_ones():
    # GIVEN a message that DIET already tagged
    message = Message.build(text="ik ben kok in Zwolle")
    message.set("entities", [{"entity": "profession", "value": "kok", "start": 7, "end": 10,
                              "extractor": "DIETClassifier"}])
    # WHEN the component processes it (twice: it must not duplicate its own entities)
    component = KnowledgeEntityExtractor({})
    assert wait_until_ready(600)
    component.process([message])
    component.process([message])
    entities = message.get("entities")
    # THEN DIET's entity stays and the knowledge entities are added once
    assert [e["entity"] for e in entities if e["extractor"] == "DIETClassifier"] == ["profession"]
    ours = [e["entity"] for e in entities if e["extractor"] == EXTRACTOR and e["entity"] != "cue"]
    assert sorted(ours) == sorted(set(ours)) and {"job", "place", "province"} <= set(ours)


def test_the_actions_read_the_facts_from_the_component_entities():
    # GIVEN the component's entities for a message
    text = "ik ben kapster in Middelburg en heb mbo 2"
    reading = Reading.of({"text": text, "entities": recognise(text)})
    # THEN the actions see job, town and school level without reading the text
    assert reading.job()["label"] == "kapper"
    assert reading.place()["municipality"] == "Middelburg"
    assert reading.value("education_level", source="knowledge") == "mbo2"


def _processed(text: str, intent: str, confidence: float) -> list[str]:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": confidence}})
    component = KnowledgeEntityExtractor({})
    assert wait_until_ready(600)
    component.process([message])
    return [e["entity"] for e in message.get("entities") or [] if e["extractor"] == EXTRACTOR]


def test_a_message_that_is_surely_not_about_the_person_gets_no_profile_entities():
    # GIVEN small talk that names a machine and a town
    # WHEN NLU is sure it is small talk THEN no interest or place is read from it, only
    # how it is put (a question)
    assert set(_processed("ben jij soms een robot uit Utrecht", "bot_challenge", 0.97)) == {"cue"}
    # BUT a question keeps no facts of what it asks about, whatever NLU thought of it
    assert "place" not in _processed("ben jij soms een robot uit Utrecht", "bot_challenge", 0.4)
    # AND a statement NLU is unsure of keeps its facts
    assert "place" in _processed("ik kom uit Utrecht", "bot_challenge", 0.4)
    assert "place" in _processed("gewoon in Utrecht", "inform", 0.99)


def test_a_wish_to_go_into_technology_is_not_the_current_sector():
    assert "sector" not in _by_name("ik wil heel graag de techniek in, maar hoe begin ik")
    assert _by_name("ik werk nu in de techniek")["sector"][0]["value"] == "techniek_installatie"


def test_a_typed_job_points_its_span_at_the_word_the_person_typed():
    text = "ik ben electricien van beroep"
    job = _by_name(text)["job"][0]
    assert text[job["start"]:job["end"]] == "electricien"


def test_a_sector_known_only_from_the_job_has_no_words_of_its_own():
    # GIVEN a job title and no workplace words
    text = "ik ben metselaar in Veenendaal"
    sector = _by_name(text)["sector"][0]
    # THEN the sector is there, with an empty span after the text (it is derived), so
    # it never takes the job's words in token-level evaluation
    assert sector["value"] == "bouw" and sector["start"] == sector["end"] == len(text)
