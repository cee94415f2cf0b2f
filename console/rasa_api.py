"""The few calls of Rasa's HTTP API the live handover needs (token-protected).

Everything goes through Rasa itself, so the tracker stays the one record of the
conversation: adviser messages are appended as bot events, and `execute_side_effects`
with `output_channel=latest` makes Rasa hand them to the channel the person last used
(our socket.io channel emits them into the person's room).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import aiohttp

import settings

DEFAULT_TIMEOUT = aiohttp.ClientTimeout(total=15)


class RasaUnavailable(RuntimeError):
    """Rasa did not answer or refused the call."""


class RasaApi:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def from_env(cls) -> RasaApi:
        shared = settings.current()
        return cls(shared.rasa_url, shared.rasa_api_token)

    def _url(self, sender_id: str, tail: str) -> str:
        return f"{self.base_url}/conversations/{quote(sender_id, safe='')}/{tail}"

    async def _post(self, url: str, body: Any, **params: str) -> Any:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=DEFAULT_TIMEOUT)
        query = {"include_events": "NONE", **params}
        # The token in a header, not the URL: URLs end up in proxy error logs
        # (bot/channels/rest.py turns the header into Rasa's `?token=`).
        headers = {"X-Rasa-Token": self.token}
        try:
            async with self._session.post(url, json=body, params=query,
                                          headers=headers) as response:
                if response.status >= 400:
                    raise RasaUnavailable(f"Rasa answered {response.status}")
                return await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise RasaUnavailable(type(error).__name__) from error

    async def append(self, sender_id: str, events: list[dict[str, Any]]) -> None:
        """Append events; bot events are also sent to the person's latest channel."""
        await self._post(self._url(sender_id, "tracker/events"), events,
                         execute_side_effects="true", output_channel="latest")

    async def execute(self, sender_id: str, action: str) -> list[dict[str, Any]]:
        """Run one of the assistant's actions; its messages go to the latest channel."""
        body = await self._post(self._url(sender_id, "execute"), {"name": action},
                                output_channel="latest")
        return list((body or {}).get("messages") or [])

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
