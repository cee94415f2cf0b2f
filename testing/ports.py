"""Free TCP ports for services that tests and benchmarks start, without races.

Binding to port 0 and closing the socket hands out a port from the kernel's ephemeral
range; until the service binds it (for Rasa a minute later), any outgoing connection,
Chromium or node can be given the same port. So ports come from *outside* the ephemeral
range (read from /proc/sys/net/ipv4/ip_local_port_range), where the kernel never hands
out ports by itself, and every port is claimed with an exclusive lock on a file in a
machine-wide directory. The lock lives as long as the claiming process (the kernel drops
it when the process dies, even on SIGKILL), so parallel pytest workers, benchmarks and
other checkouts on the same machine never get the same port; nothing needs cleaning up.
"""

from __future__ import annotations

import fcntl
import os
import random
import socket
import tempfile
from pathlib import Path

EPHEMERAL_RANGE_FILE = Path("/proc/sys/net/ipv4/ip_local_port_range")
CLAIM_DIR = Path(os.environ.get("PORT_CLAIM_DIR", Path(tempfile.gettempdir()) / "port-claims"))
# Below this, ports are commonly used by services a developer runs (PostgreSQL, Redis, dev
# servers on 8000/8080, ...).
LOWEST = 15000

_claims: dict[int, int] = {}  # port -> fd holding its lock, for the life of this process


def ephemeral_range() -> tuple[int, int]:
    try:
        low, high = EPHEMERAL_RANGE_FILE.read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999  # Linux default


def candidate_ports() -> list[int]:
    """Ports outside the ephemeral range, above LOWEST; `TEST_PORT_RANGE=lo-hi` overrides."""
    override = os.environ.get("TEST_PORT_RANGE", "")
    if override:
        low, high = (int(part) for part in override.split("-", 1))
        return list(range(low, high + 1))
    eph_low, eph_high = ephemeral_range()
    ports = list(range(LOWEST, eph_low)) + list(range(eph_high + 1, 65536))
    if len(ports) < 1000:
        raise RuntimeError(
            f"ephemeral range {eph_low}-{eph_high} leaves too few ports; set TEST_PORT_RANGE")
    return ports


def _bindable(port: int) -> bool:
    # 0.0.0.0 conflicts with a listener on any address, so this is the strictest probe.
    # SO_REUSEADDR as servers set it: a port with connections in TIME_WAIT is usable.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def _claim(port: int) -> bool:
    CLAIM_DIR.mkdir(parents=True, exist_ok=True)
    fd = os.open(CLAIM_DIR / f"{port}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    if not _bindable(port):  # in use by something that does not take claims
        os.close(fd)
        return False
    _claims[port] = fd
    return True


def free_port() -> int:
    """A port nobody else on this machine listens on or has claimed; held until exit."""
    ports = candidate_ports()
    start = random.SystemRandom().randrange(len(ports))
    for offset in range(len(ports)):
        port = ports[(start + offset) % len(ports)]
        if port not in _claims and _claim(port):
            return port
    raise RuntimeError("no free port outside the ephemeral range")


def release(port: int) -> None:
    """Give a claimed port back early (optional: claims end with the process anyway)."""
    fd = _claims.pop(port, None)
    if fd is not None:
        os.close(fd)
