"""`python -m deploy.healthcheck URL`: exit 0 when URL answers 2xx (container healthchecks;
the slim image has no curl)."""

from __future__ import annotations

import sys
import urllib.request


def main(argv: list[str]) -> int:
    try:
        with urllib.request.urlopen(argv[0], timeout=4) as response:
            return 0 if 200 <= response.status < 300 else 1
    except OSError as error:
        print(f"unhealthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
