"""Names the live handover shares with the assistant's domain (domain.yml): the slot that
says an adviser holds the conversation, and the action that gives it back.

Kept apart so the Rasa process (handover/hold.py) and the web server (handover/takeover.py)
name them once without loading each other's dependencies.
"""

HOLD_SLOT = "adviser_active"
RESUME_ACTION = "action_handover_resume"
