"""Dutch spaCy language component with a loud fallback to spacy.blank("nl").

Rasa's own SpacyNLP refuses to start without the model package, and the Dutch
model cannot always be fetched (offline CI). This subclass loads the package when
it is installed and otherwise a blank Dutch tokenizer, so training and serving
keep working; the warning says what is missing (see rasa-engineering.md §2a).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, Optional, Text

import rasa.shared.utils.io
import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

logger = logging.getLogger(__name__)


def _available(name: Text) -> bool:
    return bool(name) and (spacy.util.is_package(name) or Path(name).is_dir())


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    # Rasa wires the `model` argument by provider class name, so it must be ours.
    model_from="DutchSpacyNLP",
)
class DutchSpacyNLP(SpacyNLP):
    """Loads nl_core_news_sm when installed, else a blank Dutch pipeline."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **SpacyNLP.get_default_config(),
            "model": "nl_core_news_sm",
            "fallback_language": "nl",
        }

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> DutchSpacyNLP:
        config = {**cls.get_default_config(), **config}
        name, lang = config["model"], config["fallback_language"]
        if _available(name):
            model = cls.load_model(name)  # same version checks as SpacyNLP
            logger.info("DutchSpacyNLP uses spaCy model '%s'.", name)
        else:
            rasa.shared.utils.io.raise_warning(
                f"spaCy model '{name}' is not installed; falling back to "
                f"spacy.blank('{lang}') (tokenizer only: no lemmas, POS, NER, vectors). "
                f"Install the {name} 3.4.x wheel to use the full model."
            )
            model = SpacyModel(model=spacy.blank(lang), model_name=f"blank:{lang}")
        # Bypasses ensure_proper_language_model, which rejects blank pipelines.
        return cls(model, config)

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[Text]:
        # Installing or removing the package must invalidate the training cache.
        c = {**cls.get_default_config(), **config}
        if _available(c["model"]) and spacy.util.is_package(c["model"]):
            return f'{c["model"]}=={spacy.util.get_package_version(c["model"])}'
        if _available(c["model"]):
            return f'{c["model"]}:dir'
        return f'blank:{c["fallback_language"]}'


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="DutchSpacyNLP",
)
class DutchSpacyEntityExtractor(SpacyEntityExtractor):
    """SpacyEntityExtractor wired to DutchSpacyNLP (useful only with the real model)."""
