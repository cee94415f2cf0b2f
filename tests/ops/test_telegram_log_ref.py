"""The Telegram bridge names a chat in its logs by a keyed reference, not by a plain hash
of the chat id (short numbers: a plain hash is reversed by hashing every id)."""

from __future__ import annotations

import hashlib

from telegram_bridge.bridge import chat_ref


def test_the_log_reference_of_a_chat_depends_on_the_key(monkeypatch):
    chat = 123456789
    monkeypatch.setenv("PSEUDONYM_KEY", "a" * 40)
    first = chat_ref(chat)
    assert first == chat_ref(chat)  # stable: one chat, one reference in the logs
    # WHEN someone hashes every chat id without the key
    unkeyed = hashlib.sha256(str(chat).encode()).hexdigest()
    # THEN the reference is not among them
    assert not unkeyed.startswith(first) and str(chat) not in first
    monkeypatch.setenv("PSEUDONYM_KEY", "b" * 40)
    assert chat_ref(chat) != first
