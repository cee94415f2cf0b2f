"""The route card PDF for screen readers and readers on paper (issue 16).

Built from the real knowledge base for a realistic profile and checked with poppler's
pdfinfo and pdftotext: tagged, headings and lists in the structure tree, no doubled full
stops, no notes meant for the knowledge base's editors. The card of a real conversation is
checked the same way in test_route_card_a11y.py.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import knowledge
from web.labels import ROUTE_KIND_LABELS
from web.routecard.data import ESCO_NAME, RouteCard, _add_source, _profile_rows
from web.routecard.pdf import render_pdf
from web.routecard.texts import funding_text, sentence

PROFILE = {"current_job": "kok", "current_sector": "horeca", "work_status": "ww",
           "interests": ["met_handen", "elektra"], "region": "gelderland",
           "municipality": "Ede", "education_level": "mbo2", "learn_while_earning": True}
EDITOR_NOTES = re.compile(r"domain-nl|§|eigen koppeling|indicatief", re.IGNORECASE)


def poppler(tool: str, *args: str) -> str:
    """Output of a poppler tool (fails, never skips, when poppler-utils is missing)."""
    if not shutil.which(tool):
        pytest.fail(f"{tool} is missing: run `make setup-test` (apt-get install poppler-utils)")
    done = subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def check_card_pdf(path: Path) -> str:
    """Asserts what issue 16 asks of the PDF; returns its text."""
    assert re.search(r"^Tagged:\s+yes$", poppler("pdfinfo", str(path)), re.MULTILINE)
    structure = poppler("pdfinfo", "-struct-text", str(path))
    for tag in ("Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody"):
        assert re.search(rf"^\s*{tag}( \(|$)", structure, re.MULTILINE), tag
    text = poppler("pdftotext", "-layout", str(path), "-")
    assert not re.search(r"(?<!\.)\.\.(?!\.)", text), "double full stop"
    assert not EDITOR_NOTES.search(text), EDITOR_NOTES.search(text)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "ISO date"
    return text


def _card() -> RouteCard:
    profession_id = knowledge.match(PROFILE)["items"][0]["id"]
    profession = knowledge.profession(profession_id)
    routes = [{**r, "kind_label": ROUTE_KIND_LABELS.get(r.get("kind"), "")}
              for r in knowledge.routes_for(profession_id, PROFILE)["items"][:3]]
    funding = knowledge.funding_for(PROFILE, profession_id)["items"][:4]
    steps = knowledge.next_steps(PROFILE, profession_id)
    sources: list[dict[str, str]] = []
    _add_source(sources, ESCO_NAME, profession["esco_uri"], profession["checked_at"])
    for item in routes + funding:
        _add_source(sources, item.get("name"), item.get("url"), item.get("checked_at"))
    now = time.time()
    return RouteCard(profile=_profile_rows(PROFILE), profession=profession,
                     reasons=["Je werkt graag met je handen."], routes=routes, funding=funding,
                     steps=steps["steps"], contact=steps["contact"], sources=sources,
                     created_at=now, expires_at=now + 90 * 86400)


def test_the_pdf_is_tagged_with_headings_and_lists(tmp_path: Path) -> None:
    # GIVEN a route card for a cook with WW in Ede
    card = _card()
    # WHEN its PDF is made
    path = tmp_path / "kaart.pdf"
    path.write_bytes(render_pdf(card))
    # THEN it is tagged, with headings and real lists, and reads cleanly
    text = check_card_pdf(path)
    assert card.profession["name"] in text
    assert "Dit kun je nu doen" in text
    # AND each step is a numbered list item, left-aligned (no stretched word gaps)
    structure = poppler("pdfinfo", "-struct-text", str(path))
    assert structure.count("LI (") >= len(card.steps) + len(card.profile)
    assert not re.search(r"\S {3,}\S", "\n".join(
        line.strip() for line in text.splitlines() if not re.match(r"^\s*(\d+\.|•)", line))), \
        "wide gaps between words (justified text)"


def test_sentences_end_with_one_full_stop() -> None:
    assert sentence("Je houdt je uitkering.") == "Je houdt je uitkering."
    assert sentence("Je houdt je uitkering..") == "Je houdt je uitkering."
    assert sentence("Ben je 57 of ouder?") == "Ben je 57 of ouder?"
    assert sentence("Geen punt") == "Geen punt."
    line = funding_text({"name": "Regeling", "amount": "Tot € 1.000.",
                         "conditions": "Vraag het aan", "valid_until": "2026-12-31"})
    assert line == "Regeling. Tot € 1.000. Vraag het aan. Loopt tot 31 december 2026."
