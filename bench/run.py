"""`make bench`: build the 10-year dataset, measure every scenario, write bench/report.md.

    python bench/run.py            full run (scales 1 and 10, 2 s warm-up + 5 s load each), ~2-5 min
    python bench/run.py --quick    smoke run (scales 1 and 2, short load), < 60 s, report in bench/out/
    python bench/run.py --only organisation-list,office-list
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wir_bench python bench/run.py
    BENCH_REDIS_URL=redis://127.0.0.1:6379/12 python bench/run.py   (caches as in production)
    make bench-pg                  PostgreSQL and Redis on 127.0.0.1: the production configuration

Phases: this process orchestrates; a child process per scale builds/loads the database and measures
in-process (queries, server time); then gunicorn serves the largest scale and wrk loads it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OUT = REPO / "bench" / "out"


# --- child phase: runs inside Django ------------------------------------------------------------


def phase_base() -> None:
    import django

    django.setup()
    from django.db import connection

    from bench import generate

    generate.build_base()
    connection.close()


#: exit code of a prepare phase that found the cached data unreadable (EX_TEMPFAIL)
STALE_CACHE = 75


def _cache_readable() -> bool:
    """The encrypted values of cached data (IBANs) decrypt with this run's SECRET_KEY."""
    from cryptography.fernet import InvalidToken

    from wirportal.offices.models import Organisation

    try:
        list(Organisation.objects.exclude(iban="").values_list("iban", flat=True)[:5])
    except InvalidToken:
        return False
    return True


