"""Debian's nginx in front of gunicorn with the README's configuration (deploy/nginx-metaverse-map.conf):
a repeated embed or export is served from nginx's cache without reaching gunicorn; pages are not kept."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # scripts/test.sh installs Debian's nginx


def get(url: str) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def proxied(tmp_path_factory):
    assert Path(NGINX).exists(), "nginx is not installed (Debian: apt-get install nginx; scripts/test.sh does)"
    tmp = tmp_path_factory.mktemp("edge")
    app_port, proxy_port = free_port(), free_port()
    access_log = tmp / "gunicorn-access.log"
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "-w", "1", "-b", f"127.0.0.1:{app_port}",
         "--access-logfile", str(access_log), "dashboard.web.app:server"],
        cwd=ROOT, stdout=(tmp / "gunicorn.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    site = (ROOT / "deploy" / "nginx-metaverse-map.conf").read_text(encoding="utf-8")
    site = site.replace("/var/cache/nginx/metaverse-map", str(tmp / "cache"))
    site = site.replace("127.0.0.1:8050", f"127.0.0.1:{app_port}").replace(
        "listen 80;", f"listen 127.0.0.1:{proxy_port};"
    )
    (tmp / "site.conf").write_text(site, encoding="utf-8")
    temp_paths = " ".join(
        f"{kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Started as root, nginx's workers would run as nobody and could not write to this private folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(
        f"{user} worker_processes 1; pid {tmp / 'nginx.pid'}; error_log {tmp / 'error.log'};\n"
        f"events {{}}\nhttp {{ access_log {tmp / 'access.log'}; {temp_paths}\ninclude {tmp / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    nginx = subprocess.Popen(
        [NGINX, "-e", str(tmp / "error.log"), "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
        stdout=(tmp / "nginx.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{app_port}/", gunicorn, log=tmp / "gunicorn.log")
        wait_for(f"http://127.0.0.1:{proxy_port}/", nginx, log=tmp / "nginx.log")
        yield f"http://127.0.0.1:{proxy_port}", access_log
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            process.wait(timeout=20)


def reached_gunicorn(access_log: Path, path: str) -> int:
    time.sleep(0.3)  # gunicorn writes its access line after the answer
    return sum(f'"GET {path} ' in line for line in access_log.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    "path",
    [
        "/embed/map?lang=en&metric=industry_scale_cny",
        "/export/ranking.csv?year=2025",
        "/download/china-metaverse-plans.gpkg",
    ],
)
def test_a_repeated_embed_export_or_gis_download_is_served_from_the_cache(proxied, path):
    base, access_log = proxied
    statuses = [get(base + path) for _ in range(3)]
    assert [s[0] for s in statuses] == [200, 200, 200]
    assert [s[1].get("X-Cache-Status") for s in statuses] == ["MISS", "HIT", "HIT"]
    assert statuses[0][2] == statuses[2][2]  # the same bytes
    assert reached_gunicorn(access_log, path) == 1


def test_pages_are_not_kept(proxied):
    base, access_log = proxied
    for _ in range(2):
        status, headers, _ = get(base + "/?view=ranking")
        assert status == 200 and headers["Cache-Control"] == "no-store"
    assert reached_gunicorn(access_log, "/?view=ranking") == 2
