"""Port allocation for test services: unique across processes, outside the ephemeral range."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from pathlib import Path

from testing import ports

REPO_ROOT = Path(__file__).resolve().parents[2]
CLAIM_SCRIPT = """
import sys, time
from testing.ports import free_port
print(" ".join(str(free_port()) for _ in range(40)), flush=True)
sys.stdin.read()  # hold the claims until the parent is done
"""


def test_parallel_processes_never_get_the_same_port() -> None:
    # GIVEN four processes claiming 40 ports each at the same time, holding their claims
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CLAIM_SCRIPT], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(4)]
    try:
        claimed = [int(p) for proc in procs for p in proc.stdout.readline().split()]
        mine = [ports.free_port() for _ in range(40)]
    finally:
        for proc in procs:
            proc.communicate("", timeout=30)
    # THEN all 200 ports are different and none is in the kernel's ephemeral range
    everything = claimed + mine
    assert len(everything) == 200 and len(set(everything)) == 200
    low, high = ports.ephemeral_range()
    assert not [p for p in everything if low <= p <= high]


def _two_free_neighbours() -> int:
    """A port p outside the ephemeral range where p and p + 1 are both free now."""
    candidates = ports.candidate_ports()
    for p in random.sample(candidates, 200):
        if p + 1 in candidates and all(_can_bind(q) for q in (p, p + 1)):
            return p
    raise AssertionError("no two free neighbouring ports")


def _can_bind(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_a_port_someone_listens_on_is_skipped(monkeypatch) -> None:
    # GIVEN a narrow range of two ports, one with a listener that takes no claim
    busy = _two_free_neighbours()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", busy))
    listener.listen()
    try:
        monkeypatch.setenv("TEST_PORT_RANGE", f"{busy}-{busy + 1}")
        # WHEN a port is claimed THEN it is the other one, and it can be bound
        port = ports.free_port()
        assert port == busy + 1
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))
    finally:
        listener.close()
        ports.release(busy + 1)


def test_a_released_port_can_be_claimed_again(monkeypatch) -> None:
    monkeypatch.setenv("TEST_PORT_RANGE", "")
    port = ports.free_port()
    ports.release(port)
    monkeypatch.setenv("TEST_PORT_RANGE", f"{port}-{port}")
    assert ports.free_port() == port
    ports.release(port)
