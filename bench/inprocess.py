"""Profile one bench scenario in process: `python bench/inprocess.py inbox [--flows 300] [--sort tottime]`.

Uses the scale-10 database and the request plans of the last `make bench` run (`bench/out/
work-s10.sqlite3`, `bench/out/prepare-s10.json`; run `python bench/run.py --quick --only <name>`
first if they are missing or the schema changed). The database is copied, its sessions are signed
again with this process's key,
With BENCH_DATABASE_URL set it uses the PostgreSQL database of that scale kept by a
`make bench-pg BENCH_ARGS="--keep-db ..."` run instead (`--scale 2` after a `--quick` run), and
Redis as bench/run.py does (BENCH_REDIS_URL / REDIS_URL, emptied first); and the requests go straight to the WSGI handler (what gunicorn
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
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"


def _data_key() -> str:
    key = OUT / "cache" / "secret_key"
    return key.read_text(encoding="utf-8").strip() if key.exists() else "bench-profile-" + "x" * 40


def _setup(database: Path | None, database_url: str = "") -> None:
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
    )
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = str(database)
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


def _trace(run) -> None:
    """One flow: every SQL statement (with ms) and every cache command the request sends."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    commands: list[str] = []
    originals = {}
    for alias in settings.CACHES:
        cache = caches[alias]
        for method in ("get", "get_many", "set", "set_many", "add", "delete", "incr", "touch"):
            original = getattr(cache, method)
            originals[(alias, method)] = (cache, original)

            def spy(*a, _alias=alias, _method=method, _original=original, **k):
                commands.append(f"{_alias}.{_method} {str(a[0])[:70] if a else ''}")
                return _original(*a, **k)

            setattr(cache, method, spy)
    with CaptureQueriesContext(connection) as queries:
        run()
    for (_alias, method), (cache, original) in originals.items():
        setattr(cache, method, original)
    for query in queries.captured_queries:
        print(f"SQL {query['time']}s  {query['sql'][:300]}")
    for command in commands:
        print(f"CACHE {command}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario", help="a scenario name, or baseline:one-query / baseline:hello")
    parser.add_argument("--flows", type=int, default=300)
    parser.add_argument("--sort", choices=["tottime", "cumulative"], help="print a profile")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument(
        "--trace", action="store_true", help="list the SQL and cache commands of one flow"
    )
    parser.add_argument("--scale", type=int, default=10, help="the run's scale (2 after --quick)")
    args = parser.parse_args()
    plans = json.loads((OUT / f"prepare-s{args.scale}.json").read_text())["plans"]
    if args.scenario not in plans:
        print(f"unknown scenario; known: {', '.join(sorted(plans))}")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="wir-profile-"))
    database: Path | None = None
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    if database_url:  # the kept database of that scale (bench/run.py names it so)
        parts = urlsplit(database_url)
        name = f"{parts.path.strip('/') or 'wir_bench'}_s{args.scale}"
        database_url = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        database = workdir / "db.sqlite3"
        shutil.copy(OUT / f"work-s{args.scale}.sqlite3", database)
    try:
        _setup(database, database_url)
        from django.core.wsgi import get_wsgi_application

        from bench.load import keep_cookies

        app = get_wsgi_application()
        actors = plans[args.scenario]["actors"]
        consumes = plans[args.scenario].get("consumes_actor")
        if consumes:  # each actor once (a draft is submitted once), from the end: the load took
            actors = actors[::-1]  # the first; warm-up, trace and --flows must fit in the rest
        counter = [10**9]
        taken = [0]

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
            headers: list = []
            result = app(environ, lambda s, h, exc_info=None: (status.append(s), headers.extend(h)))
            content = b"".join(result)
            result.close()
            return int(status[0].split()[0]), content, headers

        def flow(index: int) -> None:
            if consumes:
                index, taken[0] = taken[0], taken[0] + 1
                if index >= len(actors):
                    raise SystemExit(f"all {len(actors)} actors used up: fewer --flows")
            actor = actors[index % len(actors)]
            cookies, location = dict(actor["cookies"]), ""
            for step in actor["steps"]:
                step = {**step, "path": step["path"].replace("{location}", location)}
                code, content, headers = request(step, cookies)
                if code != step["status"]:
                    raise SystemExit(f"{step['method']} {step['path']}: {code} {content[:200]!r}")
                if step.get("expect") and step["expect"] not in content.decode():
                    raise SystemExit(f"{step['method']} {step['path']}: {step['expect']!r} missing")
                location = next((v for k, v in headers if k.lower() == "location"), "")
                keep_cookies(cookies, (v for k, v in headers if k.lower() == "set-cookie"))

        for index in range(20):
            flow(index)
        if args.trace:
            _trace(lambda: flow(20))
        start, cpu = time.perf_counter(), time.process_time()
        for index in range(args.flows):
            flow(index)
        wall = (time.perf_counter() - start) * 1000 / args.flows
        cpu = (time.process_time() - cpu) * 1000 / args.flows  # this process only, no waiting
        print(f"{args.scenario}: {wall:.3f} ms/flow ({cpu:.3f} ms CPU of this process)")
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
