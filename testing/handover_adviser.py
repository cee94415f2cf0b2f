"""Helpers for the live-handover tests: console accounts, an adviser's HTTP session, tracker
checks, and polling with deadlines (never sleeping to synchronise)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import requests

from settings import child_env

REPO_ROOT = Path(__file__).resolve().parents[1]
ADVISER = ("anna.devries", "Anna-wachtwoord-123")
ADMIN = ("bea", "Bea-wachtwoord-1234")
T = TypeVar("T")


def wait_until(check: Callable[[], T], timeout: float = 30, what: str = "a condition",
               interval: float = 0.1) -> T:
    """The first truthy result of `check()`, polled until the deadline."""
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)  # polling interval, not a sleep-as-sync
    raise AssertionError(f"timed out waiting for {what}; last: {last!r}")


def create_user(settings: dict[str, str], user: tuple[str, str], role: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "console", "create-user", user[0], "--role", role,
         "--password-stdin"], input=user[1] + "\n", text=True, capture_output=True,
        env=child_env(settings), cwd=REPO_ROOT, timeout=120)
    assert done.returncode == 0 or "bestaat al" in done.stderr, done.stderr


class Adviser:
    """A console user's logged-in session, calling the live-handover API like a browser."""

    def __init__(self, base_url: str, user: tuple[str, str]) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        form = self.http.get(f"{base_url}/console/login", timeout=10)
        token = csrf_from(form.text)
        done = self.http.post(f"{base_url}/console/login", allow_redirects=False, timeout=10,
                              data={"username": user[0], "password": user[1],
                                    "csrf_token": token})
        assert done.status_code == 302, done.text
        self.csrf = csrf_from(self.http.get(f"{base_url}/console/handovers", timeout=30).text)

    def api(self, sender_id: str, action: str, body: dict[str, Any] | None = None,
            csrf: bool = True) -> requests.Response:
        headers = {"X-CSRF-Token": self.csrf} if csrf else {}
        return self.http.post(
            f"{self.base_url}/console/api/conversations/{quote(sender_id, safe='')}/{action}",
            json=body, headers=headers, timeout=30)

    def take_over(self, sender_id: str, reason: str | None = None) -> dict[str, Any]:
        response = self.api(sender_id, "takeover", {"reason": reason} if reason else None)
        assert response.status_code == 200, response.text
        return response.json()

    def reply(self, sender_id: str, text: str) -> dict[str, Any]:
        response = self.api(sender_id, "reply", {"text": text})
        assert response.status_code == 200, response.text
        return response.json()

    def release(self, sender_id: str) -> dict[str, Any]:
        response = self.api(sender_id, "release")
        assert response.status_code == 200, response.text
        return response.json()

    def live_list(self) -> list[dict[str, Any]]:
        response = self.http.get(f"{self.base_url}/console/api/handovers", timeout=30)
        assert response.status_code == 200, response.text
        return response.json()["items"]


def csrf_from(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "page has no CSRF token"
    return found.group(1)


def events_after_last_user(track: dict[str, Any]) -> list[dict[str, Any]]:
    events = track.get("events", [])
    last = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return events[last + 1:]


def silent_turn_done(track: dict[str, Any], text: str) -> bool:
    """The person's `text` is the latest message and the assistant's turn on it is over."""
    users = [e for e in track.get("events", []) if e.get("event") == "user"]
    after = events_after_last_user(track)
    return bool(users) and users[-1].get("text") == text and bool(after) and \
        after[-1].get("event") == "action" and after[-1].get("name") == "action_listen"


def bot_texts_after_last_user(track: dict[str, Any]) -> list[str]:
    return [e.get("text") or "" for e in events_after_last_user(track) if e.get("event") == "bot"]


def adviser_events(track: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in track.get("events", []) if e.get("event") == "bot"
            and (e.get("metadata") or {}).get("from") == "adviser"]


def resumed(track: dict[str, Any]) -> bool:
    return any(((e.get("data") or {}).get("custom") or {}).get("type") == "handover_resumed"
               for e in track.get("events", []) if e.get("event") == "bot")
