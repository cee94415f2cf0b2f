"""The FAQ topic classifier (bot/components/faq_topic.py): trained on the real faq examples,
it names the topic of questions worded in ways the training data never used."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.training_data.message import Message

from bot.components.faq_topic import FAQ_TOPIC, FaqTopicClassifier

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalModelStorage, Resource]:
    storage = LocalModelStorage(tmp_path_factory.mktemp("faq-model"))
    resource = Resource("faq_topic")
    context = ExecutionContext(GraphSchema({}), "test")
    data = RasaFileImporter(training_data_paths=[str(REPO / "bot" / "data" / "nlu")]
                            ).get_nlu_data()
    FaqTopicClassifier.create({}, storage, resource, context).train(data)
    return storage, resource


def _topic(component: FaqTopicClassifier, text: str) -> dict:
    message = Message(data={"text": text})
    component.process([message])
    return message.get(FAQ_TOPIC) or {}


@pytest.mark.parametrize(("question", "topic"), [
    ("hoeveel krijg je per maand als monteur", "salaris"),
    ("ik ben al 58, is dat niet te laat om nog iets nieuws te leren", "leeftijd"),
    ("moet ik de hele opleiding zelf betalen of is dat gratis", "kosten"),
    ("kan ik als vrouw ook goed meekomen in zo'n technisch bedrijf", "vrouwen"),
    ("hoeveel dagen in de week zit je dan op school", "uren_school"),
    ("ik heb een wajong uitkering mag ik dan wel werken", "wia_wajong"),
])
def test_a_newly_worded_question_gets_its_topic_after_loading_the_trained_model(
        trained: tuple[LocalModelStorage, Resource], question: str, topic: str) -> None:
    # GIVEN the classifier trained on bot/data/nlu and loaded back from the model storage
    storage, resource = trained
    component = FaqTopicClassifier.load({}, storage, resource,
                                        ExecutionContext(GraphSchema({}), "test"))
    # WHEN a question in new words is parsed THEN its topic is the one a person meant
    found = _topic(component, question)
    assert found.get("name") == topic, found
    assert 0 < found["confidence"] <= 1


def test_button_payloads_and_empty_messages_get_no_topic(
        trained: tuple[LocalModelStorage, Resource]) -> None:
    storage, resource = trained
    component = FaqTopicClassifier.load({}, storage, resource,
                                        ExecutionContext(GraphSchema({}), "test"))
    assert _topic(component, '/inform{"province":"utrecht"}') == {}
    assert _topic(component, "   ") == {}


def test_a_model_without_the_classifier_still_gives_the_topic_of_the_words(
        tmp_path: Path) -> None:
    # GIVEN a model storage where the classifier was never trained
    component = FaqTopicClassifier.load({}, LocalModelStorage(tmp_path), Resource("none"),
                                        ExecutionContext(GraphSchema({}), "test"))
    # THEN parsing still works: the word patterns name the topic, with no learned guess
    topic = _topic(component, "wat verdient een lasser")
    assert topic["name"] == "salaris" and topic["learned"] is None


def test_in_a_story_with_a_question_the_question_decides_the_topic(
        trained: tuple[LocalModelStorage, Resource]) -> None:
    storage, resource = trained
    component = FaqTopicClassifier.load({}, storage, resource,
                                        ExecutionContext(GraphSchema({}), "test"))
    # GIVEN a message that first tells about work and town, then asks about the level
    found = _topic(component, "Ik sta al jaren in een koekjesfabriek in Oss. Ik wil graag "
                              "elektricien worden. Kan dat met maar een mbo 1 diploma?")
    # THEN the topic is the diploma question
    assert found.get("name") == "geen_diploma", found
