"""The quick-loading DIET and TED subclasses (bot/components/quick_load.py).

A tiny assistant (a few Dutch intents, one entity, two stories) is trained once per module
with the quick-loading classes, 2 epochs each, then loaded twice: the quick way and the Rasa
way (the fallback a version mismatch takes). Both must predict the same intents, entities
and next actions. DIET runs eagerly (`run_eagerly`), which skips TensorFlow's tracing: the
restored weights are what is compared, and tracing Rasa's training step of DIET (its CRF
entity layer) would cost most of a minute of CPU on its own. TED cannot predict eagerly in
Rasa 3.6 (sparse features), so it is traced as in production.
"""

from __future__ import annotations

import asyncio
import logging
import textwrap
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.core.policies.ted_policy import TED
from rasa.nlu.classifiers.diet_classifier import DIET
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.tensorflow.models import RasaModel

from bot.components import quick_load

REPO = Path(__file__).resolve().parents[2]

CONFIG = """
recipe: default.v1
assistant_id: quick-load-test
language: nl
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: bot.components.quick_load.QuickLoadingDIETClassifier
    epochs: 2
    random_seed: 3
    number_of_transformer_layers: 1
    transformer_size: 32
    constrain_similarities: true
    run_eagerly: true
policies:
  - name: bot.components.quick_load.QuickLoadingTEDPolicy
    max_history: 3
    epochs: 2
    random_seed: 3
    constrain_similarities: true
"""

DOMAIN = """
version: "3.1"
intents: [groet, werk_noemen, bedankt]
entities: [beroep]
slots:
  beroep:
    type: text
    influence_conversation: false
    mappings: [{type: from_entity, entity: beroep}]
responses:
  utter_groet: [{text: "Hallo!"}]
  utter_beroep: [{text: "Dank je."}]
  utter_graag: [{text: "Graag gedaan."}]
session_config: {session_expiration_time: 0, carry_over_slots_to_new_session: false}
"""

NLU = """
version: "3.1"
nlu:
- intent: groet
  examples: |
    - hallo
    - hoi
    - goedemorgen
    - hey daar
    - hallo, ik ben er
- intent: werk_noemen
  examples: |
    - ik werk als [kok](beroep)
    - ik ben [schilder](beroep)
    - ik was [kapper](beroep) van beroep
    - mijn werk is [kok](beroep)
    - ik werk als [chauffeur](beroep) bij een bedrijf
- intent: bedankt
  examples: |
    - bedankt
    - dank je wel
    - top, dank je
    - thanks
    - heel fijn, bedankt
"""

STORIES = """
version: "3.1"
stories:
- story: groet en werk
  steps:
  - intent: groet
  - action: utter_groet
  - intent: werk_noemen
    entities: [{beroep: kok}]
  - action: utter_beroep
  - intent: bedankt
  - action: utter_graag
- story: meteen werk
  steps:
  - intent: werk_noemen
    entities: [{beroep: schilder}]
  - action: utter_beroep
"""

