"""The conversation contract (../shared/conversation-contract.md) as code.

`contract.values` holds every closed value set, `contract.labels` one Dutch label per
value and purpose. Bot, knowledge, web, console and Telegram import these instead of
keeping their own copies.
"""

from contract import labels, values

__all__ = ["labels", "values"]