def phase_prepare(args) -> None:
    import django

    django.setup()
    from django.db import connection

    from bench import generate, measure
    from bench.harness import Context, all_jobs, all_mixes, all_scenarios, discover

    modules = discover()
    scenarios = all_scenarios(modules)
    mixes = all_mixes(modules, scenarios)
    jobs = all_jobs(modules)
    if args.only:
        only = args.only.split(",")
        scenarios = [s for s in scenarios if s.name in only]
        jobs = [j for j in jobs if j.name in only]
        mixes = [m for m in mixes if {m.foreground, *(n for n, _r in m.background)} <= set(only)]
    started = time.monotonic()
    failures: dict[str, str] = {}
    if args.cached and not _cache_readable():
        print("  cached data was built under another SECRET_KEY: rebuilding", flush=True)
        raise SystemExit(STALE_CACHE)
    if not args.cached:
        failures = generate.build_scale(args.scale, modules)
        cache = os.environ.get("BENCH_CACHE_PATH")
        if cache and connection.vendor == "sqlite" and not failures:
            connection.close()
            _sqlite_copy(Path(os.environ["SQLITE_PATH"]), Path(cache))
    generated_s = time.monotonic() - started
    ctx = Context(args.scale)
    plans = measure.resolve(scenarios, ctx, max_actors=args.connections)
    counter = [measure.INPROCESS_N]
    inprocess = {
        name: {"error": plan["error"]}
        if "error" in plan
        else measure.measure(plan, timed=args.timed, counter=counter, quick=args.quick)
        for name, plan in plans.items()
    }
    for name, plan in plans.items():  # what was used up in process is not offered to the load
        plan["actors"] = plan["actors"][inprocess[name].get("actors_used", 0) :]
    timed_jobs = {}
    for job in jobs:
        job_started = time.perf_counter()
        try:
            figures = job.run(ctx) or {}
        except Exception as error:  # reported, the other measurements go on
            timed_jobs[job.name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        timed_jobs[job.name] = {
            "seconds": time.perf_counter() - job_started,
            "figures": figures,
            "target_s": job.target_s,
            "target_scale": job.scale,
            "note": job.note,
        }
    result = {
        "scale": args.scale,
        "jobs": timed_jobs,
        "cached": args.cached,
        "generate_s": generated_s,
        "generate_failures": failures,
        "counts": generate.row_counts(),
        "plans": plans,
        "inprocess": inprocess,
        "mixes": [dataclasses.asdict(mix) for mix in mixes],
    }
    Path(args.result).write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")


# --- orchestration ------------------------------------------------------------------------------


BASE_INPUTS = (
    "wirportal/*/migrations/*.py",
    "wirportal/accounts/*.py",
    "wirportal/offices/*.py",
    "bench/generate.py",
    "bench/harness.py",
)


def fingerprint(patterns: tuple[str, ...] = ("wirportal/**/*.py", "bench/*.py")) -> str:
    """Changes whenever code that could change the generated data changes."""
    digest = hashlib.sha256()
    files = sorted(
        {p for pattern in patterns for p in REPO.glob(pattern) if "/tests/" not in p.as_posix()}
    )
    for path in files:
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _sqlite_copy(source: Path, target: Path) -> None:
    """Consistent copy (backup API) that appears under its name only when complete."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(partial)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=DELETE")  # a single file, no -wal beside it
    dst.close()
    src.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(partial, target)


@contextlib.contextmanager
def run_lock():
    """One bench run at a time on this machine: runs share bench/out/ and would skew each
    other's figures anyway. A second `make bench` waits."""
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("another bench run is in progress; waiting for it …", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # run the finally blocks: stop gunicorn, drop databases


class Databases:
    """Throwaway databases. SQLite: files under bench/out/, the schema and each scale cached per
    code version. PostgreSQL: a base database built per run, each scale cloned from it."""

    def __init__(self, url: str, fresh: bool):
        self.url = url
        self.fresh = fresh
        self.created: list[str] = []
        # The data holds values encrypted with SECRET_KEY (IBANs, TOTP secrets): a cache built
        # under another key (an older bench/out/cache/secret_key, or a run before the key was
        # kept) cannot be read, so the key's digest is part of every cache name and such a cache
        # is rebuilt instead of failing later (e.g. the payment run reading the IBANs).
        key = key_tag()
        self.fp = f"{fingerprint()}-{key}"
        self.base_fp = f"{fingerprint(BASE_INPUTS)}-{key}"  # the schema changes less often
        self.cache_dir = OUT / "cache"
        self.base_ready = False
        self.base_built = False

    @property
    def vendor(self) -> str:
        return "postgresql" if self.url else "sqlite"

    def _pg_admin(self):
        import psycopg

        parts = urlsplit(self.url)
        return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)

    def _pg_name(self, suffix: str) -> str:
        return f"{(urlsplit(self.url).path.strip('/') or 'wir_bench')}_{suffix}"

    def _pg_create(self, name: str, template: str = "") -> str:
        with self._pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            )
        self.created.append(name)
        return urlunsplit(urlsplit(self.url)._replace(path=f"/{name}"))

    def _cache(self, label: str) -> Path:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fp = self.base_fp if label == "base" else self.fp
        for stale in self.cache_dir.glob(f"{label}-*.sqlite3"):
            if stale.name != f"{label}-{fp}.sqlite3":
                stale.unlink()
        return self.cache_dir / f"{label}-{fp}.sqlite3"

    def ensure_base(self) -> None:
        """Migrated schema with the 33 units and the bench people."""
        if self.base_ready:
            return
        env = base_env()
        if self.url:
            env["DATABASE_URL"] = self._pg_create(self._pg_name("base"))
        else:
            base = self._cache("base")
            if base.exists() and not self.fresh:
                self.base_ready = True
                return
            building = OUT / "work-base.sqlite3"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{building}{suffix}").unlink(missing_ok=True)
            env["SQLITE_PATH"] = str(building)
        print("schema and base data …", flush=True)
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "run.py"), "--phase=base"],
            cwd=REPO,
            env=env,
            check=True,
        )
        if not self.url:
            _sqlite_copy(building, base)
        self.base_ready = self.base_built = True

    def prepare(self, scale: int, env: dict[str, str]) -> bool:
        """Point env at the database of this scale; True if it already holds the data (cache)."""
        if self.url:
            self.ensure_base()
            env["DATABASE_URL"] = self._pg_create(
                self._pg_name(f"s{scale}"), template=self._pg_name("base")
            )
            return False
        work = OUT / f"work-s{scale}.sqlite3"
        env["SQLITE_PATH"] = str(work)
        cache = self._cache(f"s{scale}")
        if cache.exists() and not self.fresh:
            _sqlite_copy(cache, work)
            return True
        self.ensure_base()
        _sqlite_copy(self._cache("base"), work)
        cache.unlink(missing_ok=True)
        env["BENCH_CACHE_PATH"] = str(cache)
        return False

    def discard(self, scale: int) -> None:
        """Forget the cached data of a scale (and the schema it was copied from)."""
        self._cache(f"s{scale}").unlink(missing_ok=True)
        if not self.base_built:  # a schema built in this run has this run's key
            self._cache("base").unlink(missing_ok=True)
            self.base_ready = False

    def drop(self) -> None:
        if not self.created:
            return
        with self._pg_admin() as admin:
            for name in reversed(self.created):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _secret_key() -> str:
    """One key for the cached data and the run: encrypted fields (IBAN) written when the data
    was generated must decrypt in a later run that uses the cache."""
    path = OUT / "cache" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(40), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def key_tag() -> str:
    """A short digest of the bench's SECRET_KEY (not the key): names the caches built with it."""
    return hashlib.sha256(_secret_key().encode()).hexdigest()[:8]


