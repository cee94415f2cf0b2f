"""Limits on what one widget connection may send: a token bucket per socket and a cap on
turns per conversation, each answered once with a calm Dutch reply instead of silence.

An open websocket could otherwise push messages as fast as the network allows, each one a
full NLU and dialogue turn. Erasure requests always pass: nobody is locked out of
"verwijder mijn gegevens".
"""

from __future__ import annotations

import os
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

SLOW_DOWN = ("Rustig aan, ik lees alles wat je stuurt. Wacht even op mijn antwoord en "
             "stuur dan je volgende bericht.")
TOO_LONG = ("Dit gesprek is heel lang geworden, daarom stop ik hier. Wil je opnieuw "
            "beginnen? Kies dan 'Opnieuw beginnen'. Wil je met een mens praten? Dan kun je "
            "je gegevens achterlaten via een adviseur van het regionale loket.")
ERASURE = re.compile(r"verwijder|wis |wissen|/erase", re.IGNORECASE)
MAX_TRACKED = 100_000  # sockets / conversations remembered (oldest forgotten first)


@dataclass
class TokenBucket:
    capacity: float
    per_second: float
    tokens: float = -1.0
    updated: float = 0.0
    warned: bool = False

    def take(self, now: float) -> bool:
        if self.tokens < 0:
            self.tokens, self.updated = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            self.warned = False
            return True
        return False


@dataclass
class SocketLimits:
    # A person who clicks through the buttons as fast as the answers come stays far below
    # this (a whole conversation is about 20 messages); a script that floods does not.
    burst: float = 30
    per_minute: float = 60
    max_turns: int = 300
    clock: Callable[[], float] = time.monotonic
    _buckets: OrderedDict[str, TokenBucket] = field(default_factory=OrderedDict)
    _turns: OrderedDict[str, int] = field(default_factory=OrderedDict)
    _capped_warned: set[str] = field(default_factory=set)

    @classmethod
    def from_env(cls) -> SocketLimits:
        return cls(burst=float(os.environ.get("SOCKET_BURST") or 30),
                   per_minute=float(os.environ.get("SOCKET_MESSAGES_PER_MINUTE") or 60),
                   max_turns=int(os.environ.get("MAX_TURNS_PER_SESSION") or 300))

    def check(self, sid: str, session_id: str, text: str) -> tuple[bool, str | None]:
        """(let it through?, reply to send instead, or None to drop it silently)."""
        if ERASURE.search(text or ""):
            return True, None
        bucket = self._remember(self._buckets, sid, lambda: TokenBucket(
            self.burst, self.per_minute / 60.0))
        if not bucket.take(self.clock()):
            # One calm reply per episode: the same line three times helps nobody.
            reply = None if bucket.warned else SLOW_DOWN
            bucket.warned = True
            return False, reply
        turns = self._remember(self._turns, session_id, lambda: 0)
        if turns >= self.max_turns:
            first = session_id not in self._capped_warned
            self._capped_warned.add(session_id)
            return False, TOO_LONG if first else None
        self._turns[session_id] = turns + 1
        return True, None

    def forget_socket(self, sid: str) -> None:
        self._buckets.pop(sid, None)

    @staticmethod
    def _remember(table: OrderedDict, key: str, make: Callable[[], object]):  # noqa: ANN205
        if key not in table:
            table[key] = make()
            while len(table) > MAX_TRACKED:
                table.popitem(last=False)
        table.move_to_end(key)
        return table[key]
