"""Two app servers against one (issue #13): throughput of the same page served by one gunicorn
and by two gunicorns side by side, each with the production worker count (load.WORKERS).

    .venv/bin/python bench/two_servers.py [--seconds 10] [--connections 8] [--path /bench/hello]

Each server is a separate gunicorn process group on its own port (as two machines behind a load
balancer would be); wrk drives one server, then both at once (one wrk per server, half the
connections each), and the report gives requests per second and the ratio two/one. The default
page is `/bench/hello` (full middleware stack, no database), so nothing but the app servers is
measured; `--path /` with DATABASE_URL (a migrated database) and REDIS_URL measures a cached public
page on shared PostgreSQL and Redis. On this project's 2-core machine the ratio cannot exceed
about 1: one server's two sync workers already use both cores, and wrk shares them too; two
servers add processes, not cores. The scenario shows that a second server costs nothing in
throughput here and where the ceiling is; on two machines the same script against two hosts would
show the scale-out. Writes bench/two-servers.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import load  # noqa: E402
from bench.run import base_env  # noqa: E402

OUT = REPO / "bench" / "two-servers.md"


def _wrk(url: str, seconds: int, connections: int) -> subprocess.Popen:
    return subprocess.Popen(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _rate(process: subprocess.Popen) -> tuple[float, str]:
    output, _ = process.communicate(timeout=600)
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if not match:
        raise RuntimeError(f"wrk printed no rate:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{errors.group(1)} responses were not 2xx/3xx:\n{output}")
    return float(match.group(1)), output


def measure(path: str, seconds: int, connections: int) -> dict:
    env = base_env()
    if "DATABASE_URL" in os.environ:
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    else:  # /bench/hello needs no tables; an empty throwaway file keeps the real one untouched
        env["SQLITE_PATH"] = str(Path(tempfile.mkdtemp(prefix="wir-two-")) / "bench.sqlite3")
    logs = REPO / "bench" / "out"
    logs.mkdir(parents=True, exist_ok=True)
    servers = [load.Server(env, REPO, logs / f"two-servers-{i}.log") for i in range(2)]
    try:
        for server in servers:  # both warm before anything is measured
            _rate(_wrk(server.url + path, 2, 2))
        one, _ = _rate(_wrk(servers[0].url + path, seconds, connections))
        time.sleep(1)
        runs = [_wrk(server.url + path, seconds, connections // 2) for server in servers]
        both = [_rate(run)[0] for run in runs]
    finally:
        for server in servers:
            server.stop()
    load_average = os.getloadavg()
    return {
        "path": path,
        "one": one,
        "two": sum(both),
        "per_server": both,
        "ratio": sum(both) / one,
        "cores": os.cpu_count(),
        "load": load_average,
        "workers": load.WORKERS,
        "seconds": seconds,
        "connections": connections,
    }


def report(result: dict) -> str:
    return (
        "# Two app servers against one\n\n"
        f"`bench/two_servers.py --path {result['path']} --seconds {result['seconds']} "
        f"--connections {result['connections']}`: gunicorn `-w {result['workers']} -k sync` per "
        f"server, wrk on the same machine ({result['cores']} cores, load average "
        f"{result['load'][0]:.1f} / {result['load'][1]:.1f} / {result['load'][2]:.1f} after the "
        "run).\n\n"
        "| set-up | requests/s |\n|---|---|\n"
        f"| one server, {result['connections']} connections | {result['one']:.0f} |\n"
        f"| two servers, {result['connections'] // 2} connections each | {result['two']:.0f} "
        f"({' + '.join(f'{rate:.0f}' for rate in result['per_server'])}) |\n"
        f"| **ratio two / one** | **{result['ratio']:.2f}** |\n\n"
        "The ratio is capped by the machine, not by the portal: one server's sync workers already "
        "keep both cores busy (with wrk beside them), so a second server on the same cores adds "
        "processes but no computing power. The servers share nothing but the database, Redis and "
        "the bucket (tests/test_prod_sim.py), so on separate machines throughput adds up until "
        "PostgreSQL or Redis is the limit. On a machine shared with other work (load average "
        "well above the core count) a ratio above 1 means only that more processes got a larger "
        "share of the contended cores.\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default="/bench/hello")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    result = measure(args.path, args.seconds, args.connections)
    text = report(result)
    OUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
