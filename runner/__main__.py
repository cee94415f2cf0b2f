"""`python -m runner`: trains if needed, then runs every service until Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import List

from runner import process as proc
from runner.model import ensure_model
from runner.services import all_services, port_is_free, prepare_data_dir
from runner.startup_checks import UnsafeSettings, check
from settings import DEV_API_TOKEN, resolve
from settings.operations import process_environment

START_TIMEOUT = 240.0


def main() -> int:
    settings = resolve()
    try:
        # Before training: an unsafe exposed start stops at once.
        check({**process_environment(), **settings})
    except UnsafeSettings as refused:
        proc.eprint(str(refused.args[0]))
        return 2
    services = all_services(settings, model=ensure_model(settings))
    busy = [s for s in services if s.port and not port_is_free(s.port, s.host)]
    if busy:
        for s in busy:
            proc.eprint(
                f"ERROR: port {s.port} for {s.name} is already in use. Stop the program "
                f"that uses it, or choose another port: {s.port_setting}=<port> make run"
            )
        return 2
    prepare_data_dir(settings)
    if settings["RASA_API_TOKEN"] == DEV_API_TOKEN:
        print(f"[runner] using the development API token '{DEV_API_TOKEN}'; "
              "set RASA_API_TOKEN in production", flush=True)

    def terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (from a supervisor) stops us the same way as Ctrl-C; SIGINT explicitly,
    # because a shell that starts us in the background leaves SIGINT ignored.
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    running: List[subprocess.Popen] = []
    try:
        for service in services:
            running.append(proc.start(service))
        for service, process in zip(services, running, strict=False):
            proc.wait_healthy(service, process, START_TIMEOUT)
        web = settings["PUBLIC_BASE_URL"]
        print(f"[runner] ready: demo page {web}/  console {web}/console  "
              f"rasa http://127.0.0.1:{settings['RASA_PORT']}  (Ctrl-C stops all)", flush=True)
        while True:
            for service, process in zip(services, running, strict=False):
                if process.poll() is not None:
                    proc.eprint(f"[runner] {service.name} stopped (exit {process.returncode}); "
                                "stopping the rest")
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError) as error:
        proc.eprint(f"[runner] start failed: {error}")
        return 1
    finally:
        print("[runner] stopping all services", flush=True)
        proc.stop(running)


if __name__ == "__main__":
    sys.exit(main())
