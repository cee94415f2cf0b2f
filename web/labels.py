"""Dutch labels for slot names and values on route cards (HTML and PDF).

The labels themselves live in the contract module; this keeps the card's small API.
"""

from __future__ import annotations

from typing import Any

from contract import labels, values

SLOT_LABELS: dict[str, str] = labels.SLOT_LABELS
# Profile values never collide across value sets, so one flat lookup serves the cards.
VALUE_LABELS: dict[str, str] = {
    value: labels.label(kind, value)
    for kind in values.SLOT_VALUE_SET.values() for value in values.VALUE_SETS[kind]
}
ROUTE_KIND_LABELS: dict[str, str] = labels.names("route_kind")


def value_label(value: Any) -> str:
    """A slot value as Dutch text: lists joined, booleans as ja/nee, codes as words."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(value_label(v) for v in value if v not in (None, ""))
    text = str(value)
    return VALUE_LABELS.get(text, text)
