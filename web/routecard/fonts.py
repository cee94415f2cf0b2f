"""Finds a Unicode TTF font for PDFs at runtime (DejaVu Sans from Debian fonts-dejavu-core)."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path
from typing import Optional, Tuple


def _fc_match(pattern: str) -> Optional[Path]:
    if not shutil.which("fc-match"):
        return None
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found) if found else None
    # fc-match always answers something; only accept the font we asked for.
    if path and path.is_file() and path.suffix.lower() == ".ttf" and "dejavu" in path.name.lower():
        return path
    return None


@functools.lru_cache(maxsize=1)
def dejavu_fonts() -> Optional[Tuple[Path, Path]]:
    """(regular, bold) DejaVu Sans TTF files, or None when the fonts are not installed."""
    regular = _fc_match("DejaVu Sans:style=Book")
    bold = _fc_match("DejaVu Sans:style=Bold")
    for base in (Path("/usr/share/fonts/truetype/dejavu"),):
        if regular is None and (base / "DejaVuSans.ttf").is_file():
            regular = base / "DejaVuSans.ttf"
        if bold is None and (base / "DejaVuSans-Bold.ttf").is_file():
            bold = base / "DejaVuSans-Bold.ttf"
    if regular is None:
        return None
    return regular, bold or regular