#: the bench's own Redis database when only REDIS_URL names a server (tests use 1-3, prod-sim 11)
BENCH_REDIS_DB = 12


def redis_url() -> str:
    """BENCH_REDIS_URL, else REDIS_URL's server with database 12, else "" (the embedded default:
    database cache table, per-process pages). The database is emptied before every scale."""
    if os.environ.get("BENCH_REDIS_URL"):
        return os.environ["BENCH_REDIS_URL"]
    if not os.environ.get("REDIS_URL"):
        return ""
    return urlunsplit(urlsplit(os.environ["REDIS_URL"])._replace(path=f"/{BENCH_REDIS_DB}"))


def flush_redis() -> None:
    """Empty the bench's Redis database: a new scale is another database, whose people, sessions
    and content must not meet the previous one's cached entries and tokens."""
    url = redis_url()
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()


def base_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SQLITE_PATH", "DJANGO_DEBUG", "BENCH_CACHE_PATH", "REDIS_URL"}
    }
    if redis_url():
        env["REDIS_URL"] = redis_url()  # config.settings.base: the production caches
    env.update(
        BENCH_RUN="1",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        SECRET_KEY=_secret_key(),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        PYTHONPATH=os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


class EarlyServer(threading.Thread):
    """--quick only: start gunicorn while the last scale is measured in-process (its imports take
    long on a busy machine). Never in a full run: it would disturb the in-process timings."""

    def __init__(self, env: dict[str, str]):
        super().__init__(daemon=True)
        self.env = dict(env)
        self.server = None
        self.error: Exception | None = None
        self.start()

    def run(self) -> None:
        from bench import load

        try:
            self.server = load.Server(self.env, REPO, OUT / "gunicorn.log")
        except Exception as error:
            self.error = error


def run_load(
    prepared: dict, env: dict[str, str], args, mixes, early: EarlyServer | None = None
) -> dict:
    from bench import load

    if not load.wrk_available():
        return {"error": "wrk not installed (apt-get install -y wrk): no load figures"}
    plans = prepared["plans"]
    ok = [n for n, r in prepared["inprocess"].items() if "error" not in r]
    scripts = OUT / "lua"
    scripts.mkdir(parents=True, exist_ok=True)
    for old in [*scripts.glob("*.lua"), *scripts.glob("*.txt")]:
        old.unlink()
    results: dict = {"baselines": {}, "scenarios": {}, "mixes": {}}
    if early is not None:
        early.join()
        if early.error is not None or early.server is None:
            raise RuntimeError(f"gunicorn did not start: {early.error}")
        server = early.server
    else:
        server = load.Server(env, REPO, OUT / "gunicorn.log")
    run_no = [0]

    def wrk(name: str, seconds: int, rate: float | None = None, start: bool = False):
        run_no[0] += 1
        kwargs = {
            "url": server.url,
            "seconds": seconds,
            "connections": args.background_connections if rate else args.connections,
            "base": 10**9 + run_no[0] * 10**8,
            "out_dir": scripts,
            "rate": rate,
        }
        if start:
            return load.start_wrk(plans[name], **kwargs)
        return load.run_wrk(plans[name], **kwargs)

    def measured(name: str, warmup: int) -> dict:
        server.drain()
        load.warm(plans[name], server.url, rounds=1 if args.quick else 2)
        if warmup:
            wrk(name, warmup)
            server.drain()
        return wrk(name, args.seconds)

    def baseline_point() -> None:
        # the server's capacity drifts on a shared machine: baselines are measured between
        # every few scenarios and each scenario is compared with the points around it
        for name in ("hello", "one-query"):
            results["baselines"].setdefault(name, []).append(
                measured(f"baseline:{name}", args.warmup)
            )

    try:
        print(
            f"  gunicorn -w {load.WORKERS} -k sync on {server.url} (up in {server.startup_s:.0f} s)",
            flush=True,
        )
        names = [
            n
            for n in plans
            if not n.startswith("baseline:") and n in ok and not plans[n].get("consumes_actor")
        ]
        baseline_point()
        for index, name in enumerate(names):
            point = len(results["baselines"]["hello"]) - 1
            results["scenarios"][name] = measured(name, args.warmup)
            results["scenarios"][name]["between"] = [point, point + 1]
            r = results["scenarios"][name]
            print(f"  {name}: {r.get('flows_per_s', 0):.1f} flows/s", flush=True)
            if (index + 1) % args.group == 0 and index + 1 < len(names):
                baseline_point()
        for mix in mixes:
            names = [mix["foreground"], *(n for n, _r in mix["background"])]
            if any(n not in ok for n in names):
                results["mixes"][mix["name"]] = {"error": "a scenario failed in-process"}
                continue
            for name, _rate in mix["background"]:
                # every worker renders its first receipt before the clock starts (fonts, URLconf:
                # seconds); a flow that uses up its actor gives them up for the paced run
                load.warm(plans[name], server.url, rounds=1)
                if plans[name].get("consumes_actor"):
                    plans[name]["actors"] = plans[name]["actors"][load.WORKERS * 2 :]
            background = [
                (
                    name,
                    rate,
                    load.PacedBackground(
                        plans[name],
                        server.url,
                        seconds=args.warmup + args.seconds + 2,
                        rate=rate,
                        base=10**9 + (run_no[0] + 1 + index) * 10**8,
                    ),
                )
                for index, (name, rate) in enumerate(mix["background"])
            ]
            run_no[0] += len(background)
            server.drain()
            time.sleep(max(args.warmup, 1))
            foreground = wrk(mix["foreground"], args.seconds)
            bg_results = []
            for name, rate, paced in background:
                bg_results.append({"name": name, "rate": rate, **paced.result()})
            results["mixes"][mix["name"]] = {"foreground": foreground, "background": bg_results}
            print(
                f"  mix {mix['name']}: {foreground.get('flows_per_s', 0):.1f} flows/s", flush=True
            )
        if not args.quick:
            baseline_point()
    finally:
        server.stop()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke run, < 60 s")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--fresh", action="store_true", help="regenerate data, ignore the cache")
    parser.add_argument("--keep-db", action="store_true", help="keep PostgreSQL bench databases")
    parser.add_argument("--no-load", action="store_true", help="in-process figures only")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument(
        "--background-connections", type=int, default=32, help="connections of paced flows"
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=None,
        help="experiment: CONN_MAX_AGE for the bench server (default: as config.settings.base)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="gunicorn workers (default 2; docs/operations.md recommends two per core)",
    )
    parser.add_argument("--group", type=int, default=5, help="scenarios between baselines")
    parser.add_argument("--output", default="", help="report path (default bench/report.md)")
    # internal: the child phase
    parser.add_argument("--phase", default="", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--cached", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--timed", type=int, default=50, help=argparse.SUPPRESS)
    parser.add_argument("--result", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase == "base":
        phase_base()
        return 0
    if args.phase == "prepare":
        phase_prepare(args)
        return 0

    signal.signal(signal.SIGTERM, _terminate)
    with run_lock():
        return orchestrate(args)


def orchestrate(args) -> int:
    from bench import report

    started = time.monotonic()
    scales = (1, 2) if args.quick else (1, 10)
    args.warmup, args.seconds = (0, 1) if args.quick else (1, 4)
    if args.quick:
        args.group = 1000  # baselines only at start and end
        args.connections = args.background_connections = 4
    timed = 0 if args.quick else 50
    (OUT / "static").mkdir(parents=True, exist_ok=True)
    if args.conn_max_age is not None:
        os.environ["BENCH_CONN_MAX_AGE"] = str(args.conn_max_age)  # inherited by base_env()
    machine = report.machine_info()
    from bench import load

    load.WORKERS = args.workers or load.WORKERS
    machine["workers"] = load.WORKERS
    databases = Databases(os.environ.get("BENCH_DATABASE_URL", ""), args.fresh)
    prepared: dict[int, dict] = {}
    env: dict[str, str] = {}
    early: EarlyServer | None = None
    try:
        for scale in scales:
            env = base_env()
            cached = databases.prepare(scale, env)
            result_path = OUT / f"prepare-s{scale}.json"
            command = [
                sys.executable,
                str(REPO / "bench" / "run.py"),
                "--phase=prepare",
                f"--scale={scale}",
                f"--timed={timed if scale == scales[-1] else 0}",
                f"--connections={args.connections}",
                f"--result={result_path}",
                f"--only={args.only}",
            ]
            if args.quick:
                command.append("--quick")
            if cached:
                command.append("--cached")
            print(f"scale {scale}: {'cached data' if cached else 'generating'} …", flush=True)
            flush_redis()
            if args.quick and scale == scales[-1] and not args.no_load and shutil.which("wrk"):
                early = EarlyServer(env)
            phase_started = time.monotonic()
            done = subprocess.run(command, cwd=REPO, env=env, check=False)
            if cached and done.returncode == STALE_CACHE:  # rebuild instead of failing later
                databases.discard(scale)
                env = base_env()
                databases.prepare(scale, env)
                flush_redis()
                command.remove("--cached")
                done = subprocess.run(command, cwd=REPO, env=env, check=False)
            if done.returncode:
                raise subprocess.CalledProcessError(done.returncode, command)
            print(f"  done in {time.monotonic() - phase_started:.0f} s", flush=True)
            prepared[scale] = json.loads(result_path.read_text(encoding="utf-8"))
            errors = {
                n: r["error"] for n, r in prepared[scale]["inprocess"].items() if "error" in r
            }
            for name, error in errors.items():
                print(f"  ERROR {name}: {error}", flush=True)
        mixes = prepared[scales[-1]]["mixes"]
        phase_started = time.monotonic()
        load_results = (
            {"error": "skipped (--no-load)"}
            if args.no_load
            else run_load(prepared[scales[-1]], env, args, mixes, early)
        )
        print(f"  load done in {time.monotonic() - phase_started:.0f} s", flush=True)
    finally:
        if early is not None:
            early.join()
            if early.server is not None:
                early.server.stop()
        if not args.keep_db:
            databases.drop()
    data = report.assemble(
        machine=machine,
        vendor=databases.vendor,
        scales=scales,
        prepared=prepared,
        load=load_results,
        mixes=mixes,
        args=args,
        elapsed=time.monotonic() - started,
    )
    (OUT / ("report-quick.json" if args.quick else "report.json")).write_text(
        json.dumps(data, indent=1, default=str), encoding="utf-8"
    )
    if args.output:
        target = Path(args.output)
    elif args.quick or args.only or args.no_load:
        target = OUT / "report-quick.md"
    else:
        target = REPO / "bench" / "report.md"
    target.write_text(report.markdown(data), encoding="utf-8")
    print(f"report: {target.relative_to(REPO) if target.is_relative_to(REPO) else target}")
    print(report.summary(data))
    failed = data["errors"] or (args.strict and data["missed"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
