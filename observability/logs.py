"""Logging for the services: plain lines by default, one JSON object per line with
LOG_FORMAT=json (structlog's JSON renderer over the standard library's records). Every
record is cleaned of message texts and secrets first (observability/redact.py)."""

from __future__ import annotations

import logging

from observability import redact
from settings.operations import log_json


def configure(service: str, level: int = logging.INFO) -> None:
    redact.install()
    handler = logging.StreamHandler()
    if log_json():
        import structlog

        handler.setFormatter(structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.add_log_level, structlog.stdlib.add_logger_name,
                               structlog.processors.TimeStamper(fmt="iso", utc=True)],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                        _service(service), structlog.processors.JSONRenderer()]))
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _service(name: str):  # noqa: ANN202 - a structlog processor
    def add(_logger: object, _method: str, event: dict) -> dict:
        event["service"] = name
        return event

    return add
