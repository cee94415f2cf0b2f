"""Settings of the tracker-store reader, read from the environment when asked (never at import)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR") or "var")


def tracker_store_url() -> str:
    """TRACKER_STORE_URL, else SQLite at TRACKER_DB (default `$DATA_DIR/tracker.db`)."""
    url = os.environ.get("TRACKER_STORE_URL")
    if url:
        return url
    db = os.environ.get("TRACKER_DB") or str(data_dir() / "tracker.db")
    return f"sqlite:///{db}"
