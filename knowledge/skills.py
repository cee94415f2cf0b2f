"""Skills that carry over: which of the person's skills a profession needs, and what they
still have to learn. Data, not sentences per pair.

Two sources, used together when both are there:

- the official ESCO skills (``skills_nl.csv`` and ``occupationSkillRelations_nl.csv`` in
  the official CSV format) read from ``ESCO_DIR`` when those files are present: the
  essential skills of the person's ESCO occupation and of the profession's occupation;
- the curated Dutch list ``knowledge/data/skills.csv`` (about 40 short skills, each with
  its source), mapped to every profession and to backgrounds: ISCO prefixes (``isco:72``),
  current sectors (``sector:horeca``) and interests the person told (``interest:precisie``).

Ranking signal: ``overlap = min(1, carried / min(3, needed))`` where ``carried`` is the
number of the profession's skills the person has and ``needed`` the profession's skill
count; matching adds ``SKILL_WEIGHT * overlap`` (0.10) to the score. Within each list the
most specific skill (fewest professions need it) comes first: it says the most.

The index is built once per knowledge base (first use) and then only read.
"""

from __future__ import annotations

import csv
import io
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

SKILLS_FILE = "skills.csv"
ESCO_SKILLS_FILE = "skills_nl.csv"
ESCO_RELATIONS_FILE = "occupationSkillRelations_nl.csv"
SKILL_WEIGHT = 0.10
# Curated skills about bodily strength: not shown to someone who said heavy work is out.
HEAVY_WORK_SKILLS: frozenset[str] = frozenset({"fysiek_werk"})
MAX_SHOWN = 3


@dataclass(frozen=True)
class CuratedSkill:
    id: str
    label: str
    professions: tuple[str, ...]
    backgrounds: tuple[str, ...]
    source: str
    checked_at: str


@dataclass
class SkillIndex:
    """Skill keys (curated ids, ESCO URIs) per profession and per background, and labels."""

    labels: dict[str, str] = field(default_factory=dict)
    by_profession: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_background: dict[str, frozenset[str]] = field(default_factory=dict)
    esco_by_occupation: dict[str, tuple[str, ...]] = field(default_factory=dict)
    specificity: dict[str, int] = field(default_factory=dict)  # how many professions

    def person_skills(self, isco08: str | None, sector: str | None,
                      interests: Iterable[str], esco_uri: str | None) -> frozenset[str]:
        keys: set[str] = set()
        if isco08:
            for n in range(1, len(isco08) + 1):
                keys |= self.by_background.get(f"isco:{isco08[:n]}", frozenset())
        if sector:
            keys |= self.by_background.get(f"sector:{sector}", frozenset())
        for interest in interests:
            keys |= self.by_background.get(f"interest:{interest}", frozenset())
        if esco_uri:
            keys.update(self.esco_by_occupation.get(esco_uri, ()))
        return frozenset(keys)

    def profession_skills(self, profession_id: str, esco_uri: str | None) -> tuple[str, ...]:
        own = self.by_profession.get(profession_id, ())
        esco = self.esco_by_occupation.get(esco_uri or "", ())
        return tuple(dict.fromkeys((*own, *esco)))

    def compare(self, person: frozenset[str], needed: tuple[str, ...]
                ) -> tuple[list[str], list[str], float]:
        """(transferable labels, labels to learn, overlap 0..1), most specific first."""
        ordered = sorted(needed, key=lambda k: (self.specificity.get(k, 99), needed.index(k)))
        have = [k for k in ordered if k in person]
        learn = [k for k in ordered if k not in person]
        overlap = min(1.0, len(have) / min(MAX_SHOWN, len(needed))) if needed else 0.0
        return ([self.labels[k] for k in have[:MAX_SHOWN]],
                [self.labels[k] for k in learn[:MAX_SHOWN]], overlap)


def _rows(path: Path) -> csv.DictReader:
    return csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""))


