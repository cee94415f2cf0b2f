"""The live handover: a person asks for an adviser, an adviser takes the chat over.

`routes.py` mounts it beside the console (queue pages, live list, takeover, reply,
release, the Telegram outbox feed, the watcher); `hold.py` is the rule the Rasa policy
applies while an adviser holds a conversation. It builds on console/ and settings/;
the dialogue's own handover form stays with the actions (bot/actions/handover.py).
"""
