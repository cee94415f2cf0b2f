"""Everything one mounted console needs, created once per application."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
from sqlalchemy.engine import Engine

from console.auth import LoginThrottle, SessionManager
from console.db import console_engine
from console.erasure import remember_database
from console.handover_ref import reference
from console.index import ConversationIndex
from console.labels import register as register_labels
from console.masking import mask_pii
from conversation_store import Store, open_store
from settings.sections import ConsoleSettings

_TZ = ZoneInfo("Europe/Amsterdam")
TEMPLATES = Path(__file__).parent / "templates"


def _when(ts: float | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
    if not ts:
        return "-"
    return dt.datetime.fromtimestamp(ts, _TZ).strftime(fmt)


@dataclass
class Console:
    settings: ConsoleSettings
    engine: Engine
    store: Store
    index: ConversationIndex
    sessions: SessionManager
    throttle: LoginThrottle
    templates: jinja2.Environment

    def render(self, name: str, **values: Any) -> str:
        return self.templates.get_template(name).render(**values)


def make_console(settings: ConsoleSettings) -> Console:
    engine = console_engine(settings.database_url)
    assert engine is not None
    remember_database(settings.database_url)
    store = open_store(settings.tracker_store_url)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # user messages can contain markup: always shown inert
        undefined=jinja2.StrictUndefined,
    )
    env.filters["when"] = _when
    env.filters["mask"] = mask_pii
    # Conversation links carry the opaque reference, never the session id.
    env.filters["pathq"] = lambda s: quote(reference(str(s)), safe="")
    env.filters["ref"] = lambda s: reference(str(s))
    env.filters["pct"] = lambda v: f"{(v or 0) * 100:.0f}%"
    register_labels(env)
    return Console(
        settings=settings,
        engine=engine,
        store=store,
        index=ConversationIndex(engine, store, settings.low_confidence),
        sessions=SessionManager(engine, settings.secret_key, settings.session_hours * 3600),
        throttle=LoginThrottle(
            engine, settings.secret_key, settings.login_max_failures,
            settings.login_window_seconds,
        ),
        templates=env,
    )
