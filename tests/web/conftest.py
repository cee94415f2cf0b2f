"""Fixtures for the web tests (the shared stack fixtures live in tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, sync_playwright

from runner import process as proc
from testing.ports import free_port
from tests.web.support import (
    CHROMIUM_ARGS,
    ECHO_ALLOWED_ORIGIN,
    REPO_ROOT,
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
