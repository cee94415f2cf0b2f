"""CSV and JSON export of a filtered conversation list (personal data masked).

The CSV is what Dutch Excel opens correctly with a double click: UTF-8 with a byte-order
mark (else accents break) and `;` between fields (Dutch Excel expects it, as `,` is the
decimal separator).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from console.handover_ref import reference
from console.masking import mask_pii

COLUMNS = ("reference", "started_at", "channel", "campaign", "region", "sector", "outcome",
           "turns", "fallbacks", "recommended", "follow_up", "handover_status", "preview")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def iso_time(ts: float | None) -> str | None:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).isoformat() if ts else None


def export_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        row = {name: item.get(name) for name in COLUMNS}
        # The opaque reference (console/handover_ref.py): a session id resumes the chat.
        row["reference"] = reference(item["sender_id"])
        row["started_at"] = iso_time(item.get("started_at"))
        row["preview"] = mask_pii(item.get("preview"))
        rows.append(row)
    return rows


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formulas (CSV injection): prefix with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


CSV_DELIMITER = ";"
BOM = "\ufeff"


def to_csv(items: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=CSV_DELIMITER)
    writer.writerow(COLUMNS)
    for row in export_rows(items):
        writer.writerow([safe_cell(row[name]) for name in COLUMNS])
    return out.getvalue()


def to_json(items: list[dict[str, Any]], total: int) -> str:
    return json.dumps({"items": export_rows(items), "total": total}, ensure_ascii=False)
