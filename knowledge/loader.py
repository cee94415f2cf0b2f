"""Builds the knowledge database from the data files (and ESCO), all or nothing.

SQLite files are built into a temporary file next to the target and swapped in with an
atomic rename; other databases (PostgreSQL) are rebuilt inside one transaction that rolls
back on any error. A build only happens when the hash of the data files and the ESCO
files differs from the hash stored in the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, inspect, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge import esco, models, schema
from settings.sections import KnowledgeSettings

# Bump when the table layout or the build logic changes, so old databases get rebuilt.
SCHEMA_VERSION = "4"
_build_lock = threading.Lock()


class BuildError(Exception):
    """The data files cannot be loaded; ``problems`` lists each as 'file:row: message'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("cannot build the knowledge base:\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class BuildResult:
    built: bool
    seconds: float
    data_hash: str


def data_hash(settings: KnowledgeSettings) -> str:
    """Hash of every data file, the ESCO files in use, and the schema version."""
    digest = hashlib.sha256(f"schema={SCHEMA_VERSION}\n".encode())
    paths: list[Path] = sorted(settings.knowledge_data_dir.glob("*.csv"))
    if settings.esco_dir is not None:
        paths += [settings.esco_dir / name for name in esco.ESCO_FILES]
    for path in paths:
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    digest.update(f"esco={'yes' if settings.esco_dir else 'no'}".encode())
    return digest.hexdigest()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        return create_engine(url, future=True, connect_args={"check_same_thread": False})
    return create_engine(url, future=True, pool_pre_ping=True)


def stored_hash(engine: Engine) -> str | None:
    try:
        if not inspect(engine).has_table(models.BuildMetadata.__tablename__):
            return None
        with Session(engine) as session:
            return session.execute(
                select(models.BuildMetadata.value).where(models.BuildMetadata.key == "data_hash")
            ).scalar_one_or_none()
    except Exception:  # noqa: BLE001 - an unreadable database simply gets rebuilt
        return None


def has_complete_build(settings: KnowledgeSettings) -> bool:
    """True when the database holds a finished build (any data hash)."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
        return False
    engine = make_engine(settings.database_url)
    try:
        return stored_hash(engine) is not None
    finally:
        engine.dispose()


def _joined(values: list[str] | None) -> str:
    return ";".join(values or [])


def _fact_rows(parsed: dict[str, schema.ParsedFile]) -> dict[type, list[dict[str, Any]]]:
    """Turn typed file rows into insert dicts per model."""
    def rows(table: str) -> list[dict[str, Any]]:
        return [row for _, row in parsed[table].rows]

    def with_lists(row: dict[str, Any], *names: str) -> dict[str, Any]:
        out = dict(row)
        for name in names:
            out[name] = _joined(row.get(name))
        for key, value in out.items():
            if value is None and key in ("day_to_day", "entry_requirements", "cost_indication",
                                         "provider_type", "description", "amount",
                                         "conditions", "how_to_apply", "ended_note", "phone",
                                         "note", "address", "hours"):
                out[key] = ""
        return out

    routes = rows("routes")
    result: dict[type, list[dict[str, Any]]] = {
        models.Profession: [_limit_flags(with_lists(r, "sectors", "interests", "mbo_levels",
                                                   "tickets"))
                            for r in rows("professions")],
        models.ProfessionBackground: [with_lists(r) for r in rows("profession_backgrounds")],
        models.Route: [with_lists({k: v for k, v in r.items() if k != "profession_ids"})
                       for r in routes],
        models.RouteProfession: [
            {"route_id": r["id"], "profession_id": pid}
            for r in routes for pid in dict.fromkeys(r["profession_ids"])
        ],
        models.Funding: [with_lists(r, "audience", "route_kinds", "sectors", "aliases")
                         for r in rows("funding")],
        models.LabourMarketRegion: [
            {"id": r["id"], "name": r["name"], "provinces": _joined(r["provinces"])}
            for r in rows("labour_market_regions")
        ],
        models.Municipality: [
            {k: v for k, v in r.items() if k != "aliases"} for r in rows("municipalities")
        ],
        models.MunicipalityAlias: [
            {"municipality": r["name"], "alias": alias}
            for r in rows("municipalities") for alias in r["aliases"]
        ],
        models.Contact: [with_lists(r, "labour_market_regions", "provinces", "audience")
                         for r in rows("contacts")],
        models.Faq: [with_lists(r) for r in rows("faq")],
        models.IscoSector: [with_lists({k: v for k, v in r.items()
                                          if k not in ("source", "checked_at")})
                              for r in rows("isco_sectors")],
    }
    return result


def _limit_flags(row: dict[str, Any]) -> dict[str, Any]:
    # Optional columns (older data files, test fixtures): an empty cell means "no".
    for name in ("heights", "shifts", "driving_licence"):
        row[name] = bool(row.get(name))
    return row


def _esco_rows(settings: KnowledgeSettings, parsed: dict[str, schema.ParsedFile]
               ) -> dict[type, list[dict[str, Any]]]:
    prefixes = {r["isco_prefix"]: r["sector"] for _, r in parsed["isco_sectors"].rows}
    common = [row for _, row in parsed["common_jobs"].rows]
    occupations: list[esco.EscoOccupationRow] = []
    groups: dict[str, str] = {}
    if settings.esco_dir is not None:
        try:
            occupations = esco.read_occupations(settings.esco_dir)
            groups = esco.read_isco_groups(settings.esco_dir)
        except (OSError, UnicodeDecodeError) as exc:
            raise BuildError([f"{settings.esco_dir}:0: cannot read ESCO files ({exc})"]) from exc
    return {
        models.IscoGroup: [{"code": c, "label": label} for c, label in groups.items()],
        models.EscoOccupation: [
            {"uri": o.uri, "isco08": o.isco08, "preferred_label": o.preferred_label}
            for o in occupations
        ],
        models.JobTitle: esco.build_job_titles(occupations, common, prefixes),
    }


def _write(engine: Engine, table_rows: dict[type, list[dict[str, Any]]], digest: str,
           settings: KnowledgeSettings) -> None:
    try:
        _write_tables(engine, table_rows, digest, settings)
    except SQLAlchemyError as exc:
        # The transaction rolled back; say so in the same shape as data problems.
        raise BuildError([f"database:0: {type(exc).__name__}: {exc.orig or exc}"]) from exc


def _write_tables(engine: Engine, table_rows: dict[type, list[dict[str, Any]]], digest: str,
                  settings: KnowledgeSettings) -> None:
    with engine.begin() as conn:
        models.Base.metadata.drop_all(conn)
        models.Base.metadata.create_all(conn)
        for table in models.Base.metadata.sorted_tables:
            model = next((m for m in table_rows if m.__table__ is table), None)
            if model is not None and table_rows[model]:
                conn.execute(insert(model), table_rows[model])
        meta = {
            "data_hash": digest, "schema_version": SCHEMA_VERSION,
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "esco": "yes" if settings.esco_dir else "no",
        }
        conn.execute(insert(models.BuildMetadata),
                     [{"key": k, "value": v} for k, v in meta.items()])


def build(settings: KnowledgeSettings, force: bool = False) -> BuildResult:
    """Build the database when the data changed (or ``force``); raise BuildError on bad data."""
    started = time.perf_counter()
    digest = data_hash(settings)
    with _build_lock:
        url = make_url(settings.database_url)
        is_sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (
            None, "", ":memory:")
        exists = not is_sqlite_file or Path(url.database).is_file()
        if not force and exists:  # connecting to SQLite would create an empty file
            engine = make_engine(settings.database_url)
            try:
                if stored_hash(engine) == digest:
                    return BuildResult(False, time.perf_counter() - started, digest)
            finally:
                engine.dispose()
        parsed = schema.read_all(settings.knowledge_data_dir)
        problems = [p for pf in parsed.values() for p in pf.problems]
        if not problems:
            problems = schema.reference_problems(parsed)
        if settings.esco_dir is not None:
            # With ESCO the curated job list only adds everyday words; its absence is a
            # validation problem, not a reason to refuse to run.
            problems = [p for p in problems if p != "common_jobs.csv:0: file is missing"]
        if problems:
            raise BuildError(problems)
        table_rows = _fact_rows(parsed)
        table_rows.update(_esco_rows(settings, parsed))
        if is_sqlite_file:
            target = Path(url.database)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{target.name}.building-{os.getpid()}-{threading.get_ident()}")
            tmp.unlink(missing_ok=True)
            engine = make_engine(str(url.set(database=str(tmp))))
            try:
                _write(engine, table_rows, digest, settings)
            except Exception:
                engine.dispose()
                tmp.unlink(missing_ok=True)
                raise
            engine.dispose()
            os.replace(tmp, target)  # atomic: readers see the old or the new file, never half
        else:
            engine = make_engine(settings.database_url)
            try:
                _write(engine, table_rows, digest, settings)  # one transaction: all or nothing
            finally:
                engine.dispose()
    return BuildResult(True, time.perf_counter() - started, digest)
