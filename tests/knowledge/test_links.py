"""The link check against a local HTTP server: HEAD, GET when HEAD is refused, redirects,
dead links, a URL nobody answers, and the results stored for the console dashboard."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from knowledge import links
from knowledge.contacts import ContactStore
from settings import REPO_ROOT
from testing.ports import free_port
from tests.knowledge.conftest import FIXTURES


class _Site(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path == "/redirect":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_each_kind_of_answer_is_judged_right(site: str) -> None:
    dead_port = free_port()  # nothing listens here
    results = {r["url"]: r for r in links.check_all(
        [f"{site}/ok", f"{site}/no-head", f"{site}/redirect", f"{site}/gone",
         f"http://127.0.0.1:{dead_port}/"], timeout=3)}
    assert results[f"{site}/ok"]["ok"] and results[f"{site}/ok"]["method"] == "HEAD"
    assert results[f"{site}/no-head"]["ok"] and results[f"{site}/no-head"]["method"] == "GET"
    assert results[f"{site}/redirect"]["final_url"] == f"{site}/ok"
    assert not results[f"{site}/gone"]["ok"] and results[f"{site}/gone"]["status"] == 404
    nobody = results[f"http://127.0.0.1:{dead_port}/"]
    assert not nobody["ok"] and nobody["status"] is None and nobody["error"]


def test_the_command_reports_every_url_stores_results_and_fails_on_a_dead_one(
        site: str, tmp_path: Path) -> None:
    # GIVEN data files whose contacts and routes point at the local site, one of them gone
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    for name in ("contacts.csv", "routes.csv"):
        text = (data / name).read_text("utf-8")
        text = text.replace("https://www.example.nl/wc-fr", f"{site}/gone")
        text = text.replace("https://www.", f"{site}/redirect?")
        (data / name).write_text(text, "utf-8")
    store_url = f"sqlite:///{tmp_path / 'console.db'}"
    env = {**os.environ, "KNOWLEDGE_DATA_DIR": str(data), "DATA_DIR": str(tmp_path),
           "ESCO_DIR": "", "CONTACTS_DATABASE_URL": store_url, "PYTHONPATH": str(REPO_ROOT)}
    # WHEN the link check runs
    done = subprocess.run([sys.executable, "-m", "knowledge", "check-links", "--json",
                           "--timeout", "3"], env=env, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300)
    # THEN it exits non-zero, lists every URL and stores the result for the dashboard
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["dead"] == 1 and report["total"] == len(report["results"]) > 3
    assert [r["url"] for r in report["results"] if not r["ok"]] == [f"{site}/gone"]
    stored = ContactStore.open(store_url).link_results()
    assert stored[f"{site}/gone"]["ok"] is False and len(stored) == report["total"]
