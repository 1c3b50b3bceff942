"""``deploy.local`` without starting anything: the nginx config it generates is the shipped one with
only the listen and upstream lines filled in, and bad requests get one sentence, not a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from deploy import local
from tests.deploy.conftest import ROOT

pytestmark = pytest.mark.deploy


def test_the_generated_config_is_the_template_with_loopback_addresses():
    template = local.SITE_TEMPLATE.read_text().splitlines()
    generated = local.site_config(8080, [9001, 9002]).splitlines()
    server = next(line for line in template if "server app:8501" in line)
    expected = []
    for line in template:
        if line == server:
            expected += [line.replace("app:8501", "127.0.0.1:9001"), line.replace("app:8501", "127.0.0.1:9002")]
        else:
            expected.append(line.replace("listen 80;", "listen 127.0.0.1:8080;"))
    assert generated == expected
    for needed in ("proxy_set_header Upgrade $http_upgrade;", "hash $planner_route consistent;",
                   "location = /_stcore/health", "proxy_next_upstream error timeout", "max_fails=1"):
        assert needed in "\n".join(template)


def test_a_template_without_the_lines_to_fill_is_refused():
    with pytest.raises(local.DeployError, match="exactly one 'server app:8501"):
        local.site_config(8080, [9001], "upstream planner {\n    server app-1:8501;\n}\n")


@pytest.mark.parametrize(("args", "sentence"), [
    (["up", "--replicas", "0"], "deploy.local up: Give between 1 and 16 replicas.\n"),
    (["up", "--secrets", "/nonexistent/secrets.toml"],
     "deploy.local up: The secrets file /nonexistent/secrets.toml does not exist.\n"),
    (["down", "--state", "/nonexistent/run"], "deploy.local down: Nothing is running from /nonexistent/run "
                                              "(no state.json there).\n"),
])
def test_bad_requests_get_one_sentence(args, sentence):
    done = subprocess.run([sys.executable, "-m", "deploy.local", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", sentence)
