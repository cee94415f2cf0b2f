"""ESCO import: occupations and ISCO groups from a directory in the official CSV format,
merged with the curated ``common_jobs.csv`` into one job-title index.

ESCO gives ~22,800 Dutch titles (preferred + alternative labels, male and female forms);
the curated list adds everyday words ("vakkenvuller", "caissière") and keeps recognition
working when no ESCO directory is configured.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.text import normalise

OCCUPATIONS_FILE = "occupations_nl.csv"
ISCO_GROUPS_FILE = "ISCOGroups_nl.csv"
ESCO_FILES = (OCCUPATIONS_FILE, ISCO_GROUPS_FILE)


@dataclass(frozen=True)
class EscoOccupationRow:
    uri: str
    isco08: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]


def _labels(cell: str) -> tuple[str, ...]:
    # The official export separates labels with newlines; be lenient about '|' too.
    parts = cell.replace("|", "\n").splitlines()
    return tuple(p.strip() for p in parts if p.strip())


def _dict_rows(path: Path) -> csv.DictReader:
    text = path.read_text(encoding="utf-8-sig")
    return csv.DictReader(io.StringIO(text, newline=""))


def read_occupations(esco_dir: Path) -> list[EscoOccupationRow]:
    rows = []
    for rec in _dict_rows(esco_dir / OCCUPATIONS_FILE):
        uri = (rec.get("conceptUri") or "").strip()
        isco = (rec.get("iscoGroup") or "").strip()
        label = (rec.get("preferredLabel") or "").strip()
        if not uri or not label:
            continue
        rows.append(EscoOccupationRow(uri, isco, label, _labels(rec.get("altLabels") or ""),
                                      _labels(rec.get("hiddenLabels") or "")))
    return rows


def read_isco_groups(esco_dir: Path) -> dict[str, str]:
    return {
        (rec.get("code") or "").strip(): (rec.get("preferredLabel") or "").strip()
        for rec in _dict_rows(esco_dir / ISCO_GROUPS_FILE)
        if (rec.get("code") or "").strip()
    }


def sector_for_isco(isco08: str, prefixes: dict[str, str]) -> str:
    """Contract current_sector for an ISCO code: the longest matching prefix wins."""
    for length in range(len(isco08), 0, -1):
        sector = prefixes.get(isco08[:length])
        if sector:
            return sector
    return "overig"


def _find_esco_match(label: str, isco08: str,
                     occupations: list[EscoOccupationRow]) -> EscoOccupationRow | None:
    key = normalise(label)
    same_group = [o for o in occupations if o.isco08 == isco08]
    for occ in same_group:
        if normalise(occ.preferred_label) == key:
            return occ
    for occ in same_group:
        if any(normalise(alt) == key for alt in occ.alt_labels):
            return occ
    return None


def build_job_titles(occupations: list[EscoOccupationRow], common_jobs: list[dict[str, Any]],
                     isco_prefixes: dict[str, str]) -> list[dict[str, Any]]:
    """Rows for the ``job_titles`` table: every ESCO label plus every curated title/alias.

    A curated job that maps to an ISCO code takes the ESCO occupation of that group whose
    preferred (else alternative) label equals it; otherwise it is reported under its own
    label with no ESCO URI.
    """
    titles: list[dict[str, Any]] = []
    for occ in occupations:
        sector = sector_for_isco(occ.isco08, isco_prefixes)
        base = {"occupation_uri": occ.uri, "occupation_label": occ.preferred_label,
                "isco08": occ.isco08, "sector": sector}
        titles.append({"label": occ.preferred_label, "origin": "esco_preferred", **base})
        titles.extend({"label": alt, "origin": "esco_alt", **base} for alt in occ.alt_labels)
        titles.extend({"label": hid, "origin": "esco_hidden", **base}
                      for hid in occ.hidden_labels)
    by_group: dict[str, list[EscoOccupationRow]] = {}
    for occ in occupations:
        by_group.setdefault(occ.isco08, []).append(occ)
    for job in common_jobs:
        match = _find_esco_match(job["label"], job["isco08"], by_group.get(job["isco08"], []))
        base = {
            "occupation_uri": match.uri if match else None,
            "occupation_label": match.preferred_label if match else job["label"],
            "isco08": job["isco08"], "sector": job["sector"],
        }
        for label in [job["label"], *job.get("aliases", [])]:
            titles.append({"label": label, "origin": "common", **base})
    return titles
