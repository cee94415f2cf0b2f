"""Retention as its own scheduled process: `python -m privacy.retention [--every SECONDS]`.

Each run deletes
  - every tracker event older than RETENTION_DAYS (by the event's own time, so a
    conversation that goes on for months still loses its old part);
  - the rows other parts keep (the console's notes, tags, handover state, labels, index) of
    conversations that no longer have any event, through the erasers (privacy/erasers.py);
  - those parts' own bookkeeping older than the period (AUDIT_RETENTION_DAYS): the
    console's audit rows and erasure tombstones;
and prints one line saying what it did. Runs once, or every SECONDS (compose, prod-local).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import asdict, dataclass

from conversation_store import Store, open_store
from privacy.erase import erase_senders
from privacy.erasers import erasers
from settings.operations import PrivacySettings

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
    orphans, expired = _housekeeping(
        store, now - (audit_days if audit_days is not None else days) * 86400)
    audit_rows, stones = expired.get("audit_rows", 0), expired.get("tombstones", 0)
    report = RetentionReport(days, events, len(vanished), console_rows, orphans, audit_rows,
                             stones)
    log.info("retention: %s", json.dumps(asdict(report)))
    return report


def _housekeeping(store: Store, audit_cutoff: float) -> tuple[int, dict[str, int]]:
    """Rows of ids that vanished some other way; each eraser's old bookkeeping."""
    orphans, expired = 0, {}
    for eraser in erasers():
        known = eraser.senders()
        gone = sorted(known - store.existing(sorted(known)))
        orphans += eraser.erase(gone, store.max_event_id()) if gone else 0
        for key, count in eraser.expire(audit_cutoff).items():
            expired[key] = expired.get(key, 0) + count
    return orphans, expired


def main(argv: list[str] | None = None) -> int:
    settings = PrivacySettings.from_env()
    parser = argparse.ArgumentParser(prog="python -m privacy.retention", description=__doc__)
    parser.add_argument("--days", type=float, default=settings.retention_days)
    parser.add_argument("--audit-days", type=float, default=settings.audit_retention_days)
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
