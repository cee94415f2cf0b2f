"""A throwaway local system (action + Rasa server) on free ports, for benchmarks only
(it claims ports with testing.ports, which production code never imports)."""

from __future__ import annotations

import os
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, Iterator, List, Mapping, Optional

from runner import process as proc
from runner.model import ensure_model
from runner.services import Service, action_server, rasa_server
from settings import resolve
from testing.ports import free_port

# Loading the model takes ~30 s on a quiet 2-core machine, minutes when it is shared.
START_TIMEOUT = 900.0


@dataclass
class LocalStack:
    settings: Dict[str, str]
    services: List[Service]
    processes: List[subprocess.Popen]
    load_seconds: float

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.settings['RASA_PORT']}"


@contextmanager
def local_stack(overrides: Optional[Mapping[str, str]] = None) -> Iterator[LocalStack]:
    """`overrides` win over the stack's own settings (e.g. a proxy as ACTION_SERVER_URL)."""
    import time

    with tempfile.TemporaryDirectory() as tmp:
        settings = resolve({**os.environ, "DATA_DIR": tmp, "RASA_PORT": str(free_port()),
                            "ACTION_PORT": str(free_port()), **(overrides or {})})
        settings.update(overrides or {})  # also keys that are not shared settings
        model = ensure_model(settings)
        services = [action_server(settings), rasa_server(settings, model)]
        running: List[subprocess.Popen] = []
        try:
            running.append(proc.start(services[0], lambda _line: None))
            proc.wait_healthy(services[0], running[0], START_TIMEOUT)
            start = time.perf_counter()
            running.append(proc.start(services[1], lambda _line: None))
            proc.wait_healthy(services[1], running[1], START_TIMEOUT)
            yield LocalStack(settings, services, running, time.perf_counter() - start)
        finally:
            proc.stop(running)
