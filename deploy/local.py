"""The shared deployment on this machine, without containers: a throwaway PostgreSQL cluster, N app
replicas (``streamlit run app.py``) and nginx in front with ``deploy/nginx.conf``, all on loopback,
from Debian's packages (``apt-get install -y nginx postgresql``).

    python -m deploy.local up --replicas 2 [--secrets FILE] [--state DIR]
    python -m deploy.local down [--state DIR]
    python -m deploy.local db stop|start [--state DIR]   # a database outage, for trying it

``up`` waits until every replica and the proxy answer ``/_stcore/health`` and prints one JSON line:
``url``, ``replicas`` ([{pid, port}]), ``database_url``, ``state`` (the run folder), ``nginx_pid``.
``down`` stops everything ``up`` started (the pids are in the run folder) and deletes the folder.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SITE_TEMPLATE = Path(__file__).with_name("nginx.conf")
DEFAULT_STATE = Path(os.environ.get("TMPDIR", "/tmp")) / "planner-deploy"
STATE_FILE = "state.json"
HEALTH_TIMEOUT_S = 120
"""How long ``up`` waits for every replica to answer its health check (a busy 2-core machine)."""
STOP_TIMEOUT_S = 10

_UPSTREAM_SERVER = re.compile(r"^(\s*)server\s+app:8501(\s[^;]*)?;\s*$", re.MULTILINE)
_LISTEN = re.compile(r"^(\s*)listen\s+80;\s*$", re.MULTILINE)


class DeployError(RuntimeError):
    """Something ``up``, ``down`` or ``db`` could not do, said in one sentence for the operator."""


# ---------------------------------------------------------------------------------------------
# The pieces


_HANDED_OUT: set[int] = set()


def free_port() -> int:
    """A loopback port nothing listens on, never one this process handed out before (the kernel
    may offer a just-closed port again before the replica given it has bound it)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def postgres_bin() -> Path | None:
    """Debian's newest PostgreSQL bin/ (or ``POSTGRES_BIN_DIR``), or None when not installed."""
    override = os.environ.get("POSTGRES_BIN_DIR")
    if override:
        return Path(override) if (Path(override) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def nginx_bin() -> Path | None:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    return Path(found) if found else None


def site_config(listen_port: int, replica_ports: Sequence[int], template: str | None = None) -> str:
    """``deploy/nginx.conf`` for loopback: the proxy listens on ``listen_port`` and the upstream has
    one server per replica port, each with the template's parameters (max_fails, fail_timeout).

    >>> print(site_config(8080, [9001, 9002], "upstream u {\\n    server app:8501 max_fails=1;\\n}\\n"
    ...                   "server {\\n    listen 80;\\n}\\n"))
    upstream u {
        server 127.0.0.1:9001 max_fails=1;
        server 127.0.0.1:9002 max_fails=1;
    }
    server {
        listen 127.0.0.1:8080;
    }
    <BLANKLINE>
    """
    text = SITE_TEMPLATE.read_text() if template is None else template
    if len(_UPSTREAM_SERVER.findall(text)) != 1 or len(_LISTEN.findall(text)) != 1:
        raise DeployError("deploy/nginx.conf must have exactly one 'server app:8501 ...;' line in its upstream "
                          "and one 'listen 80;' line: deploy.local fills those in for loopback.")

    def servers(match: re.Match[str]) -> str:
        indent, params = match.group(1), match.group(2) or ""
        return "\n".join(f"{indent}server 127.0.0.1:{port}{params};" for port in replica_ports)

    text = _UPSTREAM_SERVER.sub(servers, text)
    return _LISTEN.sub(lambda m: f"{m.group(1)}listen 127.0.0.1:{listen_port};", text)


def _main_nginx_config(state: Path) -> str:
    # The http{} around the site config: every file nginx writes is in the run folder.
    ngx = state / "nginx"
    temp = "\n".join(f"    {kind}_temp_path {ngx / 'temp' / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"worker_processes 2;\npid {ngx / 'nginx.pid'};\nerror_log {ngx / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n    log_format planner '$remote_addr [$time_local] \"$request\" $status "
            "upstream=$upstream_addr route=$planner_route';\n"
            f"    access_log {ngx / 'access.log'} planner;\n{temp}\n    include {ngx / 'site.conf'};\n}}\n")


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and the server refuse to run as root: run them as Debian's postgres user.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run(args: list[str], what: str, timeout: float = 120) -> None:
    try:
        subprocess.run(args, check=True, capture_output=True, text=True, timeout=timeout)
    except subprocess.CalledProcessError as error:
        raise DeployError(f"{what} failed: {(error.stderr or error.stdout).strip()[-1500:]}") from None
    except subprocess.TimeoutExpired:
        raise DeployError(f"{what} did not finish within {timeout:.0f} s.") from None


def healthy(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return bool(response.read() == b"ok")
    except OSError:
        return False


def _alive(pid: int, marker: str) -> bool:
    # The pid is still ours (not reused by another program): its command line names what we ran.
    try:
        return marker in Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False


def _stop(pid: int, marker: str) -> None:
    if not _alive(pid, marker):
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGTERM)  # each was started in its own session: its group is its pid
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline and _alive(pid, marker) and not _zombie(pid):
        time.sleep(0.1)
    if _alive(pid, marker) and not _zombie(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def _spawn(args: list[str], log: Path, env: dict[str, str] | None = None) -> int:
    with log.open("ab") as out:
        process = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})}, start_new_session=True)
    return process.pid


