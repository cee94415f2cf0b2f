"""Talks to the assistant over Rasa's REST channel (POST /webhooks/rest/webhook)."""

from __future__ import annotations

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)

INTERNAL_SECRET_HEADER = "X-Internal-Secret"


class RasaUnavailable(Exception):
    """Rasa could not be reached or answered with a server error: worth trying again."""


class RasaRejected(Exception):
    """Rasa refused the message (4xx): sending it again will not help."""


class RasaClient:
    def __init__(
        self, base_url: str, timeout: float, client: httpx.AsyncClient | None = None,
        internal_secret: str = "",
    ) -> None:
        self._url = f"{base_url.rstrip('/')}/webhooks/rest/webhook"
        # The REST channel trusts the sender id, so it only serves callers with the secret.
        self._headers = {INTERNAL_SECRET_HEADER: internal_secret} if internal_secret else {}
        self._client = client or httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=5.0),
            # Keep-alive connections to a restarted Rasa are dead; a small pool recovers fast.
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=8),
        )

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any]
    ) -> list[dict[str, Any]]:
        """The assistant's replies to one user message, in order."""
        body = {"sender": sender, "message": message, "metadata": metadata}
        try:
            response = await self._client.post(self._url, json=body, headers=self._headers)
        except httpx.TransportError as exc:
            # Connect errors, read timeouts and broken connections all mean "try later".
            raise RasaUnavailable(type(exc).__name__) from exc
        if response.status_code >= 500 or response.status_code in (408, 429):
            raise RasaUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            raise RasaRejected(f"HTTP {response.status_code}")
        try:
            replies = response.json()
        except ValueError as exc:
            raise RasaUnavailable("answer is not JSON") from exc
        if not isinstance(replies, list):
            logger.warning("Rasa answered with %s instead of a list", type(replies).__name__)
            return []
        return [reply for reply in replies if isinstance(reply, dict)]

    async def aclose(self) -> None:
        await self._client.aclose()
