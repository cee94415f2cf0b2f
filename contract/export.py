"""Write the contract labels as JSON for the widget build: python -m contract.export FILE."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from contract.labels import export


def main(argv: list[str]) -> int:
    text = json.dumps(export(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not argv:
        sys.stdout.write(text)
        return 0
    Path(argv[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
