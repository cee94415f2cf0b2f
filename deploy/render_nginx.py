"""Renders deploy/nginx.conf.template: for compose into deploy/nginx.compose.conf, and for
`make prod-local` (runner/prod_local.py calls `render_nginx` with its own ports).

    python deploy/render_nginx.py          # rewrite deploy/nginx.compose.conf
A test renders it again and compares, so the two configurations never drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
HEADER = "# Generated from nginx.conf.template by deploy/render_nginx.py: do not edit by hand.\n"
TARGET = HERE / "nginx.compose.conf"
# The TLS terminator in front of the published port reaches nginx from the Docker bridge
# network (its gateway). Narrow this to your proxy's address (docs/operations.md).
TRUSTED_PROXIES = "172.16.0.0/12"


def render_nginx(values: Mapping[str, object], rasa: list[str], actions: list[str],
                 trusted_proxies: str) -> str:
    """nginx.conf.template with `values`; upstreams and trusted proxies as lists."""
    template = Template((HERE / "nginx.conf.template").read_text())
    proxies = [p.strip() for p in trusted_proxies.split(",") if p.strip()]
    return template.safe_substitute(
        {"LB_INTERNAL_HOST": "127.0.0.1", "RATE_PER_CLIENT": "20r/s", "RATE_BURST": "40",
         **values},
        RASA_SERVERS="\n".join(f"    server {r} max_fails=1 fail_timeout=5s;" for r in rasa),
        ACTION_SERVERS="\n".join(f"    server {a} max_fails=1 fail_timeout=5s;" for a in actions),
        REAL_IP_FROM="\n".join(f"  set_real_ip_from {p};" for p in proxies))


def compose_conf() -> str:
    values = {"RUN_DIR": "/tmp", "LB_HOST": "0.0.0.0", "LB_PUBLIC_PORT": 8080,
              # Internal listeners: reachable on the compose network only, never published.
              "LB_INTERNAL_HOST": "0.0.0.0", "LB_PORT": 8082, "ACTIONS_LB_PORT": 8081}
    return HEADER + render_nginx(values, ["rasa1:5005", "rasa2:5005"],
                                 ["actions1:5055", "actions2:5055"], TRUSTED_PROXIES)


if __name__ == "__main__":
    TARGET.write_text(compose_conf())
    print(f"wrote {TARGET}")
