"""Pseudonyms for sender ids in audit rows and erasure tombstones.

A keyed hash (HMAC-SHA256): the same sender id gives the same pseudonym in every process
(Rasa, web server, retention job), but a `telegram:<chat id>` cannot be found back by
trying all chat ids without the key. Key: PSEUDONYM_KEY, else RASA_API_TOKEN (shared by
every service already), else a development constant.
"""

from __future__ import annotations

import hashlib
import hmac

from settings.operations import pseudonym_key as _key


def pseudonym(sender_id: str) -> str:
    return "p:" + hmac.new(_key(), sender_id.encode(), hashlib.sha256).hexdigest()[:30]
