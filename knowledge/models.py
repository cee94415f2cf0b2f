"""SQLAlchemy models of the knowledge base (SQLAlchemy 1.4 with the 2.0-style API).

List-valued facts are stored as text with ``;`` between values (as in the data files), so
the same schema works on SQLite and PostgreSQL without array types. Every fact table keeps
``source`` and ``checked_at`` so an answer can always say where a figure came from.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Profession(Base):
    """A technical profession a side-entrant can reach."""

    __tablename__ = "professions"
    id = Column(String(64), primary_key=True, doc="Stable slug, e.g. 'elektromonteur'.")
    name = Column(String(200), nullable=False, doc="Dutch display name.")
    description = Column(Text, nullable=False, doc="B1 description, 1-3 sentences.")
    isco08 = Column(String(4), nullable=False, index=True, doc="ISCO-08 unit group, 4 digits.")
    esco_uri = Column(String(200), doc="ESCO occupation URI, or NULL when ESCO has no match.")
    sectors = Column(Text, nullable=False, doc="';'-list of technical sectors (metaal, ...).")
    interests = Column(Text, nullable=False,
                       doc="';'-list of contract interest values, most typical first.")
    mbo_levels = Column(Text, nullable=False, doc="';'-list of mbo1..mbo4, hbo.")
    entry_level = Column(String(8), nullable=False,
                         doc="Lowest contract education_level that can start.")
    physical = Column(String(16), nullable=False, doc="licht, gemiddeld, zwaar, zeer_zwaar.")
    pay_min = Column(Integer, nullable=False, doc="Indicative gross EUR/month, full time.")
    pay_max = Column(Integer, nullable=False, doc="Indicative gross EUR/month, full time.")
    shortage = Column(Integer, nullable=False, doc="1 some, 2 clear, 3 severe shortage.")
    bbl_months_min = Column(Integer, doc="Shortest typical BBL duration in months.")
    bbl_months_max = Column(Integer, doc="Longest typical BBL duration in months.")
    tickets = Column(Text, nullable=False, default="", doc="';'-list of certificates, e.g. VCA.")
    day_to_day = Column(Text, nullable=False, default="", doc="B1: a normal working day.")
    heights = Column(Boolean, nullable=False, default=False,
                     doc="Work at height (roofs, masts, scaffolding) is part of the job.")
    shifts = Column(Boolean, nullable=False, default=False,
                    doc="Shift or night work is usual (ploegendienst).")
    driving_licence = Column(Boolean, nullable=False, default=False,
                             doc="A driving licence (B or more) is usually required.")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date the facts were last checked.")


class ProfessionBackground(Base):
    """A background (ISCO prefix or current sector) that transfers well to a profession."""

    __tablename__ = "profession_backgrounds"
    id = Column(Integer, primary_key=True, autoincrement=True, doc="Surrogate key.")
    profession_id = Column(String(64), ForeignKey("professions.id"), nullable=False, index=True,
                           doc="The profession the background transfers to.")
    kind = Column(String(8), nullable=False, doc="'isco' or 'sector'.")
    code = Column(String(32), nullable=False,
                  doc="ISCO-08 prefix (1-4 digits) or a contract current_sector value.")
    reason = Column(Text, nullable=False, doc="B1 reason in the person's terms (second person).")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date last checked.")


class Route(Base):
    """A way to become qualified: BBL, BOL, course, certificate, ..."""

    __tablename__ = "routes"
    id = Column(String(64), primary_key=True, doc="Stable slug.")
    name = Column(String(300), nullable=False, doc="Dutch display name.")
    kind = Column(String(32), nullable=False, doc="Contract route kind (bbl, bol, ...).")
    level = Column(String(8), doc="mbo1..mbo4, hbo, or NULL when not leveled.")
    duration_months = Column(Integer, doc="Typical duration in months, NULL when unknown.")
    learn_while_earning = Column(Boolean, nullable=False, doc="True when you earn a wage.")
    entry_requirements = Column(Text, nullable=False, default="", doc="B1 entry requirements.")
    cost_indication = Column(Text, nullable=False, default="", doc="B1 cost indication.")
    provider_type = Column(Text, nullable=False, default="", doc="B1: who offers it.")
    url = Column(Text, nullable=False, doc="Where to read more.")
    description = Column(Text, nullable=False, default="", doc="B1 description.")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date last checked.")


class RouteProfession(Base):
    """Link table: which professions a route leads to."""

    __tablename__ = "route_professions"
    route_id = Column(String(64), ForeignKey("routes.id"), primary_key=True, doc="Route.")
    profession_id = Column(String(64), ForeignKey("professions.id"), primary_key=True,
                           index=True, doc="Profession the route leads to.")


class Funding(Base):
    """A subsidy, budget, loan or tax scheme; ended schemes are kept but never offered."""

    __tablename__ = "funding"
    id = Column(String(64), primary_key=True, doc="Stable slug.")
    name = Column(String(300), nullable=False, doc="Name of the scheme.")
    audience = Column(Text, nullable=False, doc="';'-list of contract funding audiences.")
    amount = Column(Text, nullable=False, default="", doc="B1 text: a cap, never a promise.")
    conditions = Column(Text, nullable=False, default="", doc="B1 conditions.")
    how_to_apply = Column(Text, nullable=False, default="", doc="B1: how to apply.")
    url = Column(Text, nullable=False, doc="Official page.")
    status = Column(String(16), nullable=False, doc="open, recurring or ended.")
    valid_from = Column(Date, doc="First day it applies, NULL when unknown.")
    valid_until = Column(Date, doc="Last day it applies, NULL when no end is known.")
    route_kinds = Column(Text, nullable=False, default="",
                         doc="';'-list of route kinds it pays for; empty = any.")
    sectors = Column(Text, nullable=False, default="",
                     doc="';'-list of profession sectors a sector fund pays for; empty = any.")
    max_age = Column(Integer, doc="Exclusive upper age bound, NULL when none or unknown.")
    ended_note = Column(Text, nullable=False, default="", doc="B1 note for ended schemes.")
    aliases = Column(Text, nullable=False, default="",
                     doc="';'-list of names people use for it (STAP, LIV), for questions.")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date last checked.")


class LabourMarketRegion(Base):
    """One of the 35 Dutch labour-market regions (arbeidsmarktregio's)."""

    __tablename__ = "labour_market_regions"
    id = Column(String(64), primary_key=True, doc="Slug.")
    name = Column(String(200), nullable=False, doc="Official name.")
    provinces = Column(Text, nullable=False, doc="';'-list of contract province values.")


class Municipality(Base):
    """A Dutch municipality (2025 list) with its province and labour-market region."""

    __tablename__ = "municipalities"
    name = Column(String(120), primary_key=True, doc="Official 2025 name.")
    province = Column(String(32), nullable=False, index=True, doc="Contract province value.")
    labour_market_region = Column(String(64), ForeignKey("labour_market_regions.id"),
                                  nullable=False, doc="Region id.")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date last checked.")


class MunicipalityAlias(Base):
    """Another name for (a place in) a municipality: towns, Frisian names, 'Den Bosch'."""

    __tablename__ = "municipality_aliases"
    id = Column(Integer, primary_key=True, autoincrement=True, doc="Surrogate key.")
    municipality = Column(String(120), ForeignKey("municipalities.name"), nullable=False,
                          index=True, doc="Municipality the alias belongs to.")
    alias = Column(String(120), nullable=False, doc="The alias as written in the data file.")


class Contact(Base):
    """Where a person can get free help: Werkcentrum, leerwerkloket, initiative, national."""

    __tablename__ = "contacts"
    id = Column(String(64), primary_key=True, doc="Slug.")
    name = Column(String(300), nullable=False, doc="Display name.")
    kind = Column(String(16), nullable=False, doc="werkcentrum, leerwerkloket, initiative, "
                                                   "national.")
    labour_market_regions = Column(Text, nullable=False, default="",
                                   doc="';'-list of region ids; empty for national.")
    provinces = Column(Text, nullable=False, default="", doc="';'-list of provinces.")
    url = Column(Text, nullable=False, doc="Website.")
    phone = Column(String(40), nullable=False, default="", doc="Phone number, may be empty.")
    description = Column(Text, nullable=False, default="", doc="B1 description.")
    # Issue 23: who the contact serves and the visit details, each only with the date of
    # the source that showed them (walk-in, hours and address are never stated undated).
    audience = Column(Text, nullable=False, default="",
                      doc="';'-list: werkzoekenden, werkenden, werkgevers, scholieren; "
                          "empty = everyone.")
    address = Column(Text, nullable=False, default="", doc="Street and town, may be empty.")
    walk_in = Column(Boolean, nullable=True, doc="True/False as a dated source says; None = "
                                                  "unknown.")
    hours = Column(Text, nullable=False, default="", doc="Opening hours in words.")
    details_date = Column(Date, nullable=True, doc="Date of the source for walk-in, hours, "
                                                    "address.")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date last checked.")


class Faq(Base):
    """A factual answer to a frequent question, general or for one profession."""

    __tablename__ = "faq"
    id = Column(Integer, primary_key=True, autoincrement=True, doc="Surrogate key.")
    topic = Column(String(32), nullable=False, index=True, doc="FAQ topic (see architecture).")
    profession_id = Column(String(64), ForeignKey("professions.id"),
                           doc="Profession, or NULL for the general answer.")
    answer = Column(Text, nullable=False, doc="B1 answer, 2-4 short sentences, no promises.")
    source = Column(Text, nullable=False, doc="Short source name or URL.")
    checked_at = Column(Date, nullable=False, doc="Date last checked.")


class IscoSector(Base):
    """Maps an ISCO-08 prefix to a contract current_sector; the longest prefix wins."""

    __tablename__ = "isco_sectors"
    isco_prefix = Column(String(4), primary_key=True, doc="1-4 digit ISCO-08 prefix.")
    sector = Column(String(32), nullable=False, doc="Contract current_sector value.")
    note = Column(Text, nullable=False, default="", doc="Why this mapping.")


class IscoGroup(Base):
    """An ISCO-08 group from ESCO's ISCOGroups file (empty without ESCO)."""

    __tablename__ = "isco_groups"
    code = Column(String(4), primary_key=True, doc="1-4 digit ISCO-08 code.")
    label = Column(Text, nullable=False, doc="Dutch preferred label.")


class EscoOccupation(Base):
    """An ESCO occupation (empty without ESCO)."""

    __tablename__ = "esco_occupations"
    uri = Column(String(200), primary_key=True, doc="ESCO concept URI.")
    isco08 = Column(String(4), nullable=False, index=True, doc="ISCO-08 unit group.")
    preferred_label = Column(Text, nullable=False, doc="Dutch preferred label.")


class JobTitle(Base):
    """A job title a person may use, mapped to an occupation: the job-title index."""

    __tablename__ = "job_titles"
    id = Column(Integer, primary_key=True, autoincrement=True, doc="Surrogate key.")
    label = Column(Text, nullable=False, doc="The title as written (ESCO or curated).")
    origin = Column(String(16), nullable=False,
                    doc="esco_preferred, esco_alt, esco_hidden or common (curated list).")
    occupation_uri = Column(String(200), doc="ESCO URI, or NULL for curated titles without one.")
    occupation_label = Column(Text, nullable=False,
                              doc="Label to report: ESCO preferred label or the curated label.")
    isco08 = Column(String(4), nullable=False, doc="ISCO-08 unit group.")
    sector = Column(String(32), nullable=False, doc="Contract current_sector.")


class BuildMetadata(Base):
    """Key/value facts about the build: data hash, build time, ESCO dir used."""

    __tablename__ = "build_metadata"
    key = Column(String(64), primary_key=True, doc="e.g. 'data_hash', 'built_at'.")
    value = Column(Text, nullable=False, doc="Value as text.")
