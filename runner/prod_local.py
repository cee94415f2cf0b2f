"""`make prod-local`: the production topology on one machine, from Debian packages.

PostgreSQL (tracker store, knowledge base, console), Redis (lock store and the socket.io
client manager shared by the Rasa instances), two Rasa instances and two action servers
behind nginx (port 8080), the web server on 8000. PROD_ADMIN_USER and PROD_ADMIN_PASSWORD
(12+ characters) create the first console admin.
The same processes serve the scale and fault tests (tests/prod/) and
`make bench-scale`. Ctrl-C stops everything.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional

from deploy.render_nginx import render_nginx
from runner import pg_roles
from runner import process as proc
from runner.model import ensure_model
from runner.services import Service, action_server, rasa_server, web_server
from runner.startup_checks import UnsafeSettings, check
from settings import REPO_ROOT, child_env, resolve
from settings.operations import ProdLocalSettings, process_environment

PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
# Where service output goes; benchmarks set a sink that drops it, so their report stays clean.
SINK: Optional[Callable[[str], None]] = None
PROD_KEYS = ("PG_HOST", "PG_PORT", "PG_DB", "PG_USER", "PG_PASSWORD", "REDIS_HOST", "REDIS_PORT",
             "REDIS_PASSWORD", "CONSOLE_RETENTION",
             "RASA_ENDPOINTS", "TF_INTRA_OP_PARALLELISM_THREADS",
             "TF_INTER_OP_PARALLELISM_THREADS", "SQL_POOL_SIZE", "SQL_MAX_OVERFLOW")


def _pg_bin() -> Path:
    found = sorted(Path("/").glob(PG_BIN_GLOB.lstrip("/")))
    if not found:
        raise SystemExit("PostgreSQL server is not installed: apt-get install postgresql")
    return found[-1]


def _need(binary: str, package: str) -> str:
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if Path(f"/usr/sbin/{binary}").exists()
                                    else None)
    if not path:
        raise SystemExit(f"{binary} is not installed: apt-get install {package}")
    return path


def _as_postgres(argv: List[str]) -> List[str]:
    # PostgreSQL refuses to run as root; the Debian package creates this user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


@dataclass
class Topology:
    settings: Dict[str, str]
    run_dir: Path
    rasa_ports: List[int]
    action_ports: List[int]
    lb_port: int
    actions_lb_port: int
    public_lb_port: int
    pg_port: int
    redis_port: int
    pg_passwords: Dict[str, str] = field(default_factory=dict)
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    services: Dict[str, Service] = field(default_factory=dict)

    @property
    def lb_url(self) -> str:
        return f"http://127.0.0.1:{self.lb_port}"

    @property
    def public_url(self) -> str:
        """The public listener: socket.io only (everything else answers 404)."""
        return f"http://127.0.0.1:{self.public_lb_port}"

    @property
    def pg_url(self) -> str:
        # The console's role: reads (and may delete) the tracker store, like the web server.
        return self.settings["TRACKER_STORE_URL"]


def plan(env: Optional[Mapping[str, str]] = None,
         pick_port: Optional[Callable[[int], int]] = None) -> Topology:
    """`pick_port(default)` chooses each port (tests and benchmarks pass one that claims a
    free port, e.g. from testing.ports); without it the defaults are used."""
    base = process_environment() if env is None else dict(env)
    own = ProdLocalSettings.from_env(base)

    def port(default: int, key: str = "") -> int:
        return own.ports.get(key) or (pick_port(default) if pick_port else default)

    pg_port, redis_port = port(5433, "PG_PORT"), port(6380, "REDIS_PORT")
    lb_port, actions_lb_port = port(8080, "LB_PORT"), port(8081, "ACTIONS_LB_PORT")
    public_lb_port = port(8088, "LB_PUBLIC_PORT")
    rasa_ports = [port(5006 + i) for i in range(own.rasa_instances)]
    action_ports = [port(5056 + i) for i in range(own.action_instances)]
    data_dir = Path(own.data_dir or REPO_ROOT / "var" / "prod")
    pw = pg_roles.passwords(base)
    base.update({
        "DATA_DIR": str(data_dir),
        # Rasa's tracker store as the owner of its database; everyone else by role.
        "PG_HOST": "127.0.0.1", "PG_PORT": str(pg_port), "PG_DB": "rasa",
        "PG_USER": "tracker", "PG_PASSWORD": pw["tracker"],
        **{k: v for k, v in pg_roles.urls(pg_port, pw).items() if k != "KB_BUILD_DATABASE_URL"},
        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis_port),
        # Redis always wants a password, also on loopback (endpoints.prod.yml).
        "REDIS_PASSWORD": base.get("REDIS_PASSWORD") or secrets.token_urlsafe(24),
        "RASA_ENDPOINTS": "deploy/endpoints.prod.yml",
        "ACTION_SERVER_URL": f"http://127.0.0.1:{actions_lb_port}/webhook",
        "RASA_PUBLIC_URL": base.get("RASA_PUBLIC_URL") or f"http://localhost:{public_lb_port}",
        "RASA_URL": f"http://127.0.0.1:{lb_port}",
        # Two Rasa processes share two cores: one TF thread pool each.
        "TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1",
        "SQL_POOL_SIZE": "10", "SQL_MAX_OVERFLOW": "10",
        # The retention job runs as its own process here (retention_job), not in the web server.
        "CONSOLE_RETENTION": "off",
    })
    settings = resolve(base)
    settings.update({k: base[k] for k in PROD_KEYS})
    settings.update({k: base[k] for k in ("LB_HOST", "TRUSTED_PROXIES") if base.get(k)})
    return Topology(settings=settings, run_dir=data_dir / "run", rasa_ports=rasa_ports,
                    action_ports=action_ports, lb_port=lb_port,
                    actions_lb_port=actions_lb_port, public_lb_port=public_lb_port,
                    pg_port=pg_port, redis_port=redis_port, pg_passwords=pw)


def start_postgres(t: Topology) -> None:
    pg = _pg_bin()
    pgdata = Path(t.settings["DATA_DIR"]) / "pgdata"
    sock_dir = t.run_dir / "pgsock"
    sock_dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        os.chown(sock_dir, owner.pw_uid, owner.pw_gid)
        _allow_traverse(pgdata.parent)
    if not (pgdata / "PG_VERSION").exists():
        pgdata.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(pgdata, owner.pw_uid, owner.pw_gid)
        # scram-sha-256 passwords, never `trust` (the admin password comes from a file).
        pwfile = pg_roles.write_pwfile(pgdata.parent / "initdb-pw", t.pg_passwords)
        try:
            subprocess.run(_as_postgres([str(pg / "initdb"), "-D", str(pgdata), "-A",
                                         "scram-sha-256", "--pwfile", str(pwfile),
                                         "-U", "postgres", "--no-sync"]),
                           check=True, capture_output=True)
        finally:
            pwfile.unlink()
    service = Service(
        name="postgres",
        argv=_as_postgres([str(pg / "postgres"), "-D", str(pgdata), "-p", str(t.pg_port),
                           "-k", str(sock_dir), "-c", "listen_addresses=127.0.0.1",
                           "-c", "fsync=on", "-c", "max_connections=200"]),
        env=process_environment(), port=t.pg_port, port_setting="PG_PORT", health_path="")
    t.services["postgres"] = service
    t.processes["postgres"] = proc.start(service, SINK)
    _wait_pg(t, pg)
    psql = [str(pg / "psql"), "-h", "127.0.0.1", "-p", str(t.pg_port), "-U", "postgres",
            "-v", "ON_ERROR_STOP=1", "-qtA"]
    pg_roles.ensure_roles(psql, t.pg_port, t.pg_passwords)


def _allow_traverse(path: Path) -> None:
    """Lets the postgres user reach its data dir inside root-owned 0700 temp dirs."""
    for directory in [path, *path.parents]:
        mode = directory.stat().st_mode
        if not mode & 0o001:
            directory.chmod(mode | 0o001)


def _wait_pg(t: Topology, pg: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = subprocess.run([str(pg / "pg_isready"), "-h", "127.0.0.1", "-p", str(t.pg_port),
                                "-U", "postgres"],
                               capture_output=True)
        if ready.returncode == 0:
            return
        if t.processes["postgres"].poll() is not None:
            raise RuntimeError("postgres exited during start")
        time.sleep(0.2)
    raise TimeoutError("postgres did not become ready")


def stop_postgres(t: Topology) -> None:
    """Fast shutdown (SIGINT): the default smart shutdown waits for Rasa's pooled
    connections to close, which they never do."""
    process = t.processes.pop("postgres")
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        pass
    proc.stop([process])


def restart_postgres(t: Topology) -> None:
    stop_postgres(t)
    start_postgres(t)


def start_redis(t: Topology) -> None:
    service = Service(
        name="redis",
        argv=[_need("redis-server", "redis-server"), "--port", str(t.redis_port),
              "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
              "--requirepass", t.settings["REDIS_PASSWORD"]],
        env=process_environment(), port=t.redis_port, port_setting="REDIS_PORT", health_path="")
    t.services["redis"] = service
    t.processes["redis"] = proc.start(service, SINK)


def nginx_conf(t: Topology) -> str:
    """deploy/render_nginx.py's configuration with this machine's ports and processes."""
    return render_nginx(
        {"RUN_DIR": str(t.run_dir), "LB_HOST": t.settings.get("LB_HOST", "127.0.0.1"),
         "LB_PORT": t.lb_port, "LB_PUBLIC_PORT": t.public_lb_port,
         "ACTIONS_LB_PORT": t.actions_lb_port},
        [f"127.0.0.1:{p}" for p in t.rasa_ports], [f"127.0.0.1:{p}" for p in t.action_ports],
        # The TLS terminator in front; by default one on this machine.
        t.settings.get("TRUSTED_PROXIES", "127.0.0.1"))


def start_nginx(t: Topology) -> None:
    t.run_dir.mkdir(parents=True, exist_ok=True)
    conf = nginx_conf(t)
    path = t.run_dir / "nginx.conf"
    path.write_text(conf)
    service = Service(name="nginx",
                      argv=[_need("nginx", "nginx"), "-c", str(path), "-p", str(t.run_dir),
                            "-g", "daemon off;"],
                      env=process_environment(), port=t.lb_port, port_setting="LB_PORT",
                      health_path="")
    t.services["nginx"] = service
    t.processes["nginx"] = proc.start(service, SINK)


def action_instance(t: Topology, i: int) -> Service:
    s = action_server({**t.settings, "ACTION_PORT": str(t.action_ports[i])})
    s.name = f"actions{i + 1}"
    return s


def rasa_instance(t: Topology, i: int, model: Path) -> Service:
    s = rasa_server({**t.settings, "RASA_PORT": str(t.rasa_ports[i])}, model)
    s.name = f"rasa{i + 1}"
    return s


def start_service(t: Topology, service: Service, timeout: float = 300) -> None:
    t.services[service.name] = service
    t.processes[service.name] = proc.start(service, SINK)
    proc.wait_healthy(service, t.processes[service.name], timeout)


def start_services(t: Topology, services: list[Service], timeout: float = 300) -> None:
    """Start all at once, then wait for each: loading runs on every core at the same time."""
    for service in services:
        t.services[service.name] = service
        t.processes[service.name] = proc.start(service, SINK)
    for service in services:
        proc.wait_healthy(service, t.processes[service.name], timeout)


def stop_service(t: Topology, name: str, hard: bool = False) -> None:
    process = t.processes.pop(name)
    if hard:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    else:
        proc.stop([process])


def start_all(t: Topology, with_web: bool = True) -> None:
    Path(t.settings["DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    model = ensure_model(t.settings)
    start_postgres(t)
    start_redis(t)
    build_knowledge(t)
    start_services(t, [action_instance(t, i) for i in range(len(t.action_ports))], 120)
    start_nginx(t)
    start_services(t, [rasa_instance(t, i, model) for i in range(len(t.rasa_ports))])
    if with_web:
        web = web_server(t.settings)
        start_service(t, web, 60)
        start_service(t, retention_job(t), 10)
        create_admin(t)


def create_admin(t: Topology, env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """The first console admin from PROD_ADMIN_USER / PROD_ADMIN_PASSWORD (demos, tests).

    Returns the user name, or None when the variables are not set. An existing account
    is left as it is (a restart on the same DATA_DIR keeps its password).
    """
    own = ProdLocalSettings.from_env(env)
    name, password = own.admin_user, own.admin_password
    if not name or not password:
        return None
    done = subprocess.run(
        [sys.executable, "-m", "console", "create-user", name, "--role", "admin",
         "--password-stdin"],
        cwd=REPO_ROOT, env=child_env(t.settings), input=password + "\n", text=True,
        capture_output=True)
    if done.returncode != 0 and "bestaat al" not in done.stderr:
        raise RuntimeError(f"console admin not created: {done.stderr.strip()}")
    return name


def retention_job(t: Topology) -> Service:
    """Retention as its own scheduled process (privacy/retention.py), as in compose."""
    every = t.settings.get("RETENTION_EVERY_SECONDS", "3600")
    return Service(name="retention",
                   argv=[sys.executable, "-m", "privacy.retention", "--every", every],
                   env=child_env(t.settings), port=0, port_setting="", health_path="")


def build_knowledge(t: Topology) -> None:
    # Only the build writes the knowledge base (as its owner); the services read it.
    owner = pg_roles.urls(t.pg_port, t.pg_passwords)["KB_BUILD_DATABASE_URL"]
    env = {**child_env(t.settings), "DATABASE_URL": owner}
    subprocess.run([sys.executable, "-m", "knowledge", "build"], cwd=REPO_ROOT, env=env,
                   check=True)


def stop_all(t: Topology) -> None:
    proc.stop([p for n, p in t.processes.items() if n != "postgres"])
    if "postgres" in t.processes:
        stop_postgres(t)
    t.processes.clear()


def main() -> int:
    t = plan()
    try:
        # An exposed topology never starts with development secrets.
        check({**process_environment(), **t.settings})
    except UnsafeSettings as refused:
        proc.eprint(str(refused.args[0]))
        return 2
    def terminate(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)
    try:
        start_all(t)
        print(f"[prod-local] ready: public {t.public_url} (socket.io only), internal "
              f"{t.lb_url} (REST, HTTP API), web "
              f"{t.settings['PUBLIC_BASE_URL']}, PostgreSQL :{t.pg_port}, Redis :{t.redis_port}"
              " (Ctrl-C stops all)", flush=True)
        while True:
            for name, p in t.processes.items():
                if p.poll() is not None:
                    proc.eprint(f"[prod-local] {name} stopped (exit {p.returncode})")
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    finally:
        print("[prod-local] stopping", flush=True)
        stop_all(t)


if __name__ == "__main__":
    sys.exit(main())
