"""Console login doors: passwords of at least 12 characters, and a login throttle that
counts per account and per real client address (X-Forwarded-For only from our proxies)."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import make_mocked_request

from console.auth import LoginThrottle, UserError, create_user
from console.db import console_engine
from console.login import client_ip

PROXIES = ("127.0.0.1", "10.0.0.0/8")


def _request(peer: str, forwarded: str | None = None):  # noqa: ANN202
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    transport_info = {"peername": (peer, 50000)}

    class _Transport:
        def get_extra_info(self, name: str, default: object = None) -> object:
            return transport_info.get(name, default)

    return make_mocked_request("POST", "/console/login", headers=headers,
                               transport=_Transport())


@pytest.fixture
def engine(tmp_path):  # noqa: ANN001, ANN201
    return console_engine(f"sqlite:///{tmp_path / 'console.db'}")


def test_a_password_needs_twelve_characters(engine):
    with pytest.raises(UserError, match="12"):
        create_user(engine, "anna", "elf-tekens1", "adviser")  # 11 characters
    assert create_user(engine, "anna", "twaalf-teken", "adviser").username == "anna"


def test_the_client_address_comes_from_forwarded_for_only_behind_a_trusted_proxy():
    # behind our proxy: the nearest address that is not one of our proxies
    assert client_ip(_request("127.0.0.1", "203.0.113.5, 10.1.2.3"), PROXIES) == "203.0.113.5"
    # a client that talks to us directly cannot pick its address with the header
    assert client_ip(_request("198.51.100.7", "203.0.113.5"), PROXIES) == "198.51.100.7"
    assert client_ip(_request("127.0.0.1"), PROXIES) == "127.0.0.1"


def test_failures_of_one_client_behind_the_proxy_do_not_lock_out_another(engine):
    throttle = LoginThrottle(engine, "k" * 32, max_failures=5, window=900)
    guesser = client_ip(_request("127.0.0.1", "203.0.113.5"), PROXIES)
    colleague = client_ip(_request("127.0.0.1", "203.0.113.9"), PROXIES)
    # GIVEN five wrong passwords for anna from one address behind the proxy
    for _ in range(5):
        throttle.fail("anna", guesser)
    # THEN that address is blocked for anna, but anna at her own desk is not
    assert throttle.blocked("anna", guesser)
    assert not throttle.blocked("anna", colleague)


def test_guessing_from_many_addresses_or_at_many_accounts_is_stopped(engine):
    throttle = LoginThrottle(engine, "k" * 32, max_failures=5, window=900)
    # many addresses, one account: the account's own count stops it
    for n in range(15):
        throttle.fail("anna", f"203.0.113.{n}")
    assert throttle.blocked("anna", "203.0.113.200")
    # one address, many accounts: the address's own count stops it
    for n in range(15):
        throttle.fail(f"user{n}", "198.51.100.1")
    assert throttle.blocked("someone-else", "198.51.100.1")
    assert not throttle.blocked("someone-else", "198.51.100.2")
