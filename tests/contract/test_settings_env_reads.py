"""Every setting goes through the settings object (settings/): production code outside
settings/ reads no environment variable itself.

Tests, test support (testing/), benchmarks and scripts are free to. A new setting gets a
field in a section (settings/sections.py, settings/operations.py) and a line in README.
"""

from __future__ import annotations

import ast
from pathlib import Path

from settings import REPO_ROOT

EXCEPTED = ("tests", "testing", "bench", "scripts", "settings", ".venv", "node_modules")

def environment_reads(tree: ast.AST) -> int:
    """`os.environ`, `os.environb`, `os.getenv` and names imported from os for them."""
    reads = 0
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv")
                and isinstance(node.value, ast.Name) and node.value.id == "os"):
            reads += 1
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            reads += sum(a.name in ("environ", "environb", "getenv") for a in node.names)
    return reads


def production_files() -> list[Path]:
    return [p for p in sorted(REPO_ROOT.rglob("*.py"))
            if p.relative_to(REPO_ROOT).parts[0] not in EXCEPTED
            and not any(part.startswith(".") or part in EXCEPTED
                        for part in p.relative_to(REPO_ROOT).parts)]


def test_production_code_reads_settings_not_the_environment() -> None:
    # GIVEN every Python file of the running system outside settings/
    found = {}
    for path in production_files():
        count = environment_reads(ast.parse(path.read_text(encoding="utf-8")))
        if count:
            found[path.relative_to(REPO_ROOT).as_posix()] = count
    # THEN none reads the environment itself
    assert not found, f"read these through a section in settings/ instead: {found}"


def test_the_check_sees_each_way_of_reading_the_environment() -> None:
    # GIVEN code that reads the environment in each common way, and code that does not
    reading = ("import os\nfrom os import getenv\n"
               "a = os.environ['A']\nb = os.getenv('B')\nc = os.environ.get('C')\n")
    harmless = "environ = {}\nx = environ.get('sanic.request')\nimport os.path\n"
    # THEN the first counts four reads (three uses and an import) and the second none
    assert environment_reads(ast.parse(reading)) == 4
    assert environment_reads(ast.parse(harmless)) == 0
