"""Versioned caching of rendered pages and page fragments.

The approach is pretix's (`ObjectRelatedCache`): a cache key carries the *versions* of the content
it shows, so a change is visible on the very next request and nothing has to be deleted.

- A **content version** is a named token ("events", "offices", "applications", …) in
  `core.ContentVersion`. `versions(*names)` reads the tokens of a page in one query.
- A model takes part by declaring `content_versions`: a tuple of names, or a method returning the
  names for one instance (e.g. a draft application bumps "drafts", not "applications"). Every
  save and delete of such a model (and m2m changes) calls `bump()` through the signals wired in
  `CoreConfig.ready()` for exactly these models (the others keep Django's fast deletes): this is cache bookkeeping, not business logic, and it catches every write
  path (services, admin, factories). `QuerySet.update()` and `bulk_create()` send no signals:
  services that use them call `bump()` themselves.
- `bump()` writes new tokens *after* the transaction commits on PostgreSQL (one upsert for all
  names), so writers never queue behind a version row, and a reader can never cache pre-commit
  data under the new token. On SQLite, which has one writer at a time anyway, it writes them
  inside the transaction (atomic with the data, one write transaction instead of two).
- Entries also expire after a TTL, which bounds staleness if a write path ever misses a bump.
- Cached HTML is always rendered **without the request**: no CSRF token, no user, no nonce can end
  up in an entry shared between people. What depends on the person (navigation, buttons their
  permissions allow) is rendered live around the fragment; the scope of the data (all, one unit,
  one organisation) is part of the key.

Entries live in the `pages` cache (per process, `LocMemCache`: the key already carries the
versions, so processes need not share entries). Tests switch it off (`DummyCache`) except where a
test is about caching.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import threading
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from .csrf import csrf_token_for
from .prepared import PreparedQuery, PreparedUpsert

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
# Stands in for the CSRF token in shared fragments, where `{% csrf_token %}` (or `{{ csrf_token }}`,
# unfiltered) puts it, and nowhere else: it starts with "<", which autoescaping always turns into
# "&lt;", so text a person entered can never produce it; and its random part (new per process,
# like the entries) keeps it out of reach of HTML that is marked safe. Safe itself, so that the
# tag renders it unescaped.
CSRF_PLACEHOLDER = SafeString(f"<wir-csrf-token {secrets.token_hex(16)}>")
_local = threading.local()


def _cache():
    return caches[CACHE_ALIAS]


# --- versions -----------------------------------------------------------------------------------


@functools.cache
def _versions_query(count: int) -> PreparedQuery:
    """The prepared token lookup for `count` names (one per length: the SQL has `count` slots)."""
    from .models import ContentVersion

    params = [f"name{index}" for index in range(count)]
    return PreparedQuery(
        lambda **names: ContentVersion.objects.filter(
            name__in=[names[p] for p in params]
        ).values_list("name", "token"),
        **dict.fromkeys(params, str),
    )


def versions(*names: str) -> str:
    """The current tokens of `names`, joined: one query. A name never bumped has token "0"."""
    if not names:
        return ""
    unique = sorted(set(names))
    rows = _versions_query(len(unique)).fetch(**{f"name{i}": n for i, n in enumerate(unique)})
    tokens = dict(rows)
    return ".".join(tokens.get(name, "0") for name in names)


def bump(*names: str) -> None:
    """Give `names` new tokens once the current transaction commits (at once outside one)."""
    if not names:
        return
    connection = transaction.get_connection()
    if connection.vendor == "sqlite" and connection.in_atomic_block:
        # SQLite has a single writer: writing the tokens inside the transaction adds no waiting
        # and saves a second write transaction (an autosave on deadline day: one instead of two).
        _write(names)
        return
    pending: set[str] = _local.__dict__.setdefault("pending", set())
    pending.update(names)
    # One callback per call; the first one after the commit writes all pending names, the rest
    # find nothing to do. Names left over from a rolled-back transaction are written with the next
    # commit: an extra new token is harmless, a missing one would not be.
    transaction.on_commit(_flush)


def _flush() -> None:
    pending: set[str] = _local.__dict__.get("pending", set())
    if not pending:
        return
    names = sorted(pending)
    pending.clear()
    try:
        _write(names)
    except DatabaseError:  # the write itself committed; the TTL bounds the staleness
        logger.exception("could not bump content versions %s", names)


def _write(names: Iterable[str]) -> None:
    """A new token per name: one prepared upsert (one per number of names, like `versions`)."""
    unique = sorted(set(names))
    _upsert(len(unique)).execute([(name, secrets.token_hex(8)) for name in unique])


@functools.cache
def _upsert(count: int) -> PreparedUpsert:
    """The prepared token upsert for `count` names."""
    from .models import ContentVersion

    return PreparedUpsert(
        ContentVersion,
        ("name", "token"),
        unique_fields=("name",),
        update_fields=("token",),
        rows=count,
    )


def names_of(instance) -> tuple[str, ...]:
    declared = getattr(type(instance), "content_versions", None)
    if declared is None:
        return ()
    if callable(declared):
        return tuple(declared(instance))
    return tuple(declared)


def on_model_change(sender, instance=None, **kwargs) -> None:
    """Signal receiver (post_save, post_delete, m2m_changed): bump what the instance declares."""
    if kwargs.get("raw") or instance is None:  # fixtures loaded with loaddata
        return
    update_fields = kwargs.get("update_fields")
    ignored = getattr(sender, "content_versions_ignore", None)
    if update_fields and ignored and set(update_fields) <= ignored:
        return
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed sends pre_ and post_ actions; one bump is enough
    names = names_of(instance)
    if names:
        bump(*names)


# --- fragments ----------------------------------------------------------------------------------


def _key(kind: str, parts: Iterable[object]) -> str:
    raw = "\x1f".join(str(part) for part in parts)
    return f"{kind}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def cached_fragment(
    template_name: str,
    context: Callable[[], dict],
    *,
    key: Iterable[object],
    depends_on: Iterable[str] = (),
    token: str | None = None,
    ttl: int | None = None,
    csrf_for: HttpRequest | None = None,
) -> SafeString:
    """`template_name` rendered with `context()` (called only on a miss), without the request.

    `key` must name everything the HTML depends on besides the content versions: the scope of the
    data (e.g. the unit of a coordinator), filters, the page number. The active language is added.
    `token` is `versions(*depends_on)` when the caller already read it (several fragments of a page).
    Fragments with POST forms pass `csrf_for=request`: `{% csrf_token %}` renders
    `CSRF_PLACEHOLDER` into the shared entry, replaced by this person's token on the way out.
    """
    if token is None:
        token = versions(*depends_on)
    slot = CSRF_PLACEHOLDER if csrf_for is not None else ""  # entries of this process only
    full_key = _key("fragment", (template_name, translation.get_language(), token, slot, *key))
    html = _cache().get(full_key)
    if html is None:
        values = context()
        if csrf_for is not None:
            values = {**values, "csrf_token": CSRF_PLACEHOLDER}
        html = render_to_string(template_name, values)
        _cache().set(full_key, html, ttl if ttl is not None else settings.WIR_PAGE_CACHE_TTL)
    if csrf_for is not None:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token_for(csrf_for))
    return SafeString(html)


def render_filtered_list(
    request: HttpRequest,
    template_name: str,
    *,
    form,
    results: Callable[[], dict],
    key: Iterable[object],
    depends_on: Iterable[str] = (),
    token: str | None = None,
    context: dict | None = None,
) -> HttpResponse:
    """A list page with a GET filter form (`{{ form_html }}`) and a `results` partial
    (`{{ results_html }}`; htmx requests get only that), both cached fragments under the same key.
    `form` should be lazy: on a hit neither the form's choices nor the rows are queried.
    `token`: `versions(*depends_on)` when the view already read it for another fragment."""
    from django.shortcuts import render

    key = tuple(key)
    if token is None:
        token = versions(*depends_on)
    results_html = cached_fragment(f"{template_name}#results", results, key=key, token=token)
    if getattr(request, "htmx", False):
        return HttpResponse(results_html)
    form_html = cached_fragment(
        "components/form.html", lambda: {"form": form}, key=key, token=token
    )
    page = {"form_html": form_html, "results_html": results_html, **(context or {})}
    return render(request, template_name, page)


# --- whole public pages -------------------------------------------------------------------------


def _personal(request: HttpRequest) -> bool:
    """Requests that may see something personal (a session, a flash message) are not cached."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # set by get_token() (the page used the CSRF token), even for a visitor who already has
        # the cookie; the middleware sets the cookie only after this view returns
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (nonce is not None and bool(nonce))  # a page that used the per-response nonce
        and not response.has_header("Vary")
    )


def public_page(*depends_on: str, ttl: int | None = None):
    """Cache the whole response of a public GET view for visitors without session or messages.

    The key is the full path, the language and the versions of `depends_on`. Responses that set a
    cookie, used the CSRF token or the CSP nonce are never stored.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method not in {"GET", "HEAD"} or _personal(request):
                return view(request, *args, **kwargs)
            key = _key(
                "page",
                (
                    request.get_full_path(),
                    request.headers.get("HX-Request", ""),  # htmx gets the partial only
                    translation.get_language(),
                    versions(*depends_on),
                ),
            )
            hit = _cache().get(key)
            if hit is not None:
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _cacheable(request, response):
                _cache().set(
                    key,
                    (response.content, response["Content-Type"]),
                    ttl if ttl is not None else settings.WIR_PAGE_CACHE_TTL,
                )
            return response

        return wrapped

    return decorator
