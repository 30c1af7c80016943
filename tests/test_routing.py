"""URL resolution: every route of ours resolves to its own name (config/urls.py includes each app
under a literal prefix, an app with several top-level segments one prefix per segment)."""

from django.urls import get_resolver, reverse

NOT_OURS = {"admin"}  # Django's admin: regular-expression routes, resolved by Django's walk
SAMPLES = {
    "IntConverter": "1",
    "UUIDConverter": "12345678-1234-5678-1234-567812345678",
    "KeyConverter": "06611000",  # partnership: an official key
    "DayConverter": "2026-12-31",  # partnership: the day of a Stand
}


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
                for _template, params in possibility:
                    values = {p: SAMPLES.get(type(converters.get(p)).__name__, "x") for p in params}
                    url = reverse(f"{namespace}:{name}", kwargs=values)
                    match = resolver.resolve(url)
                    if namespace == "api":
                        # django-ninja: the operations of one path (GET detail, PATCH change)
                        # share one route, which dispatches by method
                        assert match.namespace == "api", url
                    else:
                        assert match.view_name == f"{namespace}:{name}", url
                    checked += 1
    assert checked > 100
