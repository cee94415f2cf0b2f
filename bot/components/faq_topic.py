"""Rasa NLU component: which frequent question is this? A topic classifier trained on the
`faq` examples of the NLU data.

Each `faq` block in bot/data/nlu/faq.yml carries its topic as intent metadata
(`metadata: {topic: salaris}`); the topic names are those of knowledge/data/faq.csv, whose
answers `action_answer_faq` sends. A retrieval intent (`faq/<topic>` with a
ResponseSelector) would need a response text per topic that is never sent: the answers
come from the knowledge base with their source and date. So the topic is learned here and
put in the parse result as `faq_topic: {"name": ..., "confidence": ...}`: one final topic,
the learned one when it is sure enough, else the word patterns of `faq_patterns` (a name
of an ended scheme always wins). `name` is null when neither knows.

Character n-grams (2-5, within words) carry typos and Dutch compounds; a logistic
regression gives calibrated-enough confidences to say "not sure" below a threshold.
"""

from __future__ import annotations

import logging
import pickle
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from bot.components import faq_patterns

logger = logging.getLogger(__name__)

FAQ_TOPIC = "faq_topic"
MODEL_FILE = "faq_topic.pkl"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def question_part(text: str) -> str:
    """The sentences with a question mark, when a message also tells things ("Ik werk in
    een fabriek. Gaat dat met mbo 2?"): the statements say nothing about the topic."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    asked = [s for s in sentences if "?" in s]
    return " ".join(asked) if asked and len(asked) < len(sentences) else text


def topic_of(message: Message) -> str | None:
    """The topic a training example was written for (intent metadata `topic`)."""
    metadata = message.get(METADATA) or {}
    intent_metadata = metadata.get(METADATA_INTENT) if isinstance(metadata, dict) else None
    topic = intent_metadata.get("topic") if isinstance(intent_metadata, dict) else None
    return str(topic) if topic else None


def build_classifier(random_state: int) -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True,
                        sublinear_tf=True),
        LogisticRegression(C=20.0, max_iter=2000, random_state=random_state))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class FaqTopicClassifier(GraphComponent):
    """Adds `faq_topic` to every parsed message (the action uses it when the intent is faq)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": "faq", "random_seed": 17}

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage,
                 resource: Resource, classifier: Pipeline | None = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage,
               resource: Resource, execution_context: ExecutionContext
               ) -> FaqTopicClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> FaqTopicClassifier:
        classifier = None
        try:
            with model_storage.read_from(resource) as directory:
                with (directory / MODEL_FILE).open("rb") as f:
                    classifier = pickle.load(f)  # noqa: S301 - our own trained model file
        except (ValueError, FileNotFoundError):
            logger.warning("no trained FAQ topic classifier in the model; topics stay empty")
        return cls(config, model_storage, resource, classifier)

    def train(self, training_data: TrainingData) -> Resource:
        texts, topics = [], []
        for example in training_data.intent_examples:
            topic = topic_of(example)
            if example.get(INTENT) == self._config["intent"] and topic:
                texts.append(example.get(TEXT) or "")
                topics.append(topic)
        if len(set(topics)) < 2:
            logger.warning("fewer than two FAQ topics in the training data; not trained")
            return self._resource
        classifier = build_classifier(self._config["random_seed"])
        classifier.fit(texts, topics)
        self._classifier = classifier
        with self._model_storage.write_to(self._resource) as directory:
            with (directory / MODEL_FILE).open("wb") as f:
                pickle.dump(classifier, f)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip() or text.startswith("/"):
                continue  # button payloads name their intent; no topic to guess
            asked = question_part(text[:600])
            learned, confidence = None, 0.0
            if self._classifier is not None:
                probabilities = self._classifier.predict_proba([asked])[0]
                best = int(probabilities.argmax())
                learned = str(self._classifier.classes_[best])
                confidence = float(probabilities[best])
            # One final topic: the learned one when sure, else the word patterns.
            # The words of the whole message ("mijn Nederlands is niet goed. Is dat een
            # probleem?" is about language), the learned topic from its question part.
            name, sure = faq_patterns.final_topic(text[:600], learned, confidence)
            message.set(FAQ_TOPIC, {"name": name, "confidence": round(sure, 3),
                                    "learned": learned,
                                    "learned_confidence": round(confidence, 3)},
                        add_to_output=True)
        return messages
