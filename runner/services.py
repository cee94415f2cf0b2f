"""The processes that make up the system, as argv + environment + health check.

`make run` and the integration tests start exactly these, so what is tested is
what runs.
"""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional

from settings import REPO_ROOT, child_env

BIN = Path(sys.executable).parent


@dataclass
class Service:
    name: str
    argv: List[str]
    env: Dict[str, str]
    port: int
    port_setting: str
    health_path: str
    host: str = "127.0.0.1"
    extra: Dict[str, str] = field(default_factory=dict)

    @property
    def health_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.health_path}"


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def cors_args(settings: Mapping[str, str]) -> List[str]:
    origins = [o.strip() for o in settings.get("ALLOWED_ORIGINS", "*").split(",") if o.strip()]
    return ["--cors", *origins] if origins else []


def action_server(settings: Mapping[str, str]) -> Service:
    env = child_env(settings)
    # rasa-sdk binds 0.0.0.0 unless told otherwise; the action server must stay private.
    env["SANIC_HOST"] = settings.get("ACTION_BIND_HOST", "127.0.0.1")
    # Each action call carries the full tracker and domain: allow large bodies here.
    env["SANIC_REQUEST_MAX_SIZE"] = str(50 * 1024 * 1024)
    port = int(settings["ACTION_PORT"])
    return Service(
        name="actions",
        # rasa-sdk's server plus /metrics (bot/action_server.py).
        argv=[str(BIN / "python"), "-m", "bot.action_server",
              "--actions", "bot.actions", "--port", str(port)],
        env=env, port=port, port_setting="ACTION_PORT", health_path="/health",
    )


def rasa_server(settings: Mapping[str, str], model: Path) -> Service:
    port = int(settings["RASA_PORT"])
    env = child_env(settings)
    env["SANIC_REQUEST_MAX_SIZE"] = settings.get("RASA_REQUEST_MAX_SIZE", "65536")
    return Service(
        name="rasa",
        argv=[str(BIN / "rasa"), "run",
              "--model", str(model),
              "--endpoints", settings.get("RASA_ENDPOINTS", "endpoints.yml"),
              "--credentials", settings.get("RASA_CREDENTIALS", "credentials.yml"),
              "--enable-api", "--auth-token", settings["RASA_API_TOKEN"],
              *cors_args(settings),
              "-i", settings["BIND_HOST"], "-p", str(port)],
        env=env, port=port, port_setting="RASA_PORT", health_path="/",
        host=settings["BIND_HOST"],
    )


def web_server(settings: Mapping[str, str]) -> Service:
    port = int(settings["WEB_PORT"])
    return Service(
        name="web",
        argv=[str(BIN / "python"), "-m", "web"],
        env=child_env(settings), port=port, port_setting="WEB_PORT", health_path="/healthz",
        host=settings["BIND_HOST"],
    )


def telegram_bridge(settings: Mapping[str, str]) -> Optional[Service]:
    if not settings.get("TELEGRAM_BOT_TOKEN"):
        return None
    return Service(
        name="telegram",
        argv=[str(BIN / "python"), "-m", "telegram_bridge"],
        env=child_env(settings), port=0, port_setting="", health_path="",
    )


def all_services(settings: Mapping[str, str], model: Path) -> List[Service]:
    services = [action_server(settings), rasa_server(settings, model), web_server(settings)]
    bridge = telegram_bridge(settings)
    if bridge:
        services.append(bridge)
    return services


def prepare_data_dir(settings: Mapping[str, str]) -> None:
    Path(settings["DATA_DIR"]).mkdir(parents=True, exist_ok=True)


__all__ = ["REPO_ROOT", "Service", "all_services", "port_is_free"]