MESSAGES = ["hallo", "ik werk als kok", "ik ben chauffeur", "dank je", "goedemiddag allemaal",
            "mijn werk is schilder"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rasa.api import train

    folder = tmp_path_factory.mktemp("quick_load")
    for name, text in [("config.yml", CONFIG), ("domain.yml", DOMAIN), ("nlu.yml", NLU),
                       ("stories.yml", STORIES)]:
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        # A cache of its own: really trained, and the project's training cache stays clean.
        env.setenv("RASA_CACHE_DIRECTORY", str(folder / "cache"))
        result = train(domain=str(folder / "domain.yml"), config=str(folder / "config.yml"),
                       training_files=[str(folder / "nlu.yml"), str(folder / "stories.yml")],
                       output=str(folder / "models"), fixed_model_name="tiny")
    assert result.code == 0 and result.model
    return Path(result.model)


@pytest.fixture()
def fit_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every Keras training step Rasa's loading runs (and still runs it)."""
    calls: list[str] = []
    real_fit = RasaModel.fit

    def recording_fit(self: RasaModel, *args: Any, **kwargs: Any) -> Any:
        calls.append(type(self).__name__)
        return real_fit(self, *args, **kwargs)

    monkeypatch.setattr(RasaModel, "fit", recording_fit)
    yield calls


def predictions(model: Path) -> dict[str, Any]:
    agent = Agent.load(model)

    async def parse_all() -> list[dict[str, Any]]:
        return [await agent.parse_message(text) for text in MESSAGES]

    parsed = asyncio.run(parse_all())
    nlu = [{"intents": [(i["name"], i["confidence"]) for i in p["intent_ranking"]],
            "entities": [(e["entity"], e["value"], e["start"], e["end"])
                         for e in p["entities"]]} for p in parsed]
    tracker = DialogueStateTracker.from_events("quick-load", [
        ActionExecuted("action_listen"),
        UserUttered("hallo", intent={"name": "groet", "confidence": 1.0}),
        ActionExecuted("utter_groet"),
        ActionExecuted("action_listen"),
        UserUttered("ik werk als kok", intent={"name": "werk_noemen", "confidence": 1.0},
                    entities=[{"entity": "beroep", "value": "kok", "start": 12, "end": 15}]),
    ], slots=agent.domain.slots)
    scores = agent.processor.predict_next_with_tracker(tracker)["scores"]
    return {"nlu": nlu, "actions": [(s["action"], s["score"]) for s in scores]}


def assert_same(quick: dict[str, Any], rasa_way: dict[str, Any]) -> None:
    for q, r in zip(quick["nlu"], rasa_way["nlu"], strict=True):
        assert [name for name, _ in q["intents"]] == [name for name, _ in r["intents"]]
        assert [c for _, c in q["intents"]] == pytest.approx([c for _, c in r["intents"]],
                                                             abs=1e-5)
        assert q["entities"] == r["entities"]
    assert [a for a, _ in quick["actions"]] == [a for a, _ in rasa_way["actions"]]
    assert [s for _, s in quick["actions"]] == pytest.approx(
        [s for _, s in rasa_way["actions"]], abs=1e-5)


def test_a_model_loaded_quickly_predicts_what_rasas_own_loading_predicts(
        tiny_model: Path, fit_calls: list[str], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # GIVEN a tiny trained model, loaded the quick way on the Rasa version the code is for
    with caplog.at_level(logging.WARNING, logger=quick_load.__name__):
        quick = predictions(tiny_model)
    # THEN no training step ran and nothing warned
    assert fit_calls == [] and not caplog.records
    # WHEN the same model loads on a version the code was not written for
    monkeypatch.setattr(quick_load, "WRITTEN_FOR", {"rasa": "9.9.9", "tensorflow": "9.9"})
    with caplog.at_level(logging.WARNING, logger=quick_load.__name__):
        rasa_way = predictions(tiny_model)
    # THEN Rasa's own loading ran (one training step each for DIET and TED), loudly
    assert sorted(fit_calls) == ["QuickLoadingDIET", "QuickLoadingTED"]
    assert any("slow Rasa way" in r.getMessage() and r.levelno == logging.WARNING
               for r in caplog.records)
    # AND both ways rank the intents, find the entities and choose the next action alike
    assert quick["nlu"][1]["entities"], "the tiny model should find at least one job"
    assert_same(quick, rasa_way)


def test_another_rasa_or_tensorflow_version_refuses_the_quick_way(
        caplog: pytest.LogCaptureFixture) -> None:
    # GIVEN the versions the module was written for
    written_for = dict(quick_load.WRITTEN_FOR)
    # WHEN other versions are installed THEN it refuses, with a warning that names both
    with caplog.at_level(logging.WARNING, logger=quick_load.__name__):
        assert not quick_load.quick_loading_fits({**written_for, "rasa": "3.7.0"})
        assert not quick_load.quick_loading_fits({**written_for, "tensorflow": "2.13.0"})
    assert len(caplog.records) == 2 and "3.7.0" in caplog.records[0].getMessage()
    # AND on exactly those versions it takes the quick way without a word
    caplog.clear()
    assert quick_load.quick_loading_fits(written_for) and not caplog.records


def test_this_environment_has_the_versions_the_quick_way_was_written_for() -> None:
    # GIVEN the installed Rasa and TensorFlow THEN they are the ones quick_load.py copies;
    # an upgrade fails here first, as a reminder to re-read RasaModel.load
    assert quick_load.installed_versions() == quick_load.WRITTEN_FOR


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
