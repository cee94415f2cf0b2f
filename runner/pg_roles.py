"""PostgreSQL roles of the local production topology: the same as docker-compose.

One role per service with only the rights it needs, created by the same script the
postgres container runs (deploy/initdb/10-databases.sh), and scram-sha-256 passwords
instead of `trust`. Local passwords default to PG_PASSWORD ("rasa"); set
PG_<ROLE>_PASSWORD / PG_ADMIN_PASSWORD to choose each.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from settings import REPO_ROOT
from settings.operations import process_environment

ROLES = ("tracker", "console", "kb_owner", "kb_reader")
INIT_SCRIPT = REPO_ROOT / "deploy" / "initdb" / "10-databases.sh"


def passwords(base: Mapping[str, str]) -> dict[str, str]:
    default = base.get("PG_PASSWORD") or "rasa"
    found = {role: base.get(f"PG_{role.upper()}_PASSWORD") or default for role in ROLES}
    found["admin"] = base.get("PG_ADMIN_PASSWORD") or default
    return found


def urls(port: int, pw: Mapping[str, str]) -> dict[str, str]:
    """Who connects as whom: Rasa's tracker store gets PG_USER/PG_PASSWORD separately."""
    host = f"127.0.0.1:{port}"
    return {
        "TRACKER_STORE_URL": f"postgresql://console:{pw['console']}@{host}/rasa",
        "DATABASE_URL": f"postgresql://kb_reader:{pw['kb_reader']}@{host}/knowledge",
        "CONSOLE_DATABASE_URL": f"postgresql://console:{pw['console']}@{host}/console",
        "KB_BUILD_DATABASE_URL": f"postgresql://kb_owner:{pw['kb_owner']}@{host}/knowledge",
    }


def write_pwfile(path: Path, pw: Mapping[str, str]) -> Path:
    path.write_text(pw["admin"] + "\n")
    path.chmod(0o644)  # initdb runs as the postgres user; removed right after
    return path


def ensure_roles(psql: list[str], port: int, pw: Mapping[str, str]) -> None:
    """Creates the databases and roles once (a restart finds them and does nothing)."""
    env = {**process_environment(), "PGPASSWORD": pw["admin"]}

    def query(sql: str) -> str:
        return subprocess.run([*psql, "-c", sql], capture_output=True, text=True, check=True,
                              env=env).stdout.strip()

    if query("select 1 from pg_roles where rolname='tracker'"):
        return
    if not query("select 1 from pg_database where datname='rasa'"):
        query("create database rasa")
    subprocess.run(["sh", str(INIT_SCRIPT)], check=True, capture_output=True, env={
        **env, "POSTGRES_USER": "postgres", "PGHOST": "127.0.0.1", "PGPORT": str(port),
        **{f"PG_{role.upper()}_PASSWORD": pw[role] for role in ROLES}})
