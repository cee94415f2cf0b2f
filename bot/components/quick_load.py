"""DIETClassifier and TEDPolicy that load a trained model in seconds instead of a minute.

Rasa builds a loaded TensorFlow model by running one *training* step (`model.fit` on one
example) and only then reads the trained weights over it. Tracing that training step,
gradients of the CRF entity layer included, is most of the time a Rasa server needs to start
(about 45 s for DIET and 20 s for TED on this project's 2-core machine), and every test
server, benchmark and restarted production instance pays it. The training step is only there
to create the weights; one forward pass of the loss, run eagerly, creates the same weights.
The trained values are then read from the checkpoint as before and the prediction function
is traced once, as Rasa does. Training itself is unchanged: these classes train exactly like
Rasa's own, so accuracy is the same (checked by `rasa test` in `make test`).

This copies the middle of `RasaModel.load` and leans on private parts of Rasa
(`batch_loss`, `_training`), so it is written for exactly one Rasa version (and the
TensorFlow it pins). On any other version it refuses: it logs a warning and loads the Rasa
way, which is slower but always right. `tests/bot/test_quick_load.py` trains a tiny model
and checks that both ways of loading predict the same.
"""

from __future__ import annotations

import logging
from typing import Any, Optional, Text, Type

import rasa
import tensorflow as tf
from rasa.core.policies.ted_policy import TED, TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

logger = logging.getLogger(__name__)

# The versions whose `RasaModel.load` and checkpoint layout this module copies. Change only
# after reading the new `RasaModel.load` and running tests/bot/test_quick_load.py.
WRITTEN_FOR = {"rasa": "3.6.21", "tensorflow": "2.12.0"}


def installed_versions() -> dict[str, str]:
    return {"rasa": rasa.__version__, "tensorflow": tf.__version__}


def quick_loading_fits(installed: Optional[dict[str, str]] = None) -> bool:
    """Whether the quick way may be used; warns loudly (once per load) when it may not."""
    installed = installed if installed is not None else installed_versions()
    if installed == WRITTEN_FOR:
        return True
    logger.warning(
        "bot/components/quick_load.py was written for %s but found %s: loading the model the "
        "slow Rasa way. Check the new RasaModel.load, then update WRITTEN_FOR.",
        WRITTEN_FOR, installed)
    return False


def restore_weights(model: RasaModel, model_file_name: Text) -> None:
    """Reads the trained weights; fails when any weight of the model is not in the file.

    Rasa's checkpoint also holds the optimizer's slots, which a model built without a
    training step does not have; TensorFlow would warn about those when the load status is
    garbage-collected. We first assert that every weight the model *has* was read (so a new
    or renamed layer after an upgrade fails here instead of predicting with random weights),
    and only then say that the unread optimizer values are expected.
    """
    status = model.load_weights(model_file_name)
    status.assert_existing_objects_matched()
    status.expect_partial()


class QuickLoading:
    """Mixin for a RasaModel subclass: `load` without the traced training step."""

    @classmethod
    def load(cls, model_file_name: Text, model_data_example: RasaModelData,
             predict_data_example: Optional[RasaModelData] = None,
             finetune_mode: bool = False, *args: Any, **kwargs: Any) -> RasaModel:
        # Fine-tuning continues training, so it needs the optimizer state of a real step.
        if finetune_mode or not quick_loading_fits():
            return super().load(model_file_name, model_data_example,  # type: ignore[misc]
                                predict_data_example, finetune_mode, *args, **kwargs)
        model = cls(*args, **kwargs)
        config = kwargs.get("config", {})
        model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                      run_eagerly=config.get(RUN_EAGERLY))
        batch_in, _ = RasaBatchDataGenerator(model_data_example, batch_size=1)[0]
        # The loss touches every layer the training step does, so every weight gets created.
        model._training = True
        model.batch_loss(batch_in)
        model._training = None
        restore_weights(model, model_file_name)
        if predict_data_example:
            model.run_inference(predict_data_example)  # traces the prediction function once
        return model


class QuickLoadingDIET(QuickLoading, DIET):
    pass


class QuickLoadingTED(QuickLoading, TED):
    pass


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
     DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class QuickLoadingDIETClassifier(DIETClassifier):
    @staticmethod
    def model_class() -> Type[RasaModel]:
        return QuickLoadingDIET


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True
)
class QuickLoadingTEDPolicy(TEDPolicy):
    @staticmethod
    def model_class() -> Type[TED]:
        return QuickLoadingTED
