"""The Rasa assistant: custom NLU components (bot.components) and actions (bot.actions)."""
