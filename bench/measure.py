"""In-process part: turn scenarios into concrete request plans (sessions, CSRF, paths) and measure
queries per request and server time with the Django test client. Runs inside Django."""

from __future__ import annotations

import json
import statistics
import time
from http.cookies import SimpleCookie
from importlib import import_module
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.crypto import get_random_string

from bench.harness import BASELINE_PATHS, Context, Scenario, fill
from wirportal.accounts.tests.factories import record_second_factor

SESSION_BACKEND = "wirportal.accounts.backends.ModelBackend"
# {n} for in-process flows counts from here; the load runs use numbers from 10**9 upwards.
INPROCESS_N = 1
# server time: up to `timed` flows, but at least MIN_TIMED and no new flow after TIME_BUDGET_S
MIN_TIMED = 20
TIME_BUDGET_S = 3.0


class FlowError(Exception):
    pass


def _session_key(user, cache: dict[int, str]) -> str:
    """A logged-in session as after the real login (incl. TOTP), created directly in the DB."""
    if user.pk not in cache:
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = user._meta.pk.value_to_string(user)
        store[BACKEND_SESSION_KEY] = SESSION_BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        record_second_factor(store, user)  # staff passed TOTP (accounts/mfa.py)
        store.create()
        cache[user.pk] = store.session_key
    return cache[user.pk]


def _resolve_step(step, actor: dict[str, Any], ctx: Context, csrf: str, where: str) -> dict:
    path = step.path(ctx) if callable(step.path) else step.path
    path = fill(path, actor, where=f"{where} path")
    headers = {k: fill(v, actor, where=f"{where} header") for k, v in step.headers.items()}
    body, content_type = "", ""
    if step.data is not None:
        fields = {k: fill(str(v), actor, where=f"{where} data") for k, v in step.data.items()}
        if step.method.upper() != "GET":
            fields["csrfmiddlewaretoken"] = csrf
        # {n} survives the encoding as %7Bn%7D; put it back for request-time filling
        body = urlencode(fields, doseq=True).replace("%7Bn%7D", "{n}")
        content_type = "application/x-www-form-urlencoded"
    elif step.json is not None:
        body = fill(json.dumps(step.json), actor, where=f"{where} json")
        content_type = "application/json"
    if step.method.upper() != "GET" and step.data is None:
        headers["X-CSRFToken"] = csrf
    return {
        "method": step.method.upper(),
        "path": path,
        "status": step.status,
        "body": body,
        "content_type": content_type,
        "headers": headers,
        "expect": fill(step.expect, actor, where=f"{where} expect"),
    }


def _resolve_actors(scenario: Scenario, ctx: Context, max_actors: int, sessions) -> list[dict]:
    if scenario.actors is not None:
        actors = scenario.actors(ctx)
        if not scenario.consumes_actor:  # one per wrk connection
            actors = actors[:max_actors]
        if not actors:
            raise ValueError("actors() returned nobody")
    elif scenario.role is not None:
        actors = [{"user": ctx.user(scenario.role)}]
    else:
        actors = [{"user": None}]
    resolved = []
    for index, actor in enumerate(actors):
        csrf = get_random_string(32)
        cookies = {settings.CSRF_COOKIE_NAME: csrf}
        user = actor.get("user")
        if user is not None:
            cookies[settings.SESSION_COOKIE_NAME] = _session_key(user, sessions)
        steps = [
            _resolve_step(step, actor, ctx, csrf, f"{scenario.name} actor {index}")
            for step in scenario.all_steps()
        ]
        resolved.append({"cookies": cookies, "steps": steps})
    return resolved


