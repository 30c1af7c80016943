"""core.routing: the segment dispatcher resolves exactly what Django's plain walk resolves."""

import pytest
from django.http import HttpResponse
from django.urls import Resolver404, get_resolver, include, path
from django.urls.resolvers import RegexPattern, URLResolver

from wirportal.core.routing import SegmentDispatch


def view(request, **kwargs):
    return HttpResponse()


def _patterns():
    first = [
        path("", view, name="home"),
        path("healthz", view, name="health"),
        path("linien/<int:pk>/", view, name="first-line"),
    ]
    second = [
        path("linien/<int:pk>/bewerten/", view, name="second-line"),
        path("linien/<int:pk>/", view, name="second-shadowed"),  # the first app's route wins
        path("<slug:anything>/spaet/", view, name="second-any"),
    ]
    return [
        path("", include((first, "first"))),
        path("konto/", include([path("", view, name="account")])),
        path("", include((second, "second"))),
    ]


NOT_OURS = {"admin"}  # Django's admin: regular-expression routes, resolved by Django's walk
SAMPLES = {"IntConverter": "1", "UUIDConverter": "12345678-1234-5678-1234-567812345678"}
PATHS = [
    "/",
    "/healthz",
    "/konto/",
    "/linien/4/",
    "/linien/4/bewerten/",
    "/irgendwas/spaet/",
    "/linien/spaet/",
    "/gibtsnicht/",
    "/linien/x/",
]


def _resolve(resolver, url):
    try:
        match = resolver.resolve(url)
    except Resolver404:
        return None
    return (match.view_name, match.kwargs, match.route)


@pytest.mark.parametrize("url", PATHS)
def test_dispatcher_resolves_like_the_plain_walk(url):
    plain = URLResolver(RegexPattern(r"^/"), _patterns())
    dispatched = URLResolver(RegexPattern(r"^/"), [SegmentDispatch(_patterns())])
    assert _resolve(dispatched, url) == _resolve(plain, url)


def test_dispatcher_answers_the_known_cases():
    dispatched = URLResolver(RegexPattern(r"^/"), [SegmentDispatch(_patterns())])
    assert _resolve(dispatched, "/linien/4/")[0] == "first:first-line"
    assert _resolve(dispatched, "/linien/spaet/")[0] == "second:second-any"
    assert _resolve(dispatched, "/gibtsnicht/") is None


def test_every_portal_route_resolves_to_its_own_name():
    resolver = get_resolver()
    checked = 0
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        if namespace in NOT_OURS or namespace.startswith("api-"):
            continue
        for name, entries in sub.reverse_dict.lists():
            if not isinstance(name, str):
                continue
            for possibility, _pattern, _defaults, converters in entries:
                for template, params in possibility:
                    values = {p: SAMPLES.get(type(converters.get(p)).__name__, "x") for p in params}
                    url = "/" + _prefix + template % values
                    match = resolver.resolve(url)
                    assert match.view_name == f"{namespace}:{name}", url
                    checked += 1
    assert checked > 100
