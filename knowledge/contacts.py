"""Operator-kept regional contacts (issue 23).

The knowledge database is dropped and rebuilt whenever a data file changes, so edits made
in the console cannot live there. They live in this store instead: its own tables, by
default in the console database (``CONTACTS_DATABASE_URL`` overrides). The shipped
``contacts.csv`` seeds it; a seeded row keeps following the CSV until an operator edits it
(then the operator's version wins, ``origin`` = ``operator``). Every write bumps a version
number; readers compare it per call (one indexed row) and reload only when it moved, so a
change reaches the next conversation of every running action server without a restart.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import Any, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from knowledge import vocab

logger = logging.getLogger(__name__)
metadata = sa.MetaData()

LIST_FIELDS = ("labour_market_regions", "provinces", "audience")
TEXT_FIELDS = ("name", "kind", "url", "phone", "address", "hours", "description", "source")
DATE_FIELDS = ("details_date", "checked_at")
# What an operator may change (the id is the stable key and never changes).
EDITABLE = (*TEXT_FIELDS, *LIST_FIELDS, "walk_in", *DATE_FIELDS)
CSV_FIELDS = ("id", "name", "kind", "audience", "labour_market_regions", "provinces", "url",
              "phone", "address", "walk_in", "hours", "details_date", "description", "source",
              "checked_at")

contacts = sa.Table(
    "kb_operator_contacts", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    *(sa.Column(name, sa.Text, nullable=False, default="")
      for name in (*TEXT_FIELDS, *LIST_FIELDS)),
    sa.Column("walk_in", sa.Boolean, nullable=True),
    sa.Column("details_date", sa.String(10), nullable=False, default=""),
    sa.Column("checked_at", sa.String(10), nullable=False),
    sa.Column("origin", sa.String(10), nullable=False),  # seed | operator
    sa.Column("changed_by", sa.String(80), nullable=False),
    sa.Column("changed_at", sa.Float, nullable=False),
)
meta = sa.Table(
    "kb_operator_contacts_meta", metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)
link_checks = sa.Table(
    "kb_link_checks", metadata,
    sa.Column("url", sa.String(1000), primary_key=True),
    sa.Column("status", sa.Integer, nullable=True),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("error", sa.Text, nullable=False, default=""),
    sa.Column("checked_at", sa.Float, nullable=False),
)


class ContactError(ValueError):
    """An edit the store refuses; ``problems`` says why, one line per field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _split(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def _bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "ja", "1", "yes"):
        return True
    if text in ("false", "nee", "0", "no"):
        return False
    raise ValueError(f"'{value}' is not true or false")


def normalise(row: dict[str, Any]) -> dict[str, Any]:
    """One shape for CSV-seeded and stored rows: lists as lists, dates as ISO text or ""."""
    out = {"id": str(row.get("id") or "")}
    for name in TEXT_FIELDS:
        out[name] = str(row.get(name) or "")
    for name in LIST_FIELDS:
        out[name] = _split(row.get(name))
    walk_in = row.get("walk_in")
    out["walk_in"] = walk_in if isinstance(walk_in, bool) or walk_in is None else _bool(walk_in)
    for name in DATE_FIELDS:
        value = row.get(name)
        out[name] = value.isoformat() if isinstance(value, dt.date) else str(value or "")
    return out


def validate(row: dict[str, Any], region_ids: Iterable[str] | None = None) -> list[str]:
    """Problems of a normalised row (empty list = fine)."""
    problems: list[str] = []
    if not row["name"].strip():
        problems.append("name: is empty")
    if row["kind"] not in vocab.CONTACT_KINDS:
        problems.append(f"kind: '{row['kind']}' is not one of {', '.join(vocab.CONTACT_KINDS)}")
    if not row["url"].startswith(("https://", "http://")) or " " in row["url"]:
        problems.append(f"url: '{row['url']}' is not an http(s) address")
    for value in row["provinces"]:
        if value not in vocab.PROVINCES:
            problems.append(f"provinces: unknown province '{value}'")
    for value in row["audience"]:
        if value not in vocab.CONTACT_AUDIENCES:
            problems.append(f"audience: unknown audience '{value}'")
    known = set(region_ids) if region_ids is not None else None
    for value in row["labour_market_regions"]:
        if known is not None and value not in known:
            problems.append(f"labour_market_regions: unknown region '{value}'")
    for name in DATE_FIELDS:
        if row[name]:
            try:
                dt.date.fromisoformat(row[name])
            except ValueError:
                problems.append(f"{name}: '{row[name]}' is not a date (YYYY-MM-DD)")
        elif name == "checked_at":
            problems.append("checked_at: is empty")
    if row["kind"] in vocab.DESK_KINDS and not (row["labour_market_regions"] or
                                                 row["provinces"]):
        problems.append("labour_market_regions: a regional desk needs a region")
    return problems


