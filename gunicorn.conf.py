"""Gunicorn settings for `make serve` and production; every value can be set from the environment.

Gunicorn reads this file from the working directory. WEB_CONCURRENCY (workers) is also honoured
by gunicorn itself; the portal writes its own access log line per request, so gunicorn's is off.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
# A request that takes longer than this is stuck; the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound – but rarely: at the
# benchmark's 2,000 requests a second, recycling every 2,000 requests restarted a worker every
# second and tripled p95 latency.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 50000)
max_requests_jitter = max_requests // 10
# Load Django once in the master; a new or recycled worker is then a cheap fork instead of a
# second of CPU importing everything. (New code needs a restart of gunicorn, not a HUP.)
preload_app = True
# The load balancer's X-Forwarded-* headers are trusted from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Gunicorn's runtime control socket is one per user by default; several servers on one machine
# (tests, the benchmark) would fight over it, and nothing here uses it.
control_socket_disable = True


def when_ready(server):
    """Before the first worker is forked: load the URL patterns, then freeze everything the
    master has loaded. Frozen objects are left out of the workers' garbage collections, which
    otherwise walk all of Django on every full collection – a fifth of a page's CPU time in
    the bench's uncached pages."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 – loads every URL module in the master
    gc.freeze()
