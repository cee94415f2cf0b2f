"""The skills that carry over and the wish/limit notes reach the chat turn, the route card
(HTML and PDF) and the console transcript, from one recommendations payload."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

import jinja2
import pytest
from markupsafe import escape

from bot.actions import advice_texts
from bot.actions.recommendation_turn import recommendation_text
from console.labels import register as register_console_labels
from knowledge import matching
from knowledge.kb import KnowledgeBase
from web.routecard.data import RouteCard
from web.routecard.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def payload(real_kb: KnowledgeBase) -> dict:
    # A carpenter with worn knees who wants to become a roofer: a wish that does not fit.
    return matching.match(real_kb, {"current_job": "timmerman", "interests": ["bouwen"],
                                    "wished_profession": "dakdekker",
                                    "limits": ["geen_zwaar_werk"], "age": 58})


def test_the_chat_turn_says_what_you_can_and_what_you_will_learn(payload: dict) -> None:
    # WHEN the recommendations turn is written
    text = recommendation_text(payload["items"], payload)
    # THEN the first profession has both skill sentences, the notes are there, and the
    # whole turn stays near 120 words
    assert "Wat je al kunt:" in text and "Wat je nog leert:" in text
    assert payload["wish_note"] in text and payload["limit_note"] in text
    assert advice_texts.words(text) <= advice_texts.TURN_WORDS
    first = payload["items"][0]
    assert first["transferable_skills"][0] in text


def test_the_skill_sentence_is_empty_without_skills() -> None:
    assert advice_texts.skills_sentence({"id": "x"}) == ""
    one = advice_texts.skills_sentence({"transferable_skills": ["meten en controleren"],
                                        "skills_to_learn": []})
    assert one == "Wat je al kunt: meten en controleren."


def test_an_older_payload_without_skills_still_renders_in_chat() -> None:
    items = [{"id": "lasser", "name": "Lasser", "reasons": ["Je werkt graag met je handen"]}]
    text = recommendation_text(items * 3, {"type": "recommendations", "items": items * 3})
    assert "Wat je al kunt" not in text and "Lasser" in text


def _card(item: dict) -> RouteCard:
    now = time.time()
    return RouteCard(profile=[{"label": "Werk nu of laatst", "value": "timmerman"}],
                     profession={"id": item["id"], "name": item["name"]},
                     reasons=item["reasons"], routes=[], funding=[], steps=["Bel het "
                                                                            "Werkcentrum."],
                     contact=None, sources=[], created_at=now, expires_at=now + 86400,
                     transferable_skills=item["transferable_skills"],
                     skills_to_learn=item["skills_to_learn"])


def test_the_route_card_page_shows_the_same_skills(payload: dict) -> None:
    # GIVEN the card of a recommendation with both skill lists
    item = next(i for i in payload["items"] if i["transferable_skills"] and i["skills_to_learn"])
    from web.templates_env import make_env

    # WHEN the page is rendered with the pages' own template environment
    html = make_env().get_template("card.html").render(card=_card(item), token="t" * 32,
                                                created="1 januari", expires="1 april")
    # THEN it lists what carries over and what is new, as in the chat
    assert "Wat je al kunt:" in html and "Wat je nog leert:" in html
    for skill in item["transferable_skills"] + item["skills_to_learn"]:
        assert str(escape(skill)) in html


def test_the_route_card_pdf_renders_with_skills(payload: dict) -> None:
    pdf = render_pdf(_card(next(i for i in payload["items"] if i["skills_to_learn"])))
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_the_console_transcript_shows_the_skills_and_notes(payload: dict) -> None:
    # GIVEN the console's strict template environment
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "console" / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(when=str, mask=str, pathq=lambda s: quote(str(s), safe=""),
                       pct=lambda v: f"{(v or 0) * 100:.0f}%")
    register_console_labels(env)
    macro = env.get_template("_cards.html").module.card
    # WHEN the recommendations payload is shown
    html = str(macro(payload))
    # THEN the skills and both notes are there
    assert "Wat je al kunt:" in html and "Wat je nog leert:" in html
    assert str(escape(payload["wish_note"])) in html
    # AND a payload from before the extension still renders
    old = {"type": "recommendations", "items": [{"id": "lasser", "name": "Lasser",
                                                 "score": 0.8, "isco08": "7212",
                                                 "reasons": ["Je werkt graag met je handen"]}]}
    assert "Lasser" in str(macro(old))
