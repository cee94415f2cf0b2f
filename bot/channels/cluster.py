"""One socket.io room space for every Rasa instance (python-socketio's Redis manager)."""

from __future__ import annotations

from typing import Any, Dict

import socketio

CHANNEL = "overstap-socketio"  # the Redis pub/sub channel; the lock store uses keys, not this


def client_manager_options() -> Dict[str, Any]:
    """python-socketio's Redis client manager when SOCKETIO_REDIS_URL (or REDIS_HOST) is set.

    With two Rasa instances behind a load balancer the person's socket lives on one of
    them, while the console's adviser reply (Rasa's HTTP API) may land on the other; an
    emit to the person's room then has to travel through Redis to reach the socket.
    """
    from settings.sections import SocketChannelSettings

    url = SocketChannelSettings.from_env().redis_url
    if not url:
        return {}
    return {"client_manager": socketio.AsyncRedisManager(url, channel=CHANNEL)}


def subscribe_at_start(blueprint: Any, sio: socketio.AsyncServer) -> None:
    """Join the shared room space when the server starts, not at the first connection:
    python-socketio subscribes to Redis lazily, and a reply that another instance publishes
    before that subscription is in place never reaches the person."""

    @blueprint.listener("after_server_start")
    async def _subscribe(_app: Any, _loop: Any) -> None:
        if not sio.manager_initialized:
            sio.manager_initialized = True
            sio.manager.initialize()
