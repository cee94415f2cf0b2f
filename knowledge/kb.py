"""The in-memory knowledge base: every table read once from the database into immutable
structures, plus the recognition indexes. Reads only after construction, so one instance
can serve concurrent requests (Rasa action server threads/tasks) without locks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import match_index, models
from knowledge.recognise.jobs import JobIndex
from knowledge.recognise.places import PlaceIndex
from knowledge.recognise.professions import ProfessionIndex


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(";") if v]


def _row(obj: Any, lists: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {c.name: getattr(obj, c.name) for c in obj.__table__.columns}
    for name in lists:
        out[name] = _split(out[name])
    for key, value in out.items():
        if isinstance(value, dt.date):
            out[key] = value.isoformat()
    return out


@dataclass(frozen=True)
class KnowledgeBase:
    professions: MappingProxyType
    backgrounds: MappingProxyType          # profession id -> tuple of background dicts
    routes: MappingProxyType
    routes_by_profession: MappingProxyType  # profession id -> tuple of route ids
    funding: tuple[dict[str, Any], ...]
    regions: MappingProxyType
    municipalities: tuple[dict[str, Any], ...]
    contacts: tuple[dict[str, Any], ...]
    faq: MappingProxyType                   # (topic, profession id or "") -> dict
    isco_sectors: MappingProxyType
    esco_occupations: MappingProxyType      # uri -> (isco08, preferred label)
    stats: MappingProxyType
    jobs: JobIndex = field(repr=False)
    places: PlaceIndex = field(repr=False)
    profession_index: ProfessionIndex = field(repr=False)
    profession_facts: MappingProxyType = field(repr=False)
    # Operator-kept contacts (knowledge.contacts.ContactStore); None = the shipped CSV rows.
    contact_store: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_engine(cls, engine: Engine) -> KnowledgeBase:
        with Session(engine) as s:
            professions = {p.id: _row(p, ("sectors", "interests", "mbo_levels", "tickets"))
                           for p in s.scalars(select(models.Profession).order_by(
                               models.Profession.id))}
            backgrounds: dict[str, list[dict[str, Any]]] = {}
            for b in s.scalars(select(models.ProfessionBackground).order_by(
                    models.ProfessionBackground.id)):
                backgrounds.setdefault(b.profession_id, []).append(_row(b))
            links: dict[str, list[str]] = {}
            route_profs: dict[str, list[str]] = {}
            for link in s.scalars(select(models.RouteProfession)):
                links.setdefault(link.profession_id, []).append(link.route_id)
                route_profs.setdefault(link.route_id, []).append(link.profession_id)
            routes = {}
            for r in s.scalars(select(models.Route).order_by(models.Route.id)):
                row = _row(r)
                row["profession_ids"] = sorted(route_profs.get(r.id, []))
                routes[r.id] = row
            funding_lists = ("audience", "route_kinds", "sectors", "aliases")
            funding = tuple(_row(f, funding_lists) for f in s.scalars(
                select(models.Funding).order_by(models.Funding.id)))
            regions = {r.id: _row(r, ("provinces",)) for r in s.scalars(
                select(models.LabourMarketRegion).order_by(models.LabourMarketRegion.id))}
            municipalities = tuple(_row(m) for m in s.scalars(
                select(models.Municipality).order_by(models.Municipality.name)))
            aliases = [(a.municipality, a.alias) for a in s.scalars(
                select(models.MunicipalityAlias).order_by(models.MunicipalityAlias.id))]
            contacts = tuple(_row(c, ("labour_market_regions", "provinces")) for c in s.scalars(
                select(models.Contact).order_by(models.Contact.id)))
            faq = {(f.topic, f.profession_id or ""): _row(f) for f in s.scalars(
                select(models.Faq).order_by(models.Faq.id))}
            isco_sectors = {i.isco_prefix: i.sector for i in s.scalars(
                select(models.IscoSector))}
            occupations = {o.uri: (o.isco08, o.preferred_label) for o in s.scalars(
                select(models.EscoOccupation))}
            title_cols = (models.JobTitle.label, models.JobTitle.origin,
                          models.JobTitle.occupation_uri, models.JobTitle.occupation_label,
                          models.JobTitle.isco08, models.JobTitle.sector)
            titles = [dict(r._mapping) for r in s.execute(
                select(*title_cols).order_by(models.JobTitle.id))]
        today = dt.date.today().isoformat()
        stats = {
            "professions": len(professions),
            "routes": len(routes),
            "funding_current": sum(1 for f in funding if is_current(f, today)),
            "funding_ended": sum(1 for f in funding if not is_current(f, today)),
            "municipalities": len(municipalities),
            "labour_market_regions": len(regions),
            "contacts": len(contacts),
            "esco_titles": sum(1 for t in titles
                               if t["origin"] in ("esco_preferred", "esco_alt")),
        }
        uri_labels: dict[str, list[str]] = {}
        for t in titles:
            if t["occupation_uri"] and t["origin"] in ("esco_preferred", "esco_alt"):
                uri_labels.setdefault(t["occupation_uri"], []).append(t["label"])
        frozen_backgrounds = {k: tuple(v) for k, v in backgrounds.items()}
        frozen_links = {k: tuple(sorted(v)) for k, v in links.items()}
        return cls(
            professions=MappingProxyType(professions),
            backgrounds=MappingProxyType(frozen_backgrounds),
            routes=MappingProxyType(routes),
            routes_by_profession=MappingProxyType(frozen_links),
            funding=funding,
            regions=MappingProxyType(regions),
            municipalities=municipalities,
            contacts=contacts,
            faq=MappingProxyType(faq),
            isco_sectors=MappingProxyType(isco_sectors),
            esco_occupations=MappingProxyType(occupations),
            stats=MappingProxyType(stats),
            jobs=JobIndex(titles),
            places=PlaceIndex(list(municipalities), aliases),
            profession_index=ProfessionIndex(professions, uri_labels),
            profession_facts=MappingProxyType(match_index.build(
                professions, frozen_backgrounds, routes, frozen_links)),
        )


def is_current(funding: dict[str, Any], today: str) -> bool:
    """Current = status is not ended and no end date has passed (ISO dates compare as text)."""
    if funding["status"] == "ended":
        return False
    return not funding["valid_until"] or funding["valid_until"] >= today
