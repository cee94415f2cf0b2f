"""Jinja2 environment (autoescaping on) shared by the page and route card views."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from contract.labels import card_heading
from web.routecard.texts import dutch_date, sentence

PACKAGE_DIR = Path(__file__).resolve().parent

ENV_KEY = "jinja_env"


def make_env() -> jinja2.Environment:
    """The pages' template environment (also what tests render with)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PACKAGE_DIR / "templates")),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dutch_date"] = dutch_date
    env.filters["sentence"] = sentence
    # Card headings are the contract's, the same words as in the chat and on Telegram.
    env.globals["heading"] = card_heading
    return env


def setup_templates(app: web.Application) -> None:
    app[ENV_KEY] = make_env()


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    html = request.app[ENV_KEY].get_template(template).render(**context)
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
