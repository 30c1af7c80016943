"""Every resolvable URL pattern of the project (full route, namespace, name, view) against a
committed snapshot (`tests/snapshots/url_patterns.txt`): restructuring config/urls.py or an app's
urls.py must not change a public URL, a URL name or a namespace. A new or moved URL changes the
snapshot on purpose: regenerate it with `WIR_URL_SNAPSHOT_WRITE=1 pytest tests/test_url_snapshot.py`
and review the diff.

Besides the list, each portal route's sample URL (converters filled in) is resolved and the name it
reaches is recorded, so an order change that lets one route shadow another shows as well."""

import os
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

SNAPSHOT = Path(__file__).parent / "snapshots" / "url_patterns.txt"
SAMPLES = {
    "IntConverter": "1",
    "UUIDConverter": "12345678-1234-5678-1234-567812345678",
    "PathConverter": "a/b",
}


def _walk(patterns, prefix="", namespace=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), ":".join(namespace), entry.name, entry.lookup_str


def _sample(route: str) -> str | None:
    """A URL for a route written with path() converters; None for regular expressions."""
    if "^" in route or "(?P" in route or "$" in route:
        return None
    out, rest = "", route
    while "<" in rest:
        head, _, rest = rest.partition("<")
        spec, _, rest = rest.partition(">")
        kind = spec.split(":")[0] if ":" in spec else "str"
        value = {
            "int": "1",
            "uuid": SAMPLES["UUIDConverter"],
            "path": "a/b",
            "day": "2026-12-31",  # partnership: a Stand's date
            "unitkey": "06611000",  # partnership: an official key
        }.get(kind, "x")
        out += head + value
    return "/" + out + rest


def _namespaces(patterns, outer=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*outer, entry.namespace) if entry.namespace else outer
            if entry.namespace:
                yield ":".join(inner)
            yield from _namespaces(entry.url_patterns, inner)


def current_lines() -> list[str]:
    resolver = get_resolver()
    lines = [f"namespace {name}" for name in sorted(set(_namespaces(resolver.url_patterns)))]
    for route, namespace, name, view in _walk(resolver.url_patterns):
        url = _sample(route)
        reached = ""
        if url is not None and not namespace.startswith("admin"):
            match = resolver.resolve(url)
            reached = f" -> {match.view_name}"
        lines.append(f"{route} | {namespace} | {name} | {view}{reached}")
    return lines


def test_every_url_pattern_is_as_in_the_snapshot():
    lines = current_lines()
    if os.environ.get("WIR_URL_SNAPSHOT_WRITE"):
        SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    # order inside the project's resolver may change (grouping); the set and the resolution may not
    assert sorted(lines) == sorted(expected)
    assert len(lines) == len(set(lines))
    assert len(lines) > 300
