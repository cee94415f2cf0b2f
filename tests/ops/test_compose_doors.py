"""The compose topology keeps its doors shut: loopback-only ports, each container only
the secrets of its own role, health checks that probe what the service really serves,
the Telegram bridge pointed at the web server's outbox, and a first PostgreSQL start that
runs only the role script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import yaml

from settings import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
# Which secret (by its variable) each role may hold; everything else must stay out.
SECRETS = ("RASA_API_TOKEN", "INTERNAL_API_SECRET", "CONSOLE_SECRET_KEY", "REDIS_PASSWORD",
           "PG_TRACKER_PASSWORD", "PG_KB_OWNER_PASSWORD", "PG_KB_READER_PASSWORD",
           "PG_CONSOLE_PASSWORD", "PG_ADMIN_PASSWORD", "TELEGRAM_BOT_TOKEN",
           "TELEGRAM_OUTBOX_TOKEN", "PSEUDONYM_KEY")
ALLOWED = {
    "kb-build": {"PG_KB_OWNER_PASSWORD"},
    "actions1": {"PG_KB_READER_PASSWORD", "PG_CONSOLE_PASSWORD"},
    "rasa1": {"RASA_API_TOKEN", "INTERNAL_API_SECRET", "PSEUDONYM_KEY", "REDIS_PASSWORD",
              "PG_KB_READER_PASSWORD", "PG_CONSOLE_PASSWORD", "PG_TRACKER_PASSWORD"},
    "web": {"RASA_API_TOKEN", "TELEGRAM_OUTBOX_TOKEN", "PSEUDONYM_KEY", "CONSOLE_SECRET_KEY",
            "PG_KB_READER_PASSWORD", "PG_CONSOLE_PASSWORD", "REDIS_PASSWORD"},
    "retention": {"PSEUDONYM_KEY", "PG_CONSOLE_PASSWORD"},
    "telegram": {"TELEGRAM_BOT_TOKEN", "INTERNAL_API_SECRET", "TELEGRAM_OUTBOX_TOKEN",
                 "PSEUDONYM_KEY"},
}


def _services() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())["services"]


def _secrets_in(environment: dict) -> set[str]:
    text = " ".join(str(v) for v in environment.values())
    return {name for name in SECRETS if re.search(rf"\$\{{{name}\b", text)}


def test_no_published_port_listens_on_every_interface():
    for name, service in _services().items():
        for port in service.get("ports", []):
            # host:port:container with host 127.0.0.1; "8000:8000" would mean 0.0.0.0
            assert str(port).startswith("127.0.0.1:"), (name, port)


def test_each_container_holds_only_the_secrets_of_its_role():
    services = _services()
    for name, allowed in ALLOWED.items():
        held = _secrets_in(services[name].get("environment") or {})
        assert held <= allowed, (name, held - allowed)
    # and the roles that need them do get them
    assert "TELEGRAM_OUTBOX_TOKEN" in _secrets_in(services["web"]["environment"])
    assert "RASA_API_TOKEN" not in _secrets_in(services["telegram"]["environment"])
    assert "CONSOLE_SECRET_KEY" not in _secrets_in(services["rasa1"]["environment"])


def test_health_checks_probe_what_each_service_serves():
    services = _services()
    for name, service in services.items():
        if name in ("postgres", "redis", "lb"):
            continue
        check = service.get("healthcheck")
        # Without its own check a container inherits the image's probe of port 8000.
        assert check is not None, name
        if check.get("disable"):
            continue
        test = " ".join(check["test"])
        if "127.0.0.1:8000" in test:
            assert name == "web", name
    telegram = " ".join(services["telegram"]["healthcheck"]["test"])
    assert "--fresh-file /data/telegram-outbox.cursor" in telegram


def test_telegram_bridge_reads_the_web_servers_outbox_and_keeps_its_cursor():
    telegram = _services()["telegram"]
    assert telegram["environment"]["TELEGRAM_OUTBOX_URL"] == \
        "http://web:8000/internal/telegram-outbox"
    assert any(v.endswith(":/data") for v in telegram["volumes"])  # DATA_DIR of the image


def test_first_postgres_start_runs_only_the_role_script():
    # The stale SQL file created databases the shell script then created again: the
    # entrypoint stopped on the first error and PostgreSQL never came up.
    scripts = sorted(p.name for p in (DEPLOY / "initdb").iterdir())
    assert scripts == ["10-databases.sh"]


def test_fresh_file_health_check(tmp_path):
    marker = tmp_path / "cursor"
    run = [sys.executable, "-m", "deploy.healthcheck", "--fresh-file", str(marker), "60"]
    assert subprocess.run(run, cwd=REPO_ROOT, capture_output=True).returncode == 1
    marker.write_text("7")
    assert subprocess.run(run, cwd=REPO_ROOT, capture_output=True).returncode == 0
    old = time.time() - 600
    os.utime(marker, (old, old))
    assert subprocess.run(run, cwd=REPO_ROOT, capture_output=True).returncode == 1
