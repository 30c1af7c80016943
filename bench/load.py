"""Load part: a real gunicorn (-w 2 -k sync, like production) on 127.0.0.1 and wrk driving it with
a generated Lua script per scenario. No Django in this process."""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterable
from http.cookies import SimpleCookie
from pathlib import Path

WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn config.wsgi with the bench settings; started and stopped by us, by its pid."""

    def __init__(self, env: dict[str, str], cwd: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        started = time.monotonic()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--workers",
                str(WORKERS),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                # first requests import everything (weasyprint …); on a busy machine that takes
                # longer than the default 30 s worker timeout
                "--timeout",
                "120",
            ],
            cwd=cwd,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 180  # a busy 2-core machine needs long for the imports
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}/bench/hello", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn did not start, see {log}")
            time.sleep(0.2)
        # both workers up and warm before anything is measured
        for _ in range(20):
            urllib.request.urlopen(f"{self.url}/bench/hello", timeout=30).close()
        self.startup_s = time.monotonic() - started

    def drain(self) -> None:
        """Wait until requests a finished wrk left in the listen queue are served: accept is FIFO,
        so one request per worker, sent now, returns only after them."""
        threads = [
            threading.Thread(
                target=_flow,
                args=(self.url, {"cookies": {}, "steps": [_HELLO_STEP]}, 0),
                daemon=True,
            )
            for _ in range(WORKERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=200)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.log.closed:
            self.log.close()


_HELLO_STEP = {
    "method": "GET",
    "path": "/bench/hello",
    "status": 200,
    "body": "",
    "content_type": "",
    "headers": {},
}
_warm_counter = [5 * 10**8]  # {n} for warm-up flows: between in-process (1…) and wrk (10**9…)


def _flow(url: str, actor: dict, n: int) -> None:
    with contextlib.suppress(OSError):  # warm-up only: wrk and the report judge the responses
        _checked_flow(url, actor, n, timeout=180)  # a worker's first request may take long


class PacedBackground:
    """Background flows at a fixed rate, as real clients send them: a connection is opened when a
    flow is due and closed after it. (wrk's `delay()` keeps the connection open while it waits,
    which parks a gunicorn sync worker on an idle socket: a production server sits behind a
    buffering proxy, so that would measure the harness, not the portal. See bench/README.md.)"""

    def __init__(self, plan: dict, url: str, *, seconds: float, rate: float, base: int):
        self.plan, self.url, self.seconds, self.rate, self.base = plan, url, seconds, rate, base
        self.flows = 0
        self.bad = 0
        self.last_bad = ""
        self.latencies: list[float] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._clock = threading.Thread(target=self._run, daemon=True)
        self._started = time.monotonic()
        self._clock.start()

    def _run(self) -> None:
        interval = 1.0 / self.rate
        due = time.monotonic()
        number = 0
        while due - self._started < self.seconds:
            time.sleep(max(0.0, due - time.monotonic()))
            actor = self.plan["actors"][number % len(self.plan["actors"])]
            thread = threading.Thread(
                target=self._one, args=(actor, self.base + number), daemon=True
            )
            thread.start()
            self._threads.append(thread)
            number += 1
            due += interval

    def _one(self, actor: dict, n: int) -> None:
        started = time.monotonic()
        try:
            bad = _checked_flow(self.url, actor, n)
        except OSError as error:
            bad = f"connection: {error}"
        with self._lock:
            if bad:
                self.bad += 1
                self.last_bad = bad
            else:
                self.flows += 1
                self.latencies.append((time.monotonic() - started) * 1000)

    def result(self) -> dict:
        self._clock.join(timeout=self.seconds + 30)
        for thread in self._threads:
            thread.join(timeout=30)
        elapsed = time.monotonic() - self._started
        latencies = sorted(self.latencies)

        def pct(q: float) -> float | None:
            return (
                latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else None
            )

        return {
            "client": "paced (bench/load.py PacedBackground)",
            "seconds": elapsed,
            "flows": self.flows,
            "flows_per_s": self.flows / elapsed,
            "rps": self.flows * len(self.plan["actors"][0]["steps"]) / elapsed,
            "bad": self.bad,
            "last_bad": self.last_bad,
            "latency_p50_ms": pct(0.5),
            "latency_p99_ms": pct(0.99),
        }


def keep_cookies(cookies: dict[str, str], set_cookie: Iterable[str]) -> None:
    """What a browser keeps of a response's Set-Cookie headers for the flow's next request
    (Django's messages after a redirect): set or, when expired (max-age 0), dropped."""
    for header in set_cookie:
        for name, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0":
                cookies.pop(name, None)
            else:
                cookies[name] = morsel.value


def _checked_flow(url: str, actor: dict, n: int, *, timeout: float = 60) -> str:
    """One flow; '' if every step answered with the expected status, else what went wrong."""
    host, port = url.removeprefix("http://").split(":")
    cookies = dict(actor["cookies"])  # and what the flow's responses set, as a browser keeps
    location = ""
    for step in actor["steps"]:
        connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
        headers = dict(step["headers"])
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if step["content_type"]:
            headers["Content-Type"] = step["content_type"]
        path = step["path"].replace("{n}", str(n)).replace("{location}", location)
        body = step["body"].replace("{n}", str(n)).encode() if step["body"] else None
        connection.request(step["method"], path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        location = response.getheader("Location") or ""
        keep_cookies(cookies, response.msg.get_all("Set-Cookie") or ())
        connection.close()
        if response.status != step["status"]:
            return f"{step['method']} {step['path']} -> {response.status}"
        if step.get("expect") and step["expect"] not in content.decode():
            return f"{step['method']} {step['path']}: {step['expect']!r} missing"
    return ""


def warm(plan: dict, url: str, rounds: int = 2) -> None:
    """Each worker serves the flow before the clock starts: a worker's first request of a page
    imports modules and compiles templates, which takes seconds on a busy machine."""
    for _ in range(rounds):
        threads = []
        for i in range(WORKERS * 2):
            _warm_counter[0] += 1
            actor = plan["actors"][i % len(plan["actors"])]
            thread = threading.Thread(
                target=_flow, args=(url, actor, _warm_counter[0]), daemon=True
            )
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join(timeout=200)


def wrk_available() -> str | None:
    return shutil.which("wrk")


def _lua_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid Lua string literal


def lua_script(plan: dict, rate: float | None, connections: int) -> str:
    """One connection per wrk thread, so each thread walks its own actor's flow in order."""
    actors = []
    for actor in plan["actors"]:
        cookie = "; ".join(f"{k}={v}" for k, v in actor["cookies"].items())
        steps = []
        for step in actor["steps"]:
            headers = dict(step["headers"])
            if cookie:
                headers["Cookie"] = cookie
            if step["content_type"]:
                headers["Content-Type"] = step["content_type"]
            header_lua = ", ".join(
                f"[{_lua_string(k)}]={_lua_string(v)}" for k, v in headers.items()
            )
            body = _lua_string(step["body"]) if step["body"] else "nil"
            steps.append(
                f"{{method={_lua_string(step['method'])}, path={_lua_string(step['path'])}, "
                f"body={body}, status={step['status']}, headers={{{header_lua}}}}}"
            )
        actors.append("{steps={" + ", ".join(steps) + "}}")
    # background flows are paced: each connection sends on a fixed clock, `rate` flows/s in all
    steps_per_flow = len(plan["actors"][0]["steps"])
    interval_ms = 0.0 if not rate else connections * 1000 / (rate * steps_per_flow)
    return (
        LUA.replace("@ACTORS@", ",\n  ".join(actors))
        .replace("@INTERVAL@", f"{interval_ms:.3f}")
        .replace("@DELAY_FN@", PACING if interval_ms else "")
    )


PACING = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } bench_timeval;
int gettimeofday(bench_timeval *tv, void *tz);
]]
local tv = ffi.new("bench_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

function delay()
  local t = now_ms()
  if next_due == nil then next_due = t + math.random() * interval_ms end
  local wait = next_due - t
  if wait < 0 then
    wait = 0
    next_due = t
  end
  next_due = next_due + interval_ms
  return math.floor(wait)
end
"""


LUA = r"""
-- generated by bench/load.py
local actors = {
  @ACTORS@
}
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local base = tonumber(args[1]) or 0
  actor = actors[((tid - 1) % #actors) + 1]
  step = 1
  n = base + tid * 1000000
  flows = 0
  bad = 0
  last_bad = ""
  location = ""
  interval_ms = @INTERVAL@
  math.randomseed(tid)
end

@DELAY_FN@

function request()
  local s = actor.steps[step]
  local number = tostring(n)
  local path = s.path:gsub("{n}", number):gsub("{location}", function() return location end)
  local body = s.body
  if body then body = body:gsub("{n}", number) end
  local headers = {}
  for k, v in pairs(s.headers) do headers[k] = v end
  return wrk.format(s.method, path, headers, body)
end

function response(status, headers, body)
  local s = actor.steps[step]
  if status ~= s.status then
    bad = bad + 1
    last_bad = s.method .. " " .. s.path .. " -> " .. status
    step = 1
    n = n + 1
    return
  end
  location = headers["Location"] or headers["location"] or ""
  if step == #actor.steps then
    flows = flows + 1
    step = 1
    n = n + 1
  else
    step = step + 1
  end
end

function done(summary, latency, requests)
  local f, b, last = 0, 0, ""
  for _, t in ipairs(threads) do
    f = f + t:get("flows")
    b = b + t:get("bad")
    if t:get("last_bad") ~= "" then last = t:get("last_bad") end
  end
  io.write(string.format("BENCH flows=%d bad=%d last_bad=%s\n", f, b, last))
end
"""

_DURATION = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)")
_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    return float(match[1]) * _UNITS[match[2]] * 1000 if match else float("nan")


def start_wrk(
    plan: dict,
    url: str,
    *,
    seconds: int,
    connections: int,
    base: int,
    out_dir: Path,
    rate: float | None = None,
) -> subprocess.Popen:
    script = out_dir / f"{plan['name'].replace(':', '_')}{'-bg' if rate else ''}.lua"
    script.write_text(lua_script(plan, rate, connections), encoding="utf-8")
    return subprocess.Popen(
        [
            "wrk",
            f"-t{connections}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            url,
            "--",
            str(base),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def parse_wrk(output: str) -> dict:
    result: dict = {"raw_tail": output.strip().splitlines()[-3:]}
    match = _DURATION.search(output)
    bench = re.search(r"BENCH flows=(\d+) bad=(\d+) last_bad=(.*)", output)
    if not match or not bench:
        result["error"] = "wrk output not understood: " + output.strip()[-300:]
        return result
    requests, seconds = int(match[1]), float(match[2]) * _UNITS[match[3]]
    result.update(
        requests=requests,
        seconds=seconds,
        rps=requests / seconds,
        flows=int(bench[1]),
        flows_per_s=int(bench[1]) / seconds,
        bad=int(bench[2]),
        last_bad=bench[3].strip(),
    )
    p50 = re.search(r"^\s*50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s*99%\s+(\S+)", output, re.MULTILINE)
    result["latency_p50_ms"] = _ms(p50[1]) if p50 else None
    result["latency_p99_ms"] = _ms(p99[1]) if p99 else None
    errors = re.search(r"Socket errors: (.*)", output)
    if errors:
        result["socket_errors"] = errors[1].strip()
    return result


def run_wrk(plan: dict, url: str, **kwargs) -> dict:
    process = start_wrk(plan, url, **kwargs)
    output, _ = process.communicate(timeout=kwargs["seconds"] + 30)
    save_output(kwargs["out_dir"], plan["name"], kwargs["base"], output)
    return parse_wrk(output)


def save_output(out_dir: Path, name: str, base: int, output: str) -> None:
    """Raw wrk output of every run, for diagnosis: bench/out/lua/<name>-<run>.txt."""
    (out_dir / f"{name.replace(':', '_')}-{base // 10**8 - 10}.txt").write_text(output)
