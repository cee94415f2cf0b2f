"""The opaque reference of a conversation outside the chat (console pages, links, exports,
the handover webhook) instead of its session id.

A widget's session id works like a password: whoever has it can resume the conversation
(and for Telegram it holds the chat id). So advisers, exports and the team's webhook see
``r-<keyed hash>`` instead; the console's routes accept it and look the conversation up.
The key is PSEUDONYM_KEY (else RASA_API_TOKEN): the same in every process and after a
restart, so a link in yesterday's webhook still opens the handover.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import threading
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from console.db import conv_index
from settings.operations import pseudonym_key

PREFIX = "r-"
PATTERN = re.compile(r"^r-[a-z2-7]{24}$")
_KNOWN: dict[str, str] = {}  # reference -> sender id, filled from the index on a miss
_SCANNED: dict[str, tuple] = {}  # index rows seen at the last scan, per console database
_LOCK = threading.Lock()


def reference(sender_id: str, env: Mapping[str, str] | None = None) -> str:
    """`env`: the settings of the process that shows it (default this process's)."""
    digest = hmac.new(pseudonym_key(env), b"conversation-ref|" + sender_id.encode(),
                      hashlib.sha256).digest()
    return PREFIX + base64.b32encode(digest[:15]).decode().lower()


def resolve(engine: Engine, value: str) -> str:
    """The sender id a path segment names: a reference is looked up in the console index;
    anything else is taken as it is (internal callers, old links)."""
    if not PATTERN.match(value):
        return value
    with _LOCK:
        found = _KNOWN.get(value)
        if found is not None:
            return found
        with engine.connect() as conn:
            # rows and newest activity: an erasure plus a new conversation changes it too
            count = tuple(conn.execute(sa.select(sa.func.count(),
                                                 sa.func.max(conv_index.c.last_at))).one())
            if count == _SCANNED.get(str(engine.url)):
                return value  # nothing new since the last look: an unknown reference
            senders = [s for (s,) in conn.execute(sa.select(conv_index.c.sender_id))]
        for sender_id in senders:
            _KNOWN.setdefault(reference(sender_id), sender_id)
        _SCANNED[str(engine.url)] = count
        return _KNOWN.get(value, value)
