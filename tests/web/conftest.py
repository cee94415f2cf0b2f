"""Fixtures for the web tests (the shared stack fixtures live in tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, sync_playwright

from runner import process as proc
from runner.services import rasa_server
from testing.ports import free_port
from tests.web.support import (
    CHROMIUM_ARGS,
    ECHO_ALLOWED_ORIGIN,
    REPO_ROOT,
    RESTRICTED_ALLOWED_ORIGIN,
    HostPages,
    chromium_executable,
)


def _wait_http(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture(scope="session")
def echo_channel_url() -> Iterator[str]:
    """The project's channel on a plain Sanic server with an echo bot (fast channel tests)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.web.echo_channel_server", str(port), ECHO_ALLOWED_ORIGIN],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_http(f"http://127.0.0.1:{port}/", process, 60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.stop([process], grace=5)


@pytest.fixture(scope="session")
def restricted_rasa(rasa_stack, trained_model: Path) -> Iterator[str]:  # noqa: ANN001
    """A second real Rasa server of the same stack whose ALLOWED_ORIGINS is one campaign site.

    The shared stack runs with ALLOWED_ORIGINS="*" (the `make run` default), so refusing a
    foreign origin needs a server configured like production.
    """
    settings: Dict[str, str] = dict(rasa_stack.env)
    settings["RASA_PORT"] = str(free_port())
    settings["ALLOWED_ORIGINS"] = RESTRICTED_ALLOWED_ORIGIN
    service = rasa_server(settings, trained_model)
    log = (Path(settings["DATA_DIR"]) / "restricted-rasa.log").open("a", encoding="utf-8")
    process = proc.start(service, lambda line: (log.write(line + "\n"), log.flush()))
    try:
        proc.wait_healthy(service, process, 600)
        yield f"http://127.0.0.1:{settings['RASA_PORT']}"
    finally:
        proc.stop([process])
        log.close()


# Module scope: a running sync Playwright keeps an event loop in the main thread, which
# breaks every later test that calls asyncio.run (the Telegram tests).
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_executable()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh phone-sized Dutch browser context per test; modules with other needs override."""
    context = browser.new_context(viewport={"width": 390, "height": 780}, locale="nl-NL")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def host_pages() -> Iterator[HostPages]:
    pages = HostPages(host="localhost")
    try:
        yield pages
    finally:
        pages.close()
