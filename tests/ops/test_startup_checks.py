"""An exposed start with development secrets stops at once and names the setting."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from runner.startup_checks import MIN_SECRET_LENGTH, check, exposure, problems
from settings import REPO_ROOT

STRONG = "x" * MIN_SECRET_LENGTH
SAFE = {"RASA_API_TOKEN": "t" + STRONG, "INTERNAL_API_SECRET": "i" + STRONG,
        "CONSOLE_SECRET_KEY": "c" + STRONG, "ALLOWED_ORIGINS": "https://www.example.nl"}


def _env(**extra: str) -> dict[str, str]:
    # TRAINED_MODEL (set by scripts/test.sh) would let the runner skip the training config.
    env = {k: v for k, v in os.environ.items()
           if k not in {*SAFE, "BIND_HOST", "LB_HOST", "PUBLIC_BASE_URL", "TRAINED_MODEL"}}
    env.update(extra)
    return env


def test_loopback_development_needs_no_secrets():
    assert problems({"BIND_HOST": "127.0.0.1"}) == []
    assert problems({"BIND_HOST": "::1", "PUBLIC_BASE_URL": "http://localhost:8000"}) == []


@pytest.mark.parametrize("exposed", [{"BIND_HOST": "0.0.0.0"}, {"LB_HOST": "10.1.2.3"},
                                     {"PUBLIC_BASE_URL": "https://coach.example.nl"},
                                     {"BIND_HOST": "coach.example.nl"}])
def test_every_way_of_being_exposed_counts(exposed):
    assert exposure(exposed)
    assert problems({**exposed, **SAFE}) == []


@pytest.mark.parametrize(("key", "value", "why"), [
    ("RASA_API_TOKEN", "dev-token-change-me", "development default"),
    ("RASA_API_TOKEN", "short-token", "shorter than 32"),
    ("RASA_API_TOKEN", "", "development default"),
    ("CONSOLE_SECRET_KEY", "", "not set"),
    ("INTERNAL_API_SECRET", "abc", "shorter than 32"),
    ("ALLOWED_ORIGINS", "*", "'*'"),
    ("ALLOWED_ORIGINS", "https://a.nl, *", "'*'"),
])
def test_each_unsafe_setting_is_named(key, value, why):
    found = problems({"BIND_HOST": "0.0.0.0", **SAFE, key: value})
    assert len(found) == 1 and found[0].startswith(key) and why in found[0]


def test_roles_check_what_they_use():
    env = {"BIND_HOST": "0.0.0.0", **SAFE, "CONSOLE_SECRET_KEY": ""}
    assert problems(env, "rasa") == [] and problems(env, "telegram") == []
    assert problems(env, "web") and problems(env, "all")
    with pytest.raises(SystemExit) as refused:
        check(env, "web")
    assert refused.value.code == 2 and "CONSOLE_SECRET_KEY" in str(refused.value.args[0])


def _run_until_exit(argv: list[str], env: dict[str, str], deadline: float = 60) -> tuple[int, str]:
    """Runs argv; fails when it is still running at the deadline (it must stop at once)."""
    process = subprocess.Popen(argv, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"{argv} kept running instead of refusing:\n{output[-2000:]}")
    return process.returncode, output


def test_runner_refuses_public_bind_with_default_token_before_training():
    started = time.monotonic()
    # A model dir that does not exist: if the check came after training, training would start.
    code, output = _run_until_exit(
        [sys.executable, "-m", "runner"],
        _env(BIND_HOST="0.0.0.0", MODEL_DIR=str(REPO_ROOT / "var" / "no-such-model-dir"),
             PYTHONPATH=str(REPO_ROOT)))
    assert code == 2, output
    assert "RASA_API_TOKEN" in output and "development default" in output
    assert "CONSOLE_SECRET_KEY" in output and "ALLOWED_ORIGINS" in output
    assert "training" not in output.lower()
    assert time.monotonic() - started < 60
    assert not (REPO_ROOT / "var" / "no-such-model-dir").exists()


def test_make_run_target_checks_before_setup():
    # `make run` must stop before the setup and training: its first prerequisite checks.
    makefile = (REPO_ROOT / "Makefile").read_text()
    run_line = next(line for line in makefile.splitlines() if line.startswith("run:"))
    assert run_line.split(":", 1)[1].split()[0] == "safe"
    code, output = _run_until_exit(["make", "--no-print-directory", "safe"],
                                   _env(BIND_HOST="0.0.0.0"))
    assert code != 0 and "RASA_API_TOKEN" in output


def test_web_server_refuses_https_without_console_secret():
    code, output = _run_until_exit(
        [sys.executable, "-m", "web"],
        _env(PUBLIC_BASE_URL="https://coach.example.nl", PYTHONPATH=str(REPO_ROOT),
             WEB_PORT="1"))
    assert code == 2 and "CONSOLE_SECRET_KEY" in output and "ALLOWED_ORIGINS" in output


def test_telegram_bridge_refuses_exposed_start_without_internal_secret():
    code, output = _run_until_exit(
        [sys.executable, "-m", "telegram_bridge"],
        _env(BIND_HOST="0.0.0.0", TELEGRAM_BOT_TOKEN="123:abc", PYTHONPATH=str(REPO_ROOT)))
    assert code == 2 and "INTERNAL_API_SECRET" in output


def test_runner_accepts_an_exposed_start_with_every_secret_set():
    # The runner hands the whole environment to the check (INTERNAL_API_SECRET is not one
    # of the resolved settings). With every secret set it passes the check and goes on;
    # a missing training config then stops it right there, before anything heavy.
    code, output = _run_until_exit(
        [sys.executable, "-m", "runner"],
        _env(BIND_HOST="0.0.0.0", PYTHONPATH=str(REPO_ROOT), RASA_CONFIG="no-such-config.yml",
             **SAFE))
    assert "refusing to start" not in output
    assert code != 0 and "no-such-config.yml" in output
