"""Refuse to start with development secrets once a server can be reached from outside.

`make run` on a laptop may use the embedded defaults. As soon as a server binds beyond
loopback (`BIND_HOST`, `LB_HOST`) or the public address is https (`PUBLIC_BASE_URL`),
those defaults would be a hole: a known API token, session cookies anyone can forge,
any site embedding the widget, the REST channel open to every caller. Then we stop at
once, before training or starting anything, and name the setting to fix.

Called by the runner (`python -m runner`, `make prod-local`), by the service entry
points (`python -m web`, `python -m telegram_bridge`, the Rasa REST channel) and as
`python -m runner.startup_checks <role>` in front of `rasa run` in docker-compose.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Mapping

from settings.operations import process_environment

DEV_API_TOKEN = "dev-token-change-me"
MIN_SECRET_LENGTH = 32
# Values shipped in examples or used by tests; never acceptable on the internet.
KNOWN_WEAK = {DEV_API_TOKEN, "change-me", "changeme", "secret", "test", "dev"}
ROLES = ("all", "rasa", "web", "telegram")
# Which settings each service needs to be safe when exposed.
NEEDS: dict[str, tuple[str, ...]] = {
    "rasa": ("RASA_API_TOKEN", "INTERNAL_API_SECRET", "ALLOWED_ORIGINS"),
    "web": ("CONSOLE_SECRET_KEY", "ALLOWED_ORIGINS"),
    "telegram": ("INTERNAL_API_SECRET",),
}
NEEDS["all"] = tuple(dict.fromkeys(k for keys in NEEDS.values() for k in keys))


class UnsafeSettings(SystemExit):
    """Raised (as SystemExit code 2) with a message naming every unsafe setting."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            "ERROR: refusing to start: this server can be reached from outside "
            "(BIND_HOST/LB_HOST beyond loopback or PUBLIC_BASE_URL is https), but:\n"
            f"{lines}\nSee docs/operations.md (Secrets)."
        )
        self.code = 2


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host in ("", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost: assume it is reachable


def exposure(env: Mapping[str, str]) -> list[str]:
    """Why the servers count as exposed (empty: loopback-only development)."""
    reasons = []
    for key in ("BIND_HOST", "LB_HOST"):
        value = env.get(key, "")
        if value and not is_loopback(value):
            reasons.append(f"{key}={value}")
    if env.get("PUBLIC_BASE_URL", "").strip().lower().startswith("https://"):
        reasons.append("PUBLIC_BASE_URL is https")
    return reasons


def _secret_problem(key: str, value: str) -> str | None:
    if not value:
        return f"{key} is not set (use at least {MIN_SECRET_LENGTH} random characters)"
    if value in KNOWN_WEAK:
        return f"{key} is the development default ({value}); set your own"
    if len(value) < MIN_SECRET_LENGTH:
        return f"{key} is shorter than {MIN_SECRET_LENGTH} characters"
    return None


def problems(env: Mapping[str, str], role: str = "all") -> list[str]:
    """The unsafe settings for `role` given `env` (empty when safe or not exposed)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {ROLES}")
    if not exposure(env):
        return []
    found = []
    for key in NEEDS[role]:
        value = env.get(key, "").strip()
        if key == "RASA_API_TOKEN":
            value = value or DEV_API_TOKEN  # what the runner would use
        if key == "ALLOWED_ORIGINS":
            origins = {o.strip() for o in value.split(",") if o.strip()}
            if not origins or "*" in origins:
                found.append("ALLOWED_ORIGINS is '*' (or empty): list the sites that embed the "
                             "widget, e.g. ALLOWED_ORIGINS=https://www.example.nl")
            continue
        problem = _secret_problem(key, value)
        if problem:
            found.append(problem)
    return found


def check(env: Mapping[str, str] | None = None, role: str = "all") -> None:
    """Raises UnsafeSettings when `role` would run exposed with unsafe settings."""
    found = problems(process_environment() if env is None else env, role)
    if found:
        raise UnsafeSettings(found)


def check_or_exit(role: str = "all") -> None:
    """For service entry points: prints the refusal to stderr and exits with code 2."""
    try:
        check(role=role)
    except UnsafeSettings as refused:
        print(refused.args[0], file=sys.stderr, flush=True)
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    role = args[0] if args else "all"
    try:
        check(role=role)
    except UnsafeSettings as refused:
        print(refused.args[0], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
