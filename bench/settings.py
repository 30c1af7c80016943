"""Settings of the benchmark server: production settings (config.settings.base) plus two bench views.

bench/run.py sets SECRET_KEY, ALLOWED_HOSTS, SECURE_SSL_REDIRECT=0 and points DATABASE_URL or
SQLITE_PATH at a throwaway database before anything imports this module. DEBUG stays off.
"""

import os

if os.environ.get("BENCH_RUN") != "1":
    raise RuntimeError("bench.settings is only for bench/run.py (it uses a throwaway database).")

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR

ROOT_URLCONF = "bench.urls"
# Mail is queued as tasks (like production) but never sent: no worker runs during the bench.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
# An empty static root keeps WhiteNoise quiet; the load test fetches HTML only.
STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
# Experiment switch (run.py --conn-max-age): persistent connections instead of the base setting.
if "BENCH_CONN_MAX_AGE" in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])  # noqa: F405
# wrk sends every registration from 127.0.0.1 (one network): the limits stay in the path (their
# cost is measured) but so high that the flows are never refused (events/throttle.py).
ACCOUNT_RATE_LIMITS = {
    **ACCOUNT_RATE_LIMITS,  # noqa: F405
    "event_registration_email": "1000000/h/key",
    "event_registration_network": "1000000/h/key",
}
# One token per API scenario sends thousands of requests a minute: the per-token limit stays in
# the path (its cost is measured) but never refuses (accounts/api_auth.py, ADR 0016).
WIR_API_TOKEN_RATE = "1000000000/m"
