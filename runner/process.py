"""Starting and stopping service processes, with their output prefixed by name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import IO, Callable, List, Optional

from runner.services import REPO_ROOT, Service


def _pump(name: str, stream: IO[bytes], sink: Callable[[str], None]) -> None:
    for raw in iter(stream.readline, b""):
        sink(f"[{name}] {raw.decode('utf-8', 'replace').rstrip()}")


def start(service: Service, sink: Optional[Callable[[str], None]] = None) -> subprocess.Popen:
    """Starts a service in its own process group so that a stop reaches its children."""
    process = subprocess.Popen(
        service.argv,
        cwd=REPO_ROOT,
        env=service.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    writer = sink or (lambda line: print(line, flush=True))
    assert process.stdout is not None
    threading.Thread(target=_pump, args=(service.name, process.stdout, writer), daemon=True).start()
    return process


def healthy(service: Service) -> bool:
    if not service.health_path:
        return True
    try:
        with urllib.request.urlopen(service.health_url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def wait_healthy(service: Service, process: subprocess.Popen, timeout: float) -> None:
    """Polls the health endpoint until it answers; fails fast if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{service.name} exited with code {process.returncode}")
        if healthy(service):
            return
        time.sleep(0.25)
    raise TimeoutError(f"{service.name} did not answer on {service.health_url} in {timeout:.0f}s")


def stop(processes: List[subprocess.Popen], grace: float = 10.0) -> None:
    for process in processes:
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + grace
    for process in processes:
        remaining = max(0.1, deadline - time.monotonic())
        try:
            process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


def eprint(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