def _tail(path: Path, chars: int = 1500) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


# ---------------------------------------------------------------------------------------------
# up, down, db


def load_state(state: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((state / STATE_FILE).read_text()))
    except (OSError, ValueError):
        raise DeployError(f"Nothing is running from {state} (no {STATE_FILE} there).") from None


def _save_state(state: Path, info: dict[str, Any]) -> None:
    (state / STATE_FILE).write_text(json.dumps(info, indent=2))


def up(replicas: int = 2, state: Path = DEFAULT_STATE, secrets: Path | None = None,
       port: int | None = None) -> dict[str, Any]:
    """Start PostgreSQL, ``replicas`` app processes and nginx (on ``port``, or a free one); return
    what ``up`` prints."""
    if not 1 <= replicas <= 16:
        raise DeployError("Give between 1 and 16 replicas.")
    if secrets is not None and not secrets.is_file():
        raise DeployError(f"The secrets file {secrets} does not exist.")
    pg_bin, ngx = postgres_bin(), nginx_bin()
    if pg_bin is None or ngx is None:
        missing = " and ".join(n for n, found in (("postgresql", pg_bin), ("nginx", ngx)) if found is None)
        raise DeployError(f"{missing} is not installed: apt-get install -y nginx postgresql")
    if port is not None:
        _HANDED_OUT.add(port)
    if (state / STATE_FILE).exists():
        raise DeployError(f"A deployment is already running from {state}: run 'python -m deploy.local down"
                          f"{'' if state == DEFAULT_STATE else f' --state {state}'}' first.")
    state.mkdir(parents=True, exist_ok=True)
    state.chmod(0o755)
    # The cluster gets its own folder in /tmp: as root the server runs as the postgres user, who
    # may not be able to enter the run folder (pytest's are private to root).
    pg_root = Path(tempfile.mkdtemp(prefix="planner-deploy-pg-"))
    info: dict[str, Any] = {"state": str(state), "replicas": [], "nginx_pid": None,
                            "postgres": {"bin": str(pg_bin), "root": str(pg_root), "data": str(pg_root / "data"),
                                         "started": False}}
    _save_state(state, info)  # from here on, down can clean up whatever was started
    try:
        _start_postgres(state, pg_bin, info)
        _save_state(state, info)
        env = {"PLANNER_DATABASE_URL": info["database_url"]}
        extra = ["--secrets.files", str(secrets.resolve())] if secrets else []
        for number in range(1, replicas + 1):
            replica_port = free_port()
            pid = _spawn([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
                          "--server.port", str(replica_port),
                          "--server.address", "127.0.0.1", "--server.headless", "true",
                          "--browser.gatherUsageStats", "false", *extra],
                         state / f"replica-{number}.log", env)
            info["replicas"].append({"pid": pid, "port": replica_port})
            _save_state(state, info)
        _start_nginx(state, ngx, info, port or free_port())
        _save_state(state, info)
        _wait_healthy(state, info)
    except BaseException:
        down(state)
        raise
    return {key: info[key] for key in ("url", "replicas", "database_url", "state", "nginx_pid")}


