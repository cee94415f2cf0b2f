"""No message text and no secret reaches a log line, also on the paths where Rasa and
SQLAlchemy write them: a REST turn that times out, a turn that fails on a database error,
and a caught database error logged with its traceback."""

from __future__ import annotations

import subprocess
import sys

import requests

from observability.redact import clean
from runner import process as proc
from settings import REPO_ROOT
from testing.ports import free_port
from tests.web.conftest import _wait_http

TEXT = "ik heet Ria de Vries en mijn nummer is 0612345678"


def test_timeout_and_database_errors_leave_no_message_text_in_the_log(tmp_path):
    port, log = free_port(), tmp_path / "probe.log"
    with log.open("w") as sink:
        server = subprocess.Popen([sys.executable, "-m", "tests.ops.log_probe_server",
                                   str(port)], cwd=REPO_ROOT, stdout=sink,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_http(url + "/", server, 60)
            # WHEN one turn times out, one fails on an SQL error and one logs a caught
            # SQL error with its traceback and a tokened URL
            for prefix in ("timeout", "sql", "stdlib"):
                done = requests.post(f"{url}/webhooks/rest/webhook", timeout=30,
                                     json={"sender": "probe", "message": f"{prefix} {TEXT}"})
                assert done.status_code == 200
        finally:
            proc.stop([server], grace=5)
    written = log.read_text()
    # THEN the failures are logged (the paths really ran) ...
    assert "rest.message.received.timeout" in written
    assert "rest.message.received.failure" in written
    assert "lookup failed" in written and "OperationalError" in written
    # ... without the person's words or the token
    assert "0612345678" not in written and "Ria de Vries" not in written
    assert "s3cr3t-tok3n" not in written


def test_cleaning_keeps_the_shape_of_a_line():
    line = "GET /x?token=abc&sender=1 with Bearer abc.def and postgresql://u:pw@h/db"
    assert clean(line) == ("GET /x?token=[weggelaten]&sender=1 with Bearer [weggelaten] and "
                           "postgresql://u:[weggelaten]@h/db")


def test_rasas_api_token_may_come_in_a_header_instead_of_the_url(tmp_path):
    from tests.ops.log_probe_server import API_TOKEN

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "tests.ops.log_probe_server", str(port)],
                              cwd=REPO_ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_http(url + "/", server, 60)
        tracker = f"{url}/conversations/abc/tracker"
        # WHEN the console sends the token as a header (nothing secret in the URL)
        header = requests.get(tracker, headers={"X-Rasa-Token": API_TOKEN}, timeout=30)
        # THEN Rasa's own check accepts it, and refuses a wrong or missing one
        assert header.status_code == 200 and header.json()["sender_id"] == "abc"
        assert requests.get(tracker, headers={"X-Rasa-Token": "wrong"},
                            timeout=30).status_code == 401
        assert requests.get(tracker, timeout=30).status_code == 401
        # AND the query form still works for callers that use it
        assert requests.get(tracker, params={"token": API_TOKEN}, timeout=30).status_code == 200
    finally:
        proc.stop([server], grace=5)

