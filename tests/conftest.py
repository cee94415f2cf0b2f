"""Shared fixtures: the real system (action server, Rasa server, web server) on free ports.

One stack per test session, shared by every module: loading a Rasa model takes tens of
seconds, and every test talks with its own sender ids, so conversations do not interfere.
Use these instead of starting servers yourself:

- `rasa_stack` (session): action server + Rasa server on claimed ports, SQLite tracker
  store in a temporary DATA_DIR. `RasaStack.send(sender, text)` posts to the REST channel,
  `.tracker(sender)` reads the tracker, `RasaStack.new_sender(prefix)` makes a fresh id.
  Do not change its settings; a test that needs other settings starts its own server from
  `stack_settings`.
- `production_like_rasa` (session): a second Rasa server on the same stack, configured like
  production (one allowed origin, REST only with the internal secret). One for every test
  that needs production settings: each Rasa start costs about a minute of CPU.
- `web_server` (session): the web app plus test-only pages (testing/web_test_app.py).
- `stack_settings` (session): the resolved settings (`settings.resolve`) of that stack.
- `trained_model` (session): `TRAINED_MODEL` when set (scripts/test.sh trains first),
  else the model for the current training inputs, trained once per fingerprint.

Support code shared with bench/ lives in `testing/`: `testing.ports.free_port()` (ports no
other process on the machine gets; never bind to port 0 and release it), the Telegram
emulator and user (`testing.telegram_emulator`, `testing.telegram_user`), the TCP fault
proxy (`testing.tcp_proxy`), the personas and their driver (`testing.personas`,
`testing.persona_driver`, one file `testing/personas.yml`).

Fixtures of one area live in that folder's conftest.py: tests/console (`console_server`,
`console_settings`, ...), tests/telegram (`telegram_emulator`, `make_settings`,
`make_user`), tests/web (`echo_channel_url`, `browser`).
Speed targets are checked in bench/, never by timed assertions in tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import requests

from runner import process as proc
from runner.model import ensure_model
from runner.services import action_server, rasa_server
from runner.services import web_server as web_service
from settings import resolve
from testing.ports import free_port

# The production-like server's settings (see `production_like_rasa`).
PRODUCTION_ORIGIN = "http://campagne.example"
INTERNAL_SECRET = "s" * 40

# Under pytest's 600 s per-test timeout; a loaded machine can take minutes to load a model.
START_TIMEOUT = 540.0


@dataclass
class RasaStack:
    rasa_url: str
    action_url: str
    token: str
    tracker_store_url: str
    data_dir: Path
    env: Dict[str, str]
    processes: List[subprocess.Popen] = field(default_factory=list)

    def send(self, sender: str, text: str, metadata: Optional[Dict[str, Any]] = None,
             timeout: float = 30) -> List[Dict[str, Any]]:
        body: Dict[str, Any] = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body,
                                 timeout=timeout)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = requests.get(f"{self.rasa_url}/conversations/{sender}/tracker",
                                params={"token": self.token}, timeout=30)
        response.raise_for_status()
        return response.json()

    @staticmethod
    def new_sender(prefix: str = "test") -> str:
        return f"{prefix}-{uuid.uuid4().hex[:12]}"


@dataclass
class WebServer:
    url: str
    port: int
    process: subprocess.Popen


def _settings_for_tests(tmp: Path) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items()}
    for key in ("RASA_PORT", "ACTION_PORT", "WEB_PORT", "DATA_DIR", "TRACKER_DB",
                "TRACKER_STORE_URL", "DATABASE_URL", "CONSOLE_DATABASE_URL", "RASA_URL",
                "RASA_PUBLIC_URL", "ACTION_SERVER_URL", "PUBLIC_BASE_URL"):
        env.pop(key, None)
    env.update({
        "DATA_DIR": str(tmp),
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "WEB_PORT": str(free_port()),
        "RASA_API_TOKEN": "test-token-" + uuid.uuid4().hex[:8],
        "CONSOLE_SECRET_KEY": "test-secret-" + uuid.uuid4().hex,
    })
    return resolve(env)


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, str]:
    return _settings_for_tests(tmp_path_factory.mktemp("system"))


@pytest.fixture(scope="session")
def trained_model(stack_settings: Dict[str, str]) -> Path:
    given = os.environ.get("TRAINED_MODEL")
    if given and Path(given).exists():
        return Path(given)
    return ensure_model(stack_settings)


def _start(service, log: Path) -> subprocess.Popen:  # noqa: ANN001
    handle = log.open("a", encoding="utf-8")

    def sink(line: str) -> None:
        handle.write(line + "\n")
        handle.flush()

    return proc.start(service, sink)


@pytest.fixture(scope="session")
def rasa_stack(stack_settings: Dict[str, str], trained_model: Path) -> Iterator[RasaStack]:
    data_dir = Path(stack_settings["DATA_DIR"])
    log = data_dir / "services.log"
    services = [action_server(stack_settings), rasa_server(stack_settings, trained_model)]
    running: List[subprocess.Popen] = []
    try:
        for service in services:
            running.append(_start(service, log))
        for service, process in zip(services, running, strict=True):
            try:
                proc.wait_healthy(service, process, START_TIMEOUT)
            except (RuntimeError, TimeoutError) as error:
                tail = "\n".join(log.read_text(encoding="utf-8").splitlines()[-60:])
                raise RuntimeError(f"{error}\n--- service log tail ---\n{tail}") from error
        yield RasaStack(
            rasa_url=f"http://127.0.0.1:{stack_settings['RASA_PORT']}",
            action_url=f"http://127.0.0.1:{stack_settings['ACTION_PORT']}",
            token=stack_settings["RASA_API_TOKEN"],
            tracker_store_url=stack_settings["TRACKER_STORE_URL"],
            data_dir=data_dir,
            env=dict(stack_settings),
            processes=running,
        )
    finally:
        proc.stop(running)


@pytest.fixture(scope="session")
def production_like_rasa(rasa_stack: RasaStack, trained_model: Path) -> Iterator[str]:
    """A second Rasa server of the shared stack (same action server and tracker store) with
    ALLOWED_ORIGINS set to one campaign site and INTERNAL_API_SECRET set, as in production.

    The shared stack runs with the `make run` defaults (every origin, no secret).
    """
    settings = dict(rasa_stack.env)
    settings.update(RASA_PORT=str(free_port()), ALLOWED_ORIGINS=PRODUCTION_ORIGIN,
                    INTERNAL_API_SECRET=INTERNAL_SECRET)
    service = rasa_server(settings, trained_model)
    process = _start(service, rasa_stack.data_dir / "production-like-rasa.log")
    try:
        proc.wait_healthy(service, process, START_TIMEOUT)
        yield f"http://127.0.0.1:{settings['RASA_PORT']}"
    finally:
        proc.stop([process])


@pytest.fixture(scope="session")
def web_server(stack_settings: Dict[str, str], rasa_stack: RasaStack) -> Iterator[WebServer]:
    # The test app: the production web server plus the test-only pages.
    service = replace(web_service(stack_settings),
                      argv=[sys.executable, "-m", "testing.web_test_app"])
    process = _start(service, Path(stack_settings["DATA_DIR"]) / "web.log")
    try:
        proc.wait_healthy(service, process, 60)
        yield WebServer(url=f"http://127.0.0.1:{service.port}", port=service.port,
                        process=process)
    finally:
        proc.stop([process])


# Parallel runs (pytest-xdist, `--dist loadgroup` in scripts/test.sh): a test file runs in
# one worker, so module fixtures (a browser, the production topology) start once. Files that
# share an expensive session fixture run in one worker too, so it starts once.
SHARED_SERVER_FIXTURES = ("production_like_rasa",)
# The slowest files first (measured with `pytest --durations`), so that the two workers end
# at about the same time instead of one starting the topology when the other is done.
SLOW_FIRST = ("tests/prod/", "tests/fuzz/test_fuzz_message_path.py",
              "tests/web/test_widget_browser.py", "tests/livehandover/",
              "tests/web/test_webchat_compat.py", "tests/bot/test_advice_rest.py")


def _group(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


# tryfirst: xdist reads the group marks in its own hook of this name.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    groups = {_group(item): _group(item) for item in items}
    for item in items:
        for fixture in SHARED_SERVER_FIXTURES:
            if fixture in getattr(item, "fixturenames", ()):
                groups[_group(item)] = fixture

    def rank(item: pytest.Item) -> int:
        path = _group(item)
        return next((i for i, slow in enumerate(SLOW_FIRST) if path.startswith(slow)),
                    len(SLOW_FIRST))

    items.sort(key=rank)  # stable: the order inside a file is kept
    for item in items:
        item.add_marker(pytest.mark.xdist_group(groups[_group(item)]))
