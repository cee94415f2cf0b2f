"""Who else keeps rows about a person: the erasers that privacy's erasure and retention call.

Privacy owns erasure, but not every table about a person: the console keeps tags, notes,
handover state and more in its own database. Such a part offers an `Eraser` and is named
in the settings (`PrivacySettings.erasers`, PRIVACY_ERASERS, default the console's); every
process that erases (Rasa, the console, the retention job) then finds the same erasers.
Privacy never imports those parts: their names come from the settings, and a test or
another process can also `register` one directly.
"""

from __future__ import annotations

import importlib
import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)


class Eraser(Protocol):
    """Rows about people kept outside the tracker store."""

    name: str

    def erase(self, sender_ids: list[str], upto_event_id: int) -> int:
        """Delete every row of `sender_ids`; rows deleted. `upto_event_id` is the newest
        tracker event at the time, so a part can keep later rows from coming back."""
        ...

    def senders(self) -> set[str]:
        """Every sender id it holds rows for (retention finds the ids that vanished)."""
        ...

    def expire(self, older_than: float) -> dict[str, int]:
        """Delete its own bookkeeping older than a time (audit rows, tombstones); counts."""
        ...


_registered: list[Eraser] = []
_configured: tuple[str, ...] | None = None
_lock = threading.Lock()


def register(eraser: Eraser) -> None:
    with _lock:
        if all(e.name != eraser.name for e in _registered):
            _registered.append(eraser)


def forget() -> None:
    """Drop every eraser; the settings are read again on next use (tests)."""
    global _configured
    with _lock:
        _registered.clear()
        _configured = None


def erasers() -> list[Eraser]:
    """The registered erasers, after loading the ones the settings name (once)."""
    global _configured
    from settings.sections import PrivacySettings

    wanted = PrivacySettings.from_env().erasers
    with _lock:
        if _configured != wanted:
            _configured = wanted
            for name in wanted:
                eraser = _load(name)
                if eraser is not None and all(e.name != eraser.name for e in _registered):
                    _registered.append(eraser)
        return list(_registered)


def _load(name: str) -> Eraser | None:
    module, _, attribute = name.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute or "ERASER")
    except (ImportError, AttributeError):
        # Loud: a person asked for erasure and some of their rows may stay behind.
        log.error("eraser %r named in PRIVACY_ERASERS cannot be loaded; its rows are not "
                  "erased (set PRIVACY_ERASERS to the parts this deployment has)", name)
        return None
