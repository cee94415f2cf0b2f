"""Dutch labels for the contract's slot values, as the Telegram cards show them.

Taken from the contract module (`contract.labels`): no copies kept here.
"""

from __future__ import annotations

from contract import labels

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

# The labels come from the contract module (one label per value and purpose); the cards
# show profile fields and values as the widget does, so a person reads the same words.
ROUTE_KIND_LABELS = labels.names("route_kind", "button")
AUDIENCE_LABELS = labels.names("funding_audience", "short")
# Profile fields in the contract's order, ESCO URI left out (for machines, not people).
PROFILE_FIELDS = tuple((slot, name) for slot, name in labels.SLOT_LABELS.items()
                       if slot != "current_job_esco")
