"""Every import points down a layer (docs/architecture.md, "Layers").

Reads the imports of every Python file of the running system (also imports inside
functions) and holds each against the layer of its package. Two packages on one layer
do not import each other; a lower part that must act on a higher one is told at run time
(privacy's erasers by name, the runner's port picker from its caller).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Top layer first; a package imports only packages on a later line.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("bench",),
    ("testing",),
    ("web", "telegram_bridge"),
    ("bot",),
    ("handover",),
    ("console",),
    ("knowledge", "privacy"),
    ("observability", "conversation_store", "runner"),
    ("deploy", "settings"),
    ("contract",),
)
RANK = {package: len(LAYERS) - i for i, row in enumerate(LAYERS) for package in row}


def imported_packages(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(RANK)


def test_every_import_points_down_a_layer() -> None:
    # GIVEN every Python file of every package in the layer table
    upward = []
    for package in RANK:
        for path in sorted((ROOT / package).rglob("*.py")):
            # WHEN its imports of other packages are read
            for target in imported_packages(path) - {package}:
                # THEN each lies on a lower layer
                if RANK[target] >= RANK[package]:
                    upward.append(f"{path.relative_to(ROOT)} -> {target}")
    assert not upward, f"imports that do not point down: {upward}"


def test_every_package_has_a_layer() -> None:
    # GIVEN the Python packages at the repository root
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}
    # THEN each has its place in the table (and in docs/architecture.md)
    assert packages <= set(RANK), f"give these a layer: {sorted(packages - set(RANK))}"
