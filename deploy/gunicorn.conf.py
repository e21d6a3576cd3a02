"""Gunicorn settings for the web processes (``gunicorn -c deploy/gunicorn.conf.py reportsite.wsgi``).

Read by ``scripts/serve.sh`` and the systemd unit alike; each value can be set from the
environment. The web processes only serve pages and files from the render cache: rendering
happens in the worker (``manage.py db_worker``), so a few sync workers go a long way.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_WORKERS", min(4, 2 * multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))  # a cache-miss render of a long report fits
graceful_timeout = 20
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))  # recycle workers now and then
max_requests_jitter = 200
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None  # "": no access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "reportsite-web"
