"""What a scenario module uses: Scenario, Step, Mix and the Context handed to callables.

A scenario module is any `bench/scenario_<topic>.py`. It may define
  generate(scale: int) -> None   create data; scale 10 is the full 10-year dataset, scale 1 a tenth
  SCENARIOS: list[Scenario]      pages and flows to measure
  MIXES: list[Mix]               deadline-day style: background writes while a page is measured
  JOBS: list[Job]                batch work timed in-process (e.g. a payment run)
See bench/README.md for the rules and an example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROLES = ("programme_staff", "case_worker", "reviewer", "coordinator", "applicant", "auditor")
BASELINES = ("hello", "one-query")
BASELINE_PATHS = {"hello": "/bench/hello", "one-query": "/bench/one-query"}
# Filled in by the harness: {n} a number unique per flow, {location} the previous redirect target.
RESERVED = ("n", "location")


@dataclass(frozen=True)
class Step:
    """One request of a flow. Strings may use {var} from the actor, {n} and (path only) {location}."""

    method: str
    path: str | Callable[[Context], str]
    status: int = 200
    data: dict[str, str] | None = None  # form fields, urlencoded; the CSRF token is added for you
    json: Any = None  # JSON body instead of form fields
    headers: dict[str, str] = field(default_factory=dict)  # e.g. {"HX-Request": "true"}
    # text the response must contain (in process and in paced background flows, which carry the
    # flow's cookies from step to step as a browser does; wrk checks statuses only)
    expect: str = ""


@dataclass(frozen=True)
class Scenario:
    """A page (path=...) or a flow of steps (steps=...) measured as one unit."""

    name: str
    path: str | Callable[[Context], str] = ""  # shortcut for steps=(Step("GET", path),)
    steps: tuple[Step, ...] = ()
    role: str | None = None  # whose session the requests carry; None = anonymous
    # Several people at once (e.g. applicants each saving their own draft): returns dicts with
    # "user" (a User or None) and any further {var} values; load connections take them in turn.
    actors: Callable[[Context], list[dict[str, Any]]] | None = None
    status: int = 200  # expected status of the path shortcut
    target: float | None = None  # minimum of (flows/s) / (baseline req/s)
    baseline: str = "hello"  # "hello" or "one-query", measured in the same run
    note: str = ""
    # Each flow uses up its actor (a draft submitted is no draft any more): measured in process
    # and as a mix's paced background, each actor once, never at full load by wrk (whose
    # connections repeat their actor's flow). actors() must return enough of them for both.
    consumes_actor: bool = False

    def all_steps(self) -> tuple[Step, ...]:
        if self.steps:
            return self.steps
        return (Step("GET", self.path, status=self.status),)


@dataclass(frozen=True)
class Mix:
    """Measure `foreground` at full load while the background scenarios run at fixed rates."""

    name: str
    foreground: str
    background: tuple[tuple[str, float], ...]  # (scenario name, flows per second)
    target: float | None = None  # minimum of (foreground req/s with background) / (alone)
    note: str = ""


@dataclass(frozen=True)
class Job:
    """A batch job timed in-process once per scale (e.g. a payment run of 10,000 payments).

    `run(ctx)` does the work and may return a dict of figures for the report; it must leave the
    data as it found it (roll back its transaction), the pages are measured on the same data.
    `target_s` is the maximum seconds at the largest scale."""

    name: str
    run: Callable[[Context], dict[str, Any] | None]
    target_s: float | None = None
    scale: int = 10  # the scale the target is meant for (the full dataset)
    note: str = ""


class Context:
    """Handed to path, actors and other callables once the data exists (maybe from the cache)."""

    def __init__(self, scale: int):
        self.scale = scale

    def user(self, role: str):
        """The bench person of a role (staff have TOTP; coordinator works in Kassel; applicant is
        member and admin of the organisation "Bench-Träger Kassel e. V.")."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(email=bench_email(role))


def bench_email(role: str) -> str:
    return f"bench.{role}@bench.invalid"


def discover() -> list[Any]:
    """All scenario modules, in file name order."""
    modules = []
    for file in sorted(BENCH_DIR.glob("scenario_*.py")):
        modules.append(import_module(f"bench.{file.stem}"))
    return modules


def all_scenarios(modules) -> list[Scenario]:
    scenarios: list[Scenario] = []
    for module in modules:
        scenarios.extend(getattr(module, "SCENARIOS", []))
    names = [s.name for s in scenarios]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"Scenario names must be unique: {sorted(duplicates)}")
    for scenario in scenarios:
        if scenario.baseline not in BASELINES:
            raise ValueError(f"{scenario.name}: baseline must be one of {BASELINES}")
        if scenario.role is not None and scenario.role not in ROLES:
            raise ValueError(f"{scenario.name}: unknown role {scenario.role!r}")
        if not scenario.steps and not scenario.path:
            raise ValueError(f"{scenario.name}: give path or steps")
    return scenarios


def all_jobs(modules) -> list[Job]:
    jobs: list[Job] = []
    for module in modules:
        jobs.extend(getattr(module, "JOBS", []))
    names = [j.name for j in jobs]
    if len(names) != len(set(names)):
        raise ValueError(f"Job names must be unique: {names}")
    return jobs


def all_mixes(modules, scenarios: list[Scenario]) -> list[Mix]:
    known = {s.name for s in scenarios}
    mixes: list[Mix] = []
    for module in modules:
        mixes.extend(getattr(module, "MIXES", []))
    for mix in mixes:
        for name in (mix.foreground, *(name for name, _rate in mix.background)):
            if name not in known:
                raise ValueError(f"Mix {mix.name}: unknown scenario {name!r}")
    return mixes


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, values: dict[str, Any], *, where: str) -> str:
    """Replace {var} with actor values; keep the reserved {n}/{location} for request time."""

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name in RESERVED:
            return match[0]
        if name not in values:
            raise KeyError(f"{where}: no value for {{{name}}} (actor has {sorted(values)})")
        return str(values[name])

    return _PLACEHOLDER.sub(replace, template)