def _db_values(row: dict[str, Any]) -> dict[str, Any]:
    values = {k: row[k] for k in (*TEXT_FIELDS, "walk_in", *DATE_FIELDS)}
    values.update({k: ";".join(row[k]) for k in LIST_FIELDS})
    return values


def _from_db(record: Any) -> dict[str, Any]:
    row = normalise(dict(record._mapping))
    row.update(origin=record.origin, changed_by=record.changed_by,
               changed_at=record.changed_at)
    return row


class ContactStore:
    """Reads are cached per version; writes run in one transaction each."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._cached: tuple[int, tuple[dict[str, Any], ...]] | None = None

    @classmethod
    def open(cls, url: str) -> ContactStore | None:
        """The store at ``url`` with its tables created; None (logged) when unreachable, so
        the assistant keeps answering from the shipped CSV."""
        kwargs: dict[str, Any] = {"future": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        try:
            engine = sa.create_engine(url, **kwargs)
            metadata.create_all(engine)
        except SQLAlchemyError as exc:
            logger.error("contact store not available, using the shipped contacts: %s",
                         type(exc).__name__)
            return None
        return cls(engine)

    # ------------------------------------------------------------------ reading
    def version(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "version")
                                 ).scalar_one_or_none()
        return int(value or 0)

    def rows(self) -> tuple[dict[str, Any], ...]:
        """All contacts, id order; reloaded only when the version moved."""
        version = self.version()
        cached = self._cached
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._lock:
            with self.engine.connect() as conn:
                records = conn.execute(sa.select(contacts).order_by(contacts.c.id)).all()
            loaded = tuple(_from_db(r) for r in records)
            self._cached = (version, loaded)
        return loaded

    def get(self, contact_id: str) -> dict[str, Any] | None:
        return next((r for r in self.rows() if r["id"] == contact_id), None)

    # ------------------------------------------------------------------ writing
    @staticmethod
    def _bump(conn: sa.engine.Connection) -> None:
        updated = conn.execute(sa.update(meta).where(meta.c.key == "version")
                               .values(value=meta.c.value + 1)).rowcount
        if not updated:
            conn.execute(sa.insert(meta).values(key="version", value=1))

    def sync_seed(self, shipped: Iterable[dict[str, Any]]) -> int:
        """Bring rows nobody edited in line with the shipped CSV; returns rows changed.
        Operator-edited rows are left alone; seeded rows gone from the CSV are removed."""
        wanted = {r["id"]: normalise(r) for r in shipped}
        for attempt in range(2):  # two processes may seed at once: the loser retries
            try:
                return self._sync(wanted)
            except IntegrityError:
                if attempt:
                    raise
        return 0

    def _sync(self, wanted: dict[str, dict[str, Any]]) -> int:
        changed = 0
        now = time.time()
        with self.engine.begin() as conn:
            stored = {r.id: r for r in conn.execute(sa.select(contacts)).all()}
            for cid, row in wanted.items():
                record = stored.get(cid)
                if record is None:
                    conn.execute(sa.insert(contacts).values(
                        id=cid, origin="seed", changed_by="csv", changed_at=now,
                        **_db_values(row)))
                    changed += 1
                elif record.origin == "seed" and normalise(dict(record._mapping)) != row:
                    conn.execute(sa.update(contacts).where(contacts.c.id == cid).values(
                        changed_by="csv", changed_at=now, **_db_values(row)))
                    changed += 1
            for cid, record in stored.items():
                if cid not in wanted and record.origin == "seed":
                    conn.execute(sa.delete(contacts).where(contacts.c.id == cid))
                    changed += 1
            if changed:
                self._bump(conn)
        return changed

    def update(self, contact_id: str, changes: dict[str, Any], changed_by: str,
               region_ids: Iterable[str] | None = None) -> tuple[dict[str, Any],
                                                                  dict[str, Any]]:
        """Apply ``changes`` to one contact; returns (before, after). KeyError when the id
        is unknown, ContactError when a field is wrong (nothing is written then)."""
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise ContactError([f"{name}: cannot be changed" for name in unknown])
        before = self.get(contact_id)
        if before is None:
            raise KeyError(contact_id)
        try:
            after = normalise({**before, **changes})
        except ValueError as exc:
            raise ContactError([f"walk_in: {exc}"]) from None
        problems = validate(after, region_ids)
        if problems:
            raise ContactError(problems)
        with self.engine.begin() as conn:
            conn.execute(sa.update(contacts).where(contacts.c.id == contact_id).values(
                origin="operator", changed_by=changed_by, changed_at=time.time(),
                **_db_values(after)))
            self._bump(conn)
        stored = self.get(contact_id)
        assert stored is not None
        return before, stored

    def import_rows(self, rows: list[dict[str, str]], changed_by: str,
                    region_ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """Bulk update from CSV rows (all or nothing): existing ids are updated, new ids
        added. Returns [{"id","before","after"}] for the rows that really changed."""
        problems: list[str] = []
        prepared: list[dict[str, Any]] = []
        for number, raw in enumerate(rows, start=2):
            try:
                row = normalise(raw)
            except ValueError as exc:
                problems.append(f"row {number}: walk_in: {exc}")
                continue
            if not row["id"]:
                problems.append(f"row {number}: id: is empty")
                continue
            problems += [f"row {number} ({row['id']}): {p}" for p in validate(row, region_ids)]
            prepared.append(row)
        if problems:
            raise ContactError(problems)
        current = {r["id"]: r for r in self.rows()}
        changes: list[dict[str, Any]] = []
        now = time.time()
        with self.engine.begin() as conn:
            for row in prepared:
                before = current.get(row["id"])
                plain_before = ({k: before[k] for k in row} if before else None)
                if plain_before == row:
                    continue
                values = {"origin": "operator", "changed_by": changed_by, "changed_at": now,
                          **_db_values(row)}
                if before is None:
                    conn.execute(sa.insert(contacts).values(id=row["id"], **values))
                else:
                    conn.execute(sa.update(contacts).where(contacts.c.id == row["id"])
                                 .values(**values))
                changes.append({"id": row["id"], "before": plain_before, "after": row})
            if changes:
                self._bump(conn)
        return changes

    # ------------------------------------------------------------------ link checks
    def record_links(self, results: Iterable[dict[str, Any]]) -> None:
        now = time.time()
        with self.engine.begin() as conn:
            for r in results:
                conn.execute(sa.delete(link_checks).where(link_checks.c.url == r["url"]))
                conn.execute(sa.insert(link_checks).values(
                    url=r["url"], status=r.get("status"), ok=bool(r["ok"]),
                    error=r.get("error") or "", checked_at=now))

    def link_results(self) -> dict[str, dict[str, Any]]:
        with self.engine.connect() as conn:
            records = conn.execute(sa.select(link_checks)).all()
        return {r.url: dict(r._mapping) for r in records}


def to_csv_row(row: dict[str, Any]) -> dict[str, str]:
    """A contact as one CSV row (the shipped file's columns)."""
    out = {name: row.get(name) for name in CSV_FIELDS}
    for name in LIST_FIELDS:
        out[name] = ";".join(row.get(name) or [])
    walk_in = row.get("walk_in")
    out["walk_in"] = "" if walk_in is None else ("true" if walk_in else "false")
    return {k: "" if v is None else str(v) for k, v in out.items()}
