"""Container health checks (the slim image has no curl):

- `python -m deploy.healthcheck URL`: exit 0 when URL answers 2xx;
- `python -m deploy.healthcheck --fresh-file PATH SECONDS`: exit 0 when PATH changed in
  the last SECONDS (a process without a port, e.g. the Telegram relay, touches it on
  every successful round).
"""

from __future__ import annotations

import sys
import time
import urllib.request
from pathlib import Path


def fresh(path: str, seconds: float) -> int:
    try:
        age = time.time() - Path(path).stat().st_mtime
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1
    if age > seconds:
        print(f"unhealthy: {path} unchanged for {age:.0f} s", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--fresh-file"] and len(argv) == 3:
        return fresh(argv[1], float(argv[2]))
    try:
        with urllib.request.urlopen(argv[0], timeout=4) as response:
            return 0 if 200 <= response.status < 300 else 1
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