def _start_postgres(state: Path, pg_bin: Path, info: dict[str, Any]) -> None:
    root = Path(info["postgres"]["root"])
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    data = root / "data"
    _run(_as_postgres([str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync",
                       "-E", "UTF8"]), "initdb")
    info["postgres"].update(port=port, log=str(root / "server.log"),
                            options=f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off")
    _pg_ctl(info, "start")
    info["postgres"]["started"] = True
    _run(_as_postgres([str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "planner"]),
         "createdb")
    info["database_url"] = f"postgresql+psycopg://postgres@127.0.0.1:{port}/planner"


def _pg_ctl(info: dict[str, Any], action: str) -> None:
    pg = info["postgres"]
    args = [str(Path(pg["bin"]) / "pg_ctl"), "-D", pg["data"], "-w", "-t", "60"]
    if action == "start":
        args += ["-l", pg["log"], "-o", pg["options"], "start"]
    else:
        args += ["-m", "fast", "stop"]
    _run(_as_postgres(args), f"pg_ctl {action}")


def _start_nginx(state: Path, ngx: Path, info: dict[str, Any], port: int) -> None:
    conf_dir = state / "nginx"
    (conf_dir / "temp").mkdir(parents=True)
    (conf_dir / "site.conf").write_text(site_config(port, [r["port"] for r in info["replicas"]]))
    (conf_dir / "nginx.conf").write_text(_main_nginx_config(state))
    base = [str(ngx), "-p", str(conf_dir), "-c", str(conf_dir / "nginx.conf"), "-e", str(conf_dir / "error.log")]
    _run([*base, "-t"], "nginx -t (the generated config)")
    info["nginx_pid"] = _spawn([*base, "-g", "daemon off;"], conf_dir / "stdout.log")
    info["url"] = f"http://127.0.0.1:{port}"
    info["nginx_conf"] = str(conf_dir / "nginx.conf")


def _wait_healthy(state: Path, info: dict[str, Any]) -> None:
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    waiting = {f"http://127.0.0.1:{r['port']}": r for r in info["replicas"]}
    while waiting and time.monotonic() < deadline:
        for url, replica in list(waiting.items()):
            if not _alive(replica["pid"], "streamlit") or _zombie(replica["pid"]):
                number = info["replicas"].index(replica) + 1
                raise DeployError(f"App replica {number} exited while starting:\n"
                                  + _tail(state / f"replica-{number}.log"))
            if healthy(url):
                del waiting[url]
        time.sleep(0.3)
    if waiting:
        raise DeployError(f"{len(waiting)} app replica(s) did not answer /_stcore/health within {HEALTH_TIMEOUT_S} s.")
    while not healthy(info["url"]):
        if time.monotonic() > deadline or _zombie(info["nginx_pid"]):
            raise DeployError("nginx did not answer /_stcore/health:\n" + _tail(state / "nginx" / "error.log"))
        time.sleep(0.2)


def down(state: Path = DEFAULT_STATE) -> None:
    """Stop nginx, the replicas and PostgreSQL that ``up`` started from ``state``; delete the folder."""
    info = load_state(state)
    if info.get("nginx_pid"):
        _stop(info["nginx_pid"], "nginx")
    for replica in info.get("replicas", []):
        _stop(replica["pid"], "streamlit")
    pg = info.get("postgres", {})
    if pg.get("started") and Path(pg["data"], "postmaster.pid").exists():
        _pg_ctl(info, "stop")
    if pg.get("root"):
        shutil.rmtree(pg["root"], ignore_errors=True)
    shutil.rmtree(state, ignore_errors=True)


def database(state: Path, action: str) -> None:
    """Stop or start the deployment's PostgreSQL (what a database restart looks like to the app)."""
    _pg_ctl(load_state(state), action)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.local", description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    start = verbs.add_parser("up", help="start PostgreSQL, the replicas and nginx on loopback")
    start.add_argument("--replicas", type=int, default=2)
    start.add_argument("--secrets", type=Path, help="a secrets.toml for every replica (its [auth] section)")
    start.add_argument("--port", type=int, help="the proxy's port on 127.0.0.1 (default: a free one), e.g. "
                       "to match [auth] redirect_uri")
    stop = verbs.add_parser("down", help="stop everything up started")
    db = verbs.add_parser("db", help="stop or start the deployment's PostgreSQL")
    db.add_argument("action", choices=["stop", "start"])
    for verb in (start, stop, db):
        verb.add_argument("--state", type=Path, default=DEFAULT_STATE, help=f"the run folder (default {DEFAULT_STATE})")
    args = parser.parse_args(argv)
    try:
        if args.verb == "up":
            print(json.dumps(up(args.replicas, args.state.resolve(), args.secrets, args.port)), flush=True)
        elif args.verb == "down":
            down(args.state.resolve())
        else:
            database(args.state.resolve(), args.action)
    except DeployError as error:
        print(f"deploy.local {args.verb}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