def read_curated(data_dir: Path) -> list[CuratedSkill]:
    path = data_dir / SKILLS_FILE
    if not path.is_file():
        return []
    out = []
    for rec in _rows(path):
        split = lambda v: tuple(p.strip() for p in (v or "").split(";") if p.strip())  # noqa: E731
        out.append(CuratedSkill(rec["id"].strip(), rec["label"].strip(),
                                split(rec.get("professions")), split(rec.get("backgrounds")),
                                (rec.get("source") or "").strip(),
                                (rec.get("checked_at") or "").strip()))
    return out


def read_esco(esco_dir: Path | None, occupations: set[str] | None = None
              ) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """ESCO skill labels and essential skills per occupation URI; empty when the files are
    not there. ``occupations`` limits the relations kept (None keeps all)."""
    if esco_dir is None:
        return {}, {}
    skills_path, rel_path = esco_dir / ESCO_SKILLS_FILE, esco_dir / ESCO_RELATIONS_FILE
    if not (skills_path.is_file() and rel_path.is_file()):
        return {}, {}
    labels = {(r.get("conceptUri") or "").strip(): (r.get("preferredLabel") or "").strip()
              for r in _rows(skills_path)}
    relations: dict[str, list[str]] = {}
    for r in _rows(rel_path):
        occ, skill = (r.get("occupationUri") or "").strip(), (r.get("skillUri") or "").strip()
        if (r.get("relationType") or "").strip().lower() != "essential":
            continue
        if occupations is not None and occ not in occupations:
            continue
        if labels.get(skill):
            relations.setdefault(occ, []).append(skill)
    return ({k: v for k, v in labels.items() if k and v},
            {k: tuple(dict.fromkeys(v)) for k, v in relations.items()})


def build_index(curated: list[CuratedSkill], esco_labels: dict[str, str],
                esco_relations: dict[str, tuple[str, ...]],
                professions: dict[str, Any] | None = None) -> SkillIndex:
    index = SkillIndex()
    by_background: dict[str, set[str]] = {}
    by_profession: dict[str, list[str]] = {}
    for skill in curated:
        index.labels[skill.id] = skill.label
        for pid in skill.professions:
            by_profession.setdefault(pid, []).append(skill.id)
        for code in skill.backgrounds:
            by_background.setdefault(code, set()).add(skill.id)
        index.specificity[skill.id] = len(skill.professions)
    index.by_profession = {k: tuple(v) for k, v in by_profession.items()}
    index.by_background = {k: frozenset(v) for k, v in by_background.items()}
    for occ, keys in esco_relations.items():
        index.esco_by_occupation[occ] = keys
        for key in keys:
            index.labels[key] = esco_labels[key]
    if professions:
        ours = [p.get("esco_uri") for p in professions.values() if p.get("esco_uri")]
        for uri in ours:
            for key in esco_relations.get(uri, ()):
                index.specificity[key] = index.specificity.get(key, 0) + 1
    return index


_lock = threading.Lock()
_cache: dict[int, tuple[Any, SkillIndex]] = {}


def index_for(kb: Any, data_dir: Path | None = None, esco_dir: Path | None = None
              ) -> SkillIndex:
    """The skill index of a knowledge base, built on first use from the settings' data and
    ESCO directories (or the given ones); then kept beside that base."""
    cached = _cache.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    with _lock:
        cached = _cache.get(id(kb))
        if cached is not None and cached[0] is kb:
            return cached[1]
        if data_dir is None:
            from settings.sections import KnowledgeSettings
            settings = KnowledgeSettings.from_env()
            data_dir, esco_dir = settings.knowledge_data_dir, settings.esco_dir
        try:
            labels, relations = read_esco(esco_dir)
        except (OSError, UnicodeDecodeError, KeyError):
            logger.exception("ESCO skill files unreadable; using the curated skills only")
            labels, relations = {}, {}
        index = build_index(read_curated(data_dir), labels, relations,
                            dict(kb.professions))
        _cache.clear()  # one knowledge base in use at a time; tests swap them
        _cache[id(kb)] = (kb, index)
        return index


def set_index(kb: Any, index: SkillIndex) -> None:
    """Use ``index`` for ``kb`` (tests with a sample ESCO directory)."""
    with _lock:
        _cache.clear()
        _cache[id(kb)] = (kb, index)


def forget() -> None:
    """Drop the cached index (tests that installed a sample one)."""
    with _lock:
        _cache.clear()
