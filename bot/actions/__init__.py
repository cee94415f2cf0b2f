"""Custom actions (rasa-sdk). `rasa run actions --actions bot.actions` imports every module.

The knowledge base is loaded at import, so the first user does not wait for it.
"""

from bot.actions import knowledge_gate as gate

gate.warm_up()
