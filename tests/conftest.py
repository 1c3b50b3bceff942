"""Databases for the athlete store tests: a SQLite file per test, and a throwaway PostgreSQL server
started from Debian's ``postgresql`` binaries for the whole session (on a free loopback port)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.io import store

REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


def _postgres_bin() -> Path | None:
    override = os.environ.get("POSTGRES_BIN_DIR")  # another install's bin/ (initdb, pg_ctl, createdb)
    if override:
        return Path(override) if (Path(override) / "initdb").exists() else None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_postgres(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    # initdb refuses to run as root: run the server's tools as the postgres user.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, check=True, capture_output=True, text=True, timeout=120, **kwargs)


def _unavailable(reason: str):
    if REQUIRE_POSTGRES:
        pytest.fail(f"PostgreSQL is required (REQUIRE_POSTGRES=1) but {reason}. "
                    "Install it with: apt-get install -y postgresql")
    pytest.skip(f"PostgreSQL tests skipped: {reason} (apt-get install -y postgresql)")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL cluster on 127.0.0.1 for this test session; stopped and removed after."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        _unavailable("no initdb was found (/usr/lib/postgresql/*/bin/ or POSTGRES_BIN_DIR)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("the psycopg driver is not installed (pip install 'psycopg[binary]')")
    root = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    data, port = root / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    started = False
    try:
        _run_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
                          "--no-sync", "-E", "UTF8"])
        _run_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w",
                          "-t", "60", "-o", f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off", "start"])
        started = True
        _run_as_postgres([str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                          "planner_test"])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/planner_test"
    except subprocess.CalledProcessError as error:
        log = (root / "server.log").read_text() if (root / "server.log").exists() else ""
        pytest.fail(f"could not start PostgreSQL: {error.stderr or error.stdout}\n{log[-2000:]}")
    finally:
        if started:
            _run_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def engine(db_url):
    """An athletes store with its schema, on the test module's ``db_url``."""
    engine = store.create_engine(db_url)
    store.ensure_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test (tests/e2e and tests/deploy): Playwright's sync
    API allows one instance per thread, so the two folders must share it."""
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
