"""The contract module is the one source of values: domain, NLU data and labels agree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from contract import labels, values

ROOT = Path(__file__).resolve().parents[2]
_ANNOTATION = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\(([^)]*)\))")
_PAYLOAD = re.compile(r"^/\w+(\{.*\})\s*$")


def _nlu_files() -> list[Path]:
    return sorted((ROOT / "bot" / "data").rglob("*.yml")) + [ROOT / "tests/bot/nlu_test.yml"]


def _entity_values() -> list[tuple[str, str, str]]:
    """(file, entity, normalised value) of every annotated contract entity in the NLU data."""
    synonyms: dict[str, str] = {}
    blocks = []
    for path in _nlu_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []) or []:
            if "synonym" in block:
                for line in block["examples"].splitlines():
                    if line.startswith("- "):
                        synonyms[line[2:].strip().lower()] = str(block["synonym"])
            elif "intent" in block:
                blocks.append((path.name, block["examples"]))
    found = []
    for name, examples in blocks:
        for line in examples.splitlines():
            text = line[2:].strip() if line.startswith("- ") else ""
            payload = _PAYLOAD.match(text)
            if payload:
                for entity, value in json.loads(payload.group(1)).items():
                    for item in value if isinstance(value, list) else [value]:
                        found.append((name, entity, str(item)))
                continue
            for match in _ANNOTATION.finditer(text):
                raw, spec, plain = match.group(1), match.group(2), match.group(3)
                if plain is not None:
                    entity = plain.split(":")[0]
                    value = plain.split(":")[1] if ":" in plain else synonyms.get(
                        raw.lower(), raw)
                else:
                    meta = json.loads(spec)
                    entity = meta["entity"]
                    value = meta.get("value") or synonyms.get(raw.lower(), raw)
                found.append((name, entity, value))
    return found


def test_domain_categorical_slots_hold_exactly_the_contract_values():
    # GIVEN the domain
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    # THEN every closed profile slot lists the contract's values, in contract order
    for slot, kind in values.SLOT_VALUE_SET.items():
        spec = domain["slots"][slot]
        if spec["type"] == "categorical":
            assert tuple(spec["values"]) == values.VALUE_SETS[kind], slot
    assert set(values.PROFILE_SLOTS) <= set(domain["slots"])


def test_nlu_entity_values_are_contract_values():
    # GIVEN every annotated entity of a contract value set in training and test data
    checked = [(f, e, v) for f, e, v in _entity_values() if e in values.ENTITY_VALUE_SET]
    # THEN its (synonym-mapped) value is a contract value
    wrong = [(f, e, v) for f, e, v in checked
             if v not in values.VALUE_SETS[values.ENTITY_VALUE_SET[e]]]
    assert checked and wrong == []


def test_every_value_has_a_label_for_every_purpose():
    # GIVEN every value set of the contract
    for kind, allowed in values.VALUE_SETS.items():
        # THEN it has labels for exactly its values, none empty
        assert set(labels.LABELS[kind]) == set(allowed), kind
        for value in allowed:
            assert all(labels.label(kind, value, p).strip() for p in labels.PURPOSES)


def test_labels_read_as_words():
    assert labels.label("sector", "horeca", "button") == "Horeca"
    assert labels.label("work_status", "ww", "sentence") == "je hebt een WW-uitkering"
    both = labels.slot_value("interests", ["buiten", "zorg"])
    assert both == "buiten werken, techniek in de zorg"
    assert labels.slot_value("learn_while_earning", True) == "ja"
    # an unknown value never breaks a channel
    assert labels.label("sector", "ruimtevaart") == "ruimtevaart"


def test_export_is_json_for_the_widget():
    data = json.loads(json.dumps(labels.export()))
    assert data["values"]["province"]["short"]["noord-holland"] == "Noord-Holland"
    assert data["slots"]["region"] == "Provincie"


def test_the_widget_labels_file_is_generated_from_the_contract():
    # GIVEN the labels file the widget bundles (written by python -m contract.export)
    committed = json.loads((ROOT / "web/widget/src/contract-labels.json").read_text("utf-8"))
    # THEN it equals what the contract module exports now
    assert committed == json.loads(json.dumps(labels.export()))
