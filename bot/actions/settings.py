"""Settings of the action server, read in one place (see docs/architecture.md)."""

from __future__ import annotations

import os


def public_base_url() -> str:
    """Base of links to the web server (route cards); no trailing slash."""
    default = f"http://localhost:{os.environ.get('WEB_PORT', '8000')}"
    return (os.environ.get("PUBLIC_BASE_URL") or default).rstrip("/")
