"""Column specifications of the data files and a typed CSV reader.

The reader turns each file into typed rows and reports every value it cannot convert as
``file:row: message`` (row = line number in a spreadsheet view: the header is row 1).
Those are *structural* problems: the loader refuses to build while any exist. Meaning
checks (vocabularies, references, coverage) live in :mod:`knowledge.validator`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge import vocab

SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is text, int, bool, date or list (``;``-separated)."""

    name: str
    kind: str = "text"
    required: bool = True
    vocab: tuple[str, ...] | None = None


@dataclass(frozen=True)
class FileSpec:
    """A data file: its columns and the column(s) that must be unique."""

    filename: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional_columns: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name: str, kind: str = "text", required: bool = True,
       vocab_: tuple[str, ...] | None = None) -> Column:
    return Column(name, kind, required, vocab_)


SOURCE = (_c("source"), _c("checked_at", "date"))

SPECS: dict[str, FileSpec] = {
    "professions": FileSpec("professions.csv", (
        _c("id"), _c("name"), _c("description"), _c("isco08"), _c("esco_uri", required=False),
        _c("sectors", "list", vocab_=vocab.PROFESSION_SECTORS),
        _c("interests", "list", vocab_=vocab.INTERESTS),
        _c("mbo_levels", "list", vocab_=vocab.MBO_LEVELS),
        _c("entry_level", vocab_=vocab.ENTRY_LEVELS), _c("physical", vocab_=vocab.PHYSICAL),
        _c("pay_min", "int"), _c("pay_max", "int"), _c("shortage", "int"),
        _c("bbl_months_min", "int", required=False), _c("bbl_months_max", "int", required=False),
        _c("tickets", "list", required=False), _c("day_to_day", required=False),
        # Limits a person may state (issue #22): absent columns or empty cells mean "no".
        _c("heights", "bool", required=False), _c("shifts", "bool", required=False),
        _c("driving_licence", "bool", required=False), *SOURCE,
    ), key=("id",), optional_columns=("heights", "shifts", "driving_licence")),
    "profession_backgrounds": FileSpec("profession_backgrounds.csv", (
        _c("profession_id"), _c("kind", vocab_=vocab.BACKGROUND_KINDS), _c("code"),
        _c("reason"), *SOURCE,
    ), key=("profession_id", "kind", "code")),
    "routes": FileSpec("routes.csv", (
        _c("id"), _c("name"), _c("kind", vocab_=vocab.ROUTE_KINDS),
        _c("profession_ids", "list"), _c("level", required=False, vocab_=vocab.MBO_LEVELS),
        _c("duration_months", "int", required=False), _c("learn_while_earning", "bool"),
        _c("entry_requirements", required=False), _c("cost_indication", required=False),
        _c("provider_type", required=False), _c("url"), _c("description", required=False),
        *SOURCE,
    ), key=("id",)),
    "funding": FileSpec("funding.csv", (
        _c("id"), _c("name"), _c("audience", "list", vocab_=vocab.FUNDING_AUDIENCES),
        _c("amount", required=False), _c("conditions", required=False),
        _c("how_to_apply", required=False), _c("url"),
        _c("status", vocab_=vocab.FUNDING_STATUSES), _c("valid_from", "date", required=False),
        _c("valid_until", "date", required=False),
        _c("route_kinds", "list", required=False, vocab_=vocab.ROUTE_KINDS),
        # Sector funds (OOM, ...) name the profession sectors they pay for; empty = any.
        _c("sectors", "list", required=False, vocab_=vocab.PROFESSION_SECTORS),
        _c("max_age", "int", required=False), _c("ended_note", required=False),
        _c("aliases", "list", required=False), *SOURCE,
    ), key=("id",), optional_columns=("aliases", "sectors")),
    "labour_market_regions": FileSpec("labour_market_regions.csv", (
        _c("id"), _c("name"), _c("provinces", "list", vocab_=vocab.PROVINCES),
        _c("source", required=False), _c("checked_at", "date", required=False),
    ), key=("id",), optional_columns=("source", "checked_at")),
    "municipalities": FileSpec("municipalities.csv", (
        _c("name"), _c("province", vocab_=vocab.PROVINCES), _c("labour_market_region"),
        _c("aliases", "list", required=False), *SOURCE,
    ), key=("name",)),
    "contacts": FileSpec("contacts.csv", (
        _c("id"), _c("name"), _c("kind", vocab_=vocab.CONTACT_KINDS),
        _c("labour_market_regions", "list", required=False),
        _c("provinces", "list", required=False, vocab_=vocab.PROVINCES), _c("url"),
        _c("phone", required=False), _c("description", required=False),
        # Issue 23 (optional so older files and fixtures still load).
        _c("audience", "list", required=False, vocab_=vocab.CONTACT_AUDIENCES),
        _c("address", required=False), _c("walk_in", "bool", required=False),
        _c("hours", required=False), _c("details_date", "date", required=False), *SOURCE,
    ), key=("id",), optional_columns=("audience", "address", "walk_in", "hours",
                                      "details_date")),
    "faq": FileSpec("faq.csv", (
        _c("topic", vocab_=vocab.FAQ_TOPICS), _c("profession_id", required=False),
        _c("answer"), *SOURCE,
    ), key=("topic", "profession_id")),
    "isco_sectors": FileSpec("isco_sectors.csv", (
        _c("isco_prefix"), _c("sector", vocab_=vocab.CURRENT_SECTORS), _c("note", required=False),
        _c("source", required=False), _c("checked_at", "date", required=False),
    ), key=("isco_prefix",), optional_columns=("note", "source", "checked_at")),
    "common_jobs": FileSpec("common_jobs.csv", (
        _c("label"), _c("isco08"), _c("sector", vocab_=vocab.CURRENT_SECTORS),
        _c("aliases", "list", required=False),
        _c("source", required=False), _c("checked_at", "date", required=False),
    ), key=("label",), optional_columns=("source", "checked_at")),
}


