"""Rasa still validates every action server response, but checks its constant schema only
once instead of on every call (the biggest CPU cost of a turn under load)."""

from __future__ import annotations

import jsonschema
import pytest
from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction

from bot.channels import action_validation

GOOD = {"events": [{"event": "slot", "name": "region", "value": "utrecht"}],
        "responses": [{"text": "Fijn.", "buttons": [], "custom": {"type": "x"}}]}
BAD = [{"events": "geen lijst"}, {"events": [{"name": "region"}]},
       {"responses": "geen lijst"}, {"events": [{"event": 5}]}]


def _rasa_verdict(result: dict) -> bool:
    try:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
        return True
    except ValidationError:
        return False


def test_responses_get_the_same_verdict_as_rasas_own_check():
    action_validation.install()
    action = RemoteAction("action_x", None)
    assert _rasa_verdict(GOOD) and action._validate_action_result(GOOD) is True
    for bad in BAD:
        assert not _rasa_verdict(bad)
        with pytest.raises(ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(bad)


def test_the_schema_itself_is_not_checked_again_per_response(monkeypatch):
    action_validation.install()
    cls = validators.validator_for(RemoteAction.action_response_format_spec())
    calls: list[int] = []
    original = cls.check_schema
    monkeypatch.setattr(cls, "check_schema",
                        classmethod(lambda c, schema, *a, **k: calls.append(1)
                                    or original(schema, *a, **k)))
    action = RemoteAction("action_x", None)
    # WHEN twenty responses are validated
    for _ in range(20):
        action._validate_action_result(GOOD)
    # THEN the meta-schema check did not run for any of them
    assert calls == []
