"""Rasa checks every action server response against a JSON schema; this keeps the check
and drops the part that costs most of a turn's CPU.

`RemoteAction._validate_action_result` calls `jsonschema.validate(result, spec)`, which
first validates the *schema itself* against the JSON-schema meta-schema, on every call.
Profiled with 16 people at once (cProfile on one Rasa instance, docs/benchmarks.md), that
meta-check took about 60 % of the time spent handling messages: the schema is the same
every time. Here the schema is checked once and one validator is reused; the response is
still validated exactly as before and a bad response raises the same ValidationError.
Installed from the Rasa channels (only the Rasa process loads them).
"""

from __future__ import annotations

from typing import Any, Dict

from jsonschema import ValidationError, validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_installed = False


def _validator() -> Any:
    spec = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(spec)
    cls.check_schema(spec)  # once, at start: the spec is a constant of Rasa
    return cls(spec)


def install() -> None:
    """Replace Rasa's per-call schema check with one cached validator (idempotent)."""
    global _installed
    if _installed:
        return
    validator = _validator()

    def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is not None:
            error.message += (
                ". Failed to validate Action server response from API, make sure your "
                "response from the Action endpoint is valid. For more information about "
                f"the format visit {DOCS_BASE_URL}/custom-actions")
            raise error
        return True

    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    _installed = True


__all__ = ["ValidationError", "install"]
