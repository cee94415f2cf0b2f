"""Retention as its own scheduled process: `python -m privacy.retention [--every SECONDS]`.

Each run deletes
  - every tracker event older than RETENTION_DAYS (by the event's own time, so a
    conversation that goes on for months still loses its old part);
  - the console's rows (notes, tags, handover state, labels, index) of conversations that
    no longer have any event, through the erasure service;
  - audit rows and erasure tombstones older than the period (AUDIT_RETENTION_DAYS);
and prints one line saying what it did. Runs once, or every SECONDS (compose, prod-local).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from conversation_store import Store, open_store
from privacy.erase import erase_senders

log = logging.getLogger("privacy.retention")


@dataclass(frozen=True)
class RetentionReport:
    days: float
    events_deleted: int
    conversations_gone: int
    console_rows_deleted: int
    orphans_deleted: int
    audit_rows_deleted: int
    tombstones_deleted: int


def run_once(days: float, store: Store | None = None, now: float | None = None,
             audit_days: float | None = None) -> RetentionReport:
    now = time.time() if now is None else now
    store = store or open_store()
    cutoff = now - days * 86400
    events, vanished = store.delete_events_before(cutoff)
    console_rows = erase_senders(vanished, store, delete_tracker_rows=lambda _ids: 0
                                 ).console_rows if vanished else 0
    orphans, audit_rows, stones = _console_housekeeping(
        store, now - (audit_days if audit_days is not None else days) * 86400)
    report = RetentionReport(days, events, len(vanished), console_rows, orphans, audit_rows,
                             stones)
    log.info("retention: %s", json.dumps(asdict(report)))
    return report


def _console_housekeeping(store: Store, audit_cutoff: float) -> tuple[int, int, int]:
    """Notes, tags, handovers of ids that vanished some other way; old audit rows."""
    try:
        from console import audit
        from console.db import PER_SENDER_TABLES, console_engine
        from console.erasure import erase_console_rows, expire_tombstones
        from settings.sections import ConsoleSettings
    except ImportError:
        return 0, 0, 0
    engine = console_engine(ConsoleSettings.from_env().database_url)
    if engine is None:
        return 0, 0, 0
    with engine.connect() as conn:
        known = set()
        for table in PER_SENDER_TABLES:
            known.update(s for (s,) in conn.execute(sa.select(table.c.sender_id).distinct()))
    gone = sorted(known - store.existing(sorted(known)))
    orphans = erase_console_rows(gone, store.max_event_id()) if gone else 0
    return orphans, audit.expire(engine, audit_cutoff), expire_tombstones(engine, audit_cutoff)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m privacy.retention", description=__doc__)
    parser.add_argument("--days", type=float,
                        default=float(os.environ.get("RETENTION_DAYS") or 90))
    parser.add_argument("--audit-days", type=float,
                        default=float(os.environ.get("AUDIT_RETENTION_DAYS") or 0) or None)
    parser.add_argument("--every", type=float, default=0,
                        help="repeat every so many seconds (0: run once)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                        "%(message)s")
    while True:
        try:
            report = run_once(args.days, audit_days=args.audit_days)
            print(json.dumps({"retention": asdict(report)}), flush=True)
        except Exception:  # a database restart must not end the schedule
            log.exception("retention run failed; trying again next round")
            if not args.every:
                return 1
        if not args.every:
            return 0
        time.sleep(args.every)


if __name__ == "__main__":
    sys.exit(main())
