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
"""

from __future__ import annotations

from typing import Any, Optional, Text, Type

import tensorflow as tf
from rasa.core.policies.ted_policy import TED, TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIET, DIETClassifier
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel


class QuickLoading:
    """Mixin for a RasaModel subclass: `load` without the traced training step."""

    @classmethod
    def load(cls, model_file_name: Text, model_data_example: RasaModelData,
             predict_data_example: Optional[RasaModelData] = None,
             finetune_mode: bool = False, *args: Any, **kwargs: Any) -> RasaModel:
        if finetune_mode:  # fine-tuning continues training, so it needs the optimizer state
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
        # The checkpoint also holds the optimizer's state, which prediction never needs.
        model.load_weights(model_file_name).expect_partial()
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
