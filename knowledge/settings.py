"""Settings of the knowledge package, read from the environment in one place.

Read lazily (call :func:`load`), never at import time of the hot paths, so tests can
point the package at fixture data by setting environment variables or passing values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


@dataclass(frozen=True)
class Settings:
    """Where the knowledge base reads its data and writes its database."""

    database_url: str
    data_dir: Path
    esco_dir: Path | None
    knowledge_data_dir: Path


def _resolve(path: str) -> Path:
    # Relative paths are relative to the repo root, because every process runs from there
    # but tests or tools may not.
    p = Path(path)
    return p if p.is_absolute() else (REPO_ROOT / p)


def default_esco_dir() -> Path | None:
    """`<repo>/../shared/esco` when it exists, else None (curated fallback list)."""
    candidate = (REPO_ROOT.parent / "shared" / "esco").resolve()
    return candidate if (candidate / "occupations_nl.csv").is_file() else None


def load(env: dict[str, str] | None = None) -> Settings:
    """Read settings from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    data_dir = _resolve(env.get("DATA_DIR") or "var")
    database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'knowledge.db'}"
    if "ESCO_DIR" in env:
        # An explicitly empty ESCO_DIR means "run without ESCO" (curated list only).
        esco_dir = _resolve(env["ESCO_DIR"]) if env["ESCO_DIR"].strip() else None
    else:
        esco_dir = default_esco_dir()
    knowledge_data_dir = _resolve(env.get("KNOWLEDGE_DATA_DIR") or str(PACKAGE_DIR / "data"))
    return Settings(
        database_url=database_url,
        data_dir=data_dir,
        esco_dir=esco_dir,
        knowledge_data_dir=knowledge_data_dir,
    )
