"""The image and compose topology an operator runs: no secrets or data in the image, no
build tools at runtime, one shared image, healthchecks, least-privilege databases."""

from __future__ import annotations

import fnmatch
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading

import yaml

from settings import REPO_ROOT
from testing.ports import free_port

DEPLOY = REPO_ROOT / "deploy"
APP_SERVICES = ("actions1", "actions2", "rasa1", "rasa2", "web", "retention", "telegram")


def _compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def _dockerignored(path: str) -> bool:
    """Docker's rule, simplified: a pattern matches the path or one of its parents."""
    patterns = [line.strip() for line in (REPO_ROOT / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        for prefix in prefixes:
            if fnmatch.fnmatch(prefix, pattern):
                return True
            if pattern.startswith("**/") and fnmatch.fnmatch(prefix.split("/")[-1], pattern[3:]):
                return True
    return False


def test_build_context_leaves_out_secrets_data_and_tooling():
    for path in ("deploy/.env", ".env", "var/console.db", "var/tracker.db", "var/prod/pgdata",
                 ".git/config", ".venv/bin/python", "models/bot-config-1.tar.gz",
                 "web/widget/node_modules/esbuild/package.json",
                 "tests/web/webchat/node_modules/x.js", "tests/conftest.py",
                 "bot/__pycache__/x.pyc", "knowledge.sqlite", "test-artifacts/trace.zip"):
        assert _dockerignored(path), path
    for path in ("bot/actions/after_profile.py", "domain.yml", "requirements-runtime.lock",
                 "web/widget/src/widget.js", "deploy/healthcheck.py", "credentials.yml"):
        assert not _dockerignored(path), path


def test_env_files_are_never_committed():
    for path in ("deploy/.env", ".env", "deploy/prod.env"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO_ROOT)
        assert ignored.returncode == 0, path


def _stages() -> dict[str, str]:
    text = (DEPLOY / "Dockerfile").read_text()
    stages: dict[str, str] = {}
    for block in re.split(r"^(?=FROM )", text, flags=re.M)[1:]:
        name = re.match(r"FROM \S+(?: AS (\S+))?", block).group(1) or "?"
        stages[name] = block
    return stages


def test_runtime_stage_has_no_build_or_test_tools():
    stages = _stages()
    assert list(stages)[-1] == "runtime" and len(stages) >= 4
    runtime = stages["runtime"]
    for tool in ("npm", "node", "pytest", "playwright", "ruff", "apt-get"):
        assert not re.search(rf"\b{tool}\b", runtime.replace("node_modules", "")), tool
    deps = stages["deps"]
    assert "--require-hashes" in deps and "requirements-runtime.lock" in deps
    runtime_lock = (REPO_ROOT / "requirements-runtime.lock").read_text().lower()
    for tool in ("pytest", "playwright", "ruff", "hypothesis"):
        assert not re.search(rf"^{tool}==", runtime_lock, re.M), tool
    assert "RASA_TELEMETRY_ENABLED=false" in runtime
    # The ESCO export comes from a named build context, not from the repository.
    assert "COPY --from=esco" in runtime and "occupations_nl.csv" in runtime
    assert "USER app" in runtime


def test_spacy_model_only_from_its_release_url_or_a_local_wheel_dir():
    # Nobody publishes nl_core_news_sm on the package index: whoever registers the name
    # would run code in every setup. Only spaCy's release URL or a local wheel may be used.
    release = "https://github.com/explosion/spacy-models/releases/download/nl_core_news_sm-3.4.0/"
    for path in (DEPLOY / "Dockerfile", REPO_ROOT / "scripts" / "setup.sh"):
        text = path.read_text()
        assert release in text, path
        bare = re.search(r"pip[^\n]*install[^\n]*[\s\"']nl_core_news_sm([<>=~\s\"']|$)", text,
                         re.M)
        assert bare is None, f"{path}: {bare.group(0) if bare else ''}"
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text()
    assert "SPACY_WHEEL_DIR" in setup and "WARNING" in setup


def test_compose_one_image_healthchecks_and_one_shot_build():
    compose = _compose()
    services = compose["services"]
    builders = [name for name, s in services.items() if "build" in s]
    assert builders == ["kb-build"]
    image = services["kb-build"]["image"]
    for name in APP_SERVICES:
        assert services[name]["image"] == image, name
        if name != "telegram":
            assert services[name].get("depends_on", {}).get("kb-build") == {
                "condition": "service_completed_successfully"} or name.startswith("rasa"), name
    assert services["rasa1"]["depends_on"]["kb-build"]["condition"] == \
        "service_completed_successfully"
    assert services["kb-build"]["command"][-2:] == ["knowledge", "build"]
    assert services["kb-build"]["build"]["additional_contexts"]["esco"]
    for name in ("postgres", "redis", "rasa1", "actions1", "web", "lb"):
        assert "test" in services[name]["healthcheck"], name
    # Only nginx's public listener and the web server are published, on loopback only.
    published = {name: s["ports"] for name, s in services.items() if "ports" in s}
    assert published == {"lb": ["127.0.0.1:8080:8080"], "web": ["127.0.0.1:8000:8000"]}
    env = services["web"]["environment"]
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["RASA_URL"] == "http://lb:8082"  # internal listener


def test_databases_use_roles_scram_and_redis_a_password():
    compose = _compose()
    services = compose["services"]
    pg = services["postgres"]["environment"]
    assert pg["POSTGRES_HOST_AUTH_METHOD"] == "scram-sha-256"
    assert "scram-sha-256" in pg["POSTGRES_INITDB_ARGS"]
    assert "--requirepass" in " ".join(services["redis"]["command"])
    assert "password: ${REDIS_PASSWORD}" in (DEPLOY / "endpoints.prod.yml").read_text()
    text = (DEPLOY / "docker-compose.yml").read_text()
    assert "trust" not in text
    web = services["web"]["environment"]
    assert "PG_PASSWORD" not in web  # only Rasa holds the tracker owner's password
    assert web["DATABASE_URL"].startswith("postgresql://kb_reader:")
    init = (DEPLOY / "initdb" / "10-databases.sh").read_text()
    for role in ("tracker", "kb_owner", "kb_reader", "console"):
        assert f"CREATE ROLE {role} LOGIN" in init
    assert "GRANT SELECT ON TABLES TO kb_reader" in init


def _compose_cli() -> list[str] | None:
    docker = shutil.which("docker")
    if docker:
        plugin = subprocess.run([docker, "compose", "version"], capture_output=True)
        if plugin.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_compose_config_validates_when_a_compose_cli_exists():
    """`docker compose config` (Docker may be absent: then YAML anchors and variables
    are checked here, which is what `config` resolves first)."""
    env = {**os.environ, **{k: "x" * 40 for k in (
        "RASA_API_TOKEN", "INTERNAL_API_SECRET", "PG_TRACKER_PASSWORD", "PG_CONSOLE_PASSWORD",
        "PG_KB_READER_PASSWORD", "PG_KB_OWNER_PASSWORD", "PG_ADMIN_PASSWORD", "REDIS_PASSWORD",
        "CONSOLE_SECRET_KEY", "TELEGRAM_OUTBOX_TOKEN", "PSEUDONYM_KEY")},
        "ALLOWED_ORIGINS": "https://a.example", "PUBLIC_BASE_URL": "https://a.example",
        "RASA_PUBLIC_URL": "https://a.example"}
    cli = _compose_cli()
    if cli:
        done = subprocess.run([*cli, "-f", str(DEPLOY / "docker-compose.yml"), "config", "-q"],
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    text = (DEPLOY / "docker-compose.yml").read_text()
    required = set(re.findall(r"\$\{(\w+):\?", text))
    used = set(re.findall(r"\$\{(\w+)", text))
    assert required <= set(env) and used <= set(env) | {"IMAGE", "ESCO_DIR", "RETENTION_DAYS",
                                                         "TELEGRAM_BOT_TOKEN"}
    example = (DEPLOY / "example.env").read_text()
    for name in required:
        assert re.search(rf"^{name}=", example, re.M), f"{name} missing in deploy/example.env"


class _Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200 if self.path == "/healthz" else 503)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return


def test_container_healthcheck_script():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    run = [sys.executable, "-m", "deploy.healthcheck"]
    try:
        ok = subprocess.run([*run, f"http://127.0.0.1:{port}/healthz"], cwd=REPO_ROOT)
        sick = subprocess.run([*run, f"http://127.0.0.1:{port}/other"], cwd=REPO_ROOT,
                              capture_output=True)
        down = subprocess.run([*run, f"http://127.0.0.1:{free_port()}/healthz"], cwd=REPO_ROOT,
                              capture_output=True)
    finally:
        server.shutdown()
    assert (ok.returncode, sick.returncode, down.returncode) == (0, 1, 1)


def test_operations_doc_audit_table_follows_the_lock():
    from scripts.audit_table import table

    doc = (REPO_ROOT / "docs" / "operations.md").read_text()
    inside = doc.split("<!-- AUDIT -->\n", 1)[1].split("\n<!-- /AUDIT -->", 1)[0]
    assert inside.strip() == table().strip(), "run: python scripts/audit_table.py"
    for topic in ("HSTS", "X-Forwarded-For", "Restricting `/console`", "create-user",
                  "pg_dumpall", "Upgrades"):
        assert topic in doc, topic


def test_locks_carry_hashes_for_every_package():
    for name in ("requirements.lock", "requirements-runtime.lock"):
        text = (REPO_ROOT / name).read_text()
        hashes = r"((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)"
        pins = re.findall(r"^([A-Za-z0-9_.-]+)==\S+ \\\n" + hashes, text, re.M)
        entries = re.findall(r"^[A-Za-z0-9_.-]+==", text, re.M)
        assert entries and len(pins) == len(entries), name
    setup = (REPO_ROOT / "scripts" / "setup.sh").read_text()
    assert "--require-hashes -r requirements.lock" in setup
