"""Writes deploy/nginx.compose.conf from deploy/nginx.conf.template (compose service names).

    python deploy/render_nginx.py          # rewrite the file
A test renders it again and compares, so the two configurations never drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from runner.prod_local import render_nginx  # noqa: E402

HEADER = "# Generated from nginx.conf.template by deploy/render_nginx.py: do not edit by hand.\n"
TARGET = Path(__file__).resolve().parent / "nginx.compose.conf"
# The TLS terminator in front of the published port reaches nginx from the Docker bridge
# network (its gateway). Narrow this to your proxy's address (docs/operations.md).
TRUSTED_PROXIES = "172.16.0.0/12"


def compose_conf() -> str:
    values = {"RUN_DIR": "/tmp", "LB_HOST": "0.0.0.0", "LB_PUBLIC_PORT": 8080,
              # Internal listeners: reachable on the compose network only, never published.
              "LB_INTERNAL_HOST": "0.0.0.0", "LB_PORT": 8082, "ACTIONS_LB_PORT": 8081}
    return HEADER + render_nginx(values, ["rasa1:5005", "rasa2:5005"],
                                 ["actions1:5055", "actions2:5055"], TRUSTED_PROXIES)


if __name__ == "__main__":
    TARGET.write_text(compose_conf())
    print(f"wrote {TARGET}")