def resolve(scenarios: list[Scenario], ctx: Context, max_actors: int) -> dict[str, dict]:
    """Concrete requests per scenario and actor, JSON-ready (the load runner uses them too)."""
    sessions: dict[int, str] = {}
    plans: dict[str, dict] = {}
    for name, path in BASELINE_PATHS.items():
        plans[f"baseline:{name}"] = {
            "name": f"baseline:{name}",
            "baseline": None,
            "target": None,
            "role": None,
            "note": "",
            "steps": 1,
            "actors": [
                {
                    "cookies": {},
                    "steps": [
                        {
                            "method": "GET",
                            "path": path,
                            "status": 200,
                            "body": "",
                            "content_type": "",
                            "headers": {},
                        }
                    ],
                }
            ],
        }
    for scenario in scenarios:
        plan = {
            "name": scenario.name,
            "baseline": scenario.baseline,
            "target": scenario.target,
            "role": scenario.role or ("(actors)" if scenario.actors else "anonym"),
            "note": scenario.note,
            "consumes_actor": scenario.consumes_actor,
            "steps": len(scenario.all_steps()),
            "actors": [],
        }
        try:
            plan["actors"] = _resolve_actors(scenario, ctx, max_actors, sessions)
        except Exception as error:  # e.g. the scenario's objects were not generated
            plan["error"] = f"cannot build requests: {type(error).__name__}: {error}"[:300]
        plans[scenario.name] = plan
    return plans


def _execute(client: Client, actor: dict, n: int, capture: bool) -> tuple[list[int], list[int]]:
    """Run one flow; returns queries and response bytes per step. Raises FlowError on a status."""
    client.cookies = SimpleCookie()
    for key, value in actor["cookies"].items():
        client.cookies[key] = value
    location = ""
    queries, sizes = [], []
    for index, step in enumerate(actor["steps"]):
        path = step["path"].replace("{n}", str(n)).replace("{location}", location)
        body = step["body"].replace("{n}", str(n))
        kwargs: dict[str, Any] = {"headers": step["headers"]}
        if step["content_type"]:
            kwargs["content_type"] = step["content_type"]
        if capture:
            with CaptureQueriesContext(connection) as captured:
                response = client.generic(step["method"], path, body, **kwargs)
            queries.append(len(captured.captured_queries))
        else:
            response = client.generic(step["method"], path, body, **kwargs)
        if response.status_code != step["status"]:
            raise FlowError(
                f"step {index + 1} {step['method']} {path}: expected {step['status']}, "
                f"got {response.status_code}"
            )
        if step.get("expect") and step["expect"] not in response.content.decode():
            raise FlowError(f"step {index + 1} {step['method']} {path}: {step['expect']!r} missing")
        sizes.append(len(response.content))
        location = response.headers.get("Location", "")
    return queries, sizes


def measure(plan: dict, *, timed: int, counter: list[int], quick: bool = False) -> dict:
    """Queries per step (3 flows after 2 warm-up flows) and server time per flow over `timed`."""
    warm, counted = (0, 1) if quick else (2, 3)
    client = Client(enforce_csrf_checks=True)
    actors = plan["actors"]
    used = [0]  # actors taken in turn over all phases: a flow that uses up its actor gets a new one

    def flow(capture: bool):
        counter[0] += 1
        index = used[0]
        used[0] += 1
        if plan.get("consumes_actor") and index >= len(actors):
            raise FlowError(f"all {len(actors)} actors used up: generate more")
        return _execute(client, actors[index % len(actors)], counter[0], capture)

    try:
        for _ in range(warm):
            flow(False)
        runs = [flow(True) for _ in range(counted)]
        counts, sizes = [queries for queries, _sizes in runs], runs[-1][1]
        times: list[float] = []
        budget_end = time.perf_counter() + TIME_BUDGET_S
        for _ in range(timed):
            start = time.perf_counter()
            flow(False)
            times.append((time.perf_counter() - start) * 1000)
            # slow flows stop after the time budget once enough samples exist (run time bound)
            if len(times) >= MIN_TIMED and start > budget_end:
                break
    except FlowError as error:
        return {"error": str(error)}
    except Exception as error:  # the view raised: report it, go on with the next scenario
        return {"error": f"{type(error).__name__}: {error}"[:300]}
    per_step = [[min(c[s] for c in counts), max(c[s] for c in counts)] for s in range(len(sizes))]
    result: dict[str, Any] = {"queries": per_step, "bytes": sizes, "timed": len(times)}
    if plan.get("consumes_actor"):
        result["actors_used"] = used[0]
    if len(times) >= 2:
        result["median_ms"] = statistics.median(times)
        result["p95_ms"] = statistics.quantiles(times, n=20, method="inclusive")[18]
    return result
