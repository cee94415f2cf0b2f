"""Checks the data files for everything the loader does not: vocabularies, references,
ISCO codes and ESCO URIs that exist, dates, URLs and coverage rules.

Every problem is one string 'file:row: message' (row 1 is the header). ``validate``
returns the list; the CLI prints it and exits 1 when it is not empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from knowledge import esco, schema, vocab

ISCO_RE = re.compile(r"^\d{4}$")
ISCO_PREFIX_RE = re.compile(r"^\d{1,4}$")
ESCO_URI_PREFIX = "http://data.europa.eu/esco/occupation/"


@dataclass(frozen=True)
class Coverage:
    """Minimum sizes the product needs (issue #3); tests on fixtures pass smaller ones."""

    professions: int = 45
    routes: int = 30
    funding_current: int = 15
    regions: int = 35
    common_jobs: int = 200


def _url_ok(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and "." in parsed.netloc and " " not in url


class _Checker:
    def __init__(self, parsed: dict[str, schema.ParsedFile], today: dt.date,
                 esco_dir: Path | None) -> None:
        self.parsed = parsed
        self.today = today
        self.problems: list[str] = [p for pf in parsed.values() for p in pf.problems]
        self.isco_codes: set[str] | None = None
        self.occupations: dict[str, str] | None = None
        if esco_dir is not None:
            try:
                self.isco_codes = set(esco.read_isco_groups(esco_dir))
                self.occupations = {o.uri: o.isco08 for o in esco.read_occupations(esco_dir)}
            except OSError as exc:
                self.problems.append(f"{esco_dir}:0: cannot read ESCO files ({exc})")

    def rows(self, table: str) -> list[tuple[int, dict[str, Any]]]:
        return self.parsed[table].rows

    def add(self, table: str, row: int, message: str) -> None:
        self.problems.append(f"{schema.SPECS[table].filename}:{row}: {message}")

    def vocabularies(self) -> None:
        for table, spec in schema.SPECS.items():
            for n, row in self.rows(table):
                for col in spec.columns:
                    if col.vocab is None or row.get(col.name) in (None, "", []):
                        continue
                    values = row[col.name] if col.kind == "list" else [row[col.name]]
                    for value in values:
                        if value not in col.vocab:
                            self.add(table, n, f"column '{col.name}': '{value}' is not one of "
                                               f"{', '.join(col.vocab)}")

    def common_checks(self) -> None:
        for table, spec in schema.SPECS.items():
            names = {c.name for c in spec.columns}
            for n, row in self.rows(table):
                if "url" in names and row.get("url") and not _url_ok(row["url"]):
                    self.add(table, n, f"url '{row['url']}' is not a well-formed http(s) URL")
                if row.get("checked_at") and row["checked_at"] > self.today:
                    self.add(table, n, f"checked_at {row['checked_at']} is in the future")
                if "id" in names and row.get("id") and not schema.SLUG_RE.match(row["id"]):
                    self.add(table, n, f"id '{row['id']}' is not a slug (a-z, 0-9, - or _)")
                if "id" in names and len(row.get("id") or "") > 64:
                    self.add(table, n, "id is longer than 64 characters")

    def isco(self, table: str, n: int, code: str, prefix: bool = False) -> None:
        pattern = ISCO_PREFIX_RE if prefix else ISCO_RE
        if not pattern.match(code):
            kind = "an ISCO-08 prefix of 1-4 digits" if prefix else "a 4-digit ISCO-08 code"
            self.add(table, n, f"'{code}' is not {kind}")
        elif self.isco_codes is not None and code not in self.isco_codes:
            self.add(table, n, f"ISCO-08 code '{code}' does not exist in ESCO's ISCO groups")

    def professions(self) -> None:
        for n, p in self.rows("professions"):
            self.isco("professions", n, p["isco08"])
            uri = p["esco_uri"]
            if uri:
                if not uri.startswith(ESCO_URI_PREFIX):
                    self.add("professions", n, f"esco_uri '{uri}' is not an ESCO occupation URI")
                elif self.occupations is not None:
                    if uri not in self.occupations:
                        self.add("professions", n, f"esco_uri '{uri}' is not in ESCO")
                    elif self.occupations[uri] != p["isco08"]:
                        self.add("professions", n, f"isco08 {p['isco08']} differs from ESCO's "
                                                   f"{self.occupations[uri]} for {uri}")
            if p["pay_min"] > p["pay_max"]:
                self.add("professions", n, "pay_min is larger than pay_max")
            if not 1 <= p["shortage"] <= 3:
                self.add("professions", n, "shortage must be 1, 2 or 3")
            lo, hi = p["bbl_months_min"], p["bbl_months_max"]
            if lo is not None and hi is not None and lo > hi:
                self.add("professions", n, "bbl_months_min is larger than bbl_months_max")
            if not p["interests"]:
                self.add("professions", n, "no interests given")
            self.limit_flags(n, p)

    def limit_flags(self, n: int, p: dict[str, Any]) -> None:
        """The limit columns agree with the tickets: a licence or height ticket is a flag."""
        tickets = " ".join(p.get("tickets") or []).lower()
        if "rijbewijs" in tickets and p.get("driving_licence") is False:
            self.add("professions", n, "tickets name a rijbewijs but driving_licence is false")
        if "hoogte" in tickets and p.get("heights") is False:
            self.add("professions", n, "tickets name work at height but heights is false")

    def references(self) -> None:
        self.problems.extend(schema.reference_problems(self.parsed))
        region_ids = {r["id"] for _, r in self.rows("labour_market_regions")}
        region_provinces = {r["id"]: r["provinces"] for _, r in self.rows("labour_market_regions")}
        for n, b in self.rows("profession_backgrounds"):
            if b["kind"] == "isco":
                self.isco("profession_backgrounds", n, b["code"], prefix=True)
            elif b["kind"] == "sector" and b["code"] not in vocab.CURRENT_SECTORS:
                self.add("profession_backgrounds", n,
                         f"'{b['code']}' is not a contract current_sector")
        for n, r in self.rows("routes"):
            if not r["profession_ids"]:
                self.add("routes", n, "no profession_ids")
        for n, m in self.rows("municipalities"):
            region = m["labour_market_region"]
            if region in region_provinces and m["province"] not in region_provinces[region]:
                self.add("municipalities", n, f"province '{m['province']}' is not among the "
                                              f"provinces of region '{region}'")
        for n, c in self.rows("contacts"):
            for rid in c["labour_market_regions"]:
                if rid not in region_ids:
                    self.add("contacts", n, f"unknown labour_market_region '{rid}'")
            if c["kind"] in vocab.DESK_KINDS and not (
                    c["labour_market_regions"] or c["provinces"]):
                self.add("contacts", n, f"a {c['kind']} needs regions or provinces")
        for n, j in self.rows("common_jobs"):
            self.isco("common_jobs", n, j["isco08"])
        for n, i in self.rows("isco_sectors"):
            self.isco("isco_sectors", n, i["isco_prefix"], prefix=True)

    def funding(self) -> None:
        for n, f in self.rows("funding"):
            if f["valid_from"] and f["valid_until"] and f["valid_from"] > f["valid_until"]:
                self.add("funding", n, "valid_from is after valid_until")
            if f["status"] == "ended" and not f["ended_note"]:
                self.add("funding", n, "ended scheme without ended_note")
            if f["max_age"] is not None and not 16 <= f["max_age"] <= 100:
                self.add("funding", n, f"max_age {f['max_age']} is not a plausible age")

    def places(self) -> None:
        seen: dict[str, int] = {}
        for n, m in self.rows("municipalities"):
            for alias in m["aliases"]:
                if alias.lower() == m["name"].lower():
                    self.add("municipalities", n, f"alias '{alias}' equals the name")
            key = m["name"].lower()
            if key in seen:
                self.add("municipalities", n, f"municipality listed twice (row {seen[key]})")
            seen[key] = n

    def coverage(self, minimum: Coverage) -> None:
        def need(table: str, what: str, have: int, want: int) -> None:
            if have < want:
                self.add(table, 0, f"coverage: {have} {what}, at least {want} needed")

        need("professions", "professions", len(self.rows("professions")), minimum.professions)
        need("routes", "routes", len(self.rows("routes")), minimum.routes)
        current = [f for _, f in self.rows("funding") if f["status"] != "ended"
                   and (f["valid_until"] is None or f["valid_until"] >= self.today)]
        need("funding", "current funding schemes", len(current), minimum.funding_current)
        regions = [r for _, r in self.rows("labour_market_regions")]
        need("labour_market_regions", "labour-market regions", len(regions), minimum.regions)
        need("common_jobs", "common jobs", len(self.rows("common_jobs")), minimum.common_jobs)
        covered = {rid for _, c in self.rows("contacts")
                   if c["kind"] in vocab.DESK_KINDS
                   for rid in c["labour_market_regions"]}
        for n, r in self.rows("labour_market_regions"):
            if r["id"] not in covered:
                self.add("labour_market_regions", n,
                         f"region '{r['id']}' has no werkcentrum or leerwerkloket contact")
        used_regions = {m["labour_market_region"] for _, m in self.rows("municipalities")}
        for n, r in self.rows("labour_market_regions"):
            if r["id"] not in used_regions and self.rows("municipalities"):
                self.add("labour_market_regions", n, f"region '{r['id']}' has no municipality")
        work_learn = {pid for _, r in self.rows("routes") if r["learn_while_earning"]
                      for pid in r["profession_ids"]}
        for n, p in self.rows("professions"):
            if p["id"] not in work_learn:
                self.add("professions", n, f"'{p['id']}' has no learn-while-earning route")
        provinces = {m["province"] for _, m in self.rows("municipalities")}
        if self.rows("municipalities"):
            for province in vocab.PROVINCES:
                if province not in provinces:
                    self.add("municipalities", 0, f"coverage: no municipality in {province}")


def validate(data_dir: Path, esco_dir: Path | None = None, today: dt.date | None = None,
             coverage: Coverage | None = None) -> list[str]:
    """All problems of the data files in ``data_dir``; an empty list means sound data."""
    parsed = schema.read_all(data_dir)
    checker = _Checker(parsed, today or dt.date.today(), esco_dir)
    checker.vocabularies()
    checker.common_checks()
    checker.professions()
    checker.references()
    checker.funding()
    checker.places()
    checker.coverage(coverage or Coverage())
    return checker.problems
