"""Card headings and value labels have one home, contract/labels.py: the channels (Telegram,
widget, route card HTML and PDF) and the console take them from there and never write
them again, so a changed word changes everywhere at once.
"""

from __future__ import annotations

import re
from pathlib import Path

from contract import labels

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("telegram_bridge", "web", "console")
SUFFIXES = (".py", ".js", ".mjs", ".html")
SKIPPED = ("node_modules", "dist")
# Value sets whose labels people read; payload types are covered by CARD_HEADINGS.
KINDS = ("sector", "work_status", "interest", "province", "education_level", "route_kind",
         "funding_audience", "outcome")


def written_words() -> set[str]:
    """Every heading, and each value or field label of more than one word: a single word
    ("Bouw", "Bezig") is too common to tell a copy from ordinary text."""
    words = set(labels.CARD_HEADINGS.values())
    for kind in KINDS:
        for value, entry in labels.LABELS[kind].items():
            words.update(w for w in entry[:2]
                         if " " in w and w.lower() != value.replace("_", " "))
    words.update(w for w in labels.SLOT_LABELS.values() if " " in w)
    return words


def copies(source: str, words: set[str]) -> list[str]:
    # A copy is the label as a whole string or element text: "...", '...', >...<
    return sorted(w for w in words
                  if re.search(r"[\"'>]" + re.escape(w) + r"[\"'<.?:]", source))


def part_files() -> list[Path]:
    return [p for part in PARTS for p in sorted((ROOT / part).rglob("*"))
            if p.suffix in SUFFIXES and not set(p.relative_to(ROOT).parts) & set(SKIPPED)]


def test_channels_and_console_write_no_heading_or_label_of_their_own() -> None:
    # GIVEN the contract's card headings and value and field labels
    words = written_words()
    # WHEN every source file and template of the channels and the console is read
    found = {p.relative_to(ROOT).as_posix(): hits for p in part_files()
             if (hits := copies(p.read_text(encoding="utf-8"), words))}
    # THEN none writes one itself: each takes it from contract/labels.py
    assert not found, f"take these from contract/labels.py: {found}"


def test_the_check_sees_a_copied_heading() -> None:
    # GIVEN a heading written as a string, and the same words inside a longer sentence
    words = {labels.CARD_HEADINGS["next_steps"]}
    # THEN the first is a copy and the second is not
    assert copies('title = "Dit kun je nu doen"', words) == ["Dit kun je nu doen"]
    assert copies('"Dit kun je nu doen met je diploma"', words) == []
