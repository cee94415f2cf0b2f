"""The personas (testing/personas.yml): people who write the way people write.

`load_personas` gives the full personas the driver plays and the integration tests check;
`load_scripts` gives the fixed message scripts of the load tool (bench/load.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import yaml

PERSONAS_FILE = Path(__file__).with_name("personas.yml")



@dataclass
class FaqQuestion:
    text: str
    expect_any: List[str]
    at_slot: Optional[str] = None


@dataclass
class Correction:
    text: str
    after_slot: Optional[str] = None  # None: after the recommendations


@dataclass
class Persona:
    id: str
    title: str
    opening: List[str]
    answers: Dict[str, List[str]]
    expect: Dict[str, Any]
    acceptable_top3: List[str]
    faq: FaqQuestion
    correction: Optional[Correction] = None
    dont_know_slots: List[str] = field(default_factory=list)
    max_turns: int = 14
    notes: str = ""

    @property
    def province(self) -> str:
        return str(self.expect["region"])


def as_list(value: Union[str, List[str], None]) -> List[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def load_personas(path: Path = PERSONAS_FILE) -> List[Persona]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    personas = []
    for item in raw["personas"]:
        correction = item.get("correction")
        personas.append(Persona(
            id=item["id"],
            title=item["title"],
            opening=as_list(item.get("opening", "hoi")),
            answers={slot: as_list(text) for slot, text in item["answers"].items()},
            expect=dict(item["expect"]),
            acceptable_top3=list(item["acceptable_top3"]),
            faq=FaqQuestion(**item["faq"]),
            correction=Correction(**correction) if correction else None,
            dont_know_slots=list(item.get("dont_know_slots", [])),
            max_turns=int(item.get("max_turns", 14)),
            notes=item.get("notes", ""),
        ))
    return personas



def load_scripts(path: Path = PERSONAS_FILE) -> List[List[str]]:
    """Fixed message sequences for load tests: every message sent without reading replies."""
    raw: Dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [list(script["messages"]) for script in raw["load_scripts"]]
