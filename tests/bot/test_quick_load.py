"""The quick-loading DIET and TED subclasses (bot/components/quick_load.py).

That a quickly loaded model predicts like Rasa's own loading is checked by every test that
talks with the real Rasa server and by `rasa test` in `make test`; these pin the wiring.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa.core.policies.ted_policy import TED
from rasa.nlu.classifiers.diet_classifier import DIET

from bot.components import quick_load

REPO = Path(__file__).resolve().parents[2]


def test_fine_tuning_still_loads_the_rasa_way_with_the_optimizer_state(monkeypatch) -> None:
    # GIVEN Rasa's own load replaced by a recorder
    calls = []
    monkeypatch.setattr(DIET, "load", classmethod(
        lambda cls, *args, **kwargs: calls.append((cls, args)) or "rasa-load"))
    # WHEN the quick-loading model class loads in fine-tune mode
    loaded = quick_load.QuickLoadingDIET.load("weights", None, None, True)
    # THEN Rasa's load (with its training step) did the work
    assert loaded == "rasa-load" and calls and calls[0][0] is quick_load.QuickLoadingDIET


def test_the_components_train_rasas_own_model_classes() -> None:
    # GIVEN the components WHEN asked for their model class THEN it is Rasa's, only loaded
    # differently
    assert issubclass(quick_load.QuickLoadingDIETClassifier.model_class(), DIET)
    assert issubclass(quick_load.QuickLoadingTEDPolicy.model_class(), TED)


def test_the_pipeline_and_policies_use_the_quick_loading_classes() -> None:
    config = yaml.safe_load((REPO / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"] + config["policies"]]
    assert "bot.components.quick_load.QuickLoadingDIETClassifier" in names
    assert "bot.components.quick_load.QuickLoadingTEDPolicy" in names
    assert "DIETClassifier" not in names and "TEDPolicy" not in names
