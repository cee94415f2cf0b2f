"""Telegram channel: a python-telegram-bot 22 bridge to the Rasa REST channel.

Run with `python -m telegram_bridge`; settings in `settings.sections.TelegramSettings`.
"""
