"""The public nginx listener serves socket.io only, with per-client rate limits that
trust X-Forwarded-For only from configured proxies. Real nginx, stub upstreams."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest
import requests

from deploy.render_nginx import TARGET, compose_conf, render_nginx
from testing.ports import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class _Upstream(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = f"upstream {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture(scope="module")
def upstream() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def _wait_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nginx did not listen on {port}")


def _nginx(tmp: Path, upstream: int, trusted: str) -> Iterator[tuple[str, str]]:
    public, internal = free_port(), free_port()
    tmp.chmod(0o755)
    conf = render_nginx(
        {"RUN_DIR": str(tmp), "LB_HOST": "127.0.0.1", "LB_PUBLIC_PORT": public,
         "LB_PORT": internal, "ACTIONS_LB_PORT": free_port(),
         # Tiny budget so that the test reaches the limit in a few requests.
         "RATE_PER_CLIENT": "1r/m", "RATE_BURST": "2"},
        [f"127.0.0.1:{upstream}"], [f"127.0.0.1:{upstream}"], trusted)
    path = tmp / "nginx.conf"
    path.write_text(conf)
    process = subprocess.Popen([NGINX, "-c", str(path), "-p", str(tmp), "-g", "daemon off;"],
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_port(public, process)
        _wait_port(internal, process)
        yield f"http://127.0.0.1:{public}", f"http://127.0.0.1:{internal}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def trusting_nginx(tmp_path: Path, upstream: int) -> Iterator[tuple[str, str]]:
    yield from _nginx(tmp_path, upstream, "127.0.0.1")


@pytest.fixture
def distrusting_nginx(tmp_path: Path, upstream: int) -> Iterator[tuple[str, str]]:
    yield from _nginx(tmp_path, upstream, "192.0.2.10")  # some other proxy, not us


def test_public_listener_serves_only_socketio(trusting_nginx):
    public, internal = trusting_nginx
    socketio = requests.get(f"{public}/socket.io/?EIO=4&transport=polling", timeout=5)
    assert socketio.status_code == 200 and socketio.text.startswith("upstream /socket.io/")
    for path in ("/webhooks/rest/webhook", "/conversations/telegram:1/tracker?token=x",
                 "/model", "/", "/status", "/webhooks/rest/"):
        assert requests.get(f"{public}{path}", timeout=5).status_code == 404, path
    posted = requests.post(f"{public}/webhooks/rest/webhook",
                           json={"sender": "telegram:1", "message": "/verwijder"}, timeout=5)
    assert posted.status_code == 404
    # Internal callers still reach REST and the HTTP API; model loading never via nginx.
    assert requests.post(f"{internal}/webhooks/rest/webhook", json={}, timeout=5).ok
    assert requests.get(f"{internal}/conversations/a/tracker", timeout=5).ok
    assert requests.put(f"{internal}/model", timeout=5).status_code == 403


def _until_limited(public: str, client: str, tries: int = 10) -> int:
    for attempt in range(1, tries + 1):
        status = requests.get(f"{public}/socket.io/", headers={"X-Forwarded-For": client},
                              timeout=5).status_code
        if status == 429:
            return attempt
        assert status == 200
    raise AssertionError(f"{client} was never rate limited")


def test_rate_limit_per_real_client_behind_trusted_proxy(trusting_nginx):
    public, _ = trusting_nginx
    assert _until_limited(public, "203.0.113.7") <= 4
    # Another visitor behind the same proxy has a bucket of their own.
    other = requests.get(f"{public}/socket.io/", headers={"X-Forwarded-For": "203.0.113.8"},
                         timeout=5)
    assert other.status_code == 200


def test_forwarded_for_from_untrusted_peer_is_ignored(distrusting_nginx):
    public, _ = distrusting_nginx
    _until_limited(public, "203.0.113.7")
    # A spoofed header does not buy a fresh bucket: the peer address counts.
    spoofed = requests.get(f"{public}/socket.io/", headers={"X-Forwarded-For": "198.51.100.1"},
                           timeout=5)
    assert spoofed.status_code == 429


def test_compose_nginx_config_is_rendered_from_the_template():
    assert TARGET.read_text() == compose_conf(), "run: python deploy/render_nginx.py"
    conf = TARGET.read_text()
    public = conf.split("listen 0.0.0.0:8080;", 1)[1].split("\n  server {", 1)[0]
    assert "location /socket.io/" in public and "return 404;" in public
    assert "webhooks" not in public and "rasa_rest" not in public


def test_nginx_accepts_the_rendered_configurations(tmp_path: Path):
    for name, conf in {"compose": compose_conf().replace("/tmp", str(tmp_path)),
                       "local": render_nginx(
                           {"RUN_DIR": str(tmp_path), "LB_HOST": "127.0.0.1",
                            "LB_PUBLIC_PORT": 1, "LB_PORT": 2, "ACTIONS_LB_PORT": 3},
                           ["127.0.0.1:1"], ["127.0.0.1:2"], "127.0.0.1")}.items():
        path = tmp_path / f"{name}.conf"
        # Compose service names do not resolve here; nginx -t resolves upstream hosts.
        path.write_text(conf.replace("rasa1:", "127.0.0.1:").replace("rasa2:", "127.0.0.2:")
                        .replace("actions1:", "127.0.0.1:").replace("actions2:", "127.0.0.2:"))
        tested = subprocess.run([NGINX, "-t", "-c", str(path), "-p", str(tmp_path)],
                                capture_output=True, text=True)
        assert tested.returncode == 0, f"{name}: {tested.stderr}"
