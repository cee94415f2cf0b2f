"""Sections of the settings for the parts that run the system: privacy (erasure,
retention, pseudonyms), health and logs, the action server, and the process runner.

Kept beside `settings/sections.py` (which re-exports them) so that neither file grows past
its size; documented in README "Settings". Like every section, each reads only its own
keys; shared values come from `Settings.from_env`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from settings import Settings

# ---------------------------------------------------------------- privacy

# The parts that keep rows about a person outside the tracker store ("module" or
# "module:attribute", default attribute ERASER); privacy/erasers.py loads them.
DEFAULT_ERASERS = "console.personal_rows"
DEV_PSEUDONYM_KEY = "overstap-dev-pseudonym-key"


def _env(env: Mapping[str, str] | None) -> Mapping[str, str]:
    return os.environ if env is None else env


@dataclass(frozen=True)
class PrivacySettings:
    """Erasure and retention (privacy/).

    - PRIVACY_ERASERS (``console.personal_rows``): comma-separated parts whose rows about a
      person go with the person's erasure; empty for a deployment without the console.
    - RETENTION_DAYS (90), AUDIT_RETENTION_DAYS (default: RETENTION_DAYS): retention job.
    - RASA_ENDPOINTS (``endpoints.yml``): where an admin erasure finds Rasa's lock store.
    - PSEUDONYM_KEY (else RASA_API_TOKEN, else a development key): the key of the
      pseudonyms in audit rows and erasure tombstones.
    """

    erasers: tuple[str, ...] = (DEFAULT_ERASERS,)
    retention_days: float = 90.0
    audit_retention_days: float | None = None
    endpoints_file: str = "endpoints.yml"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> PrivacySettings:
        env = _env(env)
        raw = env.get("PRIVACY_ERASERS", DEFAULT_ERASERS)
        audit = float(env.get("AUDIT_RETENTION_DAYS") or 0) or None
        return cls(erasers=tuple(n.strip() for n in raw.split(",") if n.strip()),
                   retention_days=float(env.get("RETENTION_DAYS") or 90),
                   audit_retention_days=audit,
                   endpoints_file=env.get("RASA_ENDPOINTS") or "endpoints.yml")


def pseudonym_key(env: Mapping[str, str] | None = None) -> bytes:
    """Read on every call (cheap): tests and processes may set the key after import."""
    env = _env(env)
    return (env.get("PSEUDONYM_KEY") or env.get("RASA_API_TOKEN") or DEV_PSEUDONYM_KEY).encode()


# ---------------------------------------------------------------- health and logs


@dataclass(frozen=True)
class ObservabilitySettings:
    """Health checks and logs (observability/).

    - LOG_FORMAT (``text``): ``json`` writes one JSON object per log line.
    - The databases `/healthz` checks are the shared TRACKER_STORE_URL, DATABASE_URL and
      CONSOLE_DATABASE_URL (see Settings).
    """

    tracker_store_url: str
    database_url: str
    console_database_url: str
    log_json: bool = False

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ObservabilitySettings:
        core = Settings.from_env(env)
        return cls(tracker_store_url=core.tracker_store_url, database_url=core.database_url,
                   console_database_url=core.console_database_url,
                   log_json=(core.env.get("LOG_FORMAT") or "").lower() == "json")


def log_json(env: Mapping[str, str] | None = None) -> bool:
    """LOG_FORMAT alone, without resolving every shared setting (logging starts first)."""
    return (_env(env).get("LOG_FORMAT") or "").lower() == "json"


# ---------------------------------------------------------------- action server


@dataclass(frozen=True)
class ActionServerSettings:
    """The action server (bot/action_server.py): ACTION_PORT (5055) and the address it
    binds, SANIC_HOST or ACTION_BIND_HOST (``127.0.0.1``: it receives whole trackers)."""

    port: int = 5055
    host: str = "127.0.0.1"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ActionServerSettings:
        env = _env(env)
        return cls(port=int(env.get("ACTION_PORT") or 5055),
                   host=env.get("SANIC_HOST") or env.get("ACTION_BIND_HOST") or "127.0.0.1")


# ---------------------------------------------------------------- Rasa process


@dataclass(frozen=True)
class RasaServerSettings:
    """The Rasa process's own parts (README "Settings").

    - INTERNAL_API_SECRET (unset): the secret the REST channel requires in
      ``X-Internal-Secret`` (bot/channels/rest.py); the Telegram bridge sends it.
    - TRACKER_CACHE_SIZE (500): conversations the tracker store keeps in memory between
      turns (bot/tracker_store.py); 0 turns the cache off.
    """

    internal_api_secret: str = ""
    tracker_cache_size: int = 500

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RasaServerSettings:
        env = _env(env)
        return cls(internal_api_secret=(env.get("INTERNAL_API_SECRET") or "").strip(),
                   tracker_cache_size=int(env.get("TRACKER_CACHE_SIZE") or 500))


# ---------------------------------------------------------------- process runner


@dataclass(frozen=True)
class RunnerSettings:
    """The process runner (runner/): TRAINED_MODEL, a model file to use instead of
    training (scripts/test.sh trains once and hands it on)."""

    trained_model: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RunnerSettings:
        return cls(trained_model=(_env(env).get("TRAINED_MODEL") or "").strip())


@dataclass(frozen=True)
class ProdLocalSettings:
    """`make prod-local`, the production topology on one machine (runner/prod_local.py).

    - PG_PORT, REDIS_PORT, LB_PORT, ACTIONS_LB_PORT, LB_PUBLIC_PORT (unset: 5433, 6380, 8080,
      8081, 8088, or what the caller's port picker chooses).
    - PROD_RASA_INSTANCES (2), PROD_ACTION_INSTANCES (2); DATA_DIR (``var/prod``).
    - PROD_ADMIN_USER, PROD_ADMIN_PASSWORD (unset): the first console admin.
    """

    ports: Mapping[str, int]  # only the ports set; the others are picked
    rasa_instances: int = 2
    action_instances: int = 2
    data_dir: str = ""
    admin_user: str = ""
    admin_password: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ProdLocalSettings:
        env = _env(env)
        ports = {k: int(env[k]) for k in PROD_PORT_KEYS if env.get(k)}
        return cls(ports=ports, rasa_instances=int(env.get("PROD_RASA_INSTANCES") or 2),
                   action_instances=int(env.get("PROD_ACTION_INSTANCES") or 2),
                   data_dir=env.get("DATA_DIR") or "", admin_user=env.get("PROD_ADMIN_USER") or "",
                   admin_password=env.get("PROD_ADMIN_PASSWORD") or "")


PROD_PORT_KEYS = ("PG_PORT", "REDIS_PORT", "LB_PORT", "ACTIONS_LB_PORT", "LB_PUBLIC_PORT")


def process_environment() -> dict[str, str]:
    """A copy of this process's environment, for the runner's start-up checks and the
    environment of the services it starts (they read their own settings there)."""
    return dict(os.environ)
