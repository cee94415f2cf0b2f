"""The console's own tables (users, sessions, adviser work, audit) and its derived index.

`conv_index` is a cache of per-conversation facts computed from the tracker store: it can be
dropped at any time (`python -m console reindex`) and is rebuilt from the `events` table.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

metadata = sa.MetaData()

users = sa.Table(
    "console_users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(80), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

sessions = sa.Table(
    "console_sessions",
    metadata,
    # HMAC of the cookie token: a leaked database does not yield usable cookies
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.Integer, nullable=True),  # NULL = pre-login session (CSRF only)
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
)

login_failures = sa.Table(
    "console_login_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key_hash", sa.String(64), nullable=False, index=True),  # HMAC(username|ip)
    sa.Column("at", sa.Float, nullable=False),
)

tags = sa.Table(
    "console_tags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("tag", sa.String(60), nullable=False),
    sa.Column("username", sa.String(80), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.UniqueConstraint("sender_id", "tag"),
)

notes = sa.Table(
    "console_notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("username", sa.String(80), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

handovers = sa.Table(
    "console_handovers",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),  # open / in_progress / done
    sa.Column("assigned_to", sa.String(80)),
    sa.Column("updated_by", sa.String(80)),
    sa.Column("updated_at", sa.Float),
)

outcome_labels = sa.Table(
    "console_outcome_labels",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("label", sa.String(40), nullable=False),
    sa.Column("username", sa.String(80), nullable=False),
    sa.Column("set_at", sa.Float, nullable=False),
)

audit = sa.Table(
    "console_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.Float, nullable=False, index=True),
    sa.Column("username", sa.String(80)),
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("target", sa.String(255)),
    sa.Column("detail", sa.Text),
)

conv_index = sa.Table(
    "console_conv_index",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("started_at", sa.Float, index=True),
    sa.Column("last_at", sa.Float),
    sa.Column("last_event_id", sa.Integer),
    sa.Column("channel", sa.String(40), index=True),
    sa.Column("campaign", sa.String(120), index=True),
    sa.Column("region", sa.String(40), index=True),
    sa.Column("sector", sa.String(60), index=True),
    sa.Column("handover", sa.Boolean, nullable=False, default=False),
    sa.Column("handover_consent", sa.Boolean),  # None = not asked
    # Reading consent from the channel (privacy/consent.py): "ja", "alleen_hulp" or None.
    sa.Column("adviser_consent", sa.String(20), index=True),
    sa.Column("has_contact", sa.Boolean, nullable=False, default=False),  # never the contact
    sa.Column("has_steps", sa.Boolean, nullable=False, default=False),
    sa.Column("has_recs", sa.Boolean, nullable=False, default=False),
    sa.Column("profile_complete", sa.Boolean, nullable=False, default=False),
    sa.Column("turns", sa.Integer, nullable=False, default=0),  # user messages
    sa.Column("fallbacks", sa.Integer, nullable=False, default=0),
    sa.Column("low_conf", sa.Integer, nullable=False, default=0),
    sa.Column("recommended", sa.Text),  # ";"-joined profession ids of the last recommendations
    sa.Column("preview", sa.Text),  # first user message (masked when shown)
    sa.Column("search_text", sa.Text),  # lower-cased user and bot texts
    sa.Column("slots_json", sa.Text),  # slots relevant to the index, to merge increments
)

# Erasure tombstones (pseudonymised sender, erased up to which tracker event id): an index
# refresh that read the rows before the erasure cannot write the conversation back.
erased = sa.Table(
    "console_erased",
    metadata,
    sa.Column("sender_hash", sa.String(40), primary_key=True),
    sa.Column("upto_event_id", sa.Integer, nullable=False),
    sa.Column("erased_at", sa.Float, nullable=False, index=True),
)

index_state = sa.Table(
    "console_index_state",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

# Live handover (handover/takeover.py): who holds a conversation now, and when a handover
# request was first seen (for waiting times and the one-time webhook notice).
takeovers = sa.Table(
    "console_takeovers",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("username", sa.String(80), nullable=False),
    sa.Column("started_at", sa.Float, nullable=False),
    sa.Column("last_activity_at", sa.Float, nullable=False),  # takeover or last reply
)

handover_alerts = sa.Table(
    "console_handover_alerts",
    metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("requested_at", sa.Float, nullable=False),
    sa.Column("webhook", sa.String(20)),  # sent / failed / off / before_start
)

# Learning inbox (console/learn.py, issue 25): user messages the assistant handled badly,
# derived from the tracker store like the index (texts masked before they are written).
learn_items = sa.Table(
    "console_learn_items",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True),  # the user event's tracker row id
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("group_key", sa.String(40), nullable=False, index=True),  # normalised text hash
    sa.Column("at", sa.Float, index=True),
    sa.Column("text", sa.Text, nullable=False),  # masked
    sa.Column("signals", sa.Text, nullable=False),  # JSON list
    sa.Column("reading", sa.Text, nullable=False),  # JSON: intent, topic, entities, slots, answer
)

# An adviser's correction of one group of similar messages; approved by an admin.
learn_annotations = sa.Table(
    "console_learn_annotations",
    metadata,
    sa.Column("group_key", sa.String(40), primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),  # source, for erasure
    sa.Column("text", sa.Text, nullable=False),  # masked text the entity offsets refer to
    sa.Column("verdict", sa.String(10), nullable=False),  # right / wrong
    sa.Column("intent", sa.String(80), nullable=False),
    sa.Column("topic", sa.String(80)),  # FAQ topic when intent is faq
    sa.Column("entities", sa.Text, nullable=False),  # JSON list of {entity, value, start, end}
    sa.Column("approved", sa.Boolean, nullable=False, default=False),
    sa.Column("annotated_by", sa.String(80), nullable=False),
    sa.Column("annotated_at", sa.Float, nullable=False),
    sa.Column("approved_by", sa.String(80)),
    sa.Column("approved_at", sa.Float),
)

# Tables holding rows about one sender: erasure and retention clear them all.
PER_SENDER_TABLES = (tags, notes, handovers, outcome_labels, conv_index, takeovers,
                     handover_alerts, learn_items, learn_annotations)

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def sqlite_path(url: str) -> Path | None:
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def console_engine(url: str, create: bool = True) -> Engine | None:
    """Engine with the tables created; None when `create` is False and no SQLite file exists."""
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is not None:
            return engine
        path = sqlite_path(url)
        if path is not None:
            if not path.exists() and not create:
                return None
            path.parent.mkdir(parents=True, exist_ok=True)
        # hide_parameters: errors in logs must not carry sender ids or message texts
        kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
        engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):

            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn: Any, _record: Any) -> None:
                # WAL lets list requests read while the index refresh writes
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()

        _drop_outdated_index(engine)
        metadata.create_all(engine)
        _ENGINES[url] = engine
        return engine


def _drop_outdated_index(engine: Engine) -> None:
    """The index is a cache: when its columns changed between releases, drop and rebuild it."""
    inspector = sa.inspect(engine)
    if not inspector.has_table(conv_index.name):
        return
    present = {c["name"] for c in inspector.get_columns(conv_index.name)}
    if present >= {c.name for c in conv_index.columns}:
        return
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP TABLE {conv_index.name}"))
        if inspector.has_table(index_state.name):
            conn.execute(sa.delete(index_state))


def dispose_all() -> None:
    """Forget cached engines (tests use a fresh database per test)."""
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()
