"""Profile one bench scenario in process: `python bench/inprocess.py inbox [--flows 300] [--sort tottime]`.

Uses the scale-10 database and the request plans of the last `make bench` run (`bench/out/
work-s10.sqlite3`, `bench/out/prepare-s10.json`; run `python bench/run.py --quick --only <name>`
first if they are missing or the schema changed). The database is copied, its sessions are signed
again with this process's key, and the requests go straight to the WSGI handler (what gunicorn
calls), so the time per flow excludes only the HTTP parsing. Prints ms per flow, then with
`--sort` a cProfile listing. Figures for comparing two versions of the code on one machine, not
for the report.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"


def _data_key() -> str:
    key = OUT / "cache" / "secret_key"
    return key.read_text(encoding="utf-8").strip() if key.exists() else "bench-profile-" + "x" * 40


def _setup(database: Path) -> None:
    sys.path.insert(0, str(REPO))
    from bench.run import flush_redis, redis_url

    redis = redis_url()  # BENCH_REDIS_URL / REDIS_URL as in bench/run.py, emptied first
    if redis:
        os.environ["REDIS_URL"] = redis
        flush_redis()
    else:
        os.environ.pop("REDIS_URL", None)
    os.environ.update(
        BENCH_RUN="1",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        # the key the data was generated with: encrypted fields (IBAN) must decrypt
        SECRET_KEY=_data_key(),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SQLITE_PATH=str(database),
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session
    from django.db import connection

    from bench.measure import SESSION_BACKEND

    store = __import__(settings.SESSION_ENGINE, fromlist=["SessionStore"]).SessionStore
    users = get_user_model().objects.in_bulk()
    for session in Session.objects.all():  # signed with the bench run's random key: sign again
        payload = session.session_data.rsplit(":", 2)[0]
        body = payload.lstrip(".")
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        data = json.loads(zlib.decompress(raw) if payload.startswith(".") else raw)
        if "_auth_user_id" in data:
            data["_auth_user_backend"] = SESSION_BACKEND
            data["_auth_user_hash"] = users[int(data["_auth_user_id"])].get_session_auth_hash()
        session.session_data = store().encode(data)
        session.save()
    connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario", help="a scenario name, or baseline:one-query / baseline:hello")
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--sort", choices=["tottime", "cumulative"], help="print a profile")
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args()
    plans = json.loads((OUT / "prepare-s10.json").read_text())["plans"]
    if args.scenario not in plans:
        print(f"unknown scenario; known: {', '.join(sorted(plans))}")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="wir-profile-"))
    database = workdir / "db.sqlite3"
    shutil.copy(OUT / "work-s10.sqlite3", database)
    try:
        _setup(database)
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        actors = plans[args.scenario]["actors"]
        counter = [10**9]

        def request(step: dict, cookies: dict) -> tuple[int, bytes]:
            counter[0] += 1
            body = step["body"].replace("{n}", str(counter[0])).encode()
            path, _, query = step["path"].partition("?")
            environ = {
                "REQUEST_METHOD": step["method"],
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "8000",
                "HTTP_HOST": "127.0.0.1",
                "SCRIPT_NAME": "",
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(body),
                "CONTENT_LENGTH": str(len(body)),
                "CONTENT_TYPE": step["content_type"],
                "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            }
            for key, value in step["headers"].items():
                environ["HTTP_" + key.upper().replace("-", "_")] = value
            status: list[str] = []
            result = app(environ, lambda s, headers, exc_info=None: status.append(s))
            content = b"".join(result)
            result.close()
            return int(status[0].split()[0]), content

        def flow(index: int) -> None:
            actor = actors[index % len(actors)]
            for step in actor["steps"]:
                code, content = request(step, actor["cookies"])
                if code != step["status"]:
                    raise SystemExit(f"{step['method']} {step['path']}: {code} {content[:200]!r}")

        for index in range(20):
            flow(index)
        start = time.perf_counter()
        for index in range(args.flows):
            flow(index)
        print(f"{args.scenario}: {(time.perf_counter() - start) * 1000 / args.flows:.3f} ms/flow")
        if args.sort:
            profile = cProfile.Profile()
            profile.enable()
            for index in range(args.flows):
                flow(index)
            profile.disable()
            pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
