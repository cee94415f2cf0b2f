"""When the assistant stays silent because an adviser holds the conversation.

The console's takeover (handover/takeover.py) sets the slot ``adviser_active`` through
Rasa's HTTP API; the Rasa policy bot/policies/adviser_hold.py asks `adviser_holds` on every
turn. Erasure must always work, so the rule steps back for the erasure request, for the
answer to its confirmation question and for a restart; the normal rules take those turns.
"""

from __future__ import annotations

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from handover.slots import HOLD_SLOT

# Turns the assistant always takes, also while an adviser holds the conversation.
ALWAYS_ANSWERED = frozenset({"erase_data", "restart", "session_start"})
ERASE_QUESTION = "utter_ask_erase_confirm"


def action_before_last_user_message(tracker: DialogueStateTracker) -> str | None:
    """The bot action that ran just before the person's latest message (not listening)."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif seen_user and isinstance(event, ActionExecuted):
            if event.action_name != ACTION_LISTEN_NAME:
                return event.action_name
    return None


def adviser_holds(tracker: DialogueStateTracker) -> bool:
    """True when the assistant must stay silent on this turn."""
    if tracker.get_slot(HOLD_SLOT) is not True:
        return False
    # Only right after a user message: the turns the assistant starts itself (an erasure
    # confirmation, the resume message) must run to their end.
    if tracker.latest_action_name != ACTION_LISTEN_NAME:
        return False
    intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
    if intent in ALWAYS_ANSWERED:
        return False
    if action_before_last_user_message(tracker) == ERASE_QUESTION:
        return False  # "ja"/"nee" to "Weet je zeker dat ik je gegevens verwijder?"
    return True
