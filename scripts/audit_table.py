"""Prints the dependency table of docs/operations.md from requirements.in and the locks.

    .venv/bin/python scripts/audit_table.py    # paste between the AUDIT markers

One row per direct runtime dependency: the locked version and what holds it there.
A test compares the table in the docs with this output, so it follows every re-lock.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Why a package cannot move further (Rasa 3.6.21's own pins, or ours).
HELD_BY = {
    "rasa": "last Rasa Open Source 3.6 release (CVE-2024-49375 fixed); no newer 3.6",
    "rasa-sdk": "matches Rasa 3.6",
    "spacy": "Rasa 3.6: spaCy < 3.5",
    "sqlalchemy": "Rasa 3.6: SQLAlchemy < 1.5",
    "aiohttp": "Rasa 3.6: aiohttp < 3.10 (later advisories fixed only in >= 3.10)",
    "sanic": "Rasa 3.6: sanic 21.12",
    "yarl": "aiohttp 3.9 breaks with yarl >= 1.10",
    "python-socketio": "5.16+: binary-attachment DoS fix; our channel awaits enter_room",
    "python-engineio": "required by python-socketio 5.16",
    "structlog": "Rasa 3.6: structlog < 24",
}


def _name(line: str) -> str:
    return re.split(r"[<>=!~\[ ;#]", line.strip(), maxsplit=1)[0].lower().replace("_", "-")


def table() -> str:
    direct = [_name(line) for line in (ROOT / "requirements.in").read_text().splitlines()
              if line.strip() and not line.startswith(("#", "-"))]
    locked = {}
    for line in (ROOT / "requirements-runtime.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^ \\]+)", line)
        if match:
            locked[match.group(1).lower().replace("_", "-")] = match.group(2)
    rows = ["| package | locked | held by |", "| --- | --- | --- |"]
    for name in sorted(dict.fromkeys(direct)):
        held = HELD_BY.get(name, "our range in requirements.in")
        rows.append(f"| {name} | {locked.get(name, '?')} | {held} |")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.stdout.write(table() + "\n")
