"""core.links finds every app's `links.for_object` without importing the apps by name."""

from wirportal.core.links import Link, _providers, object_links


def test_links_providers_are_discovered_by_convention():
    modules = {provider.__module__ for provider in _providers()}
    assert {"wirportal.reviews.links", "wirportal.decisions.links"} <= modules


def test_object_links_sorts_by_order_and_keeps_provider_order(monkeypatch):
    from wirportal.core import links

    first = [Link("B", "/b/", order=20), Link("A2", "/a2/", order=30)]
    second = [Link("A1", "/a1/", order=10), Link("A3", "/a3/", order=30)]
    monkeypatch.setattr(
        links, "_providers", lambda: [lambda obj, user: first, lambda obj, user: second]
    )
    assert [link.url for link in object_links(object(), None)] == ["/a1/", "/b/", "/a2/", "/a3/"]
