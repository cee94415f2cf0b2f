"""Shared settings for browser tests: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil

import pytest

# As the machine's probe runs Chromium: without the background-networking flags it
# tries to reach Google's hosts, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_executable() -> str:
    """Debian's Chromium. Browser tests fail (never skip) when it is missing."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: run `make setup-test` (apt-get install chromium)")
    return path
