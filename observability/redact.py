"""Keeps message texts, SQL parameters and secrets out of every log line of a process.

Installed as the process's log record factory (``install()``), so it holds for every
logger and handler, also the ones Rasa, Sanic and SQLAlchemy set up themselves: each
record's message is formatted once, cleaned, and stored; a traceback is formatted and
cleaned the same way. What is cleaned:

- message texts: Rasa's structured log fields (``"text": "..."`` and the like; in JSON
  lines also the local variables of traceback frames) and ``user message '...'``;
- SQL parameters in database errors (``[parameters: ...]``, they hold message texts);
- secrets: ``token=`` query values, ``Bearer`` tokens, the internal secret header,
  passwords in database and Redis URLs, Telegram bot tokens in API URLs.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from typing import Any

HIDDEN = "[weggelaten]"
TEXT_KEYS = ("text", "user_text", "message", "response_text", "parse_data_text",
             "user_message", "tracker_latest_message", "slot_values", "metadata",
             "json_message", "rasa_event", "rasa_events", "prediction_events")
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # JSON / structlog fields: "text": "..." (escaped quotes inside are skipped)
    (re.compile(r'((?:\\?")(?:' + "|".join(TEXT_KEYS) + r')(?:\\?")\s*:\s*)'
                r'(?:\\?")(?:[^"\\]|\\.)*?(?:\\?")(?=\s*[,}])'), r'\1"' + HIDDEN + '"'),
    # key=value pairs of structlog's console renderer: text='...' or text="..."
    (re.compile(r"\b((?:" + "|".join(TEXT_KEYS) + r")=)(['\"]).*?\2(?=\s|$)"),
     r"\1'" + HIDDEN + "'"),
    (re.compile(r"(user message\s+)'.*?'(?=[.\s]|$)", re.S), r"\1'" + HIDDEN + "'"),
    # SQLAlchemy: "[parameters: (...)]" up to the "(Background on this error" note
    (re.compile(r"\[parameters: .*?(?=(?:\\n|\n)\(Background on this error|\\n|\n|$)", re.S),
     "[parameters: " + HIDDEN + "]"),
    (re.compile(r"([?&;](?:token|auth_token|access_token|secret)=)[^&\s\"'\\]+", re.I),
     r"\1" + HIDDEN),
    (re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1" + HIDDEN),
    (re.compile(r"((?:X-Internal-Secret|X-Telegram-Bot-Api-Secret-Token)['\"]?\s*[:=,]\s*"
                r"['\"]?)[^\s'\",}]+", re.I), r"\1" + HIDDEN),
    (re.compile(r"(--auth-token[= ]\s*['\"]?)[^\s'\"]+"), r"\1" + HIDDEN),
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/\s@'\"]*:)[^@\s/'\"]+@", re.I), r"\1" + HIDDEN + "@"),
    (re.compile(r"(/bot)\d+:[A-Za-z0-9_-]+"), r"\1" + HIDDEN),
]
_installed = False


def clean(text: str) -> str:
    """`text` with message texts, SQL parameters and secrets replaced by a marker."""
    if text.lstrip().startswith("{"):
        try:
            return json.dumps(_clean_json(json.loads(text)), ensure_ascii=False)
        except ValueError:
            pass
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _clean_json(value: Any) -> Any:
    """Rasa's JSON log lines: text fields hidden, traceback frame locals dropped (they
    hold whatever the failing code had in hand, e.g. SQL parameters), strings cleaned."""
    if isinstance(value, dict):
        return {k: HIDDEN if k in TEXT_KEYS else _clean_json(v)
                for k, v in value.items() if k != "locals"}
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, str):
        return clean(value)
    return value


def _clean_record(record: logging.LogRecord) -> logging.LogRecord:
    try:
        message = record.getMessage()
    except Exception:  # a broken format string: keep the template only
        message = str(record.msg)
    record.msg, record.args = clean(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = clean("".join(traceback.format_exception(*record.exc_info)))
        # Formatters print exc_text; structured renderers would format exc_info again.
        record.exc_info = None
    if record.stack_info:
        record.stack_info = clean(record.stack_info)
    return record


def install() -> None:
    """Clean every log record this process creates from now on (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return _clean_record(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    _installed = True
