"""URL resolution that does not walk every route of the portal on every request.

Django tries URL patterns one after another. The portal mounts a dozen apps at the root with
about 120 routes, so a request for `/pruefung/` tried the routes of every app listed before
reviews: about 0.3 ms a request, as much as the whole one-query view. Two wiring helpers fix that
without changing a URL, a name or `reverse()`:

- `by_first_segment(module)` includes an app's urls.py with its routes grouped under their first
  path segment (`antraege/…`, `pruefung/…`), keeping the order within a group;
- `SegmentDispatch(patterns)` is `path("", include(patterns))` that, for a request, tries only the
  includes that have a route starting with the request's first segment (in their order). A
  segment no literal route starts with (404s, routes beginning with a converter) is resolved by
  walking all patterns, as Django does.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern, URLResolver, include, path
from django.urls.resolvers import RoutePattern

ANY = None  # a route whose first segment is not a literal: may match any segment


def by_first_segment(module_name: str):
    """`include(module_name)` (with its app namespace), routes grouped by first path segment."""
    module = import_module(module_name)
    patterns: list = []
    groups: dict[str, list] = {}
    for pattern in module.urlpatterns:
        head, slash, rest = str(pattern.pattern).partition("/")
        if not (isinstance(pattern, URLPattern) and slash and head and "<" not in head):
            patterns.append(pattern)
            continue
        if head not in groups:
            groups[head] = []
            patterns.append(path(f"{head}/", include(groups[head])))
        groups[head].append(path(rest, pattern.callback, pattern.default_args, pattern.name))
    return include((patterns, module.app_name), namespace=module.app_name)


def _first_segments(pattern) -> set[str | None]:
    """The literal first segments a pattern's routes can start with (ANY if not literal)."""
    if not isinstance(pattern.pattern, RoutePattern):
        return {ANY}
    route = str(pattern.pattern)
    head = route.partition("/")[0]
    if "<" in head:
        return {ANY}
    if head or isinstance(pattern, URLPattern):
        return {head}
    segments: set[str | None] = set()  # an include mounted at "": look inside
    for inner in pattern.url_patterns:
        segments |= _first_segments(inner)
    return segments


class SegmentDispatch(URLResolver):
    def __init__(self, patterns: list) -> None:
        super().__init__(RoutePattern(""), patterns)
        self._by_segment: dict[str, URLResolver] | None = None

    def _index(self) -> dict[str, URLResolver]:
        starts = [_first_segments(pattern) for pattern in self.url_patterns]
        index: dict[str, URLResolver] = {}
        for segment in set().union(*starts):
            if segment is ANY:
                continue
            candidates = [
                pattern
                for pattern, segments in zip(self.url_patterns, starts, strict=True)
                if segment in segments or ANY in segments
            ]
            index[segment] = URLResolver(RoutePattern(""), candidates)
        return index

    def resolve(self, path):
        if self._by_segment is None:
            self._by_segment = self._index()
        subset = self._by_segment.get(str(path).partition("/")[0])
        if subset is None:
            return super().resolve(path)
        return subset.resolve(path)
