"""While an adviser holds a conversation, the assistant listens and says nothing.

The Rasa policy only; the rule it applies (`adviser_holds`) is part of the live handover
(handover/hold.py). config.yml names this module, so the class stays here.

The console sets the slot ``adviser_active`` through Rasa's HTTP API when an adviser
takes over, and the action ``action_handover_resume`` clears it. This policy reads that
slot: after each user message in a held conversation it predicts ``action_listen`` with
full confidence and a priority above RulePolicy, so no rule, form or fallback answers.

Why a policy and not Rasa's pause events: a paused tracker skips prediction entirely, so
"verwijder mijn gegevens" would go unanswered too. Erasure must always work, so this
policy steps back for the erasure request, for the answer to its confirmation question
and for a restart; the normal rules take those turns.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction, confidence_scores_for
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from handover.hold import HOLD_SLOT, adviser_holds  # noqa: F401 (the rule lives with the handover)

# Above RulePolicy (6): at equal confidence the higher priority wins.
DEFAULT_PRIORITY = 7


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class AdviserHoldPolicy(Policy):
    """Predicts ``action_listen`` while the slot ``adviser_active`` is true."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": DEFAULT_PRIORITY}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        featurizer: Any = None,
    ) -> None:
        config = {**self.get_default_config(), **config}
        super().__init__(config, model_storage, resource, execution_context, featurizer)

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        # Nothing to learn: the decision is a fixed rule on a slot the console sets. An
        # empty marker keeps the resource loadable and cacheable like any policy's.
        with self._model_storage.write_to(self._resource) as directory:
            (directory / "adviser_hold.json").write_text("{}", encoding="utf-8")
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if not adviser_holds(tracker):
            return self._prediction(self._default_predictions(domain))
        # A "no user" prediction also outranks RulePolicy's active-form predictions.
        return self._prediction(
            confidence_scores_for(ACTION_LISTEN_NAME, 1.0, domain), is_no_user_prediction=True
        )
