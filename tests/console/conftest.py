"""Fixtures for the console tests: a real SQLite tracker store in Rasa's format, accounts made
with the CLI, and the real web server (web.app) started on a free port."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import requests

from console.db import dispose_all
from console.erasure import forget_databases
from settings.sections import ConsoleSettings
from testing.browser import CHROMIUM_ARGS, chromium_executable  # noqa: F401 - re-exported
from testing.conversation_factory import ConversationFactory, create_tracker_db, populate, write
from testing.ports import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts" / "console"
ADMIN = ("beheerder", "Beheer-wachtwoord-1")
ADVISER = ("adviseur", "Adviseur-wachtwoord-1")
XSS_TEXT = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2"> wil lassen'
CONTACT = "Mail jan.jansen@example.nl of bel 06-12345678"


@pytest.fixture(autouse=True)
def _fresh_engines() -> Iterator[None]:
    yield
    dispose_all()
    forget_databases()


@pytest.fixture
def tracker_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    create_tracker_db(url)
    return url


@pytest.fixture
def console_settings(tmp_path: Path, tracker_url: str) -> ConsoleSettings:
    return ConsoleSettings(
        database_url=f"sqlite:///{tmp_path / 'console.db'}",
        secret_key="test-" + uuid.uuid4().hex,
        tracker_store_url=tracker_url,
        retention_days=90,
        public_base_url="http://localhost:8000",
    )


@dataclass
class ConsoleServer:
    url: str
    env: dict[str, str]
    tracker_url: str
    console_url: str
    xss_sender: str
    handover_sender: str
    filter_sender: str
    erase_sender: str

    def login(self, user: tuple[str, str] = ADVISER) -> requests.Session:
        """A requests session logged in through the real form (pre-session + CSRF)."""
        http = requests.Session()
        form = http.get(f"{self.url}/console/login", timeout=10)
        token = csrf_from(form.text)
        done = http.post(f"{self.url}/console/login", timeout=10, allow_redirects=False,
                         data={"username": user[0], "password": user[1], "csrf_token": token})
        assert done.status_code == 302, done.text
        return http

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "console", *args], input=stdin,
                              text=True, capture_output=True, env=self.env, cwd=REPO_ROOT,
                              timeout=60)


def csrf_from(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "page has no CSRF token"
    return found.group(1)


def _server_argv() -> list[str]:
    # The real web server when the web part exists; else a bare aiohttp app with the console.
    if importlib.util.find_spec("web.app") is not None:
        return [sys.executable, "-m", "web"]
    return [sys.executable, "-m", "tests.console.minimal_server"]


@pytest.fixture(scope="session")
def console_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    data_dir = tmp_path_factory.mktemp("console-server")
    tracker_url = f"sqlite:///{data_dir / 'tracker.db'}"
    console_url = f"sqlite:///{data_dir / 'console.db'}"
    engine = create_tracker_db(tracker_url)
    now = time.time()
    populate(engine, 60, now, seed=11, days=20)
    factory = ConversationFactory(seed=5)
    xss = factory.conversation(start=now - 3600, first_text=XSS_TEXT, outcome="steps_given",
                               campaign="xss-campagne")
    handover = factory.conversation(start=now - 1800, outcome="handover_requested",
                                    handover_contact=CONTACT, sector="horeca",
                                    region="overijssel", campaign="metaal-2026",
                                    faq_topics=("leeftijd", "taalniveau", "kosten"))
    special = factory.conversation(sender_id="telegram:424242", start=now - 7200,
                                   channel="telegram", campaign="energie-2026", region="limburg",
                                   sector="defensie", outcome="recommendations_given",
                                   first_text="Hallo, ik zoek zonnepanelen werk",
                                   low_confidence_turns=1, fallback_turns=1)
    erasable = factory.conversation(start=now - 600, outcome="in_progress", campaign="wis-mij")
    expired = factory.conversation(start=now - 120 * 86400, outcome="steps_given",
                                   campaign="oud-gesprek")
    write(engine, xss, handover, special, erasable, expired)
    engine.dispose()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRACKER", "CONSOLE_"))}
    env.update({
        "DATA_DIR": str(data_dir), "WEB_PORT": str(port), "TRACKER_STORE_URL": tracker_url,
        "CONSOLE_DATABASE_URL": console_url, "CONSOLE_SECRET_KEY": uuid.uuid4().hex,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}", "RETENTION_DAYS": "90",
        "CONSOLE_RETENTION_FIRST_RUN": "1",
        "PYTHONPATH": str(REPO_ROOT),
    })
    server = ConsoleServer(f"http://127.0.0.1:{port}", env, tracker_url, console_url,
                           xss.sender_id, handover.sender_id, special.sender_id,
                           erasable.sender_id)
    for name, password in (ADMIN, ADVISER):
        role = "admin" if name == ADMIN[0] else "adviser"
        made = server.cli("create-user", name, "--role", role, "--password-stdin",
                          stdin=password + "\n")
        assert made.returncode == 0, made.stderr
    log = (data_dir / "web.log").open("w")
    process = subprocess.Popen(_server_argv(), cwd=REPO_ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{server.url}/console/login", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError("web server did not start:\n"
                                   + (data_dir / "web.log").read_text()[-3000:])
            time.sleep(0.2)  # polling a starting process, not synchronising a test
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
