"""The REST channel (which trusts the sender id) answers only callers with the shared
secret; an exposed `rasa run` with development secrets refuses to start. Real Rasa."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import requests

from runner.services import rasa_server
from settings import resolve
from testing.ports import free_port
from tests.conftest import INTERNAL_SECRET as SECRET


def test_rest_refuses_callers_without_the_secret(production_like_rasa):
    url = f"{production_like_rasa}/webhooks/rest/webhook"
    body = {"sender": f"telegram:{uuid.uuid4().int % 10**9}", "message": "hoi"}
    assert requests.post(url, json=body, timeout=60).status_code == 403
    wrong = requests.post(url, json=body, headers={"X-Internal-Secret": "s" * 39 + "t"},
                          timeout=60)
    assert wrong.status_code == 403
    answered = requests.post(url, json=body, headers={"X-Internal-Secret": SECRET}, timeout=60)
    assert answered.status_code == 200 and answered.json(), answered.text
    # The widget's channel is not affected.
    polling = requests.get(f"{production_like_rasa}/socket.io/", params={"EIO": "4",
                           "transport": "polling"}, timeout=30)
    assert polling.status_code == 200


def test_exposed_rasa_with_development_token_refuses_to_start(tmp_path: Path, trained_model):
    settings = resolve({**os.environ, "DATA_DIR": str(tmp_path), "RASA_PORT": str(free_port()),
                        "BIND_HOST": "0.0.0.0", "RASA_API_TOKEN": "dev-token-change-me",
                        "INTERNAL_API_SECRET": SECRET, "ALLOWED_ORIGINS": "https://a.example"})
    service = rasa_server(settings, trained_model)
    done = subprocess.run(service.argv, env=service.env, capture_output=True, text=True,
                          timeout=180, cwd=Path(__file__).resolve().parents[2])
    output = done.stdout + done.stderr
    assert done.returncode != 0, output[-3000:]
    assert "RASA_API_TOKEN" in output and "development default" in output
