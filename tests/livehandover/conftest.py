"""Fixtures for the live-handover tests: console accounts on the shared stack's web server,
and the browser and Telegram emulator fixtures of the web and Telegram tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from testing.handover_adviser import ADMIN, ADVISER, Adviser, create_user
from tests.telegram.conftest import make_settings, make_user, telegram_emulator  # noqa: F401
from tests.web.conftest import browser, host_pages  # noqa: F401


@pytest.fixture(scope="session")
def console_accounts(stack_settings: dict[str, str], web_server) -> None:  # noqa: ANN001
    create_user(stack_settings, ADVISER, "adviser")
    create_user(stack_settings, ADMIN, "admin")


@pytest.fixture
def adviser(web_server, console_accounts) -> Adviser:  # noqa: ANN001
    return Adviser(web_server.url, ADVISER)


@pytest.fixture
def admin(web_server, console_accounts) -> Adviser:  # noqa: ANN001
    return Adviser(web_server.url, ADMIN)


@pytest.fixture
def login_as(web_server, console_accounts) -> Callable[[tuple[str, str]], Adviser]:  # noqa: ANN001
    return lambda user: Adviser(web_server.url, user)
