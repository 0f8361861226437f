"""gunicorn settings for serving the dashboard (README: "Deploy"). Run from the repository root:

    .venv/bin/gunicorn -c gunicorn.conf.py dashboard.web.app:server

Override any setting on the command line (``-b 0.0.0.0:8050``, ``-w 4``) or with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

# Behind a reverse proxy on the same host: listen on loopback only.
bind = os.environ.get("METAVERSE_MAP_BIND", "127.0.0.1:8050")
# One process per core: a callback is CPU work in Python, so more processes than cores only queue.
# Threads cover the waiting (slow clients, downloads) inside each process.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = 4
# Build the app (read and validate the dataset) once in the master, then fork: a worker that dies is
# replaced in milliseconds instead of re-reading everything.
preload_app = True
timeout = 60
graceful_timeout = 20
keepalive = 5
# Trust X-Forwarded-* only from the proxy on this host.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
# Requests are small JSON and query strings: refuse absurd request lines and headers early.
limit_request_line = 4094
limit_request_fields = 50


def post_fork(server, worker):
    # Each thread would otherwise get its own glibc malloc arena; with 4 threads handling large, short-lived
    # responses that fragments memory and a worker's RSS creeps up. Two arenas keep it flat.
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-8, 2)  # M_ARENA_MAX
        # Large buffers (a figure's JSON, ~0.4 MB) from mmap and back to the system when freed, instead of
        # glibc raising its threshold and leaving them as holes in the heap.
        libc.mallopt(-3, 256 * 1024)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass
