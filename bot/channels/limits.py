"""Limits on what one widget connection may send: a token bucket per socket and a cap on
turns per conversation, each answered once with a calm Dutch reply instead of silence.

An open websocket could otherwise push messages as fast as the network allows, each one a
full NLU and dialogue turn. One bucket counts every message, erasure requests included
(a word in the text must not switch the limit off), and every ``adviser_sync`` (each one
reads a whole tracker). Past the turn cap a person can still ask for erasure a few times:
nobody is locked out of "verwijder mijn gegevens", and the bucket still bounds it.
"""

from __future__ import annotations

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
ERASURE_AFTER_CAP = 3  # erasure requests a capped conversation may still send


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
        from settings.sections import SocketChannelSettings

        own = SocketChannelSettings.from_env()
        return cls(burst=own.burst, per_minute=own.per_minute, max_turns=own.max_turns)

    def _bucket(self, sid: str) -> TokenBucket:
        return self._remember(self._buckets, sid, lambda: TokenBucket(
            self.burst, self.per_minute / 60.0))

    def check_sync(self, sid: str) -> bool:
        """May this socket ask for missed adviser messages now? (same bucket as messages)"""
        return self._bucket(sid).take(self.clock())

    def check(self, sid: str, session_id: str, text: str) -> tuple[bool, str | None]:
        """(let it through?, reply to send instead, or None to drop it silently)."""
        bucket = self._bucket(sid)
        if not bucket.take(self.clock()):
            # One calm reply per episode: the same line three times helps nobody.
            reply = None if bucket.warned else SLOW_DOWN
            bucket.warned = True
            return False, reply
        turns = self._remember(self._turns, session_id, lambda: 0)
        if turns >= self.max_turns + ERASURE_AFTER_CAP:
            return False, None
        if turns >= self.max_turns and ERASURE.search(text or ""):
            self._turns[session_id] = turns + 1
            return True, None
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
