"""/metrics in Prometheus format on the action server and the web server; /healthz checks
the databases; JSON logs on request. Real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import requests
from prometheus_client.parser import text_string_to_metric_families

from runner import process as proc
from runner.services import web_server as web_service
from settings import REPO_ROOT, resolve
from testing.ports import free_port


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_action_server_counts_turns_replies_and_latency(rasa_stack):
    sender = rasa_stack.new_sender("metrics")
    before = _samples(requests.get(f"{rasa_stack.action_url}/metrics", timeout=10).text)
    rasa_stack.send(sender, "hoi")
    rasa_stack.send(sender, "asdf qwerty zxcv")
    response = requests.get(f"{rasa_stack.action_url}/metrics", timeout=10)
    assert response.ok and response.headers["Content-Type"].startswith("text/plain")
    after = _samples(response.text)

    def grew(name: str, labels: tuple = ()) -> float:
        return after.get((name, labels), 0) - before.get((name, labels), 0)

    assert grew("overstap_turns_total") >= 2
    assert sum(v for (n, _l), v in after.items() if n == "overstap_replies_total") > 0
    latency = [k for k in after if k[0] == "overstap_action_seconds_count"]
    assert latency and all(after[k] > 0 for k in latency)
    # no sender id ever appears in a label
    assert sender not in response.text


def test_web_server_metrics_and_database_health(web_server):
    health = requests.get(f"{web_server.url}/healthz", timeout=10)
    assert health.status_code == 200
    assert set(health.json()["databases"]) == {"tracker", "knowledge", "console"}
    requests.get(f"{web_server.url}/kaart/geheim-token-123", timeout=10)
    text = requests.get(f"{web_server.url}/metrics", timeout=10).text
    samples = _samples(text)
    routes = {dict(labels).get("route") for (name, labels) in samples
              if name == "overstap_web_requests_total"}
    assert "/healthz" in routes
    assert "geheim-token-123" not in text  # route patterns only, never tokens


def test_healthz_fails_when_a_database_is_unreachable(tmp_path):
    settings = resolve({**os.environ, "DATA_DIR": str(tmp_path), "WEB_PORT": str(free_port()),
                        # nothing listens here: the knowledge base is unreachable
                        "DATABASE_URL":
                            f"postgresql://nobody:x@127.0.0.1:{free_port()}/knowledge"})
    service = web_service(settings)
    process = proc.start(service, lambda _line: None)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                answer = requests.get(service.health_url, timeout=10)
                break
            except requests.ConnectionError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert answer.status_code == 503
        assert answer.json()["databases"]["knowledge"] == "OperationalError"
        assert answer.json()["databases"]["tracker"] in ("ok", "not created yet")
    finally:
        proc.stop([process])


def test_json_logs_on_request():
    code = ("import logging; from observability.logs import configure; configure('x'); "
            "logging.getLogger('t').info('hallo %s', 'wereld')")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True,
                         text=True, env={**os.environ, "LOG_FORMAT": "json",
                                         "PYTHONPATH": str(REPO_ROOT)})
    line = json.loads(out.stderr.strip().splitlines()[-1])
    assert line["event"] == "hallo wereld" and line["level"] == "info"
    assert line["service"] == "x" and "timestamp" in line