@dataclass
class ParsedFile:
    """Typed rows of one file; ``rows`` pairs each row number with its values."""

    spec: FileSpec
    rows: list[tuple[int, dict[str, Any]]]
    problems: list[str]


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _convert(col: Column, raw: str) -> Any:
    value = raw.strip()
    if col.kind == "list":
        return split_list(value)
    if value == "":
        if col.required:
            raise ValueError(f"column '{col.name}' is empty but required")
        return None
    if col.kind == "int":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"column '{col.name}': '{value}' is not a whole number")
        return int(value)
    if col.kind == "bool":
        if value.lower() not in ("true", "false"):
            raise ValueError(f"column '{col.name}': '{value}' is not true or false")
        return value.lower() == "true"
    if col.kind == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"column '{col.name}': '{value}' is not an ISO date (YYYY-MM-DD)") from None
    return value


def read_file(spec: FileSpec, data_dir: Path) -> ParsedFile:
    """Read and type one data file; never raises for bad content, lists problems instead."""
    path = data_dir / spec.filename
    name = spec.filename
    if not path.is_file():
        return ParsedFile(spec, [], [f"{name}:0: file is missing"])
    problems: list[str] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return ParsedFile(spec, [], [f"{name}:0: not valid UTF-8 ({exc.reason})"])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return ParsedFile(spec, [], [f"{name}:1: file is empty (no header row)"])
    missing = [c.name for c in spec.columns
               if c.name not in header and c.name not in spec.optional_columns]
    if missing:
        return ParsedFile(spec, [], [f"{name}:1: missing column(s): {', '.join(missing)}"])
    seen: dict[tuple[Any, ...], int] = {}
    for index, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines are harmless
        if len(record) != len(header):
            problems.append(f"{name}:{index}: has {len(record)} fields, header has "
                            f"{len(header)} (a missing quote or comma?)")
            continue
        raw = dict(zip(header, record, strict=False))
        row: dict[str, Any] = {}
        ok = True
        for col in spec.columns:
            try:
                row[col.name] = _convert(col, raw.get(col.name, ""))
            except ValueError as exc:
                problems.append(f"{name}:{index}: {exc}")
                ok = False
        if not ok:
            continue
        if spec.key:
            key = tuple(str(row[k] or "").lower() for k in spec.key)
            if key in seen:
                problems.append(f"{name}:{index}: duplicate {'/'.join(spec.key)} "
                                f"'{'/'.join(key)}' (first on row {seen[key]})")
                continue
            seen[key] = index
        rows.append((index, row))
    return ParsedFile(spec, rows, problems)


def read_all(data_dir: Path) -> dict[str, ParsedFile]:
    return {table: read_file(spec, data_dir) for table, spec in SPECS.items()}


def reference_problems(parsed: dict[str, ParsedFile]) -> list[str]:
    """References the database enforces as foreign keys (PostgreSQL does, SQLite does not):
    checked before writing so both refuse the same data with the same messages."""
    problems: list[str] = []
    prof_ids = {row["id"] for _, row in parsed["professions"].rows}
    region_ids = {row["id"] for _, row in parsed["labour_market_regions"].rows}
    for n, row in parsed["profession_backgrounds"].rows:
        if row["profession_id"] not in prof_ids:
            problems.append(f"profession_backgrounds.csv:{n}: unknown profession_id "
                            f"'{row['profession_id']}'")
    for n, row in parsed["routes"].rows:
        for pid in row["profession_ids"]:
            if pid not in prof_ids:
                problems.append(f"routes.csv:{n}: unknown profession id '{pid}'")
    for n, row in parsed["faq"].rows:
        if row["profession_id"] and row["profession_id"] not in prof_ids:
            problems.append(f"faq.csv:{n}: unknown profession_id '{row['profession_id']}'")
    for n, row in parsed["municipalities"].rows:
        if row["labour_market_region"] not in region_ids:
            problems.append(f"municipalities.csv:{n}: unknown labour_market_region "
                            f"'{row['labour_market_region']}'")
    return problems
