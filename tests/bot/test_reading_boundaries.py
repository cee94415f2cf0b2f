"""NLU reads, actions decide: the boundaries that keep it so (issue 21)."""

from __future__ import annotations

import ast
from pathlib import Path

import yaml

from bot.actions.intent_groups import DIGRESSIONS, NEVER_AN_ANSWER, PROFILE_ANSWERS, QUESTIONS
from bot.components.message_reading import CUES, cues

ROOT = Path(__file__).resolve().parents[2]
ACTIONS = ROOT / "bot" / "actions"
# Bot texts are shaped with regular expressions (sentence splits, word counts); those
# never see what the person typed.
TEXT_SHAPING = {"advice_texts.py"}


def _regex_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "re"]


def test_no_action_module_reads_text_with_regular_expressions():
    # GIVEN every module of the action server except the ones that shape bot texts
    found = [call for path in sorted(ACTIONS.glob("*.py")) if path.name not in TEXT_SHAPING
             for call in _regex_calls(path)]
    # THEN none uses a regular expression: reading the person's text belongs to NLU
    assert found == []


def test_every_not_intent_list_in_the_domain_is_the_one_never_an_answer_group():
    # GIVEN the slot mappings of the domain
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    lists = [mapping["not_intent"] for slot in domain["slots"].values()
             for mapping in slot.get("mappings", []) if "not_intent" in mapping]
    # THEN each not_intent list is exactly the group in bot/actions/intent_groups.py
    assert lists and all(set(found) == NEVER_AN_ANSWER for found in lists)


def test_the_intent_groups_cover_every_intent_of_the_domain_once():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents = set(domain["intents"])
    grouped = PROFILE_ANSWERS | DIGRESSIONS | {"greet", "thanks", "other_profession",
                                               "make_card"}
    # THEN no intent is left out, and the answer group and the digressions do not overlap
    assert intents <= grouped | {"nlu_fallback"}
    assert not (PROFILE_ANSWERS & DIGRESSIONS) and QUESTIONS <= DIGRESSIONS


def test_the_cues_nlu_gives_are_the_ones_the_actions_know():
    # GIVEN messages of many kinds
    for text in ("ja hoor", "nee, ik woon in Ede", "weet ik niet", "sla maar over",
                 "hoe lang duurt dat?", "ik werk niet", "ik wil advies"):
        # THEN every cue is a known name
        assert set(cues(text)) <= CUES, text
