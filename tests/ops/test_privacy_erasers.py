"""Privacy's erasers (privacy/erasers.py): who else keeps rows about a person."""

from __future__ import annotations

import ast
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from privacy import erasers
from privacy.erase import erase_senders
from settings import REPO_ROOT
from testing.conversation_factory import ConversationFactory, create_tracker_db, write


class NotebookRows:
    """A part with its own rows about people, kept in memory."""

    name = "notebook"

    def __init__(self) -> None:
        self.rows = {"a": 2, "b": 1}
        self.calls: list[tuple[list[str], int]] = []

    def erase(self, sender_ids: list[str], upto_event_id: int) -> int:
        self.calls.append((sender_ids, upto_event_id))
        return sum(self.rows.pop(s, 0) for s in sender_ids)

    def senders(self) -> set[str]:
        return set(self.rows)

    def expire(self, older_than: float) -> dict[str, int]:
        return {}


@pytest.fixture
def no_configured_erasers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PRIVACY_ERASERS", "")
    erasers.forget()
    yield
    erasers.forget()


def test_a_registered_part_loses_its_rows_with_the_person(tmp_path: Path,
                                                           no_configured_erasers) -> None:
    # GIVEN a tracker store with conversation "a" and a part that registered its rows
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    write(create_tracker_db(url), ConversationFactory().conversation(sender_id="a"))
    notebook = NotebookRows()
    erasers.register(notebook)
    from conversation_store import open_store

    # WHEN "a" is erased
    report = erase_senders(["a"], open_store(url))
    # THEN the part was told up to which event, deleted its rows, and the report counts them
    assert notebook.calls[0][0] == ["a"] and notebook.calls[0][1] > 0
    assert notebook.rows == {"b": 1} and report.console_rows == 2 and report.tracker_rows > 0


def test_the_console_is_the_default_eraser_and_privacy_does_not_import_it(monkeypatch) -> None:
    # GIVEN the default settings
    monkeypatch.delenv("PRIVACY_ERASERS", raising=False)
    erasers.forget()
    try:
        # WHEN privacy asks for its erasers THEN the console's is among them
        assert [e.name for e in erasers.erasers()] == ["console"]
    finally:
        erasers.forget()
    # AND no module of privacy/ imports the console in its code
    for path in (REPO_ROOT / "privacy").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("console"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("console") for a in node.names), path


def test_an_eraser_that_cannot_be_loaded_is_reported_loudly(monkeypatch, caplog) -> None:
    # GIVEN a deployment that names a part it does not have
    monkeypatch.setenv("PRIVACY_ERASERS", "no_such_part.rows")
    erasers.forget()
    try:
        # WHEN privacy looks for its erasers
        with caplog.at_level(logging.ERROR, logger="privacy.erasers"):
            found = erasers.erasers()
    finally:
        erasers.forget()
    # THEN it goes on without it, with an error that names the setting
    assert found == [] and "PRIVACY_ERASERS" in caplog.text
