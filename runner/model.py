"""Trains the Rasa model only when no model matches the current training inputs.

Models are named by a hash of everything that shapes them, so a stale model is
never served and an unchanged tree never retrains (`make test` twice = one train).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, List, Mapping

from settings import REPO_ROOT, child_env
from settings.operations import RunnerSettings

TRAINING_INPUTS = ("domain.yml", "requirements.lock")
TRAINING_DIRS = ("bot/data", "bot/components")


def _spacy_model_marker(python: str) -> bytes:
    # Installing nl_core_news_sm later must produce a new model, not reuse the blank one.
    out = subprocess.run(
        [python, "-c", "import spacy; print(spacy.util.is_package('nl_core_news_sm'))"],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().encode()


def _files(config: str) -> Iterable[Path]:
    yield REPO_ROOT / config
    for name in TRAINING_INPUTS:
        path = REPO_ROOT / name
        if path.exists():
            yield path
    for directory in TRAINING_DIRS:
        root = REPO_ROOT / directory
        if root.is_dir():
            yield from sorted(
                p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            )


def training_hash(config: str = "config.yml", python: str = sys.executable) -> str:
    digest = hashlib.sha256()
    for path in _files(config):
        digest.update(str(path.relative_to(REPO_ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(_spacy_model_marker(python))
    return digest.hexdigest()[:16]


def model_path(settings: Mapping[str, str]) -> Path:
    config = settings.get("RASA_CONFIG", "config.yml")
    tag = Path(config).stem
    return Path(settings["MODEL_DIR"]) / f"bot-{tag}-{training_hash(config)}.tar.gz"


def ensure_model(settings: Mapping[str, str]) -> Path:
    """Returns a model for the current inputs, training one when none exists.

    `TRAINED_MODEL` (set by scripts/test.sh after its training step) names the model
    to use, so every part of one test run serves the same model.
    """
    given = settings.get("TRAINED_MODEL") or RunnerSettings.from_env().trained_model
    if given and Path(given).exists():
        return Path(given)
    path = model_path(settings)
    if path.exists():
        print(f"[train] model up to date: {path.name}", file=sys.stderr, flush=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # One training per fingerprint on this machine: worktrees share models/, and parallel
    # test processes may all ask at once. The others wait for the lock, then find the model.
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            print(f"[train] model trained meanwhile: {path.name}", file=sys.stderr, flush=True)
            return path
        _train(settings, path)
    return path


def _train(settings: Mapping[str, str], path: Path) -> None:
    # Train into a private folder and rename: a reader never sees a half-written model.
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".training-") as out:
        rasa = str(Path(sys.executable).parent / "rasa")
        cmd: List[str] = [
            rasa, "train",
            "--data", "bot/data",
            "--domain", "domain.yml",
            "--config", settings.get("RASA_CONFIG", "config.yml"),
            "--out", out,
            "--fixed-model-name", path.name[: -len(".tar.gz")],
        ]
        print(f"[train] no model for these inputs; training {path.name}", file=sys.stderr,
              flush=True)
        started = time.monotonic()
        # Progress goes to stderr: stdout carries results (the model path of `main`, the
        # markdown of a benchmark that trains on the way).
        subprocess.run(cmd, cwd=REPO_ROOT, env=child_env(settings), check=True,
                       stdout=sys.stderr)
        os.replace(Path(out) / path.name, path)
        print(f"[train] trained in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)


def main() -> None:
    from settings import resolve

    print(ensure_model(resolve()))


if __name__ == "__main__":
    main()
