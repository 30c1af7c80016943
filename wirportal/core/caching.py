"""Versioned caching of rendered pages and page fragments.

The approach is pretix's namespaced cache (`pretix/base/cache.py`): an entry is valid only
under the *tokens* of the content it shows, so a change is visible on the very next request and
nothing has to be deleted. The entry keeps the tokens it was rendered under beside its content
(pretix puts them into the key): with Redis the tokens and the entries share one database and
prefix, so one MGET reads a page's tokens and its entry (`_lookup`), a round trip less on every
cached page (`make bench-pg`, issue #13).

- A **content token** is a random value under a name: a kind of content ("offices",
  "programmes", "budget") or one object ("event:17", "application:42"). Per-object names keep a
  write from invalidating pages about other objects: a registration for one event renews
  "event:<pk>" (its page, its registrations) and "event-places" (the list's free places), not
  the pages of every other event. The tokens live in the `versions` cache (Redis, with
  REDIS_URL) or, in the embedded default, in the `ContentVersion` table. `versions(*names)`
  reads the tokens of a page at once (one Redis MGET, or one query).
- A model takes part by declaring `content_versions`: a tuple of names, or a method returning the
  names for one instance (e.g. a draft application renews "drafts", not "applications"). Every
  save and delete of such a model (and m2m changes) calls `bump()` through the signals wired in
  `CoreConfig.ready()` for exactly these models (the others keep Django's fast deletes): this is
  cache bookkeeping, not business logic, and it catches every write path (services, admin,
  factories). `QuerySet.update()` and `bulk_create()` send no signals: services that use them
  call `bump()` themselves.
- `bump()` gives the names new random tokens. Inside a transaction the new tokens are first
  visible only to the writing thread (it sees its own uncommitted data) and are written to the
  shared cache once the transaction commits, so no other reader can store pre-commit data under a
  new token and writers never queue behind a token. On the embedded default (SQLite, tokens in a
  table of the same database) they are written inside the transaction instead: atomic with the
  data, and SQLite has one writer anyway. Tokens are random values written with one `set`
  rather than `incr` counters: one round trip for any number of names, no lost update in any
  store, and a Redis token that is missing (never written, or evicted) is created at once with
  a new random value, so an evicted name can never bring back entries under an older token.
- Entries also expire after a TTL, which bounds staleness if a write path ever misses a bump.
- **Replica reads** (core.routers): a token begins with the time it was given (seconds, 8 hex
  digits). An entry filled from a lagging replica under a token newer than the replica's data
  would keep the old content under the new token, so a fill whose tokens changed within
  `WIR_REPLICA_PIN_SECONDS` (the replica lag we accept) reads the primary (`fill_reads`); older
  content is on the replica, and an opted-in page fills from there.
- Cached HTML shared between people is always rendered **without the request**: no CSRF token,
  no user, no nonce can end up in such an entry (a personal page's entry is one person's own).
  What depends on the person (navigation, buttons their permissions allow) is rendered live
  around the fragment; the scope of the data (all, one unit, one organisation) is part of the key.
- **Personal pages** (`personal_page`): a signed-in person's detail pages are kept whole for
  that person; the person's CSRF token and a form's one-time token are slots in the entry, filled
  per response. The tokens a page reads while it is rendered (its fragments) are recorded and
  kept in the entry, so a page need only name what it reads outside its fragments.
- **Verify mode** (`WIR_CACHE_VERIFY`): every hit is rendered again and compared; a difference
  raises `StaleCacheEntry`. The test suite runs once this way with the page cache on
  (`WIR_TEST_PAGE_CACHE=1`); it costs the whole rendering, so production never sets it.

Entries live in the `pages` cache: Redis with `REDIS_URL` (shared by every worker and server),
otherwise per process (`LocMemCache`: each entry carries its tokens, so processes need not
share entries). Tests switch it off (`DummyCache`) except where a test is about caching.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from .csrf import csrf_token_for, used_csrf_token
from .prepared import PreparedQuery
from .routers import primary_only, replica_configured

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
VERSIONS_ALIAS = "versions"
# Stands in for the CSRF token in shared fragments, where `{% csrf_token %}` (or `{{ csrf_token }}`,
# unfiltered) puts it, and nowhere else: it starts with "<", which autoescaping always turns into
# "&lt;", so text a person entered can never produce it; and its random part keeps it out of reach
# of HTML that is marked safe. Safe itself, so that the tag renders it unescaped. Fixed per
# deployment (derived from SECRET_KEY), so that every server can fill in entries of the others.
CSRF_PLACEHOLDER = SafeString(
    "<wir-csrf-token "
    + hashlib.blake2b(settings.SECRET_KEY.encode(), digest_size=16, person=b"wir-csrf").hexdigest()
    + ">"
)
_local = threading.local()


class StaleCacheEntry(AssertionError):
    """Verify mode: a cache hit differs from what rendering it now gives."""


def _cache():
    return caches[CACHE_ALIAS]


def _verify() -> bool:
    return getattr(settings, "WIR_CACHE_VERIFY", False)


# --- versions -----------------------------------------------------------------------------------


def _shared_cache():
    """The `versions` cache (Redis) when configured, else None: the ContentVersion table."""
    return caches[VERSIONS_ALIAS] if VERSIONS_ALIAS in settings.CACHES else None


def _key_of(name: str) -> str:
    return f"v:{name}"


def _new_token() -> str:
    """Random (never an earlier value), led by the time it was given: seconds, 8 hex digits."""
    return f"{int(time.time()):08x}{secrets.token_hex(6)}"


def changed_within(token: str, seconds: float) -> bool:
    """Whether a token of `versions()` (names joined by ".") was given less than `seconds` ago.
    "0" (never bumped, embedded default) is old; an unreadable token counts as new."""
    now = time.time()
    for part in token.split("."):
        try:
            given = int(part[:8], 16)
        except ValueError:
            return True
        if now - given < seconds:
            return True
    return False


def fill_reads(token: str) -> AbstractContextManager[None]:
    """Where the reads that fill an entry under `token` go: the primary while the content changed
    within WIR_REPLICA_PIN_SECONDS (a replica may not have it yet), else wherever the view reads
    (the replica, if it opted in with `replica_reads`)."""
    if replica_configured() and changed_within(token, settings.WIR_REPLICA_PIN_SECONDS):
        return primary_only()
    return nullcontext()


def _overlay() -> dict[str, str]:
    """Tokens bumped by this thread's open transaction, not yet written to the shared store.
    Outside a transaction there is nothing uncommitted to see: whatever is left (a rolled-back
    transaction's names) is dropped."""
    overlay: dict[str, str] = _local.__dict__.setdefault("overlay", {})
    if overlay and not transaction.get_connection().in_atomic_block:
        overlay.clear()
    return overlay


def reset() -> None:
    """Forget this thread's pending names and uncommitted tokens (tests: a new test, a new start)."""
    _local.__dict__.pop("overlay", None)
    _local.__dict__.pop("pending", None)


@functools.cache
def _table_read(count: int) -> PreparedQuery:
    """The embedded default's token read for `count` names: asked by every cached page, so a
    prepared query (one per number of names), as `make bench` showed (ADR 0013)."""
    from .models import ContentVersion

    params = [f"name{index}" for index in range(count)]
    return PreparedQuery(
        lambda **names: ContentVersion.objects.filter(
            name__in=[names[param] for param in params]
        ).values_list("name", "token"),
        **dict.fromkeys(params, str),
    )


def _read(unique: list[str], found: dict | None = None) -> dict[str, str]:
    """The tokens of `unique` (sorted names); `found`: what a combined read (`_lookup`) already
    fetched from the shared store."""
    cache = _shared_cache()
    if cache is None:
        # a name never bumped has no row: "0" (rows are never evicted)
        query = _table_read(len(unique))
        rows = dict(query.fetch(**{f"name{index}": name for index, name in enumerate(unique)}))
        return {name: rows.get(name, "0") for name in unique}
    if found is None:
        found = cache.get_many([_key_of(name) for name in unique])
    tokens: dict[str, str] = {}
    for name in unique:
        token = found.get(_key_of(name))
        if token is None:  # never written, or evicted: a new value, never an earlier one
            token = _new_token()
            if not cache.add(_key_of(name), token, timeout=None):
                token = cache.get(_key_of(name)) or token  # another request was first
        tokens[name] = token
    return tokens


def _tokens(names: Iterable[str], found: dict | None = None) -> dict[str, str]:
    """name → current token, in one read; what this thread's transaction bumped included."""
    overlay = _overlay()
    tokens = _read(sorted(set(names)), found)  # always all names: a constant cost
    tokens.update((name, token) for name, token in overlay.items() if name in tokens)
    for reads in _local.__dict__.get("reads", ()):  # a personal page being rendered
        reads.update(tokens)
    return tokens


def _joined(names: tuple[str, ...], found: dict | None = None) -> str:
    tokens = _tokens(names, found)
    return ".".join(tokens[name] for name in names)


def versions(*names: str) -> str:
    """The current tokens of `names`, joined: one read (one Redis MGET or one query)."""
    return _joined(names) if names else ""


def _one_store() -> bool:
    """Whether the tokens and the entries live in one store: production with Redis, where the
    `versions` and `pages` aliases name the same database and key prefix (config.settings.base),
    so that one MGET reads a page's tokens and its entry."""
    configured = settings.CACHES
    return VERSIONS_ALIAS in configured and configured[VERSIONS_ALIAS] == configured[CACHE_ALIAS]


def _lookup(names: Iterable[str], keys: list[str]) -> tuple[str, list]:
    """`versions(*names)` and the payloads of the entries under `keys` that were stored with
    exactly these tokens (None for a miss, or an entry of earlier tokens): one Redis MGET for
    all of it where the tokens and entries share a store (each round trip costs a signed-in
    page, `make bench-pg`, issue #13), else the tokens' read and one read of the entries."""
    token, payloads, _ = _lookup_with(names, keys)
    return token, payloads


def _lookup_with(
    names: Iterable[str], keys: list[str], more: tuple[str, ...] = ()
) -> tuple[str, list, str]:
    """`_lookup`, and `versions(*more)` in the same read."""
    names = tuple(names)
    every = {*names, *more}
    if every and _one_store():
        token_keys = [_key_of(name) for name in sorted(every)]
        found = _cache().get_many(token_keys + keys)
        tokens = _tokens(every, {key: found[key] for key in token_keys if key in found})
    else:
        tokens = _tokens(every) if every else {}
        found = _cache().get_many(keys)
    token = ".".join(tokens[name] for name in names)
    more_token = ".".join(tokens[name] for name in more)
    return token, [_payload(found.get(key), token) for key in keys], more_token


def _payload(entry, token: str):
    """An entry is (token, payload): its payload if it was stored under `token`, else None."""
    if entry is None or entry[0] != token:
        return None
    return entry[1]


def _written_in_transaction(connection) -> bool:
    """Tokens in the table of the same SQLite database: written with the data, atomically
    (SQLite has one writer anyway)."""
    return _shared_cache() is None and connection.vendor == "sqlite"


def bump(*names: str) -> None:
    """Give `names` new tokens: for everyone once the current transaction commits (at once
    outside one), for the writing thread at once."""
    if not names:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block or _written_in_transaction(connection):
        _write(names)
        return
    overlay = _overlay()
    overlay.update((name, _new_token()) for name in names)
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
    overlay: dict[str, str] = _local.__dict__.get("overlay", {})
    for name in names:
        overlay.pop(name, None)
    try:
        _write(names)
    except (DatabaseError, OSError):  # the data itself committed; the TTL bounds the staleness
        logger.exception("could not bump content versions %s", names)


def _write(names: Iterable[str]) -> None:
    """A new token per name, in one write (one Redis pipeline, or one upsert)."""
    unique = sorted(set(names))
    cache = _shared_cache()
    if cache is None:
        _upsert_tokens(unique)
    else:
        cache.set_many({_key_of(name): _new_token() for name in unique}, timeout=None)


def _upsert_tokens(names: list[str]) -> None:
    """One `INSERT … ON CONFLICT DO UPDATE` (SQLite 3.24+, PostgreSQL) of the table's two
    columns, written as SQL: every write of the embedded default runs it, and building it through
    `bulk_create(update_conflicts=True)` cost more than the rest of a draft autosave's write
    (`bench/inprocess.py draft-autosave --sort cumulative`: 0.9 of 7.4 ms per flow)."""
    from .models import ContentVersion

    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    table, name, token = (
        quote(ContentVersion._meta.db_table),
        quote("name"),
        quote("token"),
    )
    rows = ", ".join(["(%s, %s)"] * len(names))
    # only quoted identifiers and placeholders are formatted in; the values are parameters
    statement = (
        f"INSERT INTO {table} ({name}, {token}) VALUES {rows} "  # noqa: S608
        f"ON CONFLICT ({name}) DO UPDATE SET {token} = excluded.{token}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [value for key in names for value in (key, _new_token())])


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
    """The key of an entry: its kind and a digest of what it depends on besides the content
    tokens (those are stored in the entry, `_lookup`) and of the release (config.release: a
    deployment never serves the HTML of the code before it; the tokens are shared by both)."""
    raw = "\x1f".join(str(part) for part in (getattr(settings, "WIR_RELEASE", ""), *parts))
    return f"{kind}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


@dataclass(frozen=True)
class Fragment:
    """One cached fragment of a page (`cached_fragment` says what each part means)."""

    template_name: str
    context: Callable[[], dict]
    key: tuple = ()
    csrf_for: HttpRequest | None = None
    ttl: int | None = None

    @property
    def cache_key(self) -> str:
        slot = CSRF_PLACEHOLDER if self.csrf_for is not None else ""  # entries of this process only
        return _key("fragment", (self.template_name, translation.get_language(), slot, *self.key))

    def html(self, token: str, entry: str | None) -> SafeString:
        """From `entry` (what was stored under `token`), else rendered and stored."""
        csrf_for = self.csrf_for

        def render() -> str:
            values = self.context()
            if csrf_for is not None:
                values = {**values, "csrf_token": CSRF_PLACEHOLDER}
            return render_to_string(self.template_name, values)

        html = entry
        if html is None:
            with fill_reads(token):
                html = render()
            ttl = self.ttl if self.ttl is not None else settings.WIR_PAGE_CACHE_TTL
            _cache().set(self.cache_key, (token, html), ttl)
        elif _verify() and (fresh := render()) != html:
            what = f"fragment {self.template_name} {self.key!r}"
            raise StaleCacheEntry(_difference(what, html, fresh))
        if csrf_for is not None:
            html = html.replace(CSRF_PLACEHOLDER, csrf_token_for(csrf_for))
        return SafeString(html)


def _read_fragments(
    fragments: Iterable[Fragment], depends_on: Iterable[str], token: str | None
) -> tuple[str, list]:
    """The token and the entries of `fragments`: with Redis one read (`_lookup`)."""
    keys = [fragment.cache_key for fragment in fragments]
    if token is None:
        return _lookup(depends_on, keys)
    entries = _cache().get_many(keys)
    return token, [_payload(entries.get(key), token) for key in keys]


def cached_fragments(
    *fragments: Fragment, depends_on: Iterable[str] = (), token: str | None = None
) -> list[SafeString]:
    """Several fragments of one page under the same content versions: the tokens and every
    entry in one read."""
    token, found = _read_fragments(fragments, depends_on, token)
    return [fragment.html(token, entry) for fragment, entry in zip(fragments, found, strict=True)]


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
    `token` is `versions(*depends_on)` when the caller already read it for something else (several
    fragments of a page under the same names: `cached_fragments`, one read).
    Fragments with POST forms pass `csrf_for=request`: `{% csrf_token %}` renders
    `CSRF_PLACEHOLDER` into the shared entry, replaced by this person's token on the way out.
    """
    fragment = Fragment(template_name, context, tuple(key), csrf_for, ttl)
    (html,) = cached_fragments(fragment, depends_on=depends_on, token=token)
    return html


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
    (`{{ results_html }}`; htmx requests get only that), both cached fragments under the same key,
    read with the tokens in one go. `form` should be lazy: on a hit neither the form's choices nor
    the rows are queried. `token`: `versions(*depends_on)` when the view already read it for
    another fragment."""
    from django.shortcuts import render

    key = tuple(key)
    listed = Fragment(f"{template_name}#results", results, key)
    filters = Fragment("components/form.html", lambda: {"form": form}, key)
    token, (listed_entry, filters_entry) = _read_fragments([listed, filters], depends_on, token)
    results_html = listed.html(token, listed_entry)
    if getattr(request, "htmx", False):
        return HttpResponse(results_html)
    page = {
        "form_html": filters.html(token, filters_entry),
        "results_html": results_html,
        **(context or {}),
    }
    return render(request, template_name, page)


# --- whole public pages -------------------------------------------------------------------------


def _personal(request: HttpRequest) -> bool:
    """Requests that may see something personal (a session, a flash message) are not cached."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _plain(request: HttpRequest, response: HttpResponse) -> bool:
    """A complete 200 response that set no cookie and did not use the per-response nonce."""
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (nonce is not None and bool(nonce))
    )


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        _plain(request, response)
        # set by get_token() (the page used the CSRF token), even for a visitor who already has
        # the cookie; the middleware sets the cookie only after this view returns
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.has_header("Vary")
    )


def _difference(what: str, cached: str | bytes, fresh: str | bytes) -> str:
    cached_text = cached.decode() if isinstance(cached, bytes) else cached
    fresh_text = fresh.decode() if isinstance(fresh, bytes) else fresh
    at = next(
        (i for i, (a, b) in enumerate(zip(cached_text, fresh_text, strict=False)) if a != b),
        min(len(cached_text), len(fresh_text)),
    )
    return (
        f"stale cache entry: {what} differs from a fresh rendering at character {at}: "
        f"cached {cached_text[max(0, at - 60) : at + 60]!r}, fresh {fresh_text[max(0, at - 60) : at + 60]!r}"
    )


def _rendered(response):
    """A TemplateResponse rendered now (its content is what the cache keeps)."""
    if hasattr(response, "render") and callable(response.render):
        return response.render()
    return response


def public_page(*depends_on: str | Callable[..., Iterable[str]], ttl: int | None = None):
    """Cache the whole response of a public GET view for visitors without session or messages.

    The key is the full path and the language; the entry holds the tokens of `depends_on` it
    was stored under (read with it in one go, `_lookup`): names, or callables
    that get the view's keyword arguments and return names of the one object the page shows
    (`lambda slug: [f"event:{pk_of(slug)}"]`). Responses that set a cookie, used the CSRF token
    or the CSP nonce are never stored.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method not in {"GET", "HEAD"} or _personal(request):
                return view(request, *args, **kwargs)
            names: list[str] = []
            for item in depends_on:
                names.extend(item(**kwargs) if callable(item) else (item,))
            key = _key(
                "page",
                (
                    request.get_full_path(),
                    request.headers.get("HX-Request", ""),  # htmx gets the partial only
                    translation.get_language(),
                ),
            )
            token, (hit,) = _lookup(names, [key])
            if hit is not None and not _verify():
                content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            with fill_reads(token):
                response = _rendered(view(request, *args, **kwargs))
            if hit is not None:
                if response.content != hit[0]:
                    raise StaleCacheEntry(_difference(f"page {key}", hit[0], response.content))
                return HttpResponse(hit[0], content_type=hit[1])
            if _cacheable(request, response):
                _cache().set(
                    key,
                    (token, (response.content, response["Content-Type"])),
                    ttl if ttl is not None else settings.WIR_PAGE_CACHE_TTL,
                )
            return response

        return wrapped

    return decorator


# --- whole pages of a signed-in person ----------------------------------------------------------


def person_version(user_id: object) -> str:
    """The content version of what decides what one person may see and do: their own row and
    permissions (`accounts.cache.flush_user`) and their memberships (`offices.Membership`)."""
    return f"person:{user_id}"


@contextmanager
def _recording_reads() -> Iterator[dict[str, str]]:
    """Every token read inside (`_joined`: fragments, lists, lookups) as name → token."""
    stack: list[dict[str, str]] = _local.__dict__.setdefault("reads", [])
    reads: dict[str, str] = {}
    stack.append(reads)
    try:
        yield reads
    finally:
        stack.remove(reads)


#: Stands for a form's one-time token (an idempotency key) in a cached page; `personal_page`
#: puts a new UUID in its place in every response. A UUID (a form's initial value must be one),
#: fixed per deployment like CSRF_PLACEHOLDER, so that every server fills in the others' entries.
ONE_TIME_SLOT = uuid.UUID(
    bytes=hashlib.blake2b(settings.SECRET_KEY.encode(), digest_size=16, person=b"wir-once").digest()
)


def fill_one_time_slots(content: bytes) -> bytes:
    """A new UUID for every one-time slot of `content`."""
    slot = str(ONE_TIME_SLOT).encode()
    if slot not in content:
        return content
    parts = content.split(slot)
    filled = [parts[0]]
    for part in parts[1:]:
        filled += [str(uuid.uuid4()).encode(), part]
    return b"".join(filled)


def _message_waiting(request: HttpRequest) -> bool:
    """A flash message waits (Django's FallbackStorage: the cookie, else the session)."""
    return "messages" in request.COOKIES or "_messages" in request.session


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A plain 200 page that set no header besides its type and did not touch the session."""
    return (
        _plain(request, response)
        and {name.lower() for name in response.headers} <= {"content-type"}
        and not request.session.modified
    )


def personal_page(*depends_on: str | Callable[..., Iterable[str]]):
    """Cache the whole response of a signed-in person's GET page, for that person.

    For detail pages a person opens again and again (the case worker's application, review,
    decision summary; the recipient's call-down): a hit costs one cache read besides the session
    and the person (no query, no rendering, no permission check), where the cached fragments
    still cost the page's permission checks, queries and the rendering around them (issue #13).

    - The key: the person (pk, role, superuser flag), the full path, the htmx flag, the language
      and today's date (what the rules and the page derive from the date changes with it).
    - The tokens: `depends_on` (names, or callables of the view's keyword arguments) for what the
      view reads *outside* its cached fragments (the object it checks permissions on), the
      person's `person_version` (their row, permissions and memberships), and every token read
      while the page was rendered (its fragments' names: recorded, kept in the entry and read
      again on a hit; a second read only where a page has such names beyond `depends_on`).
    - The person's CSRF token becomes `CSRF_PLACEHOLDER` in the entry and `ONE_TIME_SLOT` stays
      a slot; both are filled per response.
    - Not cached: other methods, anonymous visitors (`public_page`), a waiting flash message,
      responses other than a plain 200 (a header, a cookie, a changed session, the CSP nonce).
    - Verify mode (`WIR_CACHE_VERIFY`): every hit is rendered fresh and compared.

    The view must leave `ONE_TIME_SLOT` in its HTML: this decorator fills it on every response,
    cached or not.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            user = request.user
            if (
                request.method not in {"GET", "HEAD"}
                or not user.is_authenticated
                or _message_waiting(request)
            ):
                return _filled(view(request, *args, **kwargs))
            names = [person_version(user.pk)]
            for item in depends_on:
                names.extend(item(**kwargs) if callable(item) else (item,))
            key = _key(
                "person-page",
                (
                    user.pk,
                    getattr(user, "role", ""),
                    user.is_superuser,
                    request.get_full_path(),
                    request.headers.get("HX-Request", ""),
                    translation.get_language(),
                    timezone.localdate().isoformat(),
                ),
            )
            learned = _LEARNED.get(request.path, ())
            token, (hit,), learned_token = _lookup_with(names, [key], learned)
            if hit is not None:
                extra_names, extra_token, content, content_type = hit
                if extra_names == learned:
                    current = learned_token
                else:  # stored by another process, or with other names: learn them
                    current = versions(*extra_names)
                    _learn(request.path, extra_names)
                if current != extra_token:
                    hit = None
                elif not _verify():
                    return _filled(_response(request, content, content_type))
            with _recording_reads() as reads, fill_reads(token):
                response = _rendered(view(request, *args, **kwargs))
            if response.status_code != 200 or response.streaming:
                return _filled(response)
            content = _with_placeholder(request, response.content)
            if hit is not None:  # verify mode
                if content != hit[2]:
                    raise StaleCacheEntry(_difference(f"page {request.path}", hit[2], content))
            elif _storable(request, response):
                extra = tuple(sorted(set(reads) - set(names)))
                entry = (extra, ".".join(reads[name] for name in extra), content)
                _learn(request.path, extra)
                _cache().set(
                    key, (token, (*entry, response["Content-Type"])), settings.WIR_PAGE_CACHE_TTL
                )
            return _filled(response)

        return wrapped

    return decorator


#: path → the names beyond `depends_on` its entries were last stored with: read in the same
#: round trip as the entry (a hint; an entry stored with other names costs a second read)
_LEARNED: dict[str, tuple[str, ...]] = {}


def _learn(path: str, names: tuple[str, ...]) -> None:
    if len(_LEARNED) >= 10_000:  # bounded: one process, however many pages
        _LEARNED.clear()
    _LEARNED[path] = names


def _with_placeholder(request: HttpRequest, content: bytes) -> bytes:
    token = used_csrf_token(request)
    if not token:
        return content
    return content.replace(token.encode(), CSRF_PLACEHOLDER.encode())


def _response(request: HttpRequest, content: bytes, content_type: str) -> HttpResponse:
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in content:
        content = content.replace(placeholder, csrf_token_for(request).encode())
    return HttpResponse(content, content_type=content_type)


def _filled(response):
    if (
        getattr(response, "status_code", None) == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
    ):
        response.content = fill_one_time_slots(response.content)
    return response
