"""Small operational fixes, each with the check that would fail if it came back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

from runner import process as proc
from runner.services import action_server
from settings import REPO_ROOT, resolve
from testing.ports import free_port


def test_route_card_dates_are_dutch_time_on_a_utc_server():
    # 2026-03-01 23:30 UTC is 2 March in Amsterdam; a UTC container used to print 01-03.
    code = ("from web.routecard_views import _date as page; "
            "from web.routecard.pdf import _date as pdf; "
            "print(page(1772407800.0), pdf(1772407800.0))")  # web page and PDF
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, env={**os.environ, "TZ": "UTC", "PYTHONPATH": str(REPO_ROOT)})
    assert out.stdout.strip() == "02-03-2026 2 maart 2026", out.stderr


def _listening(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def test_action_bind_host_is_honoured(tmp_path):
    # GIVEN ACTION_BIND_HOST set to another loopback address than the default
    port = free_port()
    settings = resolve({**os.environ, "DATA_DIR": str(tmp_path), "ACTION_PORT": str(port),
                        "ACTION_BIND_HOST": "127.0.0.2"})
    service = action_server(settings)
    assert service.env["SANIC_HOST"] == "127.0.0.2"
    process = proc.start(service, lambda _line: None)
    try:
        deadline = time.monotonic() + 180
        while not _listening("127.0.0.2", port):
            assert process.poll() is None, "action server exited"
            assert time.monotonic() < deadline, "action server did not listen on 127.0.0.2"
            time.sleep(0.2)
        # THEN it listens there, and not on the default address
        assert not _listening("127.0.0.1", port)
    finally:
        proc.stop([process])
